import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import type { Participant } from "../../../contracts/meetings.js";
import {
  attachment,
  csvText,
  exportFileName,
  instantText,
  meetingDates,
  orderDelegations,
  orderNameLanguages,
  participantsDocument,
  participantsTable,
  type ParticipantsInput,
} from "./participants-document.js";
import { inDelegationOrder } from "./participants-cache.js";

const WANG: Participant = { delegation: "CN", name: { zh: "王毅", en: "Wang Yi", ru: "Ван И" }, function: { zh: "外交部长", en: "Minister of Foreign Affairs" }, rank: "minister", badge: "t-cn" };
const LAVROV: Participant = { delegation: "RU", name: { ru: "Сергей Лавров", en: "Sergey Lavrov" }, function: { ru: "Министр иностранных дел" }, rank: "minister", badge: null };
const NURTLEU: Participant = { delegation: "KZ", name: { kk: "Мұрат Нұртілеу", en: "Murat Nurtleu" }, function: { en: "Minister" }, rank: "minister", badge: null };
const PRESS: Participant = { delegation: "KZ", name: { en: "  Aigerim Seitqali  ", ru: " " }, function: {}, rank: "press", badge: "t-kz" };
const GUEST: Participant = { delegation: "XG", name: { en: "Guest Person" }, function: { en: "Observer" }, rank: "adviser", badge: null };

const NAMES: Record<string, Record<string, string>> = { CN: { zh: "中国", ru: "Китай", en: "China" }, RU: { zh: "俄罗斯", ru: "Россия", en: "Russia" }, KZ: { ru: "Казахстан", en: "Kazakhstan" } };

function input(overrides: Partial<ParticipantsInput> = {}): ParticipantsInput {
  return {
    meeting: {
      id: "cmfa-2025",
      title: { zh: "外长理事会会议", ru: "Заседание СМИД", en: "Meeting of the CMFA" },
      startDate: "2025-07-15",
      endDate: "2025-07-16",
      timeZone: "Asia/Shanghai",
      city: { zh: "天津", ru: "Тяньцзинь", en: "Tianjin" },
      status: "confirmed",
      isDemo: false,
    },
    participants: [WANG, NURTLEU, PRESS, LAVROV, GUEST],
    order: ["CN", "RU", "KZ"],
    names: (code) => NAMES[code] ?? null,
    language: "en",
    organizationLanguages: ["zh", "ru"],
    asOf: new Date("2025-07-15T02:30:00Z"),
    ...overrides,
  };
}

describe("the order of delegations and of name languages", () => {
  it("puts delegations in the registry's order, unknown ones (guests) after by code", () => {
    expect(orderDelegations(["XG", "KZ", "AB", "CN", "RU", "KZ"], ["CN", "RU", "KZ"])).toEqual(["CN", "RU", "KZ", "AB", "XG"]);
  });

  it("puts the reader's language first, then Chinese, Russian, English, then the rest by code", () => {
    expect(orderNameLanguages(["kk", "en", "ru", "zh", "ar"], "ru")).toEqual(["ru", "zh", "en", "ar", "kk"]);
    expect(orderNameLanguages(["en", "zh"], "en")).toEqual(["en", "zh"]);
  });

  it("regroups the JSON list by delegation in the registry's order, keeping each delegation's own order", () => {
    const ordered = inDelegationOrder([NURTLEU, WANG, PRESS, GUEST, LAVROV], ["CN", "RU", "KZ"]);
    expect(ordered).toEqual([WANG, LAVROV, NURTLEU, PRESS, GUEST]);
  });
});

describe("the meeting's dates as the reader writes them", () => {
  it("writes a span of days in each language", () => {
    // ICU puts thin spaces (U+2009) around the dash of a range.
    expect(meetingDates("2025-07-15", "2025-07-16", "en")).toBe("July 15\u2009–\u200916, 2025");
    expect(meetingDates("2025-07-15", "2025-07-16", "ru")).toBe("15–16 июля 2025\u202fг.");
    expect(meetingDates("2025-07-15", "2025-07-16", "zh")).toBe("2025年7月15日至2025年7月16日");
    expect(meetingDates("2025-06-30", "2025-07-01", "en")).toBe("June 30\u2009–\u2009July 1, 2025");
  });

  it("keeps a date known only to the month as a month, and one day as one date", () => {
    expect(meetingDates("2025-07", "2025-07", "ru")).toBe("июль 2025 г.");
    expect(meetingDates("2025-07-15", "2025-07-15", "en")).toBe("July 15, 2025");
    expect(meetingDates("garbage", "2025-07-15", "en")).toBe("garbage");
  });

  it("writes an instant in the meeting's time zone and names the zone (full-width brackets in Chinese)", () => {
    const at = new Date("2025-07-15T02:30:00Z");
    expect(instantText(at, "en", "Asia/Shanghai")).toBe("July 15, 2025 at 10:30 AM (Asia/Shanghai)");
    expect(instantText(at, "zh", "Asia/Shanghai")).toBe("2025年7月15日 10:30（Asia/Shanghai）");
    expect(instantText(at, "ru", null)).toBe("15 июля 2025 г. в 02:30 (UTC)");
  });
});

