// Walks every right of every policy against every role and tier through the API: allowed → 2xx, denied → 403 naming the right, no session → 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { decide, type Actor } from "../../src/domain/access.js";
import { buildApp } from "../../src/server/app.js";
import { allPermissions } from "../../src/server/platform/access/policies.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { SessionClient } from "./session-client.js";
import { oneProvisionDraft } from "./drafts.js";
import { and, eq, gt, max } from "drizzle-orm";
import { auditEvents } from "../../src/server/audit/tables.js";

interface Subject {
  readonly name: string;
  readonly client: SessionClient;
  readonly actor: Actor;
  /** The delegation whose resources the subject acts on: its own, or Kazakhstan's for the secretariat and the public. */
  readonly delegation: string;
  readonly password: string;
  /** The address its requests come from (what the audit trail records of them). */
  readonly address: string;
}

interface Endpoint {
  /** Makes the request exercising the right, as the subject, on resources of `subject.delegation`. */
  readonly call: (subject: Subject, fixtures: Fixtures) => Promise<{ statusCode: number; body: string; json(): any }>;
  /** The resource the policy decides on, when the right is scoped. */
  readonly resource?: (subject: Subject, fixtures: Fixtures) => unknown;
}

interface Fixtures {
  /** A delegate per delegation, to act on. */
  readonly delegateIds: Map<string, string>;
  next(): number;
  /** A fresh draft (opened by the secretariat, for the CHS chaired today by Kyrgyzstan): one provision, every version current. */
  /**
   * Ready: agreed and issued as Rev.1 (silence and a call apply to an issued revision); silence: under a silence procedure;
   * call: a call for objections open on Rev.1; decision: a document of kind decision.
   */
  document(options?: { ready?: boolean; silence?: boolean; call?: boolean; proposal?: boolean; decision?: boolean; invite?: string | null }): Promise<{ id: string; provision: string; version: number; proposal: string | null }>;
  /** A fresh draft with the secretariat's compromise text for its provision, pending. */
  draft(): Promise<{ document: string; draft: string }>;
  /** A fresh CMFA meeting (chaired by Kyrgyzstan, members invited by right); with an agenda item, or Russia's list submitted. */
  meeting(options?: { item?: boolean; list?: boolean }): Promise<{ id: string; version: number; item: string | null; list: string | null }>;
  /** A fresh meeting with an agenda item on which the secretariat asked the floor for `delegation`: the request's id. */
  floorRequest(delegation: string): Promise<{ id: string; item: string; request: string }>;
  /** The badge token of a Kazakh delegate on an approved list. */
  badge(): Promise<string>;
  /** The same, with its meeting. */
  meetingBadge(): Promise<{ meeting: string; token: string }>;
}

/** A draft as the policy sees it: chaired by Kyrgyzstan, open to member delegations. */
const draft = () => ({ chair: "KG", visibility: "members" });
/** A meeting as the policy sees it: chaired by Kyrgyzstan, the ten members invited by right, Mongolia and Laos not. */
const MEMBERS = ["BY", "CN", "IN", "IR", "KG", "KZ", "PK", "RU", "TJ", "UZ"];
const meeting = () => ({ chair: "KG", visibility: "participants", isRecord: false, invited: new Set(MEMBERS) });
const draftProvision = () => ({ chair: "KG", visibility: "members", facilitator: null });
/** Whether the subject may make a proposal on a draft (a delegation whose tier may propose). */
const mayPropose = (s: Subject): boolean => s.actor.delegation !== null && s.actor.rights?.propose === true;
/** The subject's delegation when the chair may invite it to a draft: one whose tier may not object. */
const invitable = (s: Subject): string | null => (s.actor.delegation !== null && s.actor.rights?.object !== true ? s.actor.delegation : null);

