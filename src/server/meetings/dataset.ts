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
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
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

/**
 * Makes the record's meetings of one origin those given: the others of that origin are removed (nothing refers to them:
 * they have no invitations, lists or agenda), the ones kept take their new values, and meetings the secretariat created
 * stay.
 */
async function replaceRecordMeetings(tx: Db, records: readonly DatasetMeeting[], now: Date, origin: RecordOrigin): Promise<void> {
  const ids = records.map((m) => m.id);
  await tx.delete(meetings).where(ids.length > 0 ? and(eq(meetings.origin, origin), notInArray(meetings.id, ids)) : eq(meetings.origin, origin));
  for (const row of rowsOf(records, now, origin)) {
    const { createdAt: _created, ...changed } = row;
    await tx
      .insert(meetings)
      .values(row)
      .onConflictDoUpdate({ target: meetings.id, set: { ...changed, version: sql`${meetings.version} + 1` }, setWhere: inArray(meetings.origin, [...RECORD_ORIGINS]) });
  }
}

/** The dataset's own meetings (`meetings.json`), replacing those of the dataset before. */
export function replaceDatasetMeetings(tx: Db, records: readonly DatasetMeeting[], now: Date): Promise<void> {
  return replaceRecordMeetings(tx, records, now, "dataset");
}

/**
 * The registry's summits as meetings of their body, kept in step with the registry: written with every import and
 * registry change (in its transaction) and on every start, so a summit recorded later is a meeting too.
 */
export function syncSummitMeetings(tx: Db, registry: Registry, now: Date): Promise<void> {
  return replaceRecordMeetings(tx, summitMeetings(registry, now.toISOString().slice(0, 10)), now, "summit");
}

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
