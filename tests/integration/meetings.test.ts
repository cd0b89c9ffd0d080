// Meetings through the API: the dataset's meetings, creation with its refusals, invitations by right and by the chair,
// accreditation within quotas (also raced), the agenda before and after adoption, the list of speakers with the right to
// speak and its live delivery, and the demonstration meeting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, prepareDemoMeeting, seedIfEmpty } from "../../src/server/startup.js";
import { CommandRunner, systemContext } from "../../src/server/platform/commands/runner.js";
import { removeDemoMeeting } from "../../src/server/meetings/commands.js";
import { DemoMeetingKeeper } from "../../src/server/meetings/demo.js";
import { meetingFacts } from "../../src/server/meetings/store.js";
import { meetings } from "../../src/server/meetings/tables.js";
import { and, eq } from "drizzle-orm";
import { auditEvents } from "../../src/server/audit/tables.js";
import { loadRegistry } from "../../src/server/registry/queries.js";
import { localDateTime } from "../../src/domain/meetings/meeting.js";
import { clockAt } from "../../src/domain/meetings/speakers.js";
import { testDatabases } from "./databases.js";
import { readEvents } from "../../src/server/platform/events/log.js";
import { STREAMS } from "../../src/contracts/live.js";
import { isInAudience } from "../../src/domain/audience.js";
import { syncSummits } from "../../src/server/meetings/dataset.js";

/** Anyone, signed in or not. */
const PUBLIC_ACTOR_MEMBER = { userId: null, role: "public", delegation: null } as const;
import { LiveClient } from "./live-client.js";
import { SessionClient } from "./session-client.js";

const TITLE = { zh: "外长理事会会议", ru: "Заседание СМИД", en: "Meeting of the Council of Ministers of Foreign Affairs" };
const delegate = (en: string, zh?: string, ru?: string) => ({
  name: { en, ...(zh ? { zh } : {}), ...(ru ? { ru } : {}) },
  function: { en: "Adviser" },
  rank: "adviser",
});

