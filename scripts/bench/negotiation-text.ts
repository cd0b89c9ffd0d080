// The text bench:negotiation negotiates: a zero draft of any number of provisions in Russian (the base language),
// Chinese and English, built from parallel phrases of an SCO declaration (each language a translation of the others),
// some provisions with brackets; and the proposals delegations make on it. Deterministic: the same draft every run.
import type { CreateDocumentRequest, ProposalChangeDto } from "../../src/contracts/negotiation.js";

type Parallel = { readonly ru: string; readonly zh: string; readonly en: string };

const OPENINGS: readonly Parallel[] = [
  { ru: "Руководствуясь", zh: "遵循", en: "Guided by" },
  { ru: "Подтверждая", zh: "重申", en: "Reaffirming" },
  { ru: "Отмечая с удовлетворением", zh: "满意地注意到", en: "Noting with satisfaction" },
  { ru: "Признавая", zh: "认识到", en: "Recognizing" },
  { ru: "Принимая во внимание", zh: "考虑到", en: "Taking into account" },
  { ru: "Будучи убеждены в значимости", zh: "深信", en: "Convinced of the significance of" },
];

const GROUNDS: readonly Parallel[] = [
  { ru: "целей и принципов Устава Организации Объединённых Наций", zh: "《联合国宪章》的宗旨和原则", en: "the purposes and principles of the Charter of the United Nations" },
  { ru: "положений Хартии Шанхайской организации сотрудничества", zh: "《上海合作组织宪章》的规定", en: "the provisions of the Charter of the Shanghai Cooperation Organisation" },
  {
    ru: "Договора о долгосрочном добрососедстве, дружбе и сотрудничестве государств-членов",
    zh: "《上海合作组织成员国长期睦邻友好合作条约》",
    en: "the Treaty on Long-Term Good-Neighbourliness, Friendship and Cooperation of the Member States",
  },
  { ru: "важности укрепления взаимного доверия и добрососедских отношений", zh: "加强相互信任和睦邻关系的重要性", en: "the importance of strengthening mutual trust and good-neighbourly relations" },
  {
    ru: "устойчивого экономического развития и повышения благосостояния народов региона",
    zh: "可持续经济发展和提高地区人民福祉",
    en: "sustainable economic development and the well-being of the peoples of the region",
  },
  { ru: "необходимости совместного противодействия терроризму, сепаратизму и экстремизму", zh: "共同打击恐怖主义、分裂主义和极端主义的必要性", en: "the need to counter terrorism, separatism and extremism together" },
  { ru: "роли культурного и гуманитарного сотрудничества в сближении народов", zh: "人文合作在增进各国人民相互了解中的作用", en: "the role of cultural and humanitarian cooperation in bringing peoples closer" },
  { ru: "потенциала цифровой экономики и информационных технологий", zh: "数字经济和信息技术的潜力", en: "the potential of the digital economy and information technologies" },
];

const ACTORS: readonly Parallel[] = [
  { ru: "Государства-члены", zh: "成员国", en: "The Member States" },
  { ru: "Компетентные органы государств-членов", zh: "成员国主管部门", en: "The competent authorities of the Member States" },
  { ru: "Министерства иностранных дел государств-членов", zh: "成员国外交部", en: "The ministries of foreign affairs of the Member States" },
  { ru: "Профильные ведомства государств-членов", zh: "成员国相关部门", en: "The relevant agencies of the Member States" },
];

const VERBS: readonly Parallel[] = [
  { ru: "продолжат развивать", zh: "将继续发展", en: "will continue to develop" },
  { ru: "будут укреплять", zh: "将加强", en: "will strengthen" },
  { ru: "будут углублять", zh: "将深化", en: "will deepen" },
];

/** The alternatives delegations argue over; one in a few operative provisions carries one. */
const BRACKETED_VERBS: readonly Parallel[] = [
  { ru: "[обеспечат / будут содействовать развитию]", zh: "[确保 / 促进]", en: "[shall ensure / will promote]" },
  { ru: "[[в полном объёме] обеспечат / по мере возможности поддержат]", zh: "[[全面]确保 / 酌情支持]", en: "[[fully] ensure / support as appropriate]" },
];

