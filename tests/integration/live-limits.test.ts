// The live connection cannot be abused (issue 15): a flood of messages and subscription churn is bounded and leaves the
// server answering; a reader who loses the right to a document's stream stops hearing it; a stranger learns nothing of a
// stream it may not read, not even how many events it holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { LIVE_CLOSE, LIVE_LIMITS, type ServerMessage } from "../../src/contracts/live.js";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database, type Listener } from "../../src/server/platform/db/client.js";
import { CONTROL_CHANNEL } from "../../src/server/platform/events/notifications.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { LiveClient } from "./live-client.js";
import { SessionClient } from "./session-client.js";

const DRAFT = {
  title: { ru: "Проект заявления", zh: "声明草案", en: "Draft statement" },
  kind: "statement",
  body: "CHS",
  baseLanguage: "ru",
  languages: ["ru", "zh", "en"],
  provisions: [
    { kind: "preambular", texts: { ru: "Руководствуясь Хартией,", zh: "遵循宪章，", en: "Guided by the Charter," } },
    { kind: "operative", texts: { ru: "Государства-члены [должны / могут] сотрудничать.", zh: "成员国[应当 / 可以]合作。", en: "Member States [shall / may] cooperate." } },
    { kind: "operative", texts: { ru: "Секретариат подготовит доклад.", zh: "秘书处将编写报告。", en: "The Secretariat will prepare a report." } },
  ],
};

type Room = { delegation: string; drafting: string[] }[];
const rooms = (client: LiveClient): Room[] => client.messages.flatMap((m) => (m.type === "presence" ? [m.present] : []));
const delegationsIn = (room: Room | undefined) => (room ?? []).map((entry) => entry.delegation);
/** What a client was told about a stream, but for the greeting. */
const toldAbout = (client: LiveClient, stream: string) =>
  client.messages.filter((m): m is Exclude<ServerMessage, { type: "hello" }> => m.type !== "hello" && (!("stream" in m) || m.stream === stream) && (m.type !== "event" || m.event.stream === stream));