describe("the participants document", () => {
  it("groups delegates by delegation in the registry's order and numbers them through the whole list", () => {
    const document = participantsDocument(input());
    expect(document.groups.map((g) => [g.code, g.name, g.count])).toEqual([
      ["CN", "China", "1 delegate"],
      ["RU", "Russia", "1 delegate"],
      ["KZ", "Kazakhstan", "2 delegates"],
      ["XG", "XG", "1 delegate"],
    ]);
    expect(document.groups.flatMap((g) => g.delegates.map((d) => d.number))).toEqual([1, 2, 3, 4, 5]);
    expect(document.total).toBe(5);
  });

  it("gives every name in every language, trimmed, blank ones left out, in the document's language order", () => {
    const document = participantsDocument(input({ language: "ru" }));
    expect(document.nameLanguages).toEqual(["ru", "zh", "en", "kk"]);
    const kz = document.groups.find((g) => g.code === "KZ")!;
    expect(kz.delegates[0]!.names).toEqual([
      { language: "en", text: "Murat Nurtleu" },
      { language: "kk", text: "Мұрат Нұртілеу" },
    ]);
    expect(kz.delegates[1]!.names).toEqual([{ language: "en", text: "Aigerim Seitqali" }]);
  });

  it("translates the rank and picks the function in the reader's language, else the organization's", () => {
    const zh = participantsDocument(input({ language: "zh" }));
    const wang = zh.groups[0]!.delegates[0]!;
    expect([wang.function, wang.rankLabel]).toEqual(["外交部长", "部长"]);
    const lavrov = zh.groups[1]!.delegates[0]!;
    expect(lavrov.function).toBe("Министр иностранных дел");
    expect(zh.title).toBe("外长理事会会议");
    expect(zh.place).toBe("天津");
    expect(zh.asOf).toBe("截至2025年7月15日 10:30（Asia/Shanghai）");
  });

  it("says above everything else that a meeting is a demonstration, cancelled or postponed", () => {
    expect(participantsDocument(input()).notices).toEqual([]);
    const demo = participantsDocument(input({ meeting: { ...input().meeting, isDemo: true, status: "cancelled" }, language: "ru" }));
    expect(demo.notices).toEqual(["Демонстрационное заседание (не настоящие данные)", "Отменено"]);
  });

  it("is empty but complete for a meeting without approved delegates", () => {
    const document = participantsDocument(input({ participants: [] }));
    expect(document.groups).toEqual([]);
    expect(document.total).toBe(0);
    expect(participantsTable(document).rows).toEqual([]);
  });
});

describe("the table for CSV and XLSX", () => {
  it("has one column per name language and a badge column only when the reader was given tokens", () => {
    const table = participantsTable(participantsDocument(input()));
    expect(table.header).toEqual(["No.", "Delegation code", "Delegation", "Name (English)", "Name (Chinese)", "Name (Russian)", "Name (Kazakh)", "Function", "Rank", "Badge"]);
    expect(table.rows[0]).toEqual([1, "CN", "China", "Wang Yi", "王毅", "Ван И", "", "Minister of Foreign Affairs", "Minister", "t-cn"]);
    const withoutTokens = participantsTable(participantsDocument(input({ participants: [LAVROV, NURTLEU] })));
    expect(withoutTokens.header).not.toContain("Badge");
    expect(withoutTokens.rows.every((row) => row.length === withoutTokens.header.length)).toBe(true);
  });

  it("labels the columns in the reader's language", () => {
    expect(participantsTable(participantsDocument(input({ language: "zh" }))).header.slice(0, 5)).toEqual(["序号", "代表团代码", "代表团", "姓名（中文）", "姓名（俄语）"]);
  });
});

describe("CSV", () => {
  it("starts with a byte-order mark, ends lines with CRLF and quotes every text", () => {
    const text = csvText({ header: ["No.", "Name"], rows: [[1, 'Ван "И"'], [2, "a,b\nc"]] });
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toBe('\uFEFF"No.","Name"\r\n1,"Ван ""И"""\r\n2,"a,b\nc"\r\n');
  });

  it("keeps a spreadsheet from reading a cell as a formula", () => {
    const text = csvText({ header: ["Name"], rows: [["=HYPERLINK(\"x\")"], ["+1"], ["-2"], ["@SUM(A1)"], ["王毅"]] });
    const cells = (parse(text.slice(1), { columns: false }) as string[][]).map((r) => r[0]);
    expect(cells).toEqual(["Name", "'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "王毅"]);
  });

  it("reads back to the same cells whatever the text (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
        const safe = rows.map((r) => r.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `x${cell}` : cell)));
        const text = csvText({ header: ["a", "b"], rows: safe });
        const parsed = parse(text.slice(1), { columns: false, relax_column_count: false }) as string[][];
        expect(parsed.slice(1)).toEqual(safe);
      }),
    );
  });
});

describe("file names and headers", () => {
  it("names the file after the meeting and the language, safe in any file system", () => {
    expect(exportFileName("participants", "cmfa-2025-07", "ru", "pdf")).toBe("participants-cmfa-2025-07-ru.pdf");
    expect(exportFileName("participants", "CHS_2025/../x", "zh", "csv")).toBe("participants-chs-2025-x-zh.csv");
    expect(exportFileName("badge", "___", "en", "pdf")).toBe("badge-meeting-en.pdf");
  });

  it("gives an ASCII name and the UTF-8 one in Content-Disposition", () => {
    expect(attachment("participants-x-ru.pdf")).toBe(`attachment; filename="participants-x-ru.pdf"; filename*=UTF-8''participants-x-ru.pdf`);
    expect(attachment('список "1".pdf')).toBe(`attachment; filename="______ _1_.pdf"; filename*=UTF-8''%D1%81%D0%BF%D0%B8%D1%81%D0%BE%D0%BA%20%221%22.pdf`);
  });
});
