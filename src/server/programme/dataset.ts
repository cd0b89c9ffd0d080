// The programme events a dataset carries (`programme.json`, optional): each of a recorded chairmanship term, with a source
// of the registry; checked with the dataset's registry and written with it on a first start.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { localizedText, partialDate } from "../../contracts/registry-records.js";
import { isCertainlyBefore } from "../../domain/partial-date.js";
import { EVENT_KINDS, EVENT_STATUSES, MEETING_ID, TRACKS, type ProgrammeEvent } from "../../domain/programme/event.js";
import type { Registry } from "../../domain/registry.js";
import { eq } from "drizzle-orm";
import type { CommandScope } from "../platform/commands/runner.js";
import { DATASET_ORIGIN, loadDatasetEvents } from "./commands.js";
import { programmeEvents } from "./tables.js";

export const PROGRAMME_FILE = "programme.json";

export const DatasetProgrammeEventSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, '_' or '-'"),
  term: z.string().min(1),
  title: localizedText,
  startDate: partialDate,
  endDate: partialDate.optional(),
  city: localizedText.optional(),
  track: z.enum(TRACKS),
  kind: z.enum(EVENT_KINDS),
  organizer: localizedText.optional(),
  status: z.enum(EVENT_STATUSES),
  meetingId: z.string().regex(MEETING_ID, "a meeting's identifier").optional(),
  source: z.string().min(1),
  isDemo: z.boolean().optional(),
});
export type DatasetProgrammeEvent = z.infer<typeof DatasetProgrammeEventSchema>;

/** The events of `programme.json` in the dataset's folder, checked against its registry; none when the file is absent. */
export async function readDatasetProgramme(datasetPath: string, registry: Registry): Promise<Omit<ProgrammeEvent, "origin">[]> {
  let content: string;
  try {
    content = await readFile(join(datasetPath, PROGRAMME_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const parsed = z.array(DatasetProgrammeEventSchema).safeParse(JSON.parse(content));
  if (!parsed.success) throw new Error(`${PROGRAMME_FILE}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const terms = new Set(registry.chairmanship.map((t) => t.id));
  const sources = new Set(registry.sources.map((s) => s.key));
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const event of parsed.data) {
    if (ids.has(event.id)) problems.push(`${event.id}: the id is used twice`);
    ids.add(event.id);
    if (!terms.has(event.term)) problems.push(`${event.id}: unknown chairmanship term "${event.term}"`);
    if (!sources.has(event.source)) problems.push(`${event.id}: unknown source "${event.source}"`);
    if (event.endDate !== undefined && isCertainlyBefore(event.endDate, event.startDate)) problems.push(`${event.id}: ends before it starts`);
  }
  if (problems.length > 0) throw new Error(`${PROGRAMME_FILE}: ${problems.join("; ")}`);
  return parsed.data.map((event) => ({
    id: event.id,
    term: event.term,
    title: event.title,
    startDate: event.startDate,
    endDate: event.endDate ?? null,
    city: event.city ?? null,
    track: event.track,
    kind: event.kind,
    organizer: event.organizer ?? null,
    status: event.status,
    meetingId: event.meetingId ?? null,
    source: event.source,
    isDemo: event.isDemo ?? false,
  }));
}

/** Makes the dataset's programme events those given (imported programmes stay), inside a registry import's transaction. */
export async function replaceDatasetProgramme(c: CommandScope, events: readonly Omit<ProgrammeEvent, "origin">[]): Promise<void> {
  await c.tx.delete(programmeEvents).where(eq(programmeEvents.origin, DATASET_ORIGIN));
  await loadDatasetEvents.run(c, events, undefined);
}
