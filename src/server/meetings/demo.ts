// The demonstration meeting for the demo accounts: marked as a demonstration (never a real meeting of the organization),
// staged through the same commands people use as a session in progress: opened now (a video conference of four hours),
// confirmed, members invited by right and two others invited, the agenda adopted at the opening, accreditation lists (one
// approved, one waiting), and on the second item a speaker given the floor, the chair having stopped the clock at once (so
// that it never runs absurdly over time while nobody is at the controls). Once the session is over it is replaced by a new
// one opening then: at each start, and by every running process at its end (DemoMeetingKeeper), so that whoever signs in,
// a week after the first start or a year, finds a meeting whose day is today and whose floor agrees with its schedule.
import { eq } from "drizzle-orm";
import type { Registry } from "../../domain/registry.js";
import { CommandRunner, systemContext, type CommandContext } from "../platform/commands/runner.js";
import type { Database, Db } from "../platform/db/client.js";
import {
  actOnFloor,
  addAgendaItem,
  adoptAgenda,
  askFloor,
  createMeeting,
  decideAccreditation,
  invite,
  removeDemoMeeting,
  submitAccreditation,
  updateMeeting,
} from "./commands.js";
import { loadMeeting, meetingFacts } from "./store.js";
import { meetings } from "./tables.js";

/** How long a demonstration session lasts: long enough to look around, short enough to be renewed the same day. */
export const DEMO_SESSION_MS = 4 * 3_600_000;

const MARK: Record<string, { before: string; after: string }> = {
  zh: { before: "【演示】", after: "（非真实会议）" },
  ru: { before: "[Демонстрация] ", after: " (не настоящее заседание)" },
  en: { before: "[Demonstration] ", after: " (not a real meeting)" },
};

const ITEMS: Record<string, string>[] = [
  { zh: "会议开幕；通过议程", ru: "Открытие заседания; утверждение повестки дня", en: "Opening of the meeting; adoption of the agenda" },
  { zh: "审议轮值主席国活动计划的执行情况", ru: "О ходе выполнения программы председательства", en: "Progress of the chairmanship's programme" },
  { zh: "其他事项", ru: "Разное", en: "Any other business" },
];

const DELEGATES = [
  { name: { zh: "演示代表甲", ru: "Демо-делегат А", en: "Demo Delegate A" }, function: { zh: "国家协调员", ru: "Национальный координатор", en: "National Coordinator" }, rank: "ambassador" as const },
  { name: { zh: "演示代表乙", ru: "Демо-делегат Б", en: "Demo Delegate B" }, function: { zh: "顾问", ru: "Советник", en: "Adviser" }, rank: "adviser" as const },
  { name: { zh: "演示代表丙", ru: "Демо-делегат В", en: "Demo Delegate C" }, function: { zh: "译员", ru: "Переводчик", en: "Interpreter" }, rank: "interpreter" as const },
];

function as(delegation: string | null, now: Date, role: "head_of_delegation" | "secretariat_admin" = "head_of_delegation"): CommandContext {
  return { ...systemContext(now), actor: { userId: null, role, delegation, tier: null, rights: null, isChair: false } };
}

function keep(text: Record<string, string>, languages: readonly string[]): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(text).filter(([language]) => languages.includes(language)));
  return Object.keys(kept).length > 0 ? kept : { en: text.en ?? "" };
}

/** Stages a demonstration session opening at `now` (to the minute); answers its id, or null when the registry has no body or members for it. */
async function stageDemoMeeting(db: Db, registry: Registry, now: Date): Promise<string | null> {
  const body = registry.bodies.find((b) => b.kind === "council" && !b.isSupreme) ?? registry.bodies.find((b) => !b.isSupreme) ?? registry.bodies[0];
  if (!body) return null;
  const facts = meetingFacts(registry);
  // A video conference opening now, in UTC: a demonstration, so no venue is claimed. Everything below happens at `now`,
  // on or after the opening, so that no instant in it comes before another it follows.
  const start = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const end = new Date(start.getTime() + DEMO_SESSION_MS);
  const day = start.toISOString().slice(0, 10);
  const members = facts.byRightOn(day);
  const chair = facts.chairOf(body.code, day);
  if (!chair || members.length < 3) return null;
  const languages = Object.keys(body.names);
  const title = Object.fromEntries(Object.entries(body.names).map(([language, name]) => [language, `${MARK[language]?.before ?? MARK.en!.before}${name}${MARK[language]?.after ?? MARK.en!.after}`]));
  const runner = new CommandRunner(db);
  const secretariat = as(null, now, "secretariat_admin");
  const version = async (id: string) => (await loadMeeting(db, id))!.row.version;
  const { id } = await runner.run(createMeeting, secretariat, {
    request: { body: body.code, title, start: start.toISOString(), end: end.toISOString(), timeZone: "UTC", format: "video", quota: 5 },
    facts,
    isDemo: true,
  });
  // It takes place: confirmed (a meeting is held only once confirmed; it becomes held when someone records it so).
  await runner.run(updateMeeting, secretariat, { id, request: { status: "confirmed", version: await version(id) }, facts });
  // Two delegations that attend only when invited: one also invited to speak.
  const others = registry.states.map((s) => s.code).filter((code) => !members.includes(code) && facts.statusOf(code, day)?.rights?.attend === true);
  for (const [index, party] of others.slice(0, 2).entries()) {
    await runner.run(invite, as(chair, now), { id, request: { party, basis: "invited", maySpeak: index === 0 }, facts });
  }
  for (const item of ITEMS) {
    await runner.run(addAgendaItem, secretariat, { id, request: { title: keep(item, languages), version: await version(id) }, facts });
  }
  // Adopted at the opening.
  await runner.run(adoptAgenda, as(chair, now), { id, request: { version: await version(id) }, facts });
  const [first, second, third] = members.filter((m) => m !== chair) as [string, string, string];
  const keepDelegate = (d: (typeof DELEGATES)[number]) => ({ name: keep(d.name, languages), function: keep(d.function, languages), rank: d.rank });
  const { list } = await runner.run(submitAccreditation, as(first, now), { id, request: { delegates: DELEGATES.slice(0, 2).map(keepDelegate) }, facts });
  await runner.run(decideAccreditation, secretariat, { id, list, request: { decision: "approve", version: 1 }, facts });
  await runner.run(submitAccreditation, as(second, now), { id, request: { delegates: DELEGATES.slice(2).map(keepDelegate) }, facts });
  const item = (await loadMeeting(db, id))!.items[1]!.id;
  await runner.run(askFloor, as(second, now), { id, item, request: { kind: "speech" }, facts });
  await runner.run(askFloor, as(third, now), { id, item, request: { kind: "speech" }, facts });
  await runner.run(actOnFloor, as(chair, now), { id, item, request: { action: "give" }, facts });
  // The chair stops the clock as the speaker takes the floor: a running clock would read hours over time later in the session.
  await runner.run(actOnFloor, as(chair, now), { id, item, request: { action: "pause" }, facts });
  return id;
}