describe.each(testDatabases)("meetings on $name", (testDb) => {
  const clock = new Date("2026-11-20T09:00:00Z");
  let database: Database;
  let url: string | undefined;
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let address = "";
  const heads = new Map<string, SessionClient>();
  let admin: SessionClient;

  beforeAll(async () => {
    const created = await testDb.create();
    ({ database, url, dispose } = created);
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database, clock);
    app = await buildApp({ database, now: () => clock });
    address = await app.listen({ port: 0, host: "127.0.0.1" });
    admin = new SessionClient(app, "192.0.2.1");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  async function head(code: string): Promise<SessionClient> {
    let client = heads.get(code);
    if (!client) {
      client = new SessionClient(app, `192.0.2.${heads.size + 20}`);
      expect((await client.signIn(demoHeadEmail(code), DEMO_PASSWORD)).statusCode).toBe(200);
      heads.set(code, client);
    }
    return client;
  }

  async function newMeeting(quota = 3) {
    const response = await admin.request("POST", "/api/v1/meetings", {
      body: "CMFA",
      title: TITLE,
      start: "2026-12-10T10:00:00+06:00",
      end: "2026-12-10T18:00:00+06:00",
      timeZone: "Asia/Bishkek",
      format: "in_person",
      city: { en: "Bishkek", ru: "Бишкек", zh: "比什凯克" },
      host: "KG",
      quota,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it("holds the dataset's meetings at the precision of their sources, public", async () => {
    const anonymous = new SessionClient(app, "192.0.2.9");
    const list = (await anonymous.request("GET", "/api/v1/meetings")).json();
    const tianjin = list.items.find((m: any) => m.id === "CHS-2025");
    expect(tianjin).toMatchObject({ body: "CHS", startDate: "2025-08-31", endDate: "2025-09-01", timePrecision: "day", status: "held", host: "CN", start: null });
    expect(tianjin.city.zh).toBe("天津");
    const cmfa = list.items.find((m: any) => m.id === "CMFA-2025-07");
    expect(cmfa).toMatchObject({ body: "CMFA", startDate: "2025-07", timePrecision: "month", status: "held", city: null, source: "seed" });
    expect(cmfa.note.en).toContain("15 July");
    expect(list.items.filter((m: any) => m.body === "CHS").length).toBeGreaterThanOrEqual(24);
  });

  it("makes a summit recorded in the registry a meeting of its body, in the same change", async () => {
    const summit = { id: "CHS-TEST", body: "CHS", host: "KG", city: { zh: "比什凯克", ru: "Бишкек", en: "Bishkek" }, start: "2027", format: "in_person", source: "seed" };
    const recorded = await admin.request("POST", "/api/v1/registry/changes", { reason: "A summit for the test", changes: [{ put: "summits", record: summit }] });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const anonymous = new SessionClient(app, "192.0.2.11");
    const meeting = (await anonymous.request("GET", "/api/v1/meetings/CHS-TEST")).json();
    expect(meeting).toMatchObject({ body: "CHS", startDate: "2027", timePrecision: "year", status: "planned", host: "KG", start: null });
    expect(meeting.title.en).toContain("Bishkek");
    const corrected = await admin.request("POST", "/api/v1/registry/changes", { reason: "Its dates", changes: [{ put: "summits", record: { ...summit, start: "2027-06-15", end: "2027-06-16" } }] });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await anonymous.request("GET", "/api/v1/meetings/CHS-TEST")).json()).toMatchObject({ startDate: "2027-06-15", endDate: "2027-06-16", timePrecision: "day" });
    // Open lists and pages heard of both: the meetings list's stream, and the meeting's own, each event for everyone.
    const listed = (await readEvents(database.db, STREAMS.meetings, 0, 100_000)).filter((e) => e.payload.id === "CHS-TEST");
    expect(listed.map((e) => e.type)).toEqual(["meeting.created", "meeting.updated"]);
    const own = await readEvents(database.db, "meeting:CHS-TEST", 0, 100);
    expect(own.map((e) => [e.type, e.payload.version])).toEqual([
      ["meeting.changed", 1],
      ["meeting.changed", 2],
    ]);
    expect([...listed, ...own].every((e) => isInAudience(e.audience, PUBLIC_ACTOR_MEMBER))).toBe(true);
    // A start with the registry unchanged rewrites nothing and announces nothing.
    const registry = (await loadRegistry(database.db))!;
    expect(await new CommandRunner(database.db).run(syncSummits, systemContext(), { registry })).toBe(0);
    expect(await readEvents(database.db, "meeting:CHS-TEST", 0, 100)).toHaveLength(2);
  });

  it("refuses a bad schedule with its reason and creates nothing", async () => {
    const before = (await admin.request("GET", "/api/v1/meetings?body=CMFA")).json().items.length;
    const base = { body: "CMFA", title: TITLE, format: "video", timeZone: "Asia/Almaty", start: "2026-12-01T10:00:00+05:00", end: "2026-12-01T12:00:00+05:00" };
    const attempts: [Record<string, unknown>, number, string][] = [
      [{ ...base, end: "2026-12-01T09:00:00+05:00" }, 400, "end-not-after-start"],
      [{ ...base, timeZone: "Asia/Atlantis" }, 400, "unknown-time-zone"],
      [{ ...base, body: "NOPE" }, 400, "invalid-request"],
      [{ ...base, start: "2026-12-01T10:00:00" }, 400, "invalid-request"],
    ];
    for (const [body, status, code] of attempts) {
      const response = await admin.request("POST", "/api/v1/meetings", body);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().code).toBe(code);
    }
    expect((await (await head("KZ")).request("POST", "/api/v1/meetings", base)).statusCode).toBe(403);
    expect((await admin.request("GET", "/api/v1/meetings?body=CMFA")).json().items.length).toBe(before);
  });

  it("invites members by right, others by the chair, and accredits within quotas", async () => {
    const meeting = await newMeeting(3);
    expect(meeting.chair).toBe("KG");
    expect(meeting.invitations.map((i: any) => i.party.code).sort()).toEqual(["BY", "CN", "IN", "IR", "KG", "KZ", "PK", "RU", "TJ", "UZ"]);
    expect(meeting.invitations.every((i: any) => i.basis === "by_right" && i.quota === 3)).toBe(true);
    const url = `/api/v1/meetings/${meeting.id}`;

    // Mongolia, a partner, is not invited by right: it may not accredit until the chair invites it.
    const mn = await head("MN");
    expect((await mn.request("POST", `${url}/accreditations`, { delegates: [delegate("Batbayar")] })).statusCode).toBe(403);
    expect((await (await head("KZ")).request("POST", `${url}/invitations`, { party: "MN", basis: "invited" })).statusCode).toBe(403);
    const invited = await (await head("KG")).request("POST", `${url}/invitations`, { party: "MN", basis: "invited" });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json().invitations.find((i: any) => i.party.code === "MN")).toMatchObject({ basis: "invited", tier: "partner", maySpeak: false });

    const kz = await head("KZ");
    const first = await kz.request("POST", `${url}/accreditations`, { delegates: [delegate("Yerlan Karin", undefined, "Ерлан Карин"), delegate("Aigerim")] });
    expect(first.statusCode, first.body).toBe(201);
    // The same person again, written in other case and spacing, is refused; so is a fourth delegate beyond the quota of 3.
    const twice = await kz.request("POST", `${url}/accreditations`, { delegates: [delegate("  yerlan   KARIN ")] });
    expect(twice.statusCode, twice.body).toBe(409);
    expect(twice.json().code).toBe("already-accredited");
    const beyond = await kz.request("POST", `${url}/accreditations`, { delegates: [delegate("Dana"), delegate("Marat")] });
    expect(beyond.statusCode).toBe(409);
    expect(beyond.json().code).toBe("quota-exceeded");
    // India sees its own lists only; the secretariat sees all.
    const india = await head("IN");
    const own = await india.request("POST", `${url}/accreditations`, { delegates: [delegate("Vikram Misri", "维克拉姆·米斯里", "Викрам Мисри")] });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().accreditation.map((l: any) => l.delegation)).toEqual(["IN"]);
    const all = (await admin.request("GET", url)).json();
    expect(all.accreditation.map((l: any) => l.delegation).sort()).toEqual(["IN", "KZ"]);
    for (const list of all.accreditation) {
      const approved = await admin.request("POST", `${url}/accreditations/${list.id}/decision`, { decision: "approve", version: list.version });
      expect(approved.statusCode, approved.body).toBe(200);
    }
    const returned = await admin.request("POST", `${url}/accreditations/${all.accreditation[0].id}/decision`, { decision: "return", reason: "Late", version: 2 });
    expect(returned.statusCode).toBe(409);
    const after = (await admin.request("GET", url)).json();
    expect(after.accreditation.every((l: any) => l.state === "approved" && l.delegates.every((d: any) => typeof d.badge === "string"))).toBe(true);
  });

  it("leaves quotas to the secretariat: the chair cannot raise its own delegation's, nor invite with one", async () => {
    const meeting = await newMeeting(3);
    const url = `/api/v1/meetings/${meeting.id}`;
    const chair = await head("KG");
    const own = meeting.invitations.find((i: any) => i.party.code === "KG");
    const raised = await chair.request("PATCH", `${url}/invitations/KG`, { quota: 10_000, version: own.version });
    expect(raised.statusCode, raised.body).toBe(403);
    expect(raised.json()).toMatchObject({ code: "forbidden", right: "meeting.quota" });
    const inviting = await chair.request("POST", `${url}/invitations`, { party: "MN", basis: "invited", quota: 10_000 });
    expect(inviting.statusCode).toBe(403);
    expect(inviting.json().right).toBe("meeting.quota");
    // Nothing changed; the chair still invites (with the meeting's quota) and the secretariat sets quotas.
    const current = (await admin.request("GET", url)).json();
    expect(current.version).toBe(meeting.version);
    expect(current.invitations.find((i: any) => i.party.code === "KG").quota).toBe(3);
    const invited = await chair.request("POST", `${url}/invitations`, { party: "MN", basis: "invited" });
    expect(invited.json().invitations.find((i: any) => i.party.code === "MN").quota).toBe(3);
    const set = await admin.request("PATCH", `${url}/invitations/KG`, { quota: 5, version: own.version });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().invitations.find((i: any) => i.party.code === "KG").quota).toBe(5);
  });

  it("lets the secretariat revoke a badge with a reason and reissue it; the verification page says so; a head cannot", async () => {
    const meeting = await newMeeting(3);
    const url = `/api/v1/meetings/${meeting.id}`;
    const kz = await head("KZ");
    const submitted = await kz.request("POST", `${url}/accreditations`, { delegates: [delegate("Murat Nurtleu"), delegate("Aigerim Seitqali")] });
    const list = submitted.json().accreditation[0];
    const approved = await admin.request("POST", `${url}/accreditations/${list.id}/decision`, { decision: "approve", version: list.version });
    const token: string = approved.json().accreditation[0].delegates[0].badge;
    const screen = await LiveClient.connect(address, { cookie: admin.cookieHeader });
    const stream = `meeting:${meeting.id}`;
    await screen.subscribe([{ stream, after: null }]);
    const verify = async (t: string) => (await app.inject({ method: "GET", url: `/api/v1/badges/${t}` })).json();
    expect(await verify(token)).toMatchObject({ isValid: true, revocation: null });

    // A head of delegation, even the delegate's own, cannot revoke or reissue.
    const refused = await kz.request("POST", `${url}/badges/${token}/revocation`, { reason: "lost" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "forbidden", right: "badge.revoke" });
    expect((await kz.request("POST", `${url}/badges/${token}/reissue`, {})).statusCode).toBe(403);
    expect((await admin.request("POST", `${url}/badges/${token}/revocation`, { reason: "forgotten" })).statusCode).toBe(400);
    expect((await verify(token)).isValid).toBe(true);

    const revoked = await admin.request("POST", `${url}/badges/${token}/revocation`, { reason: "lost" });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().accreditation[0].delegates[0]).toMatchObject({ badge: token, revocation: { reason: "lost", at: clock.toISOString() } });
    expect(await verify(token)).toMatchObject({ isValid: false, reason: "revoked", revocation: { reason: "lost", at: clock.toISOString() }, delegate: { name: { en: "Murat Nurtleu" } } });
    await screen.until(() => screen.events(stream).some((e) => e.type === "meeting.changed" && (e.payload as any).what === "badges"));
    // Not revoked twice, not printed, and not in the participants list.
    expect((await admin.request("POST", `${url}/badges/${token}/revocation`, { reason: "stolen" })).json().code).toBe("badge-revoked");
    expect((await admin.request("GET", `/api/v1/badges/${token}.pdf`)).json()).toMatchObject({ code: "badge-revoked" });
    const participants = (await admin.request("GET", `${url}/participants`)).json().items;
    expect(participants.map((p: any) => p.badge === null)).toEqual([true, false]);

    // Reissued: a new token that verifies as valid; the old one still answers revoked, with its reason.
    const reissued = await admin.request("POST", `${url}/badges/${token}/reissue`, {});
    expect(reissued.statusCode, reissued.body).toBe(200);
    const fresh: string = reissued.json().accreditation[0].delegates[0].badge;
    expect(fresh).not.toBe(token);
    expect(reissued.json().accreditation[0].delegates[0].revocation).toBeNull();
    expect(await verify(fresh)).toMatchObject({ isValid: true, revocation: null });
    expect(await verify(token)).toMatchObject({ isValid: false, reason: "revoked", revocation: { reason: "lost" } });
    expect((await admin.request("POST", `${url}/badges/${token}/reissue`, {})).json().code).toBe("badge-revoked");
    // Reissuing a standing badge revokes it as reissued.
    const second: string = reissued.json().accreditation[0].delegates[1].badge;
    const again = await admin.request("POST", `${url}/badges/${second}/reissue`, {});
    expect(again.statusCode).toBe(200);
    expect(await verify(second)).toMatchObject({ isValid: false, reason: "revoked", revocation: { reason: "reissued" } });
    const audit = (await admin.request("GET", "/api/v1/audit?action=badge.revoke")).json().items;
    expect(audit.some((e: any) => e.target === `meeting:${meeting.id}`)).toBe(true);
    screen.close();
  });

  it("shows a meeting to the public once the chair opens it, and not its accreditation lists", async () => {
    const meeting = await newMeeting();
    const url = `/api/v1/meetings/${meeting.id}`;
    const anonymous = new SessionClient(app, "192.0.2.10");
    expect((await anonymous.request("GET", url)).statusCode).toBe(401);
    expect((await (await head("AZ")).request("GET", url)).statusCode).toBe(403);
    await (await head("KZ")).request("POST", `${url}/accreditations`, { delegates: [delegate("Public Test")] });
    const current = (await admin.request("GET", url)).json();
    expect((await (await head("IN")).request("PATCH", url, { visibility: "public", version: current.version })).statusCode).toBe(403);
    const opened = await (await head("KG")).request("PATCH", url, { visibility: "public", version: current.version });
    expect(opened.statusCode, opened.body).toBe(200);
    const seen = await anonymous.request("GET", url);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ visibility: "public", accreditation: [], can: { manage: false, askFloor: false } });
  });

  it("takes a guest organization with its own account: it answers, accredits, and speaks when the chair invites it to", async () => {
    const meeting = await newMeeting();
    const url = `/api/v1/meetings/${meeting.id}`;
    // The United Nations is in the registry (a partner organization); the secretariat opens its delegation and an account.
    expect((await admin.request("POST", "/api/v1/delegations", { code: "UN" })).statusCode).toBe(201);
    const created = await admin.request("POST", "/api/v1/users", { email: "guest.un@concord.test", displayName: "UN guest", role: "head_of_delegation", delegation: "UN", password: "guest-password-1" });
    expect(created.statusCode, created.body).toBe(201);
    const un = new SessionClient(app, "192.0.2.77");
    expect((await un.signIn("guest.un@concord.test", "guest-password-1")).statusCode).toBe(200);
    expect((await un.request("GET", url)).statusCode).toBe(403);
    const invited = await (await head("KG")).request("POST", `${url}/invitations`, { party: "UN", basis: "guest" });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json().invitations.find((i: any) => i.party.code === "UN")).toMatchObject({ basis: "guest", tier: null, maySpeak: false });
    expect((await un.request("POST", `${url}/participation`, { response: "confirmed", headLevel: "ambassador" })).statusCode).toBe(200);
    const listed = await un.request("POST", `${url}/accreditations`, { delegates: [delegate("Guest Delegate", "嘉宾代表", "Гость")] });
    expect(listed.statusCode, listed.body).toBe(201);
    const item = (await admin.request("POST", `${url}/agenda`, { title: { en: "Cooperation with the UN" }, version: listed.json().version })).json().agenda.items[0].id;
    expect((await un.request("POST", `${url}/agenda/${item}/floor`, { kind: "speech" })).json().code).toBe("no-right-to-speak");
    const invitation = (await admin.request("GET", url)).json().invitations.find((i: any) => i.party.code === "UN");
    expect((await (await head("KG")).request("PATCH", `${url}/invitations/UN`, { maySpeak: true, version: invitation.version })).statusCode).toBe(200);
    expect((await un.request("POST", `${url}/agenda/${item}/floor`, { kind: "speech" })).statusCode).toBe(200);
  });

  it("brings a postponed meeting back only with its new dates", async () => {
    const meeting = await newMeeting();
    const url = `/api/v1/meetings/${meeting.id}`;
    const postponed = await admin.request("PATCH", url, { status: "postponed", version: meeting.version });
    expect(postponed.statusCode, postponed.body).toBe(200);
    const bare = await admin.request("PATCH", url, { status: "confirmed", version: postponed.json().version });
    expect(bare.statusCode).toBe(409);
    expect(bare.json().code).toBe("invalid-transition");
    const resumed = await admin.request("PATCH", url, {
      status: "confirmed",
      start: "2027-01-20T10:00:00+06:00",
      end: "2027-01-20T17:00:00+06:00",
      version: postponed.json().version,
    });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json()).toMatchObject({ status: "confirmed", startDate: "2027-01-20", start: "2027-01-20T04:00:00.000Z", timeZone: "Asia/Bishkek" });
    const cancelled = await admin.request("PATCH", url, { status: "cancelled", version: resumed.json().version });
    expect(cancelled.json().status).toBe("cancelled");
    expect((await admin.request("PATCH", url, { status: "planned", start: "2027-02-01T10:00:00Z", end: "2027-02-01T12:00:00Z", version: cancelled.json().version })).statusCode).toBe(409);
  });

  it("lets only one of two racing lists take the last places of a quota", async () => {
    const meeting = await newMeeting(2);
    const tj = await head("TJ");
    const url = `/api/v1/meetings/${meeting.id}/accreditations`;
    const answers = await Promise.all([tj.request("POST", url, { delegates: [delegate("A One"), delegate("A Two")] }), tj.request("POST", url, { delegates: [delegate("B One"), delegate("B Two")] })]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const lists = (await admin.request("GET", `/api/v1/meetings/${meeting.id}`)).json().accreditation;
    expect(lists).toHaveLength(1);
  });

  it("records changes to an adopted agenda only from the chair, with a reason", async () => {
    const meeting = await newMeeting();
    const url = `/api/v1/meetings/${meeting.id}`;
    let version = meeting.version;
    for (const title of [{ en: "Opening" }, { en: "Regional security" }]) {
      const added = await admin.request("POST", `${url}/agenda`, { title, version });
      expect(added.statusCode, added.body).toBe(200);
      version = added.json().version;
    }
    const adopted = await admin.request("POST", `${url}/agenda/adoption`, { version });
    expect(adopted.statusCode, adopted.body).toBe(200);
    version = adopted.json().version;
    const item = adopted.json().agenda.items[1].id;
    const bySecretariat = await admin.request("PATCH", `${url}/agenda/${item}`, { title: { en: "Security" }, version, reason: "shorter" });
    expect(bySecretariat.statusCode).toBe(409);
    expect(bySecretariat.json().code).toBe("agenda-adopted");
    const kg = await head("KG");
    const noReason = await kg.request("PATCH", `${url}/agenda/${item}`, { title: { en: "Security" }, version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe("reason-required-after-adoption");
    const unchanged = (await admin.request("GET", url)).json();
    expect(unchanged.agenda.items[1].title.en).toBe("Regional security");
    const changed = await kg.request("PATCH", `${url}/agenda/${item}`, { title: { en: "Security" }, version, reason: "Agreed at the opening" });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().agenda.changes).toEqual([expect.objectContaining({ item, change: "changed", reason: "Agreed at the opening", by: "KG" })]);
  });

  it("gives the floor by right or by the chair's invitation, live to every screen", async () => {
    const meeting = await newMeeting();
    const url = `/api/v1/meetings/${meeting.id}`;
    const kg = await head("KG");
    const added = await admin.request("POST", `${url}/agenda`, { title: { en: "General debate" }, version: meeting.version });
    const item = added.json().agenda.items[0].id;
    await kg.request("POST", `${url}/invitations`, { party: "MN", basis: "invited" });
    const india = await head("IN");
    const mn = await head("MN");
    const screens = await Promise.all([india, admin].map((c) => LiveClient.connect(address, { cookie: c.cookieHeader })));
    const stream = `meeting:${meeting.id}`;
    for (const screen of screens) await screen.subscribe([{ stream, after: null }]);

    const refused = await mn.request("POST", `${url}/agenda/${item}/floor`, { kind: "speech" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("no-right-to-speak");
    expect((await mn.request("GET", url)).json().can.askFloor).toBe(false);
    const mnInvitation = (await kg.request("GET", url)).json().invitations.find((i: any) => i.party.code === "MN");
    expect((await kg.request("PATCH", `${url}/invitations/MN`, { maySpeak: true, version: mnInvitation.version })).statusCode).toBe(200);
    expect((await mn.request("GET", url)).json().can.askFloor).toBe(true);
    const asked = await mn.request("POST", `${url}/agenda/${item}/floor`, { kind: "speech" });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await india.request("POST", `${url}/agenda/${item}/floor`, { kind: "speech" })).statusCode).toBe(200);
    // Only the chair gives the floor.
    expect((await india.request("POST", `${url}/agenda/${item}/floor/actions`, { action: "give" })).statusCode).toBe(403);
    const given = await kg.request("POST", `${url}/agenda/${item}/floor/actions`, { action: "give", seconds: 180 });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().agenda.items[0].speakers.current).toMatchObject({ delegation: "MN", allottedSeconds: 180, startedAt: clock.toISOString() });
    for (const screen of screens) {
      await screen.until(() => screen.events(stream).some((e) => e.type === "meeting.floor" && (e.payload as any).speakers.current?.delegation === "MN"));
    }
    // A delegation not invited may not follow the meeting: refused, without an event or the stream's position.
    const outsider = await LiveClient.connect(address, { cookie: (await head("AZ")).cookieHeader });
    outsider.send({ type: "subscribe", streams: [{ stream, after: 0 }] });
    await outsider.until((ms) => ms.some((m) => m.type === "unsubscribed"));
    expect(outsider.messages.filter((m) => m.type !== "hello")).toEqual([{ type: "unsubscribed", stream, reason: "forbidden" }]);
    for (const client of [...screens, outsider]) client.socket.close();
  });

  // Several processes share a PostgreSQL server; embedded PGlite has one.
  it.skipIf(testDb.name === "pglite")("tells screens on another process of the floor given, and counts requests made on both processes in one order", async () => {
    const other = await openDatabase({ databaseUrl: url! });
    const second = await buildApp({ database: other, now: () => clock });
    const secondAddress = await second.listen({ port: 0, host: "127.0.0.1" });
    try {
      const meeting = await newMeeting();
      const item = (await admin.request("POST", `/api/v1/meetings/${meeting.id}/agenda`, { title: { en: "Debate" }, version: meeting.version })).json().agenda.items[0].id;
      const india = await head("IN");
      const screen = await LiveClient.connect(secondAddress, { cookie: india.cookieHeader, origin: secondAddress });
      const stream = `meeting:${meeting.id}`;
      await screen.subscribe([{ stream, after: null }]);
      // Five delegations ask at once, three through this process and two through the other: each gets its own place.
      const onSecond = async (code: string) => {
        const client = new SessionClient(second, `192.0.2.${150 + code.charCodeAt(0)}`);
        expect((await client.signIn(demoHeadEmail(code), DEMO_PASSWORD)).statusCode).toBe(200);
        return client;
      };
      const clients = [await head("CN"), await head("RU"), await head("KZ"), await onSecond("TJ"), await onSecond("UZ")];
      const answers = await Promise.all(clients.map((client) => client.request("POST", `/api/v1/meetings/${meeting.id}/agenda/${item}/floor`, { kind: "speech" })));
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
      // The other process has read the meeting (and keeps it for its version) before the floor is given on this one.
      const tajikistan = await onSecond("TJ");
      expect((await tajikistan.request("GET", `/api/v1/meetings/${meeting.id}`)).json().agenda.items[0].speakers.current).toBeNull();
      const given = await (await head("KG")).request("POST", `/api/v1/meetings/${meeting.id}/agenda/${item}/floor/actions`, { action: "give" });
      const speaking = given.json().agenda.items[0].speakers;
      const requests = [speaking.current, ...speaking.queue];
      expect(requests.map((r: { requestId?: string; id?: string }) => r.requestId ?? r.id).sort()).toEqual(["r1", "r2", "r3", "r4", "r5"]);
      expect(requests.map((r: { delegation: string }) => r.delegation).sort()).toEqual(["CN", "KZ", "RU", "TJ", "UZ"]);
      await screen.until(() => screen.events(stream).some((e) => e.type === "meeting.floor" && (e.payload as any).speakers.current?.delegation === speaking.current.delegation));
      expect((await tajikistan.request("GET", `/api/v1/meetings/${meeting.id}`)).json().agenda.items[0].speakers.current.delegation).toBe(speaking.current.delegation);
      screen.socket.close();
    } finally {
      await second.close();
      await other.close();
    }
  });

  /** What the demonstration shows agrees with itself at `now`: a session in progress today, its floor after its opening. */
  function expectCoherent(meeting: any, now: Date): void {
    const start = Date.parse(meeting.start);
    const end = Date.parse(meeting.end);
    // A meeting in progress is confirmed (held only once someone records it so), and today is its day in its own zone.
    expect(meeting.status).toBe("confirmed");
    expect(start).toBeLessThanOrEqual(now.getTime());
    expect(end).toBeGreaterThan(now.getTime());
    expect(meeting.startDate).toBe(localDateTime(now, meeting.timeZone).date);
    expect(meeting.startDate).toBe(localDateTime(meeting.start, meeting.timeZone).date);
    // The agenda was adopted at the opening, and the floor asked and given after it, never before the meeting opened.
    const adopted = Date.parse(meeting.agenda.adoptedAt);
    expect(adopted).toBeGreaterThanOrEqual(start);
    expect(adopted).toBeLessThanOrEqual(now.getTime());
    const speaking = meeting.agenda.items.filter((item: any) => item.speakers.current !== null);
    expect(speaking).toHaveLength(1);
    for (const item of meeting.agenda.items) {
      for (const request of item.speakers.queue) expect(Date.parse(request.requestedAt)).toBeGreaterThanOrEqual(adopted);
    }
    const current = speaking[0].speakers.current;
    expect(Date.parse(current.startedAt)).toBeGreaterThanOrEqual(adopted);
    expect(Date.parse(current.startedAt)).toBeLessThanOrEqual(now.getTime());
    // Its clock is stopped within the time given: whenever one looks, during the session or long after, it is not over time.
    for (const at of [now, new Date(end), new Date(end + 7 * 86_400_000)]) {
      expect(clockAt(current, at.toISOString())).toMatchObject({ isPaused: true, isOver: false });
    }
  }

  it("stages the demonstration meeting as a session in progress today, its status, dates and floor agreeing, and renews it once it is over", async () => {
    const first = await prepareDemoMeeting(database, clock);
    expect(first).not.toBeNull();
    // Another start during the session keeps it as it is.
    expect(await prepareDemoMeeting(database, new Date(clock.getTime() + 3_600_000))).toEqual(first);
    const meeting = (await admin.request("GET", `/api/v1/meetings/${first!.id}`)).json();
    expect(meeting.isDemo).toBe(true);
    // Marked a demonstration by the command that created it, so the audit trail says so (no write outside a command).
    const created = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "meeting.create"), eq(auditEvents.target, `meeting:${first!.id}`)));
    expect(created.map((event) => (event.payload as { isDemo?: boolean }).isDemo)).toEqual([true]);
    expect(meeting.title.en).toContain("Demonstration");
    expect(meeting.accreditation.map((l: any) => l.state).sort()).toEqual(["approved", "submitted"]);
    expect(Date.parse(meeting.end)).toBe(first!.ends.getTime());
    expectCoherent(meeting, clock);
    // The list counts it as the meeting in progress.
    const listed = (await admin.request("GET", "/api/v1/meetings")).json().items.filter((m: any) => m.isDemo);
    expect(listed.map((m: any) => m.id)).toEqual([first!.id]);

    // A week later (a restart): the session that was over is gone and today's is in progress, as coherent as the first.
    const weekLater = new Date(clock.getTime() + 7 * 86_400_000 + 5 * 3_600_000);
    const second = await prepareDemoMeeting(database, weekLater);
    expect(second!.id).not.toBe(first!.id);
    expect((await admin.request("GET", `/api/v1/meetings/${first!.id}`)).statusCode).toBe(404);
    expectCoherent((await admin.request("GET", `/api/v1/meetings/${second!.id}`)).json(), weekLater);

    // A server that keeps running renews it at the end of the session: one process of two does it, the other finds the new one.
    const registry = (await loadRegistry(database.db))!;
    const later = new Date(second!.ends.getTime() + 60_000);
    const keepers = [0, 1].map(() => new DemoMeetingKeeper({ database, registry: () => registry, now: () => later }));
    try {
      const [a, b] = await Promise.all(keepers.map((keeper) => keeper.check()));
      expect(a).toEqual(b);
      expect(a!.id).not.toBe(second!.id);
      const demos = (await admin.request("GET", "/api/v1/meetings")).json().items.filter((m: any) => m.isDemo);
      expect(demos.map((m: any) => m.id)).toEqual([a!.id]);
      expectCoherent((await admin.request("GET", `/api/v1/meetings/${a!.id}`)).json(), later);
    } finally {
      for (const keeper of keepers) keeper.stop();
    }
    // Each removal is in the audit trail.
    const removals = (await admin.request("GET", "/api/v1/audit?action=meeting.demo-remove")).json();
    expect(removals.items.map((e: any) => e.target).sort()).toEqual([`meeting:${first!.id}`, `meeting:${second!.id}`].sort());
  });

  it("never creates a demonstration from a running server when there is none, and never removes the organization's meetings", async () => {
    const registry = (await loadRegistry(database.db))!;
    const other = await testDb.create();
    try {
      await other.database.migrate();
      await seedIfEmpty(other.database, DEFAULT_DATASET);
      const keeper = new DemoMeetingKeeper({ database: other.database, registry: () => registry, now: () => clock });
      expect(await keeper.check()).toBeNull();
      keeper.stop();
      expect(await other.database.db.select({ id: meetings.id }).from(meetings).where(eq(meetings.isDemo, true))).toEqual([]);
    } finally {
      await other.dispose();
    }
    // The removal refuses a meeting that is not a demonstration, whatever its dates.
    const runner = new CommandRunner(database.db);
    expect(await runner.run(removeDemoMeeting, systemContext(new Date("2030-01-01T00:00:00Z")), { id: "CHS-2025", facts: meetingFacts(registry) })).toBe(false);
    expect((await admin.request("GET", "/api/v1/meetings/CHS-2025")).statusCode).toBe(200);
  });
});
