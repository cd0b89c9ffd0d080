// Validates a dataset directory or bundle as `concord import` would, and prints today's counts per tier.
import { readRegistry, DatasetError } from "../src/server/registry/dataset-files.js";
import { countByTier, timelineOf } from "../src/domain/membership.js";

const path = process.argv[2] ?? "datasets/sco";
try {
  const registry = await readRegistry(path);
  const today = new Date().toISOString().slice(0, 10);
  console.log(`${path}: valid.`);
  for (const day of [today, "2016-01-01", "2001-06-15"]) console.log(day, JSON.stringify(countByTier(timelineOf(registry), day)));
} catch (error) {
  if (error instanceof DatasetError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
