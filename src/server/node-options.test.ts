import { describe, expect, it } from "vitest";
import { missingNodeOptions, SERVER_NODE_OPTIONS } from "./node-options.js";

describe("the Node.js options of concord start", () => {
  it("names what a process was started without", () => {
    expect(SERVER_NODE_OPTIONS).toContain("--single-threaded-gc");
    expect(missingNodeOptions([])).toEqual(["--single-threaded-gc"]);
    expect(missingNodeOptions(["--enable-source-maps", "--single-threaded-gc"])).toEqual([]);
  });
});