/** The demonstration meeting now: its id and when its session ends (and so when it is replaced). */
export interface DemoMeetingNow {
  readonly id: string;
  readonly ends: Date;
}

/**
 * Keeps the demonstration meeting current at `now`: demonstrations not in session (over, or moved to other dates) are removed
 * and a new session is staged opening now; one in session stays as it is (with whatever visitors did to it). With `stageFirst`
 * (a first start with demo accounts) one is staged when there is none; otherwise none is ever created here. Answers the
 * current demonstration, or null when there is none.
 */
export async function keepDemoMeetingCurrent(db: Db, registry: Registry, now: Date, options: { stageFirst: boolean }): Promise<DemoMeetingNow | null> {
  const demos = await db.select({ id: meetings.id, start: meetings.start, end: meetings.end }).from(meetings).where(eq(meetings.isDemo, true));
  const current = demos.find((demo) => demo.start !== null && demo.end !== null && demo.start.getTime() <= now.getTime() && demo.end.getTime() > now.getTime());
  if (current) return { id: current.id, ends: current.end! };
  if (demos.length === 0 && !options.stageFirst) return null;
  const runner = new CommandRunner(db);
  const facts = meetingFacts(registry);
  for (const demo of demos) await runner.run(removeDemoMeeting, systemContext(now), { id: demo.id, facts });
  const id = await stageDemoMeeting(db, registry, now);
  return id === null ? null : { id, ends: new Date(Math.floor(now.getTime() / 60_000) * 60_000 + DEMO_SESSION_MS) };
}

/** How long a process sleeps at most between two looks at the demonstration (one started by another process, say). */
const LONGEST_WAIT_MS = 10 * 60_000;

export interface KeeperLog {
  warn(object: Record<string, unknown>, message: string): void;
}

/**
 * Renews the demonstration meeting while the server runs: at the end of its session (and every ten minutes at most),
 * under the database's exclusive lock, so that of several processes one replaces it and the others find the new one.
 */
export class DemoMeetingKeeper {
  private timer: NodeJS.Timeout | null = null;
  private isStopped = false;

  constructor(private readonly options: { database: Database; registry: () => Registry | null; now: () => Date; log?: KeeperLog }) {}

  /** Looks once (replacing a demonstration that is over), then sleeps until the current one ends. */
  async check(): Promise<DemoMeetingNow | null> {
    let current: DemoMeetingNow | null = null;
    try {
      const registry = this.options.registry();
      if (registry) {
        const { database } = this.options;
        current = await database.withExclusiveLock(() => keepDemoMeetingCurrent(database.db, registry, this.options.now(), { stageFirst: false }));
      }
    } catch (error) {
      this.options.log?.warn({ err: { message: (error as Error).message } }, "the demonstration meeting could not be renewed; tried again later");
    }
    this.schedule(current);
    return current;
  }

  private schedule(current: DemoMeetingNow | null): void {
    if (this.isStopped) return;
    if (this.timer) clearTimeout(this.timer);
    const wait = current ? Math.max(0, current.ends.getTime() - this.options.now().getTime()) + 1_000 : LONGEST_WAIT_MS;
    this.timer = setTimeout(() => void this.check(), Math.min(wait, LONGEST_WAIT_MS));
    this.timer.unref();
  }

  start(): Promise<DemoMeetingNow | null> {
    return this.check();
  }

  stop(): void {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
