import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVENT_KINDS, EVENT_STATUSES, TRACKS, type EventFields } from "./event.js";
import { MAX_ROWS, programmeColumns, cellDate, columnLetter, guardFormula, programmeRows, readProgrammeSheet, type Cell, type SheetError } from "./spreadsheet.js";

/** The SCO's languages, and the columns they give. */
const SCO = ["zh", "ru", "en"];
const PROGRAMME_COLUMNS = programmeColumns(SCO);
const HEADER = [...PROGRAMME_COLUMNS];

/** A row under HEADER from the values given by column name. */
function row(values: Partial<Record<string, Cell>>): Cell[] {
  return HEADER.map((column) => values[column] ?? null);
}

const trees = row({
  title_zh: "“上合组织大家庭”青少年在北京种下友谊之树",
  title_ru: "Молодёжь «семьи ШОС» сажает деревья дружбы в Пекине",
  title_en: "Young people of the “SCO family” plant friendship trees in Beijing",
  start: "2025-04",
  city_zh: "北京",
  city_ru: "Пекин",
  city_en: "Beijing",
  track: "people",
  kind: "exchange",
  status: "held",
});

function errorsOf(result: ReturnType<typeof readProgrammeSheet>): readonly SheetError[] {
  if (result.ok) throw new Error("expected the sheet to be refused");
  return result.errors;
}

