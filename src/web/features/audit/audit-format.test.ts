// Audit events read as sentences in the reader's language; actors and targets by what they are called now, never by raw ids; unknown actions and payloads still show what was recorded.
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import type { AuditEvent, AuditTargetName } from "../../../contracts/identity";
import { accountName } from "../../shared/directory/account-name";
import { actionLabel, actorLabel, dayEnd, dayStart, payloadSummary, shortHash, targetLabel, type AuditNames } from "./audit-format";

/** A stand-in for i18next: the key, then its options, so a test sees what was asked for. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key)) as unknown as TFunction;
const delegation = (code: string | null) => (code === "KZ" ? "Kazakhstan" : (code ?? ""));
const names: AuditNames = { delegation, account: (account) => accountName(account, t, delegation), language: "ru" };

function event(action: string, payload: Record<string, unknown>, target: string | null = null, targetName: AuditTargetName | null = null): AuditEvent {
  return {
    seq: 1,
    id: "e1",
    at: "2026-11-25T11:49:24.074Z",
    actorUserId: null,
    actorName: null,
    actorDemoAccount: null,
    actorDelegation: null,
    address: null,
    action,
    target,
    targetName,
    payload,
    payloadHash: "p",
    hash: "0123456789abcdef0123",
  };
}

describe("actionLabel", () => {
  it("labels known actions, negotiation's included, and shows unknown ones by their code", () => {
    expect(actionLabel("user.created", t)).toBe("audit.actions.userCreated");
    expect(actionLabel("provision.translation", t)).toBe("audit.actions.versionUpdated");
    expect(actionLabel("meeting.opened", t)).toBe("meeting.opened");
  });
});

describe("actorLabel", () => {
  it("names a person as typed, a demo account in the reader's language, and someone unknown by a short id", () => {
    expect(actorLabel({ ...event("user.created", {}), actorUserId: "u1", actorName: "Aigerim" }, t, names)).toBe("Aigerim");
    expect(
      actorLabel({ ...event("user.created", {}), actorUserId: "u2", actorName: "Head of delegation, Kazakhstan (demo)", actorDemoAccount: "head-of-delegation", actorDelegation: "KZ" }, t, names),
    ).toBe('users.demoName.headOfDelegation{"delegation":"Kazakhstan"}');
    expect(actorLabel({ ...event("user.created", {}), actorUserId: "49e626b4-bd6f-46e0" }, t, names)).toBe("49e626b4…");
    expect(actorLabel(event("session.sign-in-failed", {}), t, names)).toBe("audit.notSignedIn");
    expect(actorLabel(event("registry.imported", {}), t, names)).toBe("audit.system");
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
  it("says how many registry records a change set touched, and why", () => {
    const summary = payloadSummary(event("registry.changed", { reason: "Tianjin summit", changes: [{ put: "tiers", key: "partner" }, { put: "states", key: "LA" }] }), t, names);
    expect(summary).toBe('audit.summary.registryChanged{"count":2,"total":2,"reason":"Tianjin summit"}');
    expect(actionLabel("registry.changed", t)).toBe("audit.actions.registryChanged");
  });
  it("reads negotiation events by their labels, and shows none of their identifiers", () => {
    expect(payloadSummary(event("position.take", { proposal: "9f1c2d3e-aaaa", stance: "oppose" }), t, names)).toBe("negotiation.proposal.oppose");
    expect(payloadSummary(event("revision.issue", { revision: 2, outcomes: ["P1:applied"] }), t, names)).toBe('negotiation.revision{"number":2}');
    expect(payloadSummary(event("note.create", { note: "9f1c2d3e-aaaa" }), t, names)).toBe("");
  });
  it("shows an unknown action's payload as recorded, shortened", () => {
    expect(payloadSummary(event("meeting.opened", { body: "CHS", seats: 10 }), t, names)).toBe("body: CHS; seats: 10");
    expect(payloadSummary(event("x.y", { text: "a".repeat(300) }), t, names)).toHaveLength(120);
  });
});

describe("targetLabel", () => {
  const target = (raw: string | null, name: AuditTargetName | null = null) => targetLabel({ target: raw, targetName: name }, t, names);

  it("names accounts, delegations, the organization and documents by what they are called, in the reader's language", () => {
    expect(target("user:u1", { kind: "user", displayName: "Aigerim", demoAccount: null, delegation: "KZ" })).toBe('audit.targetUser{"name":"Aigerim"}');
    expect(target("user:u0", { kind: "user", displayName: "Secretariat administrator (demo)", demoAccount: "secretariat-administrator", delegation: null })).toBe(
      'audit.targetUser{"name":"users.demoName.secretariatAdministrator"}',
    );
    const kazakhstan = { zh: "哈萨克斯坦", ru: "Казахстан", en: "Kazakhstan" };
    expect(target("delegation:KZ", { kind: "party", names: kazakhstan })).toBe('audit.targetDelegation{"name":"Казахстан"}');
    expect(target("organization:SCO", { kind: "party", names: { zh: "上海合作组织", ru: "Шанхайская организация сотрудничества", en: "Shanghai Cooperation Organisation" } })).toBe(
      "Шанхайская организация сотрудничества",
    );
    expect(target("document:d1", { kind: "document", title: { ru: "Декларация", en: "Declaration" }, baseLanguage: "en" })).toBe('audit.targetDocument{"title":"Декларация"}');
  });

  it("reads a document's title in its base language when it has none in the reader's", () => {
    expect(target("document:d1", { kind: "document", title: { zh: "宣言", en: "Declaration" }, baseLanguage: "en" })).toBe('audit.targetDocument{"title":"Declaration"}');
  });

  it("shortens the id of a target no longer known, and shows an unknown kind as recorded", () => {
    expect(target("user:49e626b4-bd6f-46e0")).toBe('audit.targetUser{"name":"49e626b4…"}');
    expect(target("document:0b5a77c2-1d2e-4f00")).toBe('audit.targetDocument{"title":"0b5a77c2…"}');
    expect(target("delegation:KZ")).toBe('audit.targetDelegation{"name":"Kazakhstan"}');
    expect(target("meeting:42")).toBe("meeting:42");
    expect(target(null)).toBe("");
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
