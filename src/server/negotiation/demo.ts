// A demonstration negotiation for the demo accounts: a short draft statement, marked as a demonstration (never a real text
// of the organization), negotiated through the same commands a delegation uses: proposals, positions, a revision with a bracket.
import { organizationLanguages } from "../../domain/localized-text.js";
import { eq } from "drizzle-orm";
import type { CreateDocumentRequest } from "../../contracts/negotiation.js";
import type { Registry } from "../../domain/registry.js";
import { CommandRunner, systemContext, type CommandContext } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import { createDocument, issueRevision, makeProposal, takePosition, type Situation } from "./commands.js";
import { loadProvisions, registryFacts } from "./store.js";
import { negotiationDocuments } from "./tables.js";

const DEMO_TITLE = {
  zh: "【演示】关于教育合作的联合声明草案（非本组织真实文本）",
  ru: "[Демонстрация] Проект совместного заявления о сотрудничестве в области образования (не настоящий текст организации)",
  en: "[Demonstration] Draft joint statement on cooperation in education (not a real text of the organization)",
};

const DEMO_LANGUAGES = ["ru", "zh", "en"] as const;

const PROVISIONS: CreateDocumentRequest["provisions"] = [
  {
    kind: "preambular",
    texts: {
      ru: "Отмечая важность обменов между университетами государств-членов,",
      zh: "注意到成员国高校间交流的重要性，",
      en: "Noting the importance of exchanges between the universities of the Member States,",
    },
  },
  {
    kind: "preambular",
    texts: {
      ru: "Стремясь расширять изучение языков друг друга,",
      zh: "致力于扩大相互语言学习，",
      en: "Seeking to broaden the study of each other's languages,",
    },
  },
  {
    kind: "operative",
    texts: {
      ru: "Государства-члены должны поощрять академическую мобильность студентов и преподавателей.",
      zh: "成员国应当鼓励学生和教师的学术流动。",
      en: "Member States shall encourage the academic mobility of students and teachers.",
    },
  },
  {
    kind: "operative",
    texts: {
      ru: "Государства-члены рассмотрят возможность взаимного признания документов об образовании.",
      zh: "成员国将研究相互承认学历文凭的可能性。",
      en: "Member States will consider the mutual recognition of education documents.",
    },
  },
  {
    kind: "operative",
    texts: {
      ru: "Секретариату поручается подготовить доклад о ходе выполнения настоящего заявления.",
      zh: "责成秘书处就本声明的落实情况编写报告。",
      en: "The Secretariat is requested to prepare a report on the implementation of this statement.",
    },
  },
];

function as(delegation: string, now: Date): CommandContext {
  return { ...systemContext(now), actor: { userId: null, role: "head_of_delegation", delegation, tier: null, rights: null, isChair: false } };
}

/** Creates the demonstration document once (when none exists), for the body chaired today; answers its id or null. */
export async function createDemoNegotiation(db: Db, registry: Registry, now: Date, day: string): Promise<string | null> {
  const [existing] = await db.select({ id: negotiationDocuments.id }).from(negotiationDocuments).where(eq(negotiationDocuments.isDemo, true)).limit(1);
  if (existing) return null;
  // Written in Russian with Chinese and English versions: offered to an organization that works in these (its official,
  // working or translation languages), under its supreme body.
  const languages = organizationLanguages(registry.organization);
  if (!DEMO_LANGUAGES.every((language) => languages.includes(language))) return null;
  const body = registry.bodies.find((candidate) => candidate.isSupreme)?.code;
  const facts = registryFacts(registry);
  const chair = body ? facts.chairOf(body, day) : null;
  const members = facts.readersOn(day).drafts.filter((code) => code !== chair);
  if (!body || !chair || members.length < 3) return null;
  const situation: Situation = { facts, day };
  const runner = new CommandRunner(db);
  const request: CreateDocumentRequest = { title: DEMO_TITLE, kind: "statement", body, baseLanguage: "ru", languages: [...DEMO_LANGUAGES], provisions: PROVISIONS };
  const { id } = await runner.run(createDocument, as(chair, now), { request, situation, isDemo: true });
  const provisions = await loadProvisions(db, id);
  const [proposer, opponent, supporter] = members as [string, string, string];
  // One delegation proposes a softer verb, another opposes, a third supports: the revision will bracket it.
  const op1 = provisions[2]!;
  const shall = op1.texts.ru!.indexOf("должны");
  const soften = await runner.run(makeProposal, as(proposer, now), {
    documentId: id,
    request: { change: { type: "replace", provision: op1.id, start: shall, end: shall + "должны".length, text: "могли бы" }, justification: "Демонстрация: рекомендательная формулировка." },
    situation,
  });
  await runner.run(takePosition, as(opponent, now), { proposalId: soften.id, request: { stance: "oppose", text: "Демонстрация: сохранить «должны»." }, situation });
  await runner.run(takePosition, as(supporter, now), { proposalId: soften.id, request: { stance: "support", text: "" }, situation });
  // A new paragraph nobody opposes: the revision takes it in.
  await runner.run(makeProposal, as(supporter, now), {
    documentId: id,
    request: {
      change: { type: "add-provision", after: provisions[3]!.id, kind: "operative", text: "Государства-члены поддержат летние школы для молодёжи." },
      justification: "Демонстрация.",
    },
    situation,
  });
  const version = (await db.select({ version: negotiationDocuments.version }).from(negotiationDocuments).where(eq(negotiationDocuments.id, id)))[0]!.version;
  await runner.run(issueRevision, as(chair, now), { documentId: id, request: { version, handlings: [] }, situation });
  // And one proposal still open after Rev.1.
  const last = provisions[4]!;
  await runner.run(makeProposal, as(opponent, now), {
    documentId: id,
    request: { change: { type: "insert", provision: last.id, at: last.texts.ru!.length - 1, text: " к следующему заседанию" }, justification: "Демонстрация: срок." },
    situation,
  });
  return id;
}
