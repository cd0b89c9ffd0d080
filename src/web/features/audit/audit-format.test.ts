// Audit events read as sentences in the reader's language; unknown actions and payloads still show what was recorded.
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../contracts/identity";
import { actionLabel, dayEnd, dayStart, payloadSummary, shortHash, targetLabel } from "./audit-format";

/** A stand-in for i18next: the key, then its options, so a test sees what was asked for. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key)) as unknown as TFunction;
const names = { delegation: (code: string | null) => (code === "KZ" ? "Kazakhstan" : (code ?? "")), user: (id: string) => (id === "u1" ? "Aigerim" : null) };

function event(action: string, payload: Record<string, unknown>, target: string | null = null): AuditEvent {
  return {
    seq: 1,
    id: "e1",
    at: "2026-11-25T11:49:24.074Z",
    actorUserId: null,
    actorName: null,
    actorDelegation: null,
    address: null,
    action,
    target,
    payload,
    payloadHash: "p",
    hash: "0123456789abcdef0123",
  };
}

describe("actionLabel", () => {
  it("labels known actions and shows unknown ones by their code", () => {
    expect(actionLabel("user.created", t)).toBe("audit.actions.userCreated");
    expect(actionLabel("meeting.opened", t)).toBe("meeting.opened");
  });
});

describe("payloadSummary", () => {
  it("says who was created, with which role, in which delegation", () => {
    const summary = payloadSummary(event("user.created", { email: "a@x.test", displayName: "Aigerim", role: "delegate", delegation: "KZ" }), t, names);
    expect(summary).toBe("Aigerim <a@x.test> · roles.delegate · Kazakhstan");
  });
  it("lists each change of an update and never shows a password", () => {
    const summary = payloadSummary(event("user.updated", { isActive: false, password: "(changed)" }), t, names);
    expect(summary).toBe("audit.summary.deactivated · audit.summary.passwordReset");
    expect(summary).not.toContain("(changed)");
  });
  it("shows an unknown action's payload as recorded, shortened", () => {
    expect(payloadSummary(event("meeting.opened", { body: "CHS", seats: 10 }), t, names)).toBe("body: CHS; seats: 10");
    expect(payloadSummary(event("x.y", { text: "a".repeat(300) }), t, names)).toHaveLength(120);
  });
});

describe("targetLabel", () => {
  it("names users and delegations it knows and shortens ids it does not", () => {
    expect(targetLabel("user:u1", t, names)).toBe('audit.targetUser{"name":"Aigerim"}');
    expect(targetLabel("user:49e626b4-bd6f-46e0", t, names)).toBe('audit.targetUser{"name":"49e626b4…"}');
    expect(targetLabel("delegation:KZ", t, names)).toBe('audit.targetDelegation{"name":"Kazakhstan"}');
    expect(targetLabel("meeting:42", t, names)).toBe("meeting:42");
    expect(targetLabel(null, t, names)).toBe("");
  });
});

describe("shortHash", () => {
  it("keeps the first twelve characters", () => {
    expect(shortHash("0123456789abcdef0123")).toBe("0123456789ab…");
  });
});

describe("dayStart and dayEnd", () => {
  it("bound a local calendar day, whatever the zone", () => {
    const start = new Date(dayStart("2026-11-25") ?? "");
    const end = new Date(dayEnd("2026-11-25") ?? "");
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours(), start.getMinutes()]).toEqual([2026, 10, 25, 0, 0]);
    expect([end.getDate(), end.getHours(), end.getMinutes(), end.getSeconds(), end.getMilliseconds()]).toEqual([25, 23, 59, 59, 999]);
  });
  it("ignores anything that is not a day", () => {
    expect(dayStart("")).toBeNull();
    expect(dayEnd("25.11.2026")).toBeNull();
  });
});
