// Every kind of bad dataset is refused with a message naming the file, the record and the field.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_DATASET } from "../config.js";
import { DatasetError, readRegistry, toBundle } from "./dataset-files.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A copy of the SCO dataset with one file changed. */
async function datasetWith(file: string, change: (records: any) => unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "concord-dataset-"));
  dirs.push(dir);
  await cp(DEFAULT_DATASET, dir, { recursive: true });
  const records = JSON.parse(await readFile(join(dir, file), "utf8"));
  await writeFile(join(dir, file), JSON.stringify(change(records) ?? records));
  return dir;
}

async function problemsOf(path: string) {
  try {
    await readRegistry(path);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return (error as DatasetError).problems;
  }
  throw new Error("the dataset was accepted");
}

describe("reading a dataset", () => {
  it("accepts the SCO dataset", async () => {
    const registry = await readRegistry(DEFAULT_DATASET);
    expect(registry.organization.code).toBe("SCO");
    expect(registry.states).toHaveLength(27);
  });

  it("names an unknown state code", async () => {
    const dir = await datasetWith("membership.json", (rows) => {
      rows[0].state = "XX";
    });
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: "membership.json", record: '"CN-2001-member" (#1)', field: "state", message: 'unknown state code "XX"' }));
  });

  it("names a status change dated before the state joined", async () => {
    const dir = await datasetWith("membership.json", (rows) => {
      const change = rows.find((r: any) => r.state === "IN" && r.kind === "changed");
      change.date = "2004-01-01";
    });
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual({
      file: "membership.json",
      record: expect.stringMatching(/^"IN-2017-member" \(#\d+\)$/),
      field: "date",
      message: "status change on 2004-01-01 before the state joined",
    });
  });

  it("names overlapping chairmanship terms", async () => {
    const dir = await datasetWith("chairmanship.json", (rows) => {
      const kz = rows.find((r: any) => r.id === "chair-2024");
      kz.end = "2025-03-01";
    });
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: "chairmanship.json", record: expect.stringMatching(/^"chair-2025" \(#\d+\)$/), field: "start" }));
    expect(problems.find((p) => p.record.startsWith('"chair-2025"'))?.message).toContain("overlaps");
  });

  it("names a missing translation", async () => {
    const dir = await datasetWith("states.json", (rows) => {
      delete rows.find((r: any) => r.code === "KZ").names.ru;
    });
    const problems = await problemsOf(dir);
    expect(problems).toEqual([expect.objectContaining({ file: "states.json", record: expect.stringContaining('"KZ"'), field: "names.ru" })]);
  });

  it("names an empty translation", async () => {
    const dir = await datasetWith("bodies.json", (rows) => {
      rows[0].names.zh = "  ";
    });
    const problems = await problemsOf(dir);
    expect(problems).toEqual([expect.objectContaining({ file: "bodies.json", field: "names.zh", message: "required" })]);
  });

  it.each(["15.06.2001", "2001-6-15", "2001-02-30", "June 2001"])("names a date in the wrong format: %s", async (bad) => {
    const dir = await datasetWith("summits.json", (rows) => {
      rows[1].start = bad;
    });
    const problems = await problemsOf(dir);
    expect(problems).toEqual([expect.objectContaining({ file: "summits.json", record: '"CHS-2002" (#2)', field: "start" })]);
    expect(problems[0]!.message).toContain("YYYY");
  });

  it("names a file that is not JSON, and a missing file", async () => {
    const dir = await datasetWith("states.json", () => "[");
    await writeFile(join(dir, "states.json"), "[{");
    await rm(join(dir, "rotation.json"));
    const problems = await problemsOf(dir);
    expect(problems[0]).toMatchObject({ file: "states.json", message: expect.stringContaining("not valid JSON") });
  });

  it("names an unknown field, so that a typo is not silently dropped", async () => {
    const dir = await datasetWith("states.json", (rows) => {
      rows[0].nmaes = rows[0].names;
    });
    const problems = await problemsOf(dir);
    expect(problems[0]).toMatchObject({ file: "states.json", record: '"CN" (#1)' });
    expect(problems[0]!.message).toContain("nmaes");
  });

  it("reads back a bundle it wrote, and refuses a bundle of another format", async () => {
    const registry = await readRegistry(DEFAULT_DATASET);
    const dir = await mkdtemp(join(tmpdir(), "concord-bundle-"));
    dirs.push(dir);
    await writeFile(join(dir, "sco.json"), JSON.stringify(toBundle(registry)));
    expect(await readRegistry(join(dir, "sco.json"))).toEqual(registry);
    await writeFile(join(dir, "other.json"), JSON.stringify({ ...toBundle(registry), format: "other" }));
    expect(await problemsOf(join(dir, "other.json"))).toEqual([expect.objectContaining({ file: "other.json", field: "format" })]);
    const broken = toBundle(registry) as any;
    broken.states = broken.states.map((s: any) => (s.code === "MN" ? { ...s, isoNumeric: "49" } : s));
    await writeFile(join(dir, "broken.json"), JSON.stringify(broken));
    expect(await problemsOf(join(dir, "broken.json"))).toEqual([
      expect.objectContaining({ file: "broken.json (states)", record: expect.stringContaining('"MN"'), field: "isoNumeric" }),
    ]);
  });
});