describe("column letters", () => {
  it("count like a spreadsheet's", () => {
    expect([0, 1, 4, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "B", "E", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});

describe("dates in cells", () => {
  it("takes text at the precision written, a year typed as a number, and date cells", () => {
    expect(cellDate("2025")).toBe("2025");
    expect(cellDate(" 2025-04 ")).toBe("2025-04");
    expect(cellDate("2025-08-31")).toBe("2025-08-31");
    expect(cellDate(2025)).toBe("2025");
    expect(cellDate(new Date(Date.UTC(2025, 7, 31)))).toBe("2025-08-31");
  });

  it("refuses what is not a real calendar date, and never guesses a day order", () => {
    for (const bad of ["2025-02-30", "2025-13", "31.08.2025", "08/31/2025", "Aug 2025", "", "25"]) expect(cellDate(bad), bad).toBeNull();
    expect(cellDate(45900)).toBeNull();
    expect(cellDate(2025.5)).toBeNull();
    expect(cellDate(true)).toBeNull();
    expect(cellDate(new Date(Number.NaN))).toBeNull();
  });
});

describe("reading a programme sheet", () => {
  it("reads a good row into an event, with its row number", () => {
    const result = readProgrammeSheet(HEADER, [trees], { languages: SCO });
    expect(result).toEqual({
      ok: true,
      events: [
        {
          row: 2,
          title: { zh: "“上合组织大家庭”青少年在北京种下友谊之树", ru: "Молодёжь «семьи ШОС» сажает деревья дружбы в Пекине", en: "Young people of the “SCO family” plant friendship trees in Beijing" },
          startDate: "2025-04",
          endDate: null,
          city: { zh: "北京", ru: "Пекин", en: "Beijing" },
          track: "people",
          kind: "exchange",
          organizer: null,
          status: "held",
          meetingId: null,
        },
      ],
    });
  });

  it("accepts columns in any order, header names in any case, codes in any case, and skips empty rows keeping their numbers", () => {
    const header = ["Status", "KIND", "track", "start", " title_en ", "title_zh", "title_ru"];
    const rows: Cell[][] = [
      ["Held", "Summit", "institutional", new Date(Date.UTC(2025, 7, 31)), "Tianjin summit", "天津峰会", "Саммит в Тяньцзине"],
      [null, "", "  "],
      ["planned", "forum", "economic", 2025, "A forum", "", ""],
    ];
    const result = readProgrammeSheet(header, rows, { languages: SCO });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events.map((e) => [e.row, e.status, e.kind, e.startDate, e.title])).toEqual([
      [2, "held", "summit", "2025-08-31", { en: "Tianjin summit", zh: "天津峰会", ru: "Саммит в Тяньцзине" }],
      [4, "planned", "forum", "2025", { en: "A forum" }],
    ]);
  });

  it("names the row and the column (header and letter) of every bad cell, and reads no event from a file with one", () => {
    const rows = [
      trees,
      row({ title_en: "Bad dates", start: "2025-02-30", end: "2024", track: "people", kind: "forum", status: "planned" }),
      row({ title_en: "Ends first", start: "2025-05-10", end: "2025-05-01", track: "defence", kind: "parade", status: "done" }),
      row({ start: "2025", track: "security", kind: "exercise", status: "planned", meeting: "no spaces allowed" }),
    ];
    const errors = errorsOf(readProgrammeSheet(HEADER, rows, { languages: SCO }));
    expect(errors.map((e) => [e.row, e.column, e.letter, e.code])).toEqual([
      [3, "start", "D", "bad-date"],
      [4, "end", "E", "end-before-start"],
      [4, "track", "I", "unknown-track"],
      [4, "kind", "J", "unknown-kind"],
      [4, "status", "N", "unknown-status"],
      [5, "title_zh", "A", "required"],
      [5, "meeting", "O", "format"],
    ]);
    expect(errors[0]?.message).toContain("2025-02-30");
    expect(errors[2]?.message).toContain("security, economic, people, institutional");
  });

  it("requires the start, the track, the kind and the status of each event", () => {
    const errors = errorsOf(readProgrammeSheet(HEADER, [row({ title_ru: "Без даты" })], { languages: SCO }));
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, "start", "required"],
      [2, "track", "required"],
      [2, "kind", "required"],
      [2, "status", "required"],
    ]);
  });

  it("refuses the whole file for a missing, unknown or repeated column, before looking at any row", () => {
    const header = ["title_zh", "title_ru", "title_en", "start", "track", "kind", "notes", "track"];
    const errors = errorsOf(readProgrammeSheet(header, [["", "", "x", "not a date", "people", "forum", "n", "people"]], { languages: SCO }));
    expect(errors).toEqual([
      expect.objectContaining({ row: 1, column: "notes", letter: "G", code: "unknown-column" }),
      expect.objectContaining({ row: 1, column: "track", letter: "H", code: "duplicate-column" }),
      expect.objectContaining({ row: null, column: "status", letter: null, code: "missing-column" }),
    ]);
  });

  it("ignores nameless empty columns but refuses a nameless column holding values", () => {
    const padded = readProgrammeSheet([...HEADER, null, ""], [[...trees, null, ""]], { languages: SCO });
    expect(padded.ok).toBe(true);
    const errors = errorsOf(readProgrammeSheet([...HEADER, null], [[...trees, "stray"]], { languages: SCO }));
    expect(errors).toEqual([expect.objectContaining({ row: 1, column: "", letter: "P", code: "unknown-column" })]);
  });

  it("refuses a file with no events, and one with too many", () => {
    expect(errorsOf(readProgrammeSheet(HEADER, [[], [null]], { languages: SCO })).map((e) => e.code)).toEqual(["no-rows"]);
    const many = Array.from({ length: MAX_ROWS + 1 }, () => trees);
    expect(errorsOf(readProgrammeSheet(HEADER, many, { languages: SCO }))).toEqual([expect.objectContaining({ code: "too-many-rows", limit: MAX_ROWS })]);
  });

  it("refuses text that is too long, or that the caller's text check refuses", () => {
    const long = row({ ...Object.fromEntries(HEADER.map((c, i) => [c, trees[i]])), organizer_en: "x".repeat(301) });
    expect(errorsOf(readProgrammeSheet(HEADER, [long], { languages: SCO }))).toEqual([expect.objectContaining({ row: 2, column: "organizer_en", letter: "M", code: "too-long", limit: 300 })]);
    const checkText = (text: string) => (text.includes("\u202E") ? ("bidi-controls" as const) : null);
    const sneaky = row({ ...Object.fromEntries(HEADER.map((c, i) => [c, trees[i]])), city_en: "Bei\u202Ejing" });
    expect(errorsOf(readProgrammeSheet(HEADER, [sneaky], { languages: SCO, checkText }))).toEqual([expect.objectContaining({ row: 2, column: "city_en", code: "bidi-controls" })]);
  });

  it("reads numbers in text columns as text, and NFC-normalizes and trims text", () => {
    const result = readProgrammeSheet(HEADER, [row({ title_en: 2025, title_ru: "  Встре\u0301ча ", start: "2025", track: "people", kind: "forum", status: "planned" })], { languages: SCO });
    expect(result.ok && result.events[0]?.title).toEqual({ en: "2025", ru: "Встре\u0301ча".normalize("NFC") });
  });
});

