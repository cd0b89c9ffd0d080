// A demonstration meeting for the demo accounts: marked as a demonstration (never a real meeting of the organization),
// prepared through the same commands people use: members invited by right, two others invited, an agenda adopted,
// accreditation lists (one approved, one waiting), and a list of speakers with a speaker on the floor.
import { eq } from "drizzle-orm";
import type { Registry } from "../../domain/registry.js";
import { CommandRunner, systemContext, type CommandContext } from "../commands/runner.js";
import type { Db } from "../db/client.js";
import { actOnFloor, addAgendaItem, adoptAgenda, askFloor, createMeeting, decideAccreditation, invite, submitAccreditation } from "./commands.js";
import { loadMeeting, meetingFacts } from "./store.js";
import { meetings } from "./tables.js";

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

/** Creates the demonstration meeting once (when none exists); answers its id or null. */
export async function createDemoMeeting(db: Db, registry: Registry, now: Date): Promise<string | null> {
  const [existing] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.isDemo, true)).limit(1);
  if (existing) return null;
  const body = registry.bodies.find((b) => b.kind === "council" && !b.isSupreme) ?? registry.bodies.find((b) => !b.isSupreme) ?? registry.bodies[0];
  if (!body) return null;
  const facts = meetingFacts(registry);
  // A video conference a fortnight from now, 08:00–12:00 UTC: a demonstration, so no venue is claimed.
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 14, 8));
  const end = new Date(start.getTime() + 4 * 3_600_000);
  const day = start.toISOString().slice(0, 10);
  const members = facts.byRightOn(day);
  const chair = facts.chairOf(body.code, day);
  if (!chair || members.length < 3) return null;
  const languages = Object.keys(body.names);
  const title = Object.fromEntries(Object.entries(body.names).map(([language, name]) => [language, `${MARK[language]?.before ?? MARK.en!.before}${name}${MARK[language]?.after ?? MARK.en!.after}`]));
  const runner = new CommandRunner(db);
  const secretariat = as(null, now, "secretariat_admin");
  const { id } = await runner.run(createMeeting, secretariat, {
    request: { body: body.code, title, start: start.toISOString(), end: end.toISOString(), timeZone: "UTC", format: "video", quota: 5 },
    facts,
  });
  await db.update(meetings).set({ isDemo: true }).where(eq(meetings.id, id));
  // Two delegations that attend only when invited: one also invited to speak.
  const others = registry.states.map((s) => s.code).filter((code) => !members.includes(code) && facts.statusOf(code, day)?.rights?.attend === true);
  for (const [index, party] of others.slice(0, 2).entries()) {
    await runner.run(invite, as(chair, now), { id, request: { party, basis: "invited", maySpeak: index === 0 }, facts });
  }
  for (const item of ITEMS) {
    const version = (await loadMeeting(db, id))!.row.version;
    await runner.run(addAgendaItem, secretariat, { id, request: { title: keep(item, languages), version }, facts });
  }
  await runner.run(adoptAgenda, as(chair, now), { id, request: { version: (await loadMeeting(db, id))!.row.version }, facts });
  const [first, second, third] = members.filter((m) => m !== chair) as [string, string, string];
  const keepDelegate = (d: (typeof DELEGATES)[number]) => ({ name: keep(d.name, languages), function: keep(d.function, languages), rank: d.rank });
  const { list } = await runner.run(submitAccreditation, as(first, now), { id, request: { delegates: DELEGATES.slice(0, 2).map(keepDelegate) }, facts });
  await runner.run(decideAccreditation, secretariat, { id, list, request: { decision: "approve", version: 1 }, facts });
  await runner.run(submitAccreditation, as(second, now), { id, request: { delegates: DELEGATES.slice(2).map(keepDelegate) }, facts });
  const item = (await loadMeeting(db, id))!.items[1]!.id;
  await runner.run(askFloor, as(second, now), { id, item, request: { kind: "speech" }, facts });
  await runner.run(askFloor, as(third, now), { id, item, request: { kind: "speech" }, facts });
  await runner.run(actOnFloor, as(chair, now), { id, item, request: { action: "give" }, facts });
  return id;
}