/** How to exercise each right. A right without an entry fails the test: add one with every new capability. */
const ENDPOINTS: Record<string, Endpoint> = {
  "user.list": { call: (s) => s.client.request("GET", "/api/v1/users") },
  "user.create": {
    call: (s, f) => s.client.request("POST", "/api/v1/users", { email: `new${f.next()}@concord.test`, displayName: "New", role: "delegate", delegation: s.delegation }),
    resource: (s) => ({ delegation: s.delegation, role: "delegate" }),
  },
  "user.update": {
    call: (s, f) => s.client.request("PATCH", `/api/v1/users/${f.delegateIds.get(s.delegation)}`, { displayName: `Renamed ${f.next()}` }),
    resource: (s) => ({ delegation: s.delegation, role: "delegate" }),
  },
  "session.change-password": {
    call: (s) => s.client.request("POST", "/api/v1/session/password", { currentPassword: s.password, newPassword: s.password }),
  },
  "delegation.list": { call: (s) => s.client.request("GET", "/api/v1/delegations") },
  "delegation.read": { call: (s) => s.client.request("GET", `/api/v1/delegations/${s.delegation}`), resource: (s) => ({ code: s.delegation }) },
  "delegation.create": {
    call: (s, f) => s.client.request("POST", "/api/v1/delegations", { code: ["UN", "ASEAN", "CIS", "CSTO", "EAEU", "CICA"][f.next() % 6] }),
  },
  "delegation.update": { call: (s) => s.client.request("PATCH", `/api/v1/delegations/${s.delegation}`, { isActive: true }), resource: (s) => ({ code: s.delegation }) },
  "user.unlink-sso": { call: (s, f) => s.client.request("DELETE", `/api/v1/users/${f.delegateIds.get(s.delegation)}/single-sign-on`) },
  "audit.list": { call: (s) => s.client.request("GET", "/api/v1/audit"), resource: (s) => ({ delegation: s.actor.delegation ?? "KZ" }) },
  "audit.verify": { call: (s) => s.client.request("GET", "/api/v1/audit/verification") },
  "registry.export": { call: (s) => s.client.request("GET", "/api/v1/registry/export") },
  "registry.change": {
    call: (s, f) =>
      s.client.request("POST", "/api/v1/registry/changes", {
        reason: "permission matrix",
        changes: [{ put: "sources", record: { key: `matrix-${f.next()}`, title: { zh: "测试", ru: "Тест", en: "Test" } } }],
      }),
  },
  "document.create": {
    call: (s) =>
      s.client.request("POST", "/api/v1/documents", {
        title: { ru: "Проект", en: "Draft" },
        kind: "statement",
        body: "CHS",
        baseLanguage: "ru",
        languages: ["ru", "en"],
        provisions: [{ kind: "operative", texts: { ru: "Текст.", en: "Text." } }],
      }),
    resource: draft,
  },
  "document.read": { call: async (s, f) => s.client.request("GET", `/api/v1/documents/${(await f.document()).id}`), resource: draft },
  "proposal.create": {
    call: async (s, f) => {
      const d = await f.document();
      return s.client.request("POST", `/api/v1/documents/${d.id}/proposals`, { change: { type: "insert", provision: d.provision, at: 0, text: "Впредь " } });
    },
    resource: draft,
  },
  ...Object.fromEntries(
    (["support", "oppose", "comment"] as const).map((stance) => [
      `position.${stance}`,
      {
        call: async (s: Subject, f: Fixtures) => s.client.request("POST", `/api/v1/proposals/${(await f.document({ proposal: true })).proposal}/positions`, { stance, text: "Noted." }),
        resource: draft,
      },
    ]),
  ),
  "position.retract": {
    // The subject's own support first (refused too where the tier may not support, so nothing is written).
    call: async (s, f) => {
      const d = await f.document({ proposal: true });
      await s.client.request("POST", `/api/v1/proposals/${d.proposal}/positions`, { stance: "support" });
      return s.client.request("POST", `/api/v1/proposals/${d.proposal}/positions`, { stance: "retract" });
    },
    resource: draft,
  },
  "proposal.withdraw": {
    // The subject withdraws its own proposal where it may make one; else Russia's, which is not its own.
    call: async (s, f) => {
      const d = await f.document({ proposal: true });
      const own = await s.client.request("POST", `/api/v1/documents/${d.id}/proposals`, { change: { type: "insert", provision: d.provision, at: 0, text: "Впредь " } });
      return s.client.request("POST", `/api/v1/proposals/${own.statusCode === 201 ? own.json().id : d.proposal}/withdrawal`, {});
    },
    resource: (s) => ({ ...draft(), proposer: mayPropose(s) ? s.actor.delegation : "RU" }),
  },
  "proposal.cosponsor": { call: async (s, f) => s.client.request("POST", `/api/v1/proposals/${(await f.document({ proposal: true })).proposal}/cosponsors`, {}), resource: draft },
  "revision.issue": { call: async (s, f) => s.client.request("POST", `/api/v1/documents/${(await f.document()).id}/revisions`, { version: 1 }), resource: draft },
  "provision.compromise": {
    call: async (s, f) => {
      const d = await f.document();
      return s.client.request("POST", `/api/v1/documents/${d.id}/provisions/${d.provision}/compromise`, { bracket: null, text: "Компромисс.", version: 1 });
    },
    resource: draftProvision,
  },
  "provision.mark": {
    call: async (s, f) => {
      const d = await f.document();
      return s.client.request("POST", `/api/v1/documents/${d.id}/provisions/${d.provision}/status`, { mark: "agreed-ad-ref", version: 1 });
    },
    resource: draftProvision,
  },
  "provision.facilitator": {
    call: async (s, f) => {
      const d = await f.document();
      return s.client.request("POST", `/api/v1/documents/${d.id}/provisions/${d.provision}/facilitator`, { delegation: "KZ", version: 1 });
    },
    resource: draftProvision,
  },
  "provision.translate": {
    call: async (s, f) => {
      const d = await f.document();
      return s.client.request("PUT", `/api/v1/documents/${d.id}/provisions/${d.provision}/versions/en`, { text: "Text, updated.", version: 1 });
    },
    resource: draft,
  },
  "document.visibility": {
    call: async (s, f) => s.client.request("POST", `/api/v1/documents/${(await f.document()).id}/visibility`, { visibility: "participants", version: 1 }),
    resource: draft,
  },
  "silence.start": {
    call: async (s, f) => {
      const d = await f.document({ ready: true });
      return s.client.request("POST", `/api/v1/documents/${d.id}/silence`, { deadline: new Date(Date.now() + 25 * 3_600_000).toISOString(), version: d.version });
    },
    resource: draft,
  },
  "silence.break": {
    call: async (s, f) => s.client.request("POST", `/api/v1/documents/${(await f.document({ silence: true })).id}/silence/break`, { reason: "Consultations." }),
    resource: draft,
  },
  "statement.create": { call: async (s, f) => s.client.request("POST", `/api/v1/documents/${(await f.document()).id}/statements`, { text: "Our position." }), resource: draft },
  "document.invite": {
    call: async (s, f) => {
      const d = await f.document();
      return s.client.request("POST", `/api/v1/documents/${d.id}/invitations`, { party: "MN", version: d.version });
    },
    resource: draft,
  },
  "position.comment-invited": {
    // The chair invited the subject's delegation when it is a non-member (a member's invitation is refused: it needs none).
    call: async (s, f) => {
      const d = await f.document({ proposal: true, invite: invitable(s) });
      return s.client.request("POST", `/api/v1/proposals/${d.proposal}/invited-comments`, { text: "Our partner's view." });
    },
    resource: (s) => ({ ...draft(), invited: [invitable(s)].filter((party) => party !== null) }),
  },
  "draft.prepare": {
    call: async (s, f) => {
      const d = await f.document();
      return s.client.request("POST", `/api/v1/documents/${d.id}/drafts`, { kind: "compromise", provision: d.provision, bracket: null, text: "Государства-члены тесно сотрудничают.", note: "For the chair." });
    },
    resource: draft,
  },
  "draft.read": { call: async (s, f) => s.client.request("GET", `/api/v1/documents/${(await f.document()).id}/drafts`), resource: draft },
  "draft.discard": {
    call: async (s, f) => {
      const d = await f.draft();
      return s.client.request("POST", `/api/v1/documents/${d.document}/drafts/${d.draft}/discard`, {});
    },
    resource: draft,
  },
  "silence.cancel": {
    call: async (s, f) => s.client.request("POST", `/api/v1/documents/${(await f.document({ silence: true })).id}/silence/cancellation`, { reason: "Consultations continue." }),
    resource: draft,
  },
  "document.rule": {
    call: async (s, f) => {
      const d = await f.document({ decision: true });
      return s.client.request("POST", `/api/v1/documents/${d.id}/rule`, { subject: "suspension", concerning: "BY", reason: "The decision is on suspension.", version: d.version });
    },
    resource: draft,
  },
  "call.open": {
    call: async (s, f) => {
      const d = await f.document({ ready: true });
      return s.client.request("POST", `/api/v1/documents/${d.id}/call`, { version: d.version });
    },
    resource: draft,
  },
  "call.withdraw": {
    call: async (s, f) => s.client.request("POST", `/api/v1/documents/${(await f.document({ call: true })).id}/call/withdrawal`, { reason: "Consultations continue." }),
    resource: draft,
  },
  "call.object": {
    call: async (s, f) => s.client.request("POST", `/api/v1/documents/${(await f.document({ call: true })).id}/call/objections`, { reason: "We cannot join consensus." }),
    resource: draft,
  },
  "call.withdraw-objection": {
    // The subject's own objection first (refused too where the right is missing, so nothing is written).
    call: async (s, f) => {
      const d = await f.document({ call: true });
      await s.client.request("POST", `/api/v1/documents/${d.id}/call/objections`, { reason: "We cannot join consensus." });
      return s.client.request("POST", `/api/v1/documents/${d.id}/call/objections/withdrawal`, {});
    },
    resource: draft,
  },
  "document.adopt": {
    call: async (s, f) => {
      const d = await f.document({ call: true });
      return s.client.request("POST", `/api/v1/documents/${d.id}/adoption`, { version: d.version });
    },
    resource: draft,
  },
  "note.read": { call: async (s, f) => s.client.request("GET", `/api/v1/documents/${(await f.document()).id}/notes`), resource: draft },
  "note.create": { call: async (s, f) => s.client.request("POST", `/api/v1/documents/${(await f.document()).id}/notes`, { text: "Ask capital." }), resource: draft },
  "programme.import": {
    // Kyrgyzstan's term (chair today): a one-event CSV, replacing the events imported before.
    call: (s, f) =>
      s.client.request(
        "POST",
        "/api/v1/chairmanship/chair-2026/programme/import",
        `title_zh,title_ru,title_en,start,track,kind,status\n,,Matrix forum ${f.next()},2025-10,people,forum,planned\n`,
        { headers: { "content-type": "text/csv" } },
      ),
    resource: () => ({ holder: "KG" }),
  },
  "meeting.create": {
    call: (s) =>
      s.client.request("POST", "/api/v1/meetings", { body: "CNC", title: { en: "Meeting" }, start: "2026-12-01T09:00:00Z", end: "2026-12-01T12:00:00Z", timeZone: "UTC", format: "video" }),
  },
  "meeting.read": { call: async (s, f) => s.client.request("GET", `/api/v1/meetings/${(await f.meeting()).id}`), resource: meeting },
  "meeting.manage": {
    call: async (s, f) => {
      const m = await f.meeting();
      return s.client.request("PATCH", `/api/v1/meetings/${m.id}`, { status: "confirmed", version: m.version });
    },
    resource: meeting,
  },
  "meeting.invite": { call: async (s, f) => s.client.request("POST", `/api/v1/meetings/${(await f.meeting()).id}/invitations`, { party: "MN", basis: "invited" }), resource: meeting },
  "meeting.quota": {
    call: async (s, f) => s.client.request("PATCH", `/api/v1/meetings/${(await f.meeting()).id}/invitations/KG`, { quota: 20 + (f.next() % 10), version: 1 }),
  },
  "meeting.respond": {
    call: async (s, f) => s.client.request("POST", `/api/v1/meetings/${(await f.meeting()).id}/participation`, { response: "confirmed", headLevel: "minister" }),
    resource: meeting,
  },
  "meeting.participants": { call: async (s, f) => s.client.request("GET", `/api/v1/meetings/${(await f.meeting()).id}/participants`), resource: meeting },
  "accreditation.submit": {
    call: async (s, f) =>
      s.client.request("POST", `/api/v1/meetings/${(await f.meeting()).id}/accreditations`, { delegates: [{ name: { en: `Delegate ${f.next()}` }, function: { en: "Adviser" }, rank: "adviser" }] }),
    resource: meeting,
  },
  "accreditation.decide": {
    call: async (s, f) => {
      const m = await f.meeting({ list: true });
      return s.client.request("POST", `/api/v1/meetings/${m.id}/accreditations/${m.list}/decision`, { decision: "approve", version: 1 });
    },
  },
  "agenda.change": {
    call: async (s, f) => {
      const m = await f.meeting();
      return s.client.request("POST", `/api/v1/meetings/${m.id}/agenda`, { title: { en: "Opening" }, version: m.version });
    },
    resource: meeting,
  },
  "floor.request": {
    call: async (s, f) => {
      const m = await f.meeting({ item: true });
      return s.client.request("POST", `/api/v1/meetings/${m.id}/agenda/${m.item}/floor`, { kind: "speech", delegation: s.delegation });
    },
    resource: meeting,
  },
  "badge.print": { call: async (s, f) => s.client.request("GET", `/api/v1/badges/${await f.badge()}.pdf`), resource: () => ({ delegation: "KZ" }) },
  "badge.revoke": {
    call: async (s, f) => {
      const { meeting, token } = await f.meetingBadge();
      return s.client.request("POST", `/api/v1/meetings/${meeting}/badges/${token}/revocation`, { reason: "lost" });
    },
  },
  "floor.withdraw": {
    // Kazakhstan's request for the floor (asked by the secretariat for it), withdrawn by the subject.
    call: async (s, f) => {
      const { id, item, request } = await f.floorRequest("KZ");
      return s.client.request("POST", `/api/v1/meetings/${id}/agenda/${item}/floor/actions`, { action: "withdraw", request });
    },
    resource: () => ({ ...meeting(), requester: "KZ" }),
  },
  "floor.manage": {
    call: async (s, f) => {
      const m = await f.meeting({ item: true });
      return s.client.request("POST", `/api/v1/meetings/${m.id}/agenda/${m.item}/floor/actions`, { action: "close" });
    },
    resource: meeting,
  },
};

