#!/usr/bin/env node
// The `concord` command; the compiled CLI lives in dist/ (`npm run build`).
import { existsSync } from "node:fs";

const cli = new URL("../dist/server/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("concord: not built yet; run `npm run build` (or `npm start`) first.");
  process.exit(1);
}
await import(cli.href);
