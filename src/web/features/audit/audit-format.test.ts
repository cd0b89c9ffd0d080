// Audit events read as sentences in the reader's language; actors and targets by what they are called now, never by raw ids;
// every action the server records (the contract's list) has a label in zh-CN, ru and en and a summary that leaks no identifier,
// key or raw instant; an action no longer recorded still shows what was recorded.
import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, type AuditAction } from "../../../contracts/audit";
import type { AuditEvent, AuditTargetName } from "../../../contracts/identity";
import en from "../../i18n/locales/en.json";
import ru from "../../i18n/locales/ru.json";
import zhCN from "../../i18n/locales/zh-CN.json";
import { accountName } from "../../shared/directory/account-name";
import { actionLabel, actorLabel, dayEnd, dayStart, KNOWN_ACTIONS, payloadSummary, shortHash, targetLabel, type AuditNames } from "./audit-format";

/** A stand-in for i18next: the key, then its options, so a test sees what was asked for. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key)) as unknown as TFunction;
const delegation = (code: string | null) => (code === "KZ" ? "Kazakhstan" : (code ?? ""));
const names: AuditNames = { delegation, account: (account) => accountName(account, t, delegation), language: "ru", locale: "ru", timeZone: "UTC" };

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
    parties: {},
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
    expect(summary).toBe('audit.summary.registryChanged{"count":2,"total":"2","reason":"Tianjin summit"}');
    expect(actionLabel("registry.changed", t)).toBe("audit.actions.registryChanged");
  });
  it("reads negotiation events by their labels, and shows none of their identifiers", () => {
    expect(payloadSummary(event("position.take", { proposal: "9f1c2d3e-aaaa", stance: "oppose" }), t, names)).toBe("negotiation.proposal.oppose");
    expect(payloadSummary(event("revision.issue", { revision: 2, outcomes: ["P1:applied"] }), t, names)).toBe('negotiation.revision{"number":2}');
    expect(payloadSummary(event("note.create", { note: "9f1c2d3e-aaaa" }), t, names)).toBe("");
  });
  it("reads a call for objections: the revision called on, who objected and why, and the revision adopted", () => {
    expect(payloadSummary(event("call.open", { document: "d1", revision: 3 }), t, names)).toBe('negotiation.revision{"number":3}');
    expect(payloadSummary({ ...event("call.object", { delegation: "KZ", reason: "OP4" }), parties: {} }, t, names)).toBe('Kazakhstan · audit.summary.reason{"reason":"OP4"}');
    expect(payloadSummary(event("document.adopt", { number: "CHS/2026/1", revision: 3 }), t, names)).toBe('CHS/2026/1 · negotiation.revision{"number":3}');
  });
  it("shows the payload of an action the server no longer records as recorded, shortened", () => {
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
    expect(target("meeting:CHS-2026-12-21-caczvowk")).toBe("audit.targetMeetingGone");
    expect(target("chairmanship:kg-2025")).toBe("audit.targetTermGone");
    expect(target("venue:42")).toBe("venue:42");
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

/** What the server records for each action (as in src/server), with the identifiers a reader must never be shown. */
interface Sample {
  readonly payload: Record<string, unknown>;
  readonly target: string | null;
  readonly targetName?: AuditTargetName;
  /** The events whose payload holds only identifiers: they say nothing beyond their label and target. */
  readonly isSilent?: boolean;
}

const USER = "49e626b4-bd6f-46e0-9c1e-0d5b7a1f2c3d";
const DOCUMENT = "32xa9saykvo";
const MEETING = "CHG-2026-12-21-caczvowk";
const ITEM = "ioajvkcqf";
const LIST = "l8bimbxck";
const PROPOSAL = "9f1c2d3e-aaaa-4bbb-8ccc-0123456789ab";
const NOTE = "n7q2w9e4r";
const STATEMENT = "s3k8d1x0v";
const PROVISION = "pv4m2n8z1";
/** Identifiers that would mean nothing to a reader: none may show in a label, target or summary. */
const IDENTIFIERS = [USER, DOCUMENT, MEETING, ITEM, LIST, PROPOSAL, NOTE, STATEMENT, PROVISION, "kg-2025"];

