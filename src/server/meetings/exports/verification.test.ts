import { describe, expect, it } from "vitest";
import type { Delegate } from "../../../domain/meetings/accreditation.js";
import { BADGE_GRACE_MS, closingInstant, verification, type VerificationInput } from "./verification.js";

const LAVROV: Delegate = { name: { ru: "Сергей Лавров" }, function: { ru: "Министр" }, rank: "minister" };

function input(overrides: Partial<VerificationInput> = {}, meeting: Partial<VerificationInput["meeting"]> = {}): VerificationInput {
  return {
    meeting: {
      id: "cmfa",
      title: { ru: "СМИД" },
      start: new Date("2025-07-15T01:00:00Z"),
      end: new Date("2025-07-16T09:00:00Z"),
      timeZone: "Asia/Shanghai",
      startDate: "2025-07-15",
      endDate: "2025-07-16",
      status: "confirmed",
      isDemo: false,
      ...meeting,
    },
    list: { state: "approved", delegation: "RU", delegates: [LAVROV] },
    delegateIndex: 0,
    revocation: null,
    delegationNames: { ru: "Россия" },
    at: new Date("2025-07-15T06:00:00Z"),
    ...overrides,
  };
}

describe("when a meeting closes, for its badges", () => {
  it("is its end when known to the instant", () => {
    expect(closingInstant({ end: new Date("2025-07-16T09:00:00Z"), endDate: "2025-07-16" })).toBe("2025-07-16T09:00:00.000Z");
  });

  it("is the end of its last day, month or year where that ends last on Earth, when only the date is known", () => {
    expect(closingInstant({ end: null, endDate: "2025-07-16" })).toBe("2025-07-17T12:00:00.000Z");
    expect(closingInstant({ end: null, endDate: "2025-07" })).toBe("2025-08-01T12:00:00.000Z");
    expect(closingInstant({ end: null, endDate: "2025-12" })).toBe("2026-01-01T12:00:00.000Z");
    expect(closingInstant({ end: null, endDate: "2025" })).toBe("2026-01-01T12:00:00.000Z");
  });
});

describe("a badge's verification", () => {
  it("is valid during the meeting and until its grace after the end, and says until when", () => {
    const answer = verification(input());
    expect(answer).toMatchObject({ isValid: true, reason: null, validUntil: new Date(Date.parse("2025-07-16T09:00:00Z") + BADGE_GRACE_MS).toISOString() });
    expect(answer.delegate).toEqual({ name: LAVROV.name, function: LAVROV.function, rank: "minister" });
    expect(answer.delegation).toEqual({ code: "RU", names: { ru: "Россия" } });
    expect(answer.checkedAt).toBe("2025-07-15T06:00:00.000Z");
    const lastMoment = new Date(Date.parse("2025-07-16T09:00:00Z") + BADGE_GRACE_MS - 1);
    expect(verification(input({ at: lastMoment })).isValid).toBe(true);
  });

  it("is expired from the end of the grace on", () => {
    const at = new Date(Date.parse("2025-07-16T09:00:00Z") + BADGE_GRACE_MS);
    expect(verification(input({ at }))).toMatchObject({ isValid: false, reason: "expired" });
  });

  it("is not approved once its list is returned, and void for a cancelled meeting", () => {
    expect(verification(input({ list: { state: "returned", delegation: "RU", delegates: [LAVROV] } }))).toMatchObject({ isValid: false, reason: "not-approved" });
    expect(verification(input({}, { status: "cancelled" }))).toMatchObject({ isValid: false, reason: "meeting-cancelled" });
  });

  it("is revoked, with the reason and when, whatever else holds: the secretariat's word comes first", () => {
    const at = new Date("2025-07-15T05:00:00Z");
    expect(verification(input({ revocation: { reason: "stolen", at } }))).toMatchObject({
      isValid: false,
      reason: "revoked",
      revocation: { reason: "stolen", at: "2025-07-15T05:00:00.000Z" },
      delegate: { name: LAVROV.name },
    });
    expect(verification(input({ revocation: { reason: "reissued", at } }, { status: "cancelled" })).reason).toBe("revoked");
    expect(verification(input()).revocation).toBeNull();
  });

  it("follows a postponed meeting's new end", () => {
    const later = verification(input({ at: new Date("2025-09-01T00:00:00Z") }, { status: "postponed", end: new Date("2025-09-02T09:00:00Z") }));
    expect(later.isValid).toBe(true);
  });

  it("names nobody, and is not approved, when the list no longer has the delegate the badge was issued to", () => {
    const answer = verification(input({ delegateIndex: 3 }));
    expect(answer).toMatchObject({ isValid: false, reason: "not-approved", delegate: null });
  });

  it("is valid through the last day of a meeting known only by its dates", () => {
    const dated = { start: null, end: null, endDate: "2025-07-16" };
    expect(verification(input({ at: new Date("2025-07-16T23:00:00Z") }, dated)).isValid).toBe(true);
    expect(verification(input({ at: new Date("2025-07-17T19:00:00Z") }, dated)).reason).toBe("expired");
  });
});