const AREAS: readonly Parallel[] = [
  { ru: "торговли и инвестиций", zh: "贸易和投资", en: "trade and investment" },
  { ru: "энергетики, включая возобновляемые источники энергии", zh: "能源，包括可再生能源", en: "energy, including renewable sources of energy" },
  { ru: "здравоохранения и санитарно-эпидемиологического благополучия", zh: "卫生保健和卫生防疫", en: "health care and sanitary and epidemiological well-being" },
  { ru: "образования, науки и технологий", zh: "教育、科学和技术", en: "education, science and technology" },
  { ru: "сельского хозяйства и продовольственной безопасности", zh: "农业和粮食安全", en: "agriculture and food security" },
  { ru: "туризма и молодёжных обменов", zh: "旅游和青年交流", en: "tourism and youth exchanges" },
  { ru: "охраны окружающей среды", zh: "环境保护", en: "environmental protection" },
  { ru: "предупреждения и ликвидации чрезвычайных ситуаций", zh: "预防和消除紧急情况", en: "the prevention and relief of emergencies" },
  { ru: "таможенного взаимодействия", zh: "海关合作", en: "customs cooperation" },
  { ru: "международной информационной безопасности", zh: "国际信息安全", en: "international information security" },
];

const TAILS: readonly Parallel[] = [
  { ru: "в том числе путём обмена опытом и передовой практикой", zh: "包括交流经验和最佳做法", en: "including through the exchange of experience and best practices" },
  { ru: "на основе принципов равноправия и взаимной выгоды", zh: "在平等互利的基础上", en: "on the basis of equality and mutual benefit" },
  { ru: "с учётом национального законодательства государств-членов", zh: "同时考虑成员国国内法", en: "taking into account the national legislation of the Member States" },
  { ru: "в соответствии с ранее достигнутыми договорённостями", zh: "根据此前达成的协议", en: "in accordance with the agreements reached earlier" },
  { ru: "при участии деловых кругов и академического сообщества", zh: "在工商界和学术界参与下", en: "with the participation of business circles and the academic community" },
  { ru: "в рамках соответствующих механизмов ШОС", zh: "在上合组织相关机制框架内", en: "within the relevant SCO mechanisms" },
  { ru: "с целью содействия устойчивому развитию региона", zh: "以促进本地区可持续发展", en: "with a view to promoting the sustainable development of the region" },
  { ru: "а также с привлечением наблюдателей и партнёров по диалогу", zh: "并吸收观察员国和对话伙伴参与", en: "as well as with the involvement of observers and dialogue partners" },
];

/** mulberry32: a small seeded generator, so the draft is the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Joins parallel parts language by language: words with spaces (ru, en) or none (zh), clauses with the language's comma. */
function assemble(parts: readonly (Parallel | { clause: Parallel })[], end: Parallel): Parallel {
  const text = (language: keyof Parallel) => {
    let out = "";
    for (const part of parts) {
      if ("clause" in part) out += (language === "zh" ? "，" : ", ") + part.clause[language];
      else out += (out === "" || language === "zh" ? "" : " ") + part[language];
    }
    return out + end[language];
  };
  return { ru: text("ru"), zh: text("zh"), en: text("en") };
}

/**
 * A zero draft of `count` provisions: a tenth preambular, the rest operative. Russian texts run about 200–400 characters
 * (clauses are added until a length drawn for each provision is reached), the others are their translations; one
 * operative provision in six has a bracket, one in fifty a nested one.
 */
