// Writes docs/permissions.md from the policies (npm run docs:permissions).
import { writeFile } from "node:fs/promises";
import { renderPermissionsDoc } from "../src/server/platform/access/permissions-doc.js";
import { DEFAULT_DATASET } from "../src/server/config.js";
import { readRegistry } from "../src/server/registry/dataset-files.js";

const registry = await readRegistry(DEFAULT_DATASET);
await writeFile(new URL("../docs/permissions.md", import.meta.url), renderPermissionsDoc(registry.organization.tiers));
console.log("docs/permissions.md written");