describe.each(testDatabases)("live limits on $name", (testDb) => {
  const clock = new Date();
  let database: Database;
  let url: string | undefined;
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let address = "";
  let counter = 0;
  const heads = new Map<string, SessionClient>();

  beforeAll(async () => {
    const created = await testDb.create();
    ({ database, url, dispose } = created);
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database, clock);
    app = await buildApp({ database, now: () => clock });
    address = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  /** A new sign-in (a new session) of a demo account. */
  async function signIn(email: string): Promise<SessionClient> {
    const client = new SessionClient(app, `192.0.2.${(counter += 1)}`);
    expect((await client.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
    return client;
  }
  async function head(code: string): Promise<SessionClient> {
    let client = heads.get(code);
    if (!client) heads.set(code, (client = await signIn(demoHeadEmail(code))));
    return client;
  }
  /** A new draft (members only), opened by the chair of the day (Kyrgyzstan chairs in 2025–2026). */
  async function draft() {
    const response = await (await head("KG")).request("POST", "/api/v1/documents", DRAFT);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }
  async function propose(code: string, document: { id: string; provisions: { id: string }[] }) {
    const response = await (await head(code)).request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "insert", provision: document.provisions[2]!.id, at: 0, text: "Впредь " } });
    expect(response.statusCode, response.body).toBe(201);
  }
  async function live(client: SessionClient, at = address): Promise<LiveClient> {
    const socket = await LiveClient.connect(at, { cookie: client.cookieHeader, origin: at });
    await socket.until((ms) => ms.some((m) => m.type === "hello"));
    return socket;
  }
  /** Subscribes and enters the room (presence). */
  async function enter(socket: LiveClient, stream: string): Promise<void> {
    await socket.subscribe([{ stream, after: null }]);
    socket.send({ type: "presence", stream, provision: null });
  }

  it("item 6: gives a user no more connections for signing in again", async () => {
    const [first, second] = [await signIn(demoHeadEmail("UZ")), await signIn(demoHeadEmail("UZ"))];
    const held: LiveClient[] = [];
    for (let i = 0; i < LIVE_LIMITS.connectionsPerSession; i += 1) held.push(await live(first));
    const ninth = await LiveClient.connect(address, { cookie: first.cookieHeader });
    expect(await ninth.closedWith()).toMatchObject({ code: LIVE_CLOSE.tooManyConnections, reason: "too many live connections for this session" });
    for (let i = LIVE_LIMITS.connectionsPerSession; i < LIVE_LIMITS.connectionsPerUser; i += 1) held.push(await live(second));
    // The new session has connections left of its own, but the user has none.
    const refused = await LiveClient.connect(address, { cookie: second.cookieHeader });
    expect(await refused.closedWith()).toMatchObject({ code: LIVE_CLOSE.tooManyConnections, reason: "too many live connections for this user" });
    expect(held.every((socket) => socket.closed === null)).toBe(true);
    // One closed, one may open again.
    const leaving = held.pop()!;
    leaving.close();
    await leaving.closedWith();
    held.push(await live(second));
    expect(held.at(-1)!.closed).toBeNull();
    for (const socket of held) socket.close();
  });

  it("item 6: bounds a flood of presence and subscription churn: health answers during it, the room hears a few updates", async () => {
    const document = await draft();
    const stream = `document:${document.id}`;
    const notified: string[] = [];
    const listener: Listener = await database.listen([CONTROL_CHANNEL], (_channel, payload) => {
      const message = JSON.parse(payload) as { kind: string; stream?: string };
      if (message.kind === "presence" && message.stream === stream) notified.push(payload);
    });
    try {
      const russia = await live(await head("RU"));
      await enter(russia, stream);
      // Kazakhstan, signed in twice, holds every connection a user may (the pen test's "8 more sockets" per sign-in).
      const sessions = [await signIn(demoHeadEmail("KZ")), await signIn(demoHeadEmail("KZ"))];
      const flooders: LiveClient[] = [];
      for (let i = 0; i < LIVE_LIMITS.connectionsPerUser; i += 1) flooders.push(await live(sessions[i < LIVE_LIMITS.connectionsPerSession ? 0 : 1]!));
      for (const flooder of flooders) await enter(flooder, stream);
      await russia.until(() => delegationsIn(rooms(russia).at(-1)).includes("KZ"));
      await expect.poll(() => notified.some((n) => n.includes('"KZ"')), { timeout: 10_000 }).toBe(true);
      const [heardBefore, notifiedBefore] = [rooms(russia).length, notified.length];

      let isFlooding = true;
      const health: { status: number; openFlooders: number }[] = [];
      const checking = (async () => {
        while (isFlooding) {
          const answer = await fetch(`${address}/api/health`);
          health.push({ status: answer.status, openFlooders: flooders.filter((f) => f.closed === null).length });
        }
      })();
      // 20,000 messages, a share for each connection, 100 at a time in turns: presence on every provision in turn, with
      // churn: the 63 other streams a connection may follow subscribed from the start (each a read of the event log) and
      // unsubscribed again, every 25 messages. A connection the server closed sends the rest of its share to nothing.
      const provisions = document.provisions.map((p: { id: string }) => p.id);
      const churn = [...Array.from({ length: 32 }, (_, i) => `programme:churn-${i}`), ...Array.from({ length: 31 }, (_, i) => `document:churn-${i}`)];
      const share = 20_000 / flooders.length;
      let written = 0;
      for (let from = 0; from < share; from += 100) {
        for (const flooder of flooders) {
          for (let n = from; n < Math.min(from + 100, share); n += 1) {
            if (flooder.closed !== null || flooder.socket.readyState !== flooder.socket.OPEN) break;
            if (n % 25 === 0) flooder.send({ type: "subscribe", streams: churn.map((s) => ({ stream: s, after: 0 })) });
            else if (n % 25 === 12) flooder.send({ type: "unsubscribe", streams: churn });
            else flooder.send({ type: "presence", stream, provision: provisions[n % provisions.length] });
            written += 1;
          }
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      // Each flooder was told it was over budget, then closed as it kept going: its excess did nothing in between.
      for (const flooder of flooders) expect(await flooder.closedWith()).toMatchObject({ code: LIVE_CLOSE.tooManyMessages });
      for (const flooder of flooders) expect(flooder.messages.filter((m) => m.type === "error" && m.code === "over-budget").length).toBeGreaterThan(0);
      expect(written).toBeGreaterThan(flooders.length * LIVE_LIMITS.dropsBeforeClose);
      await russia.until(() => !delegationsIn(rooms(russia).at(-1)).includes("KZ"));
      isFlooding = false;
      await checking;

      // The server answered throughout, also while flooders were still sending.
      expect(health.length).toBeGreaterThan(0);
      expect(health.every((h) => h.status === 200)).toBe(true);
      expect(health.some((h) => h.openFlooders > 0)).toBe(true);
      // 20,000 presence messages made a handful of room updates and announcements, not thousands.
      const heard = rooms(russia).length - heardBefore;
      expect(heard).toBeGreaterThan(0);
      expect(heard).toBeLessThanOrEqual(20);
      expect(notified.length - notifiedBefore).toBeLessThanOrEqual(20);
      // Russia's own place in the room was kept.
      expect(delegationsIn(rooms(russia).at(-1))).toEqual(["RU"]);
      russia.close();
    } finally {
      await listener.close();
    }
  });

  it("item 8: unsubscribes an observer when the chair makes the draft members-only again, and takes it out of the room, on every process", async () => {
    const document = await draft();
    const stream = `document:${document.id}`;
    const chair = await head("KG");
    const opened = await chair.request("POST", `/api/v1/documents/${document.id}/visibility`, { visibility: "participants", version: document.version });
    expect(opened.statusCode, opened.body).toBe(200);
    // On PostgreSQL the observer is served by another process, which learns of the change by NOTIFY.
    const other = url ? await openDatabase({ databaseUrl: url }) : null;
    const second = other ? await buildApp({ database: other, now: () => clock }) : null;
    const secondAddress = second ? await second.listen({ port: 0, host: "127.0.0.1" }) : address;
    try {
      const russia = await live(await head("RU"));
      const mongolia = await live(await head("MN"), secondAddress);
      await enter(russia, stream);
      await enter(mongolia, stream);
      await russia.until(() => JSON.stringify(delegationsIn(rooms(russia).at(-1))) === JSON.stringify(["MN", "RU"]));

      const narrowed = await chair.request("POST", `/api/v1/documents/${document.id}/visibility`, { visibility: "members", version: opened.json().version });
      expect(narrowed.statusCode, narrowed.body).toBe(200);
      await mongolia.until((ms) => ms.some((m) => m.type === "unsubscribed"));
      expect(toldAbout(mongolia, stream).filter((m) => m.type === "unsubscribed")).toEqual([{ type: "unsubscribed", stream, reason: "forbidden" }]);
      // Its presence is withdrawn from the room, for readers on every process.
      await russia.until(() => JSON.stringify(delegationsIn(rooms(russia).at(-1))) === JSON.stringify(["RU"]));

      // From then on it hears nothing of the document: neither events nor who is in the room; nor may it come back.
      const heard = mongolia.messages.length;
      await propose("RU", document);
      russia.send({ type: "presence", stream, provision: document.provisions[1].id });
      await russia.until(() => russia.events(stream).some((e) => e.type === "proposal.made"));
      await russia.until(() => JSON.stringify(rooms(russia).at(-1)).includes(document.provisions[1].id));
      mongolia.send({ type: "subscribe", streams: [{ stream, after: 0 }] });
      await mongolia.until((ms) => ms.filter((m) => m.type === "unsubscribed").length === 2);
      expect(mongolia.messages.slice(heard)).toEqual([{ type: "unsubscribed", stream, reason: "forbidden" }]);
      expect((await (await head("MN")).request("GET", `/api/v1/documents/${document.id}`)).statusCode).toBe(403);
      russia.close();
      mongolia.close();
    } finally {
      await second?.close();
      await other?.close();
    }
  });

  it("item 8: unsubscribes a member whose rights the registry suspends", async () => {
    const document = await draft();
    const stream = `document:${document.id}`;
    const tajikistan = await live(await head("TJ"));
    const russia = await live(await head("RU"));
    await enter(tajikistan, stream);
    await enter(russia, stream);
    await russia.until(() => delegationsIn(rooms(russia).at(-1)).includes("TJ"));

    const admin = await signIn(DEMO_ADMIN_EMAIL);
    const day = clock.toISOString().slice(0, 10);
    const changed = await admin.request("POST", "/api/v1/registry/changes", {
      reason: "live test: a suspension",
      changes: [
        { put: "decisions", record: { id: "CHS-test-suspension-TJ", body: "CHS", date: day, title: { zh: "暂停", ru: "Приостановление", en: "Suspension" }, source: "summit-2025" } },
        { put: "membership", record: { id: "TJ-test-suspended", state: "TJ", kind: "suspended", tier: "member", date: day, decision: "CHS-test-suspension-TJ", source: "summit-2025" } },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    await tajikistan.until((ms) => ms.some((m) => m.type === "unsubscribed" && m.stream === stream));
    await russia.until(() => !delegationsIn(rooms(russia).at(-1)).includes("TJ"));
    expect((await (await head("TJ")).request("GET", `/api/v1/documents/${document.id}`)).statusCode).toBe(403);
    tajikistan.close();
    russia.close();
  });

  it("item 9: tells a stranger nothing of a stream it may not read, not even how many events it holds", async () => {
    const document = await draft();
    const stream = `document:${document.id}`;
    const missing = "document:no-such-document";
    const member = await live(await head("IN"));
    const stranger = await live(await head("AZ"));
    /** What the stranger is told when asking for the draft, from the start and from now, and for a document that does not exist. */
    const ask = async () => {
      const before = stranger.messages.length;
      for (const subscription of [{ stream, after: 0 }, { stream, after: null }, { stream: missing, after: 0 }]) {
        const told = stranger.messages.length;
        stranger.send({ type: "subscribe", streams: [subscription] });
        await stranger.until((ms) => ms.length > told);
      }
      return stranger.messages.slice(before);
    };
    const early = await ask();
    for (let i = 0; i < 3; i += 1) await propose("RU", document);
    const later = await ask();

    expect(early).toEqual([
      { type: "unsubscribed", stream, reason: "forbidden" },
      { type: "unsubscribed", stream, reason: "forbidden" },
      { type: "unsubscribed", stream: missing, reason: "forbidden" },
    ]);
    // Three events later, the same answer: no head, no event, no count.
    expect(later).toEqual(early);
    expect(JSON.stringify(stranger.messages)).not.toMatch(/"head"|"seq"/);
    // A member reads the same stream and its position.
    await member.subscribe([{ stream, after: 0 }]);
    expect(member.messages.find((m) => m.type === "subscribed")).toEqual({ type: "subscribed", stream, head: member.events(stream).at(-1)!.seq });
    expect(member.events(stream).filter((e) => e.type === "proposal.made")).toHaveLength(3);
    member.close();
    stranger.close();
  });
});