describe("writing events as rows", () => {
  it("guards text that would read as a formula, and reading takes the guard off", () => {
    expect(guardFormula("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(guardFormula("'=x")).toBe("''=x");
    expect(guardFormula("Forum")).toBe("Forum");
    const [written] = programmeRows([{ title: { en: "=1+1", ru: "'@who" }, startDate: "2025", endDate: null, city: null, track: "people", kind: "forum", organizer: null, status: "planned", meetingId: null }], SCO);
    const read = readProgrammeSheet(HEADER, [written!], { languages: SCO });
    expect(read.ok && read.events[0]?.title).toEqual({ en: "=1+1", ru: "'@who" });
  });

  const text = fc
    .string({ minLength: 1, maxLength: 20, unit: fc.constantFrom("a", "Я", "中", " ", "'", "=", "-", "@", "+", "é", "\u0301") })
    .map((s) => s.normalize("NFC").trim())
    .filter((s) => s.length > 0);
  const localized = fc
    .record({ zh: fc.option(text, { nil: undefined }), ru: fc.option(text, { nil: undefined }), en: fc.option(text, { nil: undefined }) })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>);
  const day = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2040, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const partial = fc.tuple(day, fc.constantFrom(4, 7, 10)).map(([d, n]) => d.slice(0, n));
  const event: fc.Arbitrary<EventFields> = fc
    .record({
      title: localized.filter((t) => Object.keys(t).length > 0),
      startDate: partial,
      endOffsetDays: fc.option(fc.nat(30), { nil: null }),
      city: localized.map((t) => (Object.keys(t).length > 0 ? t : null)),
      track: fc.constantFrom(...TRACKS),
      kind: fc.constantFrom(...EVENT_KINDS),
      organizer: localized.map((t) => (Object.keys(t).length > 0 ? t : null)),
      status: fc.constantFrom(...EVENT_STATUSES),
      meetingId: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), { nil: null }),
    })
    .map(({ endOffsetDays, ...rest }) => {
      const start = rest.startDate;
      const endDate = endOffsetDays === null || start.length < 10 ? null : new Date(Date.parse(`${start}T00:00:00Z`) + endOffsetDays * 86_400_000).toISOString().slice(0, 10);
      return { ...rest, endDate };
    });

  it("writes rows that read back in as the same events (an export re-imports)", () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 6 }), (events) => {
        const read = readProgrammeSheet(HEADER, programmeRows(events, SCO), { languages: SCO });
        expect(read.ok).toBe(true);
        if (read.ok) expect(read.events.map(({ row: _row, ...fields }) => fields)).toEqual(events);
      }),
    );
  });
});

describe("the columns follow the organization's languages", () => {
  it("has a title, city and organizer column per language of an organization working in French and Arabic, and reads them back", () => {
    const languages = ["fr", "ar"];
    const header = programmeColumns(languages);
    expect(header).toEqual(["title_fr", "title_ar", "start", "end", "city_fr", "city_ar", "track", "kind", "organizer_fr", "organizer_ar", "status", "meeting"]);
    const event: EventFields = { title: { fr: "Forum de la jeunesse", ar: "منتدى الشباب" }, startDate: "2026-05", endDate: null, city: { ar: "الرباط" }, track: "people", kind: "forum", organizer: null, status: "planned", meetingId: null };
    const read = readProgrammeSheet(header, programmeRows([event], languages), { languages });
    expect(read.ok && read.events.map(({ row: _row, ...fields }) => fields)).toEqual([event]);
  });

  it("refuses another organization's columns and names the titles it needs", () => {
    const errors = errorsOf(readProgrammeSheet(HEADER, [], { languages: ["fr", "ar"] }));
    expect(errors.filter((e) => e.code === "unknown-column").map((e) => e.column)).toEqual(["title_zh", "title_ru", "title_en", "city_zh", "city_ru", "city_en", "organizer_zh", "organizer_ru", "organizer_en"]);
    expect(errors.filter((e) => e.code === "missing-column").map((e) => e.column)).toEqual(["title_fr", "title_ar"]);
  });

  it("asks for a title in one of the organization's languages, naming its columns", () => {
    const header = programmeColumns(["fr", "ar"]);
    const cells = header.map((column) => ({ start: "2026", track: "people", kind: "forum", status: "planned" })[column as string] ?? "");
    expect(errorsOf(readProgrammeSheet(header, [cells], { languages: ["fr", "ar"] }))).toEqual([
      expect.objectContaining({ row: 2, column: "title_fr", letter: "A", code: "required", message: "a title is required in at least one language (title_fr, title_ar)" }),
    ]);
  });
});