export function zeroDraft(count: number, seed = 2025): CreateDocumentRequest["provisions"] {
  const random = generator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const preambular = Math.round(count / 10);
  return Array.from({ length: count }, (_, index) => {
    const target = 200 + Math.floor(random() * 180);
    const isPreambular = index < preambular;
    const parts: (Parallel | { clause: Parallel })[] = [];
    if (isPreambular) parts.push(pick(OPENINGS), pick(GROUNDS));
    else {
      const verb = index % 50 === 7 ? BRACKETED_VERBS[1]! : index % 6 === 1 ? BRACKETED_VERBS[0]! : pick(VERBS);
      parts.push(pick(ACTORS), verb, { ru: "сотрудничество в области", zh: "在以下领域的合作：", en: "cooperation in the field of" }, pick(AREAS));
    }
    const tails = [...TAILS].sort(() => random() - 0.5);
    const end: Parallel = isPreambular ? { ru: ",", zh: "，", en: "," } : { ru: ".", zh: "。", en: "." };
    let texts = assemble(parts, end);
    while (texts.ru.length < target && tails.length > 0) {
      parts.push({ clause: tails.pop()! });
      texts = assemble(parts, end);
    }
    return { kind: isPreambular ? "preambular" : "operative", texts };
  });
}

export const TITLE = {
  ru: "Проект декларации Совета глав государств (текст для нагрузочного испытания)",
  zh: "国家元首理事会宣言草案（负载测试文本）",
  en: "Draft declaration of the Council of Heads of State (load-test text)",
};

/** What a proposal needs of a provision: its id and base text. */
export interface ProvisionRef {
  readonly id: string;
  readonly texts: Readonly<Record<string, string>>;
}

/**
 * The `n`-th proposal a delegation makes on a provision: alternately a replacement of its first word (never inside a
 * bracket: provisions open with plain words) and an insertion before its final punctuation (never inside a bracket:
 * provisions end with plain clauses).
 */
export function proposalOn(provision: ProvisionRef, n: number): { change: ProposalChangeDto; justification: string } {
  const base = provision.texts.ru!;
  if (n % 2 === 0) {
    const end = base.indexOf(" ");
    return {
      change: { type: "replace", provision: provision.id, start: 0, end, text: `Вновь ${base.slice(0, end).toLowerCase()}` },
      justification: "Формулировка должна подчеркнуть преемственность с решениями предыдущих заседаний Совета.",
    };
  }
  return {
    change: { type: "insert", provision: provision.id, at: base.length - 1, text: ", а также в рамках соответствующих механизмов ШОС" },
    justification: "Предлагаем уточнить рамки сотрудничества со ссылкой на существующие механизмы Организации.",
  };
}

/** The rounds of proposals the large document takes on each provision, on spans that never overlap (see largeProposalOn). */
export const LARGE_ROUNDS = 3;

/** Where round 2 inserts: before the provision's last clause (provisions end with plain clauses, each after ", "). */
function beforeLastClause(base: string): number {
  const at = base.lastIndexOf(", ");
  if (at <= base.indexOf(" ")) throw new Error(`no clause to insert before in “${base}”`);
  return at;
}

/**
 * The proposal of `round` on a provision of the large document: round 0 replaces its first word, round 1 inserts before
 * its final punctuation (as proposalOn), round 2 inserts before its last clause. The three spans never overlap, so each
 * provision takes up to three proposals that a revision can all apply.
 */
export function largeProposalOn(provision: ProvisionRef, round: number): { change: ProposalChangeDto; justification: string } {
  if (round === 0 || round === 1) return proposalOn(provision, round);
  if (round !== 2) throw new Error(`round ${round}: 0, 1 or 2`);
  return {
    change: { type: "insert", provision: provision.id, at: beforeLastClause(provision.texts.ru!), text: " и на двусторонней основе" },
    justification: "Двустороннее сотрудничество дополняет многосторонние механизмы и должно быть упомянуто.",
  };
}

/** The chair's own wording of the `round` proposal on a provision (accept-modified): what replaces the proposed words. */
export function chairWording(provision: ProvisionRef, round: number): string {
  const base = provision.texts.ru!;
  if (round === 0) return `Неизменно ${base.slice(0, base.indexOf(" ")).toLowerCase()}`;
  if (round === 1) return ", в том числе в рамках соответствующих механизмов Организации";
  return " и, где это уместно, на двусторонней основе";
}
