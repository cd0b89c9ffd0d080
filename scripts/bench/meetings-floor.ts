// bench:meetings, part 2 — the chair gives the floor and 1,000 screens following the meeting on /api/live show it: from
// the chair's POST (and from the commit's NOTIFY) to each receipt, against a bare `ws` broadcast of a message of the
// same size measured by the same client workers (fan-out.ts). Each event: the turn before ends, a member delegation asks
// for the floor, the chair gives it; only the "give" is timed (its new request id identifies it).
import pg from "pg";
import { STREAMS } from "../../src/contracts/live.js";
import { DEMO_ADMIN_EMAIL, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { bareFanOut, now, pause, spacingMs, summarize, WARM_UP, Workers, type BareFanOut, type Latency } from "./fan-out.js";
import type { Follow } from "./follow.js";
import { BrowserSession, createSessions } from "./sessions.js";

export interface FloorFanOut {
  readonly clients: number;
  readonly events: number;
  readonly fromPost: Latency;
  readonly fromCommit: Latency;
  readonly bare: BareFanOut;
  readonly messageBytes: number;
}

async function expectJson<T>(answer: Promise<{ status: number; body: string }>, expected: number, what: string): Promise<T> {
  const { status, body } = await answer;
  if (status !== expected) throw new Error(`${what} answered ${status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as T;
}

interface MeetingAnswer {
  id: string;
  version: number;
  chair: string | null;
  agenda: { items: { id: string; speakers: { current: { requestId: string } | null } }[] };
}

/** Runs against a Concord at `url` on PostgreSQL `databaseUrl` (the dataset loaded, demo accounts present). */
export async function floorFanOut(options: { url: string; databaseUrl: string; clients: number; events: number; workers: number }): Promise<FloorFanOut> {
  const { url, databaseUrl, clients, events } = options;
  const states = (await (await fetch(`${url}/api/v1/states?tier=member`)).json()) as { items: { code: string }[] };
  const members = states.items.map((s) => s.code);
  const admin = await BrowserSession.signIn(url, DEMO_ADMIN_EMAIL);
  const start = new Date(Date.now() + 86_400_000);
  let meeting = await expectJson<MeetingAnswer>(
    admin.post("/api/v1/meetings", {
      body: "CMFA",
      title: { zh: "基准测试会议", ru: "Заседание для замеров", en: "Benchmark meeting" },
      start: start.toISOString(),
      end: new Date(start.getTime() + 8 * 3_600_000).toISOString(),
      timeZone: "UTC",
      format: "hybrid",
    }),
    201,
    "meeting creation",
  );
  meeting = await expectJson<MeetingAnswer>(admin.post(`/api/v1/meetings/${meeting.id}/agenda`, { title: { en: "General debate" }, version: meeting.version }), 200, "agenda item");
  const item = meeting.agenda.items[0]!.id;
  const chairCode = meeting.chair;
  if (!chairCode) throw new Error("the meeting has no chair");
  const chair = await BrowserSession.signIn(url, demoHeadEmail(chairCode));
  const speakers = members.filter((m) => m !== chairCode);
  const heads = new Map<string, BrowserSession>();
  for (const code of speakers) heads.set(code, await BrowserSession.signIn(url, demoHeadEmail(code)));

  const follow: Follow = { stream: `${STREAMS.meeting}:${meeting.id}`, idPath: ["speakers", "current", "requestId"], subscribe: true };
  const cookies = await createSessions(databaseUrl, [DEMO_ADMIN_EMAIL, ...members.map(demoHeadEmail)], clients);
  const workers = await Workers.start(options.workers);
  const listener = new pg.Client({ connectionString: databaseUrl });
  const posted = new Map<string, number>();
  const committed = new Map<string, number>();
  let message = "";
  const floor = `/api/v1/meetings/${meeting.id}/agenda/${item}/floor`;
  let fromPost: Latency;
  let fromCommit: Latency;
  try {
    await workers.connect(`${url.replace("http", "ws")}/api/live`, url, cookies, follow);
    await listener.connect();
    listener.on("notification", (notification) => {
      const at = now();
      const parsed = JSON.parse(notification.payload ?? "{}") as { events?: { stream: string; seq: number; type: string; at: string; payload: Record<string, unknown> }[] };
      for (const { stream, seq, type, at: when, payload } of parsed.events ?? []) {
        const current = (payload.speakers as { current: { requestId: string } | null } | undefined)?.current;
        if (stream !== follow.stream || type !== "meeting.floor" || !current) continue;
        committed.set(current.requestId, at);
        message = JSON.stringify({ type: "event", event: { stream, seq, type, at: when, payload } });
      }
    });
    await listener.query("listen concord_events");
    let speaking = false;
    for (let i = -WARM_UP; i < events; i += 1) {
      const speaker = heads.get(speakers[(i + WARM_UP) % speakers.length]!)!;
      if (speaking) await expectJson(chair.post(`${floor}/actions`, { action: "end" }), 200, "end of a turn");
      await expectJson(speaker.post(floor, { kind: "speech" }), 200, "a request for the floor");
      const sent = now();
      const given = await expectJson<MeetingAnswer>(chair.post(`${floor}/actions`, { action: "give", seconds: 180 }), 200, "giving the floor");
      speaking = true;
      const id = given.agenda.items[0]!.speakers.current!.requestId;
      if (i >= 0) posted.set(id, sent);
      await pause(spacingMs(clients));
    }
    await pause(1000);
    const receipts = await workers.receipts();
    const counted = new Map([...committed].filter(([id]) => posted.has(id)));
    fromPost = summarize(clients, posted, receipts, clients * events);
    fromCommit = summarize(clients, counted, receipts, clients * events);
  } finally {
    await listener.end().catch(() => undefined);
    await workers.close();
    for (const session of [admin, chair, ...heads.values()]) session.close();
  }
  const bare = await bareFanOut({ clients, events, workers: options.workers, databaseUrl, message, follow: { ...follow, subscribe: false } });
  return { clients, events, fromPost, fromCommit, bare, messageBytes: Buffer.byteLength(message) };
}
