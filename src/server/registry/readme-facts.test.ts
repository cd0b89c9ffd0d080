// README.md states two facts of the built-in dataset — how many states hold a status (one demo head of delegation each) and
// the day the data is current to — and the portal shows the same day from `dataAsOf`: read both from the dataset so that
// README and the dataset cannot drift apart.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { statusesOn, timelineOf } from "../../domain/membership.js";
import { DEFAULT_DATASET, PACKAGE_ROOT } from "../config.js";
import { readRegistry } from "./dataset-files.js";

const registry = await readRegistry(DEFAULT_DATASET);
const readme = (await readFile(resolve(PACKAGE_ROOT, "README.md"), "utf8")).replace(/\s+/g, " ");
const dataAsOf = registry.organization.dataAsOf!;

describe("README and the SCO dataset", () => {
  it("counts the states with a status as the dataset does on the day it is current to", () => {
    const stated = [...readme.matchAll(/each of the (\d+) states with a status/g)].map((match) => Number(match[1]));
    expect(stated).toHaveLength(1);
    expect(stated[0]).toBe(statusesOn(timelineOf(registry), dataAsOf).size);
  });

  it("gives the dataset's `dataAsOf` as the day the data describes, and no other", () => {
    const [year, month, day] = dataAsOf.split("-").map(Number) as [number, number, number];
    const written = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, day)));
    const stated = [...readme.matchAll(/describes the SCO as of (\d{1,2} [A-Za-z]+ \d{4})/g)].map((match) => match[1]);
    expect(stated).toEqual([written]);
  });
});
