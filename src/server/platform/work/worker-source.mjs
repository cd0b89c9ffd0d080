// The work pool's thread entry when Concord runs from its TypeScript sources (tests, `npm run dev`): teaches the thread
// TypeScript (tsx, a development dependency), then loads worker.ts. The built server uses dist/server/work/worker.js.
import { register } from "tsx/esm/api";

register();
const { default: runJob } = await import("./worker.ts");
export default runJob;