const meetingTitle: AuditTargetName = { kind: "meeting", title: { zh: "外长理事会会议", ru: "Заседание СМИД", en: "Council of Foreign Ministers" } };
const documentTitle: AuditTargetName = { kind: "document", title: { ru: "Заявление", en: "Statement", zh: "声明" }, baseLanguage: "ru" };
const itemTitle = { zh: "开幕", ru: "Открытие", en: "Opening" };

const SAMPLES: Record<AuditAction, Sample> = {
  "session.signed-in": { payload: { method: "password" }, target: `user:${USER}` },
  "session.sign-in-failed": { payload: { email: "a@x.test", method: "password", reason: "wrong-password" }, target: null },
  "session.signed-out": { payload: {}, target: `user:${USER}`, isSilent: true },
  "user.created": { payload: { email: "a@x.test", role: "delegate", delegation: "CN", displayName: "Li Wei" }, target: `user:${USER}` },
  "user.updated": { payload: { role: "head_of_delegation", isActive: false }, target: `user:${USER}` },
  "user.password-changed": { payload: {}, target: `user:${USER}`, isSilent: true },
  "user.sso-linked": { payload: { issuer: "https://login.example", subject: "248289761001" }, target: `user:${USER}` },
  "user.sso-unlinked": { payload: { issuer: "https://login.example", subject: "248289761001" }, target: `user:${USER}` },
  "delegation.created": { payload: { code: "CN", partyKind: "state" }, target: "delegation:CN", targetName: { kind: "party", names: { zh: "中国", ru: "Китай", en: "China" } } },
  "delegation.updated": { payload: { isActive: true }, target: "delegation:CN", targetName: { kind: "party", names: { zh: "中国", ru: "Китай", en: "China" } } },
  "identity.demo-accounts-created": { payload: { users: 28, delegations: ["CN", "IN"] }, target: null },
  "registry.imported": { payload: { replace: false, origin: "sco", records: 412 }, target: "organization:SCO" },
  "registry.changed": { payload: { reason: "Tianjin summit", changes: [{ put: "states", key: "LA" }] }, target: "organization:SCO" },
  "document.create": { payload: { body: "CHS", kind: "statement", provisions: 4 }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "proposal.create": { payload: { proposal: PROPOSAL, label: "P3", type: "replace" }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "position.take": { payload: { proposal: PROPOSAL, stance: "support" }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "proposal.withdraw": { payload: { proposal: PROPOSAL }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "proposal.cosponsor": { payload: { proposal: PROPOSAL }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "revision.issue": { payload: { revision: 2, outcomes: ["P1:applied"] }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "provision.compromise": { payload: { provision: PROVISION }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "provision.mark": { payload: { provision: PROVISION }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "provision.facilitator": { payload: { provision: PROVISION }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "provision.translation": { payload: { provision: PROVISION, language: "zh" }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "document.visibility": { payload: { visibility: "public" }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "document.rule": {
    payload: {
      from: { rule: "consensus", subject: null, concerning: null },
      to: { rule: "consensus_minus_one", subject: "suspension", concerning: "AF" },
      reason: "The text suspends a member",
    },
    target: `document:${DOCUMENT}`,
    targetName: documentTitle,
  },
  "document.invite": { payload: { party: "AF", ended: true }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "draft.prepare": { payload: { draft: NOTE, kind: "revision" }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "draft.discard": { payload: { draft: NOTE }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "silence.start": { payload: { deadline: "2026-12-21T12:00:00.000Z", revision: 2 }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "silence.break": { payload: { provision: PROVISION, reason: "Keep the original wording" }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "silence.cancel": { payload: { reason: "Consultations continue" }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "call.open": { payload: { revision: 3 }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "call.object": { payload: { delegation: "IN", reason: "OP4 goes too far" }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "call.withdraw-objection": { payload: { delegation: "IN" }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "call.withdraw": { payload: { reason: "More consultations are needed" }, target: `document:${DOCUMENT}`, targetName: documentTitle },
  "document.adopt": {
    payload: { number: "CHS/2026/1", by: "chair", revision: 3, hashes: { en: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" } },
    target: `document:${DOCUMENT}`,
    targetName: documentTitle,
  },
  "statement.create": { payload: { statement: STATEMENT, provision: PROVISION }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "note.create": { payload: { note: NOTE }, target: `document:${DOCUMENT}`, targetName: documentTitle, isSilent: true },
  "meeting.create": { payload: { body: "CHG", start: "2026-12-21T08:00:00.000Z", timeZone: "Asia/Almaty" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "meeting.update": {
    payload: { status: "postponed", start: "2027-01-10T08:00:00.000Z", end: "2027-01-11T16:00:00.000Z", timeZone: "Asia/Almaty", visibility: "public" },
    target: `meeting:${MEETING}`,
    targetName: meetingTitle,
  },
  "meeting.invite": { payload: { party: "AF", basis: "invited", maySpeak: false }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "meeting.invitation": { payload: { party: "AF", maySpeak: true, quota: 5 }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "meeting.respond": { payload: { response: "confirmed", headLevel: "minister" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "accreditation.submit": { payload: { list: LIST, delegates: 3, state: "submitted" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "accreditation.edit": { payload: { list: LIST, delegates: 2, state: "draft" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "accreditation.decide": { payload: { list: LIST, delegation: "IN", decision: "return", reason: "Two names are missing" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "agenda.add": { payload: { item: ITEM, title: itemTitle, reason: null }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "agenda.change": { payload: { item: ITEM, change: "removed", reason: "Agreed at the opening" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "agenda.adopt": { payload: { items: 3 }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "floor.request": { payload: { item: ITEM, title: itemTitle, delegation: "IN", kind: "point_of_order" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "floor.manage": { payload: { item: ITEM, action: "give", delegation: "CN" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "meeting.outcome": { payload: { documents: 2, attendance: 10 }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "badge.revoke": { payload: { list: "l1", delegation: "CN", delegate: 0, reason: "lost" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "badge.reissue": { payload: { list: "l1", delegation: "CN", delegate: 0 }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "meeting.demo-remove": { payload: { start: "2026-12-07T06:00:00.000Z", end: "2026-12-07T10:00:00.000Z" }, target: `meeting:${MEETING}`, targetName: meetingTitle },
  "programme.imported": {
    payload: { term: "kg-2025", file: "programme.xlsx", events: 12, replaced: 1 },
    target: "chairmanship:kg-2025",
    targetName: { kind: "term", names: { zh: "吉尔吉斯斯坦", ru: "Киргизия", en: "Kyrgyzstan" }, start: "2025-09-01", end: null },
  },
};

/** The registry's names of the parties the samples name by code, as the server sends them with each event. */
const PARTIES: Record<string, Record<string, string>> = {
  CN: { zh: "中国", ru: "Китай", en: "China" },
  IN: { zh: "印度", ru: "Индия", en: "India" },
  AF: { zh: "阿富汗", ru: "Афганистан", en: "Afghanistan" },
};

/** Codes a reader should see translated, never as written: enumerated payload values and payload keys. */
const CODES = /\b(point_of_order|head_of_delegation|maySpeak|headLevel|timeZone|partyKind|by_right|postponed|submitted|confirmed|minister|invited|approve|return|give|removed|draft|public|password|statement|support)\b/;
const SCRIPTS = { cyrillic: /\p{Script=Cyrillic}/u, han: /\p{Script=Han}/u };

describe("every action the server records, read in zh-CN, ru and en", () => {
  const LOCALES = ["zh-CN", "ru", "en"] as const;
  let fixed: Record<(typeof LOCALES)[number], TFunction>;
  let exists: (key: string, language: string) => boolean;

  beforeAll(async () => {
    const instance = i18next.createInstance();
    await instance.init({ resources: { en: { translation: en }, ru: { translation: ru }, "zh-CN": { translation: zhCN } }, lng: "en", interpolation: { escapeValue: false } });
    fixed = { "zh-CN": instance.getFixedT("zh-CN"), ru: instance.getFixedT("ru"), en: instance.getFixedT("en") };
    exists = (key, language) => instance.exists(key, { lng: language, fallbackLng: false });
  });

  const namesIn = (locale: (typeof LOCALES)[number]): AuditNames => {
    const language = locale === "zh-CN" ? "zh" : locale;
    return { delegation: (code) => code ?? "", account: (account) => account.displayName, language, locale, timeZone: "Asia/Almaty" };
  };
  const read = (action: AuditAction, locale: (typeof LOCALES)[number]) => {
    const sample = SAMPLES[action];
    const recorded = { ...event(action, sample.payload, sample.target, sample.targetName ?? null), parties: PARTIES };
    const names = namesIn(locale);
    return { label: actionLabel(action, fixed[locale]), target: targetLabel(recorded, fixed[locale], names), summary: payloadSummary(recorded, fixed[locale], names) };
  };

  it("knows the contract's whole list, and nothing else", () => {
    expect(Object.keys(KNOWN_ACTIONS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  for (const action of AUDIT_ACTIONS) {
    it(`labels ${action} in each language, in that language's script`, () => {
      for (const locale of LOCALES) expect(exists(KNOWN_ACTIONS[action], locale), `${locale} ${KNOWN_ACTIONS[action]}`).toBe(true);
      const { en: english, ru: russian, "zh-CN": chinese } = { en: read(action, "en").label, ru: read(action, "ru").label, "zh-CN": read(action, "zh-CN").label };
      expect(english).not.toMatch(SCRIPTS.cyrillic);
      expect(english).not.toMatch(SCRIPTS.han);
      expect(russian).toMatch(SCRIPTS.cyrillic);
      expect(russian).not.toMatch(SCRIPTS.han);
      expect(chinese).toMatch(SCRIPTS.han);
      expect(chinese).not.toMatch(SCRIPTS.cyrillic);
    });

    it(`reads ${action} with names, not identifiers, keys or raw instants`, () => {
      for (const locale of LOCALES) {
        const text = Object.values(read(action, locale)).join(" | ");
        for (const id of IDENTIFIERS) expect(text, `${locale}: ${text}`).not.toContain(id);
        expect(text, `${locale}: ${text}`).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
        expect(text, `${locale}: ${text}`).not.toMatch(/\b[a-z]+\.[a-z]+\.[a-z_.]+\b|\{\{/);
        expect(text, `${locale}: ${text}`).not.toMatch(/\b(CN|IN|AF)\b/);
        if (locale !== "en") expect(text, `${locale}: ${text}`).not.toMatch(CODES);
        if (!SAMPLES[action].isSilent) expect(read(action, locale).summary, locale).not.toBe("");
      }
    });
  }

  it("says what a meeting event did, with names and instants in the reader's zone", () => {
    expect(read("floor.manage", "en").summary).toBe("floor given to China · on an agenda item");
    expect(read("floor.request", "ru").summary).toBe("Индия: По порядку ведения · по пункту «Открытие»");
    expect(read("meeting.create", "en").summary).toBe("opens Dec 21, 2026, 01:00 PM GMT+5 · venue's time zone: Asia/Almaty");
    expect(read("meeting.invitation", "ru").summary).toBe("Афганистан · может выступать · до 5 делегатов");
    expect(read("accreditation.decide", "zh-CN").summary).toBe("印度：名单已退回 · 理由：Two names are missing");
    expect(read("meeting.create", "ru").target).toBe("Заседание «Заседание СМИД»");
    expect(read("programme.imported", "ru").target).toBe("Председательство: Киргизия, с 1 сентября 2025 г.");
    expect(read("programme.imported", "en")).toMatchObject({ target: "Chairmanship of Kyrgyzstan since September 1, 2025", summary: "programme.xlsx · 12 events · replacing 1 imported before" });
  });
});
