import { describe, expect, it } from "vitest";
import QRCode from "qrcode";
import { badgeDocument, qrMatrix, verificationUrl, type BadgeInput } from "./badge-document.js";

const INPUT: BadgeInput = {
  organization: { zh: "上海合作组织", ru: "Шанхайская организация сотрудничества", en: "Shanghai Cooperation Organisation" },
  meeting: {
    id: "cmfa",
    title: { zh: "外长理事会会议", ru: "Заседание СМИД", en: "CMFA meeting" },
    startDate: "2025-07-15",
    endDate: "2025-07-16",
    timeZone: "Asia/Shanghai",
    city: { zh: "天津", ru: "Тяньцзинь" },
    status: "confirmed",
    isDemo: false,
  },
  delegation: { code: "KZ", names: { ru: "Казахстан", zh: "哈萨克斯坦", en: "Kazakhstan" } },
  delegate: { name: { en: "Murat Nurtleu", kk: "Мұрат Нұртілеу", ru: "Мурат Нуртлеу", zh: " " }, function: { en: "Minister" }, rank: "head_of_state_or_government" },
  verifyUrl: "https://concord.example.org/verify/abc",
  language: "ru",
  organizationLanguages: ["zh", "ru"],
};

describe("a badge's text", () => {
  it("is in the reader's language, the delegate's names in every language given, the reader's first", () => {
    const badge = badgeDocument(INPUT);
    expect(badge.organization).toBe("Шанхайская организация сотрудничества");
    expect(badge.title).toBe("Заседание СМИД");
    expect(badge.place).toBe("Тяньцзинь");
    expect(badge.delegation).toBe("Казахстан");
    expect(badge.names).toEqual(["Мурат Нуртлеу", "Murat Nurtleu", "Мұрат Нұртілеу"]);
    expect(badge.rankLabel).toBe("Глава государства или правительства");
    expect(badge.scanToVerify).toBe("Отсканируйте для проверки");
  });

  it("falls back to the organization's languages for what the reader's lacks, and to the code for an unnamed delegation", () => {
    const badge = badgeDocument({ ...INPUT, language: "en", delegation: { code: "XG", names: null } });
    expect(badge.place).toBe("天津");
    expect(badge.delegation).toBe("XG");
    expect(badge.function).toBe("Minister");
  });

  it("warns on a demonstration meeting's badge", () => {
    expect(badgeDocument({ ...INPUT, language: "zh", meeting: { ...INPUT.meeting, isDemo: true } }).notices).toEqual(["演示会议（非真实数据）"]);
  });
});

describe("the verification address", () => {
  it("is the public origin's /verify/<token>, whatever slashes the origin ends with", () => {
    expect(verificationUrl("https://concord.example.org", "AbC_-1")).toBe("https://concord.example.org/verify/AbC_-1");
    expect(verificationUrl("https://concord.example.org//", "x")).toBe("https://concord.example.org/verify/x");
  });

  it("is what the QR code encodes: the same modules as the qrcode package gives for it", () => {
    const url = "https://concord.example.org/verify/AAAABBBBCCCCDDDDEEEEFFFF";
    const matrix = qrMatrix(url);
    const reference = QRCode.create(url, { errorCorrectionLevel: "M" }).modules;
    expect(matrix.size).toBe(reference.size);
    for (let row = 0; row < matrix.size; row += 1) for (let column = 0; column < matrix.size; column += 1) expect(matrix.isDark(row, column)).toBe(reference.get(row, column) === 1);
    // Finder patterns in three corners: a sanity check that dark means dark.
    expect([matrix.isDark(0, 0), matrix.isDark(0, matrix.size - 1), matrix.isDark(matrix.size - 1, 0), matrix.isDark(matrix.size - 1, matrix.size - 1)]).toEqual([true, true, true, false]);
  });
});
