import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATASET, PACKAGE_ROOT } from "../../config.js";
import { readRegistry } from "../../registry/dataset-files.js";
import { renderPermissionsDoc } from "./permissions-doc.js";
import { allPermissions } from "./policies.js";

describe("docs/permissions.md", () => {
  it("is up to date with the policies (run `npm run docs:permissions`)", async () => {
    const registry = await readRegistry(DEFAULT_DATASET);
    const committed = await readFile(resolve(PACKAGE_ROOT, "docs/permissions.md"), "utf8");
    expect(committed).toBe(renderPermissionsDoc(registry.organization.tiers));
  });

  it("lists every right once", () => {
    const rights = allPermissions().map((p) => p.right);
    expect(new Set(rights).size).toBe(rights.length);
  });
});
