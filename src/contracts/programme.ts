// The chair's programme API: a chairmanship term's events and their progress, a spreadsheet's import and the calendar
// feeds' query. Shared with the web, which also reads an import error's row and column back from its field.
import { z } from "zod";
import { STREAMS } from "./live.js";
import { MEETING_STATUSES } from "../domain/meetings/meeting.js";
import { EVENT_KINDS, EVENT_STATUSES, TRACKS } from "../domain/programme/event.js";
import { LANGUAGE_CODE } from "../domain/localized-text.js";
import { ChairmanshipTermSchema } from "./registry.js";
import { singleLineText } from "./text.js";

export { EVENT_KINDS, EVENT_STATUSES, TRACKS };

/** The spreadsheet formats an import takes and an export gives. */
export const SPREADSHEET_TYPES = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
export const CALENDAR_TYPE = "text/calendar";
/** The largest spreadsheet an import takes, in bytes. */
export const MAX_SPREADSHEET_BYTES = 2 * 1024 * 1024;

/** A live stream per term: `programme:chair-2025` carries each import of that term's programme (public). */
export const PROGRAMME_STREAM = STREAMS.programme;
export const programmeStream = (term: string): string => `${PROGRAMME_STREAM}:${term}`;

const Text = z.record(z.string(), z.string());
const StatusCountsSchema = z.object(Object.fromEntries(EVENT_STATUSES.map((s) => [s, z.number()])) as Record<(typeof EVENT_STATUSES)[number], z.ZodNumber>);
const TallyFields = { total: z.number(), held: z.number(), byStatus: StatusCountsSchema };

export const ProgrammeEventSchema = z
  .object({
    id: z.string(),
    title: Text,
    /** "2025", "2025-04" or "2025-04-12": as precise as known. */
    start: z.string(),
    end: z.string().nullable(),
    city: Text.nullable(),
    track: z.enum(TRACKS),
    kind: z.enum(EVENT_KINDS),
    organizer: Text.nullable(),
    status: z.enum(EVENT_STATUSES),
    /** The meeting, when the event is one. */
    meeting: z.string().nullable(),
    source: z.string().nullable(),
    /** "dataset": the organization's own record; otherwise the name of the spreadsheet it was imported from. */
    origin: z.string(),
    isDemo: z.boolean(),
  })
  .meta({ id: "ProgrammeEvent" });

/** A meeting of one of the organization's bodies chaired under the term (and no event of the programme already): it counts in the progress. */
export const ProgrammeMeetingSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    title: Text,
    /** First and last day, as precise as known. */
    start: z.string(),
    end: z.string(),
    status: z.enum(MEETING_STATUSES),
    isDemo: z.boolean(),
  })
  .meta({ id: "ProgrammeMeeting" });

export const ProgrammeProgressSchema = z
  .object({
    /** The events and the meetings counted. */
    ...TallyFields,
    /** Every month of the term (to the current month while it runs), in order; an event counts in the month it starts. */
    months: z.array(z.object({ month: z.string(), ...TallyFields })),
    /** Events known only to the year they start in: counted apart, in no month. */
    yearOnly: z.array(z.object({ year: z.number(), ...TallyFields })),
    tracks: z.array(z.object({ track: z.enum(TRACKS), ...TallyFields })),
  })
  .meta({ id: "ProgrammeProgress" });

export const ProgrammeSchema = z
  .object({
    /** The term as the registry records it: slogan, themed year, priorities, and the count of events a source reports. */
    term: ChairmanshipTermSchema,
    events: z.array(ProgrammeEventSchema),
    /** Meetings the term's chair chairs under it that no event names, as far as the caller may see them: counted in the progress as institutional events (a confirmed meeting as planned). */
    meetings: z.array(ProgrammeMeetingSchema),
    progress: ProgrammeProgressSchema,
  })
  .meta({ id: "Programme" });

export const ProgrammeImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    /** Events read from the file (and, unless a dry run, now in the programme). */
    events: z.number(),
    /** Events of earlier imports the file replaces (the dataset's events are kept). */
    replaced: z.number(),
  })
  .meta({ id: "ProgrammeImportResult" });

export const TermParams = z.strictObject({ term: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a chairmanship term's id, e.g. chair-2025") });

export const ProgrammeImportQuery = z.strictObject({
  /** "true": check the file and report its errors, change nothing. */
  dryRun: z.enum(["true", "false"]).optional(),
  /** The file's name, kept as the imported events' origin. */
  file: singleLineText({ min: 1, max: 200 })
    .refine((name) => !/[/\\]/.test(name), { message: "a file name without a path", params: { code: "format" } })
    .optional(),
});

/** The language a calendar's texts are written in (one of the organization's languages); without it, its first official language. */
export const CalendarQuery = z.strictObject({ lang: z.string().regex(LANGUAGE_CODE, "a language code such as zh, ru, en or pt-BR").optional() });

export type ProgrammeEventDto = z.infer<typeof ProgrammeEventSchema>;
export type ProgrammeProgressDto = z.infer<typeof ProgrammeProgressSchema>;
export type Programme = z.infer<typeof ProgrammeSchema>;
export type ProgrammeMeetingDto = z.infer<typeof ProgrammeMeetingSchema>;
export type ProgrammeImportResult = z.infer<typeof ProgrammeImportResultSchema>;

/** Where a spreadsheet error is, as a problem's field error says it. */
export interface CellPlace {
  /** As the spreadsheet numbers it (the header is row 1); null for the whole file. */
  readonly row: number | null;
  readonly column: string | null;
  /** null for a column the file does not have. */
  readonly letter: string | null;
}

/** "row 7, column start (E)", "column status" (missing), "row 1, column notes (G)", or "file". */
export function cellField(place: CellPlace): string {
  const column = place.column === null ? null : place.letter === null ? `column ${place.column}` : `column ${place.column} (${place.letter})`;
  if (place.row !== null && column !== null) return `row ${place.row}, ${column}`;
  if (place.row !== null) return `row ${place.row}`;
  return column ?? "file";
}

const CELL_FIELD = /^(?:row (\d+))?(?:, )?(?:column (.*?)(?: \(([A-Z]+)\))?)?$/;

/** The place a field error of a spreadsheet names (the inverse of cellField); null for a field that names none. */
export function parseCellField(field: string): CellPlace | null {
  if (field === "file") return { row: null, column: null, letter: null };
  const match = CELL_FIELD.exec(field);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  return { row: match[1] !== undefined ? Number(match[1]) : null, column: match[2] ?? null, letter: match[3] ?? null };
}
