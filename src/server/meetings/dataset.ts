// The meetings of the organization's record: its summits (the registry's meetings of the supreme body, known by their
// dates), kept in step with the registry, and the meetings of a dataset's `meetings.json`, at the precision their
// sources give, written with the dataset.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { localizedText, partialDate } from "../../contracts/registry-records.js";
import { MEETING_FORMATS, MEETING_STATUSES } from "../../domain/meetings/meeting.js";
import { isCalendarDay, latestDay, precisionOf } from "../../domain/partial-date.js";
import type { Registry } from "../../domain/registry.js";
import { eq, inArray, sql } from "drizzle-orm";
import { STREAMS } from "../../contracts/live.js";
import { PUBLIC_AUDIENCE } from "../../domain/audience.js";
import { defineCommand, SYSTEM, type CommandScope } from "../platform/commands/runner.js";
import { meetingStream } from "./streams.js";
import { meetings } from "./tables.js";

export const DatasetMeetingSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  body: z.string(),
  number: z.string().optional(),
  title: localizedText,
  startDate: partialDate,
  endDate: partialDate.optional(),
  host: z.string().optional(),
  city: localizedText.optional(),
  format: z.enum(MEETING_FORMATS).optional(),
  status: z.enum(MEETING_STATUSES),
  note: localizedText.optional(),
  source: z.string(),
});
export type DatasetMeeting = z.infer<typeof DatasetMeetingSchema>;

/** A summit as a meeting of its body: titled by the body and the city, known to the day. */
export function summitMeetings(registry: Registry, today: string): DatasetMeeting[] {
  const bodies = new Map(registry.bodies.map((b) => [b.code, b]));
  return registry.summits.map((summit) => {
    const body = bodies.get(summit.body);
    const title: Record<string, string> = {};
    for (const [language, name] of Object.entries(body?.names ?? { en: summit.body })) {
      const city = summit.city[language] ?? summit.city.en ?? Object.values(summit.city)[0] ?? "";
      title[language] = language.startsWith("zh") ? `${name}（${city}）` : `${name} (${city})`;
    }
    const end = summit.end ?? summit.start;
    return {
      id: summit.id,
      body: summit.body,
      title,
      startDate: summit.start,
      endDate: end,
      host: summit.host,
      city: { ...summit.city },
      format: summit.format,
      status: latestDay(end) < today ? "held" : "planned",
      source: summit.source,
    };
  });
}