describe("the permission matrix", () => {
  let database: Database;
  let app: FastifyInstance;
  const subjects: Subject[] = [];
  let counter = 0;
  let admin: SessionClient;
  let chair: SessionClient;
  let russia: SessionClient;
  const fixtures: Fixtures = {
    delegateIds: new Map(),
    next: () => (counter += 1),
    meeting: (options) => makeMeeting(options),
    async floorRequest(delegation) {
      const m = await makeMeeting({ item: true });
      const asked = await admin.request("POST", `/api/v1/meetings/${m.id}/agenda/${m.item}/floor`, { kind: "speech", delegation });
      expect(asked.statusCode, asked.body).toBe(200);
      const queue = asked.json().agenda.items[0].speakers.queue as { id: string; delegation: string }[];
      return { id: m.id, item: m.item!, request: queue.find((r) => r.delegation === delegation)!.id };
    },
    badge: async () => (await makeBadge()).token,
    meetingBadge: () => makeBadge(),
    async draft() {
      const d = await this.document();
      const prepared = await admin.request("POST", `/api/v1/documents/${d.id}/drafts`, { kind: "compromise", provision: d.provision, bracket: null, text: "Государства-члены сотрудничают тесно." });
      expect(prepared.statusCode, prepared.body).toBe(201);
      return { document: d.id, draft: prepared.json().id };
    },
    async document(options = {}) {
      const created = await admin.request("POST", "/api/v1/documents", { ...oneProvisionDraft(), ...(options.decision ? { kind: "decision" } : {}) });
      expect(created.statusCode, created.body).toBe(201);
      let document = created.json();
      const provision = document.provisions[0].id;
      let proposal: string | null = null;
      if (options.proposal) {
        const made = await russia.request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "insert", provision, at: 0, text: "Впредь " } });
        expect(made.statusCode, made.body).toBe(201);
        proposal = made.json().id;
        document = { ...document, version: made.json().documentVersion };
      }
      if (options.invite) {
        const invited = await chair.request("POST", `/api/v1/documents/${document.id}/invitations`, { party: options.invite, version: document.version });
        expect(invited.statusCode, invited.body).toBe(200);
        document = invited.json();
      }
      if (options.ready || options.silence || options.call) {
        const marked = await chair.request("POST", `/api/v1/documents/${document.id}/provisions/${provision}/status`, { mark: "agreed", version: 1 });
        expect(marked.statusCode, marked.body).toBe(200);
        const issued = await chair.request("POST", `/api/v1/documents/${document.id}/revisions`, { version: marked.json().version });
        expect(issued.statusCode, issued.body).toBe(201);
        document = issued.json().current;
      }
      if (options.call) {
        const called = await chair.request("POST", `/api/v1/documents/${document.id}/call`, { version: document.version });
        expect(called.statusCode, called.body).toBe(200);
        document = called.json();
      }
      if (options.silence) {
        const started = await chair.request("POST", `/api/v1/documents/${document.id}/silence`, { deadline: new Date(Date.now() + 25 * 3_600_000).toISOString(), version: document.version });
        expect(started.statusCode, started.body).toBe(200);
        document = started.json();
      }
      return { id: document.id, provision, version: document.version, proposal };
    },
  };

  async function makeMeeting(options: { item?: boolean; list?: boolean } = {}) {
    const created = await admin.request("POST", "/api/v1/meetings", {
      body: "CMFA",
      title: { en: "Meeting of the CMFA" },
      start: "2026-12-10T10:00:00+06:00",
      end: "2026-12-10T18:00:00+06:00",
      timeZone: "Asia/Bishkek",
      format: "in_person",
    });
    expect(created.statusCode, created.body).toBe(201);
    let current = created.json();
    let item: string | null = null;
    let list: string | null = null;
    if (options.item) {
      const added = await admin.request("POST", `/api/v1/meetings/${current.id}/agenda`, { title: { en: "General debate" }, version: current.version });
      expect(added.statusCode, added.body).toBe(200);
      current = added.json();
      item = current.agenda.items[0].id;
    }
    if (options.list) {
      const submitted = await russia.request("POST", `/api/v1/meetings/${current.id}/accreditations`, { delegates: [{ name: { ru: "Делегат" }, function: { ru: "Советник" }, rank: "adviser" }] });
      expect(submitted.statusCode, submitted.body).toBe(201);
      current = submitted.json();
      list = current.accreditation[0].id;
    }
    return { id: current.id, version: current.version, item, list };
  }

  let kazakhstan: SessionClient;
  async function makeBadge(): Promise<{ meeting: string; token: string }> {
    const m = await makeMeeting();
    const submitted = await kazakhstan.request("POST", `/api/v1/meetings/${m.id}/accreditations`, { delegates: [{ name: { ru: "Делегат" }, function: { ru: "Советник" }, rank: "adviser" }] });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const list = submitted.json().accreditation[0];
    const approved = await admin.request("POST", `/api/v1/meetings/${m.id}/accreditations/${list.id}/decision`, { decision: "approve", version: list.version });
    expect(approved.statusCode, approved.body).toBe(200);
    return { meeting: m.id, token: approved.json().accreditation.find((l: { id: string }) => l.id === list.id).delegates[0].badge };
  }

  async function auditHead(): Promise<number> {
    const [row] = await database.db.select({ seq: max(auditEvents.seq) }).from(auditEvents);
    return row?.seq ?? 0;
  }
  async function auditedFrom(address: string, since: number): Promise<number> {
    const rows = await database.db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(gt(auditEvents.seq, since), eq(auditEvents.address, address)));
    return rows.length;
  }

  beforeAll(async () => {
    database = await openDatabase({});
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    app = await buildApp({ database });

    const setup = new SessionClient(app, "10.0.0.1");
    await setup.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const password = "matrix-password-1";
    await setup.request("POST", "/api/v1/users", { email: "officer@concord.test", displayName: "Officer", role: "secretariat_officer", password });
    // The fixtures' own accounts, which no subject signs out or changes the password of.
    await setup.request("POST", "/api/v1/users", { email: "fixtures@concord.test", displayName: "Fixtures", role: "secretariat_officer", password });
    await setup.request("POST", "/api/v1/users", { email: "chair.kg@concord.test", displayName: "Chair KG", role: "delegate", delegation: "KG", password });
    admin = new SessionClient(app, "10.0.0.4");
    expect((await admin.signIn("fixtures@concord.test", password)).statusCode).toBe(200);
    chair = new SessionClient(app, "10.0.0.2");
    expect((await chair.signIn("chair.kg@concord.test", password)).statusCode).toBe(200);
    await setup.request("POST", "/api/v1/users", { email: "head2.kz@concord.test", displayName: "Head KZ", role: "head_of_delegation", delegation: "KZ", password });
    kazakhstan = new SessionClient(app, "10.0.0.5");
    expect((await kazakhstan.signIn("head2.kz@concord.test", password)).statusCode).toBe(200);
    russia = new SessionClient(app, "10.0.0.3");
    expect((await russia.signIn(demoHeadEmail("RU"), DEMO_PASSWORD)).statusCode).toBe(200);
    // Kazakhstan a member, Mongolia an SCO partner (by the 2025 reclassification), Laos an SCO partner (admitted as one), Kyrgyzstan the chair.
    for (const code of ["KZ", "MN", "LA", "KG"]) {
      const created = await setup.request("POST", "/api/v1/users", { email: `delegate.${code.toLowerCase()}@concord.test`, displayName: `Delegate ${code}`, role: "delegate", delegation: code, password });
      fixtures.delegateIds.set(code, created.json().id);
    }
    const accounts: [string, string, string, string][] = [
      ["secretariat administrator", DEMO_ADMIN_EMAIL, DEMO_PASSWORD, "KZ"],
      ["secretariat officer", "officer@concord.test", password, "KZ"],
      ...["KZ", "MN", "LA", "KG"].flatMap((code): [string, string, string, string][] => [
        [`head of delegation ${code}`, demoHeadEmail(code), DEMO_PASSWORD, code],
        [`delegate ${code}`, `delegate.${code.toLowerCase()}@concord.test`, password, code],
      ]),
    ];
    for (const [i, [name, email, pw, delegation]] of accounts.entries()) {
      const address = `10.0.1.${i + 1}`;
      const client = new SessionClient(app, address);
      expect((await client.signIn(email, pw)).statusCode).toBe(200);
      const actor = (await client.request("GET", "/api/v1/session")).json().actor;
      subjects.push({ name, client, actor: { ...actor, userId: "signed-in" }, delegation, password: pw, address });
    }
    const anonymous = new SessionClient(app, "10.0.2.1");
    subjects.push({ name: "public", client: anonymous, actor: { userId: null, role: "public", delegation: null, tier: null, rights: null, isChair: false }, delegation: "KZ", password: "", address: "10.0.2.1" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("covers the tiers and the chair", () => {
    const tiers = subjects.map((s) => `${s.actor.role}:${s.actor.tier}:${s.actor.isChair}`);
    expect(tiers).toEqual(expect.arrayContaining(["head_of_delegation:member:false", "head_of_delegation:partner:false", "head_of_delegation:member:true", "delegate:partner:false"]));
    // Every standing tier in force today has a subject.
    const inForce = ["member", "partner"];
    expect(inForce.every((tier) => subjects.some((s) => s.actor.tier === tier))).toBe(true);
  });

  it("has an endpoint for every right", () => {
    expect(allPermissions().map((p) => p.right).filter((right) => !(right in ENDPOINTS))).toEqual([]);
  });

  it("answers every right for every role and tier as the policy says", async () => {
    const outcomes: string[] = [];
    for (const permission of allPermissions()) {
      const endpoint = ENDPOINTS[permission.right]!;
      for (const subject of subjects) {
        const resource = endpoint.resource?.(subject, fixtures);
        const isAllowed = decide(permission, subject.actor, resource as never).allowed;
        const since = await auditHead();
        const response = await endpoint.call(subject, fixtures);
        const label = `${permission.right} as ${subject.name}`;
        if (isAllowed) {
          expect(response.statusCode, `${label}: ${response.body}`).toBeGreaterThanOrEqual(200);
          expect(response.statusCode, label).toBeLessThan(300);
        } else if (subject.actor.userId === null) {
          expect(response.statusCode, label).toBe(401);
          expect(response.json().code, label).toBe("unauthenticated");
        } else {
          expect(response.statusCode, label).toBe(403);
          expect(response.json(), label).toMatchObject({ code: "forbidden", right: permission.right });
        }
        // A refused command wrote nothing: no audit event came from the subject's requests (the fixtures' come from others).
        if (!isAllowed) expect(await auditedFrom(subject.address, since), label).toBe(0);
        outcomes.push(`${label}: ${response.statusCode}`);
      }
    }
    expect(outcomes).toHaveLength(allPermissions().length * subjects.length);
  });

  it("tells each actor, with its session, exactly the rights the policies give it", async () => {
    for (const subject of subjects) {
      const { permissions } = (await subject.client.request("GET", "/api/v1/session")).json();
      const expected = Object.fromEntries(
        allPermissions()
          .filter((p) => decide(p, subject.actor).allowed)
          .map((p) => [p.right, p.scope && ["head_of_delegation", "delegate"].includes(subject.actor.role) ? "own" : "all"]),
      );
      expect(permissions, subject.name).toEqual(expected);
    }
  });

  it("keeps a head of delegation within their own delegation", async () => {
    const head = subjects.find((s) => s.name === "head of delegation KZ")!;
    const foreign = await head.client.request("POST", "/api/v1/users", { email: "spy@concord.test", displayName: "Spy", role: "delegate", delegation: "CN" });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().right).toBe("user.create");
    const promote = await head.client.request("PATCH", `/api/v1/users/${fixtures.delegateIds.get("KZ")}`, { role: "head_of_delegation" });
    expect(promote.statusCode).toBe(403);
    const other = await head.client.request("GET", "/api/v1/delegations/CN");
    expect(other.statusCode).toBe(403);
    const otherUser = await head.client.request("PATCH", `/api/v1/users/${fixtures.delegateIds.get("MN")}`, { displayName: "x" });
    expect(otherUser.statusCode).toBe(404);
    const seen = (await head.client.request("GET", "/api/v1/users")).json().items;
    expect(seen.every((u: { delegation: string }) => u.delegation === "KZ")).toBe(true);
  });
});
