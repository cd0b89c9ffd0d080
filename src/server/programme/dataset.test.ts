import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DATASET } from "../config.js";
import { readRegistry } from "../registry/dataset-files.js";
import { readDatasetProgramme } from "./dataset.js";

const registry = await readRegistry(DEFAULT_DATASET);

describe("a dataset's programme", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "concord-programme-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("holds only sourced events of China's 2024–2025 term in the SCO dataset, at the precision the sources give", async () => {
    const events = await readDatasetProgramme(DEFAULT_DATASET, registry);
    expect(events.map((e) => [e.id, e.term, e.startDate, e.endDate, e.city?.en ?? null, e.track, e.kind, e.status, e.meetingId, e.source])).toEqual([
      ["chair-2025-friendship-trees", "chair-2025", "2025-04", null, "Beijing", "people", "exchange", "held", null, "seed"],
      ["chair-2025-cmfa-2025-07", "chair-2025", "2025-07", null, null, "institutional", "ministerial", "held", "CMFA-2025-07", "seed"],
      ["chair-2025-tianjin-summit", "chair-2025", "2025-08-31", "2025-09-01", "Tianjin", "institutional", "summit", "held", "CHS-2025", "summit-2025"],
    ]);
    for (const event of events) expect(Object.keys(event.title).sort()).toEqual(["en", "ru", "zh"]);
  });

  it("is optional: a dataset without programme.json has no events", async () => {
    expect(await readDatasetProgramme(folder, registry)).toEqual([]);
  });

  it("refuses an event of an unknown term, with an unknown source, or ending before it starts, naming it", async () => {
    const event = { id: "x", term: "chair-2025", title: { en: "X" }, startDate: "2025-05", track: "people", kind: "forum", status: "held", source: "seed" };
    await writeFile(join(folder, "programme.json"), JSON.stringify([{ ...event, term: "chair-1990" }, { ...event, id: "y", source: "nowhere" }, { ...event, id: "z", endDate: "2025-04" }]));
    await expect(readDatasetProgramme(folder, registry)).rejects.toThrow('programme.json: x: unknown chairmanship term "chair-1990"; y: unknown source "nowhere"; z: ends before it starts');
    await writeFile(join(folder, "programme.json"), JSON.stringify([{ ...event, track: "defence" }]));
    await expect(readDatasetProgramme(folder, registry)).rejects.toThrow(/programme.json: 0.track/);
  });
});