export async function readDatasetMeetings(datasetPath: string): Promise<DatasetMeeting[]> {
  let content: string;
  try {
    content = await readFile(join(datasetPath, "meetings.json"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const parsed = z.array(DatasetMeetingSchema).safeParse(JSON.parse(content));
  if (!parsed.success) throw new Error(`meetings.json: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Where a meeting of the record comes from: `meetings.json`, or a summit of the registry. */
export const RECORD_ORIGINS = ["dataset", "summit"] as const;
type RecordOrigin = (typeof RECORD_ORIGINS)[number];

/** Rows of the record's meetings, as written. */
function rowsOf(records: readonly DatasetMeeting[], now: Date, origin: RecordOrigin) {
  return records.map((m) => ({
    id: m.id,
    body: m.body,
    number: m.number ?? null,
    title: m.title,
    startDate: m.startDate,
    endDate: m.endDate ?? m.startDate,
    timePrecision: isCalendarDay(m.startDate) ? "day" : precisionOf(m.startDate),
    format: m.format ?? null,
    city: m.city ?? null,
    venueState: m.host ?? null,
    host: m.host ?? null,
    status: m.status,
    visibility: "public",
    origin,
    source: m.source,
    note: m.note ?? null,
    createdAt: now,
    updatedAt: now,
  }));
}

/** What a record meeting says (what a change of its source changes). */
function recordFacts(row: Partial<typeof meetings.$inferSelect>): string {
  const { body, number, title, startDate, endDate, timePrecision, format, city, venueState, host, status, visibility, source, note } = row;
  return JSON.stringify([body, number, title, startDate, endDate, timePrecision, format, city, venueState, host, status, visibility, source, note]);
}

/**
 * Makes the record's meetings of one origin those given: the others of that origin are removed (nothing refers to them:
 * they have no invitations, lists or agenda), the ones whose facts changed take their new values (their version moves
 * on), and meetings the secretariat created stay. Each meeting added, changed or removed is announced, to everyone (the
 * record is public): open lists and pages of it update. Answers how many changed.
 */
async function replaceRecordMeetings(c: CommandScope, records: readonly DatasetMeeting[], origin: RecordOrigin): Promise<number> {
  const { tx, now } = c;
  const existing = new Map((await tx.select().from(meetings).where(eq(meetings.origin, origin))).map((row) => [row.id, row]));
  const wanted = rowsOf(records, now, origin);
  const kept = new Set(wanted.map((row) => row.id));
  const removed = [...existing.values()].filter((row) => !kept.has(row.id));
  if (removed.length > 0) {
    await tx.delete(meetings).where(
      inArray(
        meetings.id,
        removed.map((row) => row.id),
      ),
    );
  }
  const announce = (id: string, version: number, type: "meeting.created" | "meeting.updated") => {
    c.emit(STREAMS.meetings, type, { id }, PUBLIC_AUDIENCE);
    c.emit(meetingStream(id), "meeting.changed", { version, what: "meeting" }, PUBLIC_AUDIENCE);
  };
  for (const row of removed) announce(row.id, row.version + 1, "meeting.updated");
  let changed = removed.length;
  for (const row of wanted) {
    const before = existing.get(row.id);
    if (before && recordFacts(before) === recordFacts(row)) continue;
    const { createdAt: _created, ...facts } = row;
    const [written] = await tx
      .insert(meetings)
      .values(row)
      .onConflictDoUpdate({ target: meetings.id, set: { ...facts, version: sql`${meetings.version} + 1` }, setWhere: inArray(meetings.origin, [...RECORD_ORIGINS]) })
      .returning({ version: meetings.version });
    // A meeting the secretariat created under the same id is not the record's: left as it is.
    if (!written) continue;
    announce(row.id, written.version, before ? "meeting.updated" : "meeting.created");
    changed += 1;
  }
  return changed;
}

/** The dataset's own meetings (`meetings.json`), replacing those of the dataset before. */
export function replaceDatasetMeetings(c: CommandScope, records: readonly DatasetMeeting[]): Promise<number> {
  return replaceRecordMeetings(c, records, "dataset");
}

/**
 * The registry's summits as meetings of their body, kept in step with the registry: written with every import and
 * registry change (in its command) and on every start (`syncSummits`), so a summit recorded later is a meeting too.
 */
export function syncSummitMeetings(c: CommandScope, registry: Registry): Promise<number> {
  return replaceRecordMeetings(c, summitMeetings(registry, c.now.toISOString().slice(0, 10)), "summit");
}

/** At every start: the summits as meetings, in step with the registry (run by Concord itself). */
export const syncSummits = defineCommand({
  name: "meeting.sync-summits",
  access: () => SYSTEM,
  run: (c, input: { registry: Registry }) => syncSummitMeetings(c, input.registry),
});

/** The dataset's meetings of `meetings.json` (none without the file); each body must be the registry's. */
export async function datasetMeetings(datasetPath: string, registry: Registry): Promise<DatasetMeeting[]> {
  const records = await readDatasetMeetings(datasetPath);
  const bodies = new Set(registry.bodies.map((b) => b.code));
  const sources = new Set(registry.sources.map((source) => source.key));
  const problems = [
    ...records.filter((m) => !bodies.has(m.body)).map((m) => `${m.id}: unknown body "${m.body}"`),
    ...records.filter((m) => !sources.has(m.source)).map((m) => `${m.id}: unknown source "${m.source}"`),
  ];
  if (problems.length > 0) throw new Error(`meetings.json: ${problems.join("; ")}`);
  return records;
}
