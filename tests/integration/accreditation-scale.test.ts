// Accreditation at the size of a summit: 17 lists of 500 delegates submitted and approved, each list's duplicate check
// done in the work pool (one job per check, /api/health answering while it is held) and against the index of names, so a
// person written again in another script and case is still refused at the end.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { answersWhileHeld, workGate } from "./responsiveness.js";
import { SessionClient } from "./session-client.js";
import { createSummit } from "./summits.js";

const LISTS = 17;
const SIZE = 500;

/** A delegate with a long name in three scripts: the names the check normalizes are as long as the contract allows. */
function delegate(list: number, index: number) {
  const filler = "Abdulazizovich-Karimova-Nurlanovna ".repeat(5).trim();
  return {
    name: { en: `${filler} ${list}-${index}`, ru: `Делегат Список ${list} Номер ${index}`, zh: `代表${list}号${index}` },
    function: { en: "Adviser" },
    rank: "adviser",
  };
}

describe.each(testDatabases)("accreditation of thousands on $name", (testDb) => {
  const clock = new Date("2026-11-20T09:00:00Z");
  let database: Database;
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let admin: SessionClient;
  let kazakhstan: SessionClient;
  let url = "";
  const gate = workGate();

  beforeAll(async () => {
    ({ database, dispose } = await testDb.create());
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database, clock);
    app = await buildApp({ database, now: () => clock, work: { gate: gate.gate } });
    admin = new SessionClient(app, "192.0.2.1");
    expect((await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);
    kazakhstan = new SessionClient(app, "192.0.2.2");
    expect((await kazakhstan.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD)).statusCode).toBe(200);
    const created = await createSummit(admin, "Summit", "2026-12-10T10:00:00+06:00", "2026-12-11T18:00:00+06:00");
    url = created.url;
    const invitation = created.meeting.invitations.find((i: { party: { code: string } }) => i.party.code === "KZ");
    const quota = await admin.request("PATCH", `${url}/invitations/KZ`, { quota: LISTS * SIZE + 10, version: invitation.version });
    expect(quota.statusCode, quota.body).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it("submits and approves 17 lists of 500, one pool job per check, and still finds a person named again", async () => {
    const work = app.services.work;
    for (let list = 0; list < LISTS; list += 1) {
      const before = work.stats().completed;
      const submit = () => kazakhstan.request("POST", `${url}/accreditations`, { delegates: Array.from({ length: SIZE }, (_, i) => delegate(list, i)) });
      // The last list, checked against 8,000 names, is checked while /api/health answers.
      const submitted = list === LISTS - 1 ? await answersWhileHeld(app, gate, submit) : await submit();
      expect(submitted.statusCode, submitted.body.slice(0, 300)).toBe(201);
      expect(work.stats().completed).toBe(before + 1);
    }
    const lists = (await admin.request("GET", url)).json().accreditation as { id: string; version: number; state: string }[];
    expect(lists).toHaveLength(LISTS);
    for (const [index, list] of lists.entries()) {
      const decide = () => admin.request("POST", `${url}/accreditations/${list.id}/decision`, { decision: "approve", version: list.version });
      const approved = index === LISTS - 1 ? await answersWhileHeld(app, gate, decide) : await decide();
      expect(approved.statusCode, approved.body.slice(0, 300)).toBe(200);
    }
    const participants = (await admin.request("GET", `${url}/participants`)).json();
    expect(participants.items).toHaveLength(LISTS * SIZE);

    // The person of list 3, number 250, written again in Russian in capitals and with other spacing: refused, by index.
    const again = await kazakhstan.request("POST", `${url}/accreditations`, {
      delegates: [{ name: { en: "Someone New" }, function: { en: "Adviser" }, rank: "adviser" }, { name: { ru: "ДЕЛЕГАТ  СПИСОК 3 НОМЕР 250" }, function: { en: "Adviser" }, rank: "adviser" }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "already-accredited", current: { conflicts: [{ index: 1, delegation: "KZ" }] } });
  });

  it("tries a list on the meeting's counts before any check: a list over the quota costs no pool job", async () => {
    const work = app.services.work;
    const before = work.stats().completed;
    const over = await kazakhstan.request("POST", `${url}/accreditations`, { delegates: Array.from({ length: 20 }, (_, i) => delegate(99, i)) });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: "quota-exceeded" });
    expect(work.stats().completed).toBe(before);
  });

  it("checks again under the lock the lists changed while the check ran in the pool", async () => {
    const { url: session } = await createSummit(admin, "Summit, second session", "2026-12-12T10:00:00+06:00", "2026-12-12T18:00:00+06:00");
    const person = { name: { en: "Zhanna Sadykova" }, function: { en: "Adviser" }, rank: "adviser" };
    const first = await kazakhstan.request("POST", `${session}/accreditations`, { delegates: [person] });
    expect(first.statusCode, first.body).toBe(201);
    const firstList = (await admin.request("GET", session)).json().accreditation[0] as { id: string; version: number };
    // The second list names her again: its check, held in the pool, finds her on the first list…
    const work = app.services.work;
    const running = work.stats().running;
    gate.close();
    let second!: ReturnType<SessionClient["request"]>;
    try {
      second = kazakhstan.request("POST", `${session}/accreditations`, { delegates: [{ ...person, name: { en: "ZHANNA  SADYKOVA" } }] });
      await expect.poll(() => work.stats().running).toBeGreaterThan(running);
      // …which the secretariat returns meanwhile (a return checks no names: no pool job), so she is no longer accredited.
      const returned = await admin.request("POST", `${session}/accreditations/${firstList.id}/decision`, { decision: "return", reason: "Passport copy missing", version: firstList.version });
      expect(returned.statusCode, returned.body).toBe(200);
    } finally {
      gate.open();
    }
    const answered = await second;
    expect(answered.statusCode, answered.body.slice(0, 300)).toBe(201);
    // Submitted again now, the first list is refused: she is on the second.
    const again = await kazakhstan.request("PUT", `${session}/accreditations/${firstList.id}`, { delegates: [person], version: firstList.version + 1 });
    expect(again.statusCode, again.body.slice(0, 300)).toBe(409);
    expect(again.json()).toMatchObject({ code: "already-accredited" });
  });
});
