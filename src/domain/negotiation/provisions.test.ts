import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { topLevelBrackets } from "./markup.js";
import {
  bracketsWithBackers,
  fingerprint,
  outdatedLanguages,
  PROVISION_KINDS,
  provisionNumbers,
  provisionOptions,
  provisionStatus,
  reconcileBrackets,
  type BracketRecord,
  type Provision,
  type ProvisionKind,
} from "./provisions.js";

const provision = (texts: Record<string, string>, extra: Partial<Provision> = {}): Provision => ({
  id: "op4",
  kind: "operative",
  texts,
  basis: {},
  mark: null,
  brackets: [],
  facilitator: null,
  version: 1,
  ...extra,
});
const record = (requestedBy: string[], ...alternatives: [string, string[]][]): BracketRecord => ({
  alternatives: alternatives.map(([text, backers]) => ({ text, backers })),
  requestedBy,
});

const PREFIX: Readonly<Record<ProvisionKind, string | null>> = { preambular: "PP", operative: "OP", article: "Art. ", heading: null, annex: "A" };
const outlines = fc.array(fc.constantFrom(...PROVISION_KINDS), { minLength: 1, maxLength: 30 }).map((kinds) => kinds.map((kind, i) => ({ id: `id-${i}`, kind })));

describe("provisionNumbers", () => {
  it("numbers each kind from 1 in document order, leaves headings unnumbered and writes articles 'Art. n'", () => {
    const numbers = provisionNumbers([
      { id: "h1", kind: "heading" },
      { id: "pp-a", kind: "preambular" },
      { id: "op-a", kind: "operative" },
      { id: "pp-b", kind: "preambular" },
      { id: "art", kind: "article" },
      { id: "op-b", kind: "operative" },
      { id: "annex", kind: "annex" },
    ]);
    expect([...numbers]).toEqual([
      ["h1", null],
      ["pp-a", "PP1"],
      ["op-a", "OP1"],
      ["pp-b", "PP2"],
      ["art", "Art. 1"],
      ["op-b", "OP2"],
      ["annex", "A1"],
    ]);
  });

  it("gives every non-heading provision exactly one number, unique, counting PP1…PPn in order for each kind", () => {
    fc.assert(
      fc.property(outlines, (outline) => {
        const numbers = provisionNumbers(outline);
        expect([...numbers.keys()]).toEqual(outline.map((p) => p.id));
        for (const kind of PROVISION_KINDS) {
          const ofKind = outline.filter((p) => p.kind === kind).map((p) => numbers.get(p.id));
          const prefix = PREFIX[kind];
          expect(ofKind).toEqual(ofKind.map((_, i) => (prefix === null ? null : `${prefix}${i + 1}`)));
        }
        const shown = [...numbers.values()].filter((n) => n !== null);
        expect(new Set(shown).size).toBe(shown.length);
      }),
    );
  });

  it("renumbers without touching identities: taking one provision out moves only the later ones of its kind down by one", () => {
    fc.assert(
      fc.property(outlines, fc.nat(), (outline, pick) => {
        const at = pick % outline.length;
        const removed = outline[at]!;
        const before = provisionNumbers(outline);
        const after = provisionNumbers(outline.filter((_, i) => i !== at));
        expect(after.has(removed.id)).toBe(false);
        outline.forEach((p, i) => {
          if (i === at) return;
          const old = before.get(p.id)!;
          const shifted = old !== null && i > at && p.kind === removed.kind && removed.kind !== "heading" ? old.replace(/\d+$/u, (n) => String(Number(n) - 1)) : old;
          expect(after.get(p.id)).toBe(shifted);
        });
      }),
    );
  });
});

describe("fingerprint", () => {
  it("is 14 hex digits, equal for equal texts and different for a one-word change in any language", () => {
    for (const [a, b] of [
      ["Member States shall take measures.", "Member States should take measures."],
      ["Государства-члены должны принять меры.", "Государства-члены могут принять меры."],
      ["成员国应当采取措施。", "成员国可以采取措施。"],
      ["", " "],
    ] as const) {
      expect(fingerprint(a)).toMatch(/^[0-9a-f]{14}$/u);
      expect(fingerprint(a)).toBe(fingerprint(`${a}`));
      expect(fingerprint(a)).not.toBe(fingerprint(b));
    }
  });

  it("tells different texts apart", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(fingerprint(a) === fingerprint(b)).toBe(a === b);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("provisionStatus", () => {
  it("is bracketed while the base text holds a bracket, whatever the chair marked; otherwise the mark, or open", () => {
    expect(provisionStatus(provision({ en: "Member States [shall / should] act.", ru: "Государства-члены должны действовать." }, { mark: "agreed" }), "en")).toBe("bracketed");
    expect(provisionStatus(provision({ en: "Member States shall act.", ru: "[должны]" }), "en")).toBe("open");
    expect(provisionStatus(provision({ en: "As drafted \\[sic\\]." }, { mark: "agreed-ad-ref" }), "en")).toBe("agreed-ad-ref");
    expect(provisionStatus(provision({ en: "Member States shall act." }, { mark: "agreed" }), "en")).toBe("agreed");
    expect(provisionStatus(provision({ ru: "[нет]" }), "en")).toBe("open");
  });
});

describe("outdatedLanguages", () => {
  const base = "Member States shall take measures.";
  const languages = ["en", "ru", "zh"];

  it("lists each other language whose version is missing or follows an older base text, never the base language", () => {
    const current = provision({ en: base, ru: "Государства-члены должны принять меры.", zh: "成员国应当采取措施。" }, { basis: { ru: fingerprint(base), zh: fingerprint(base) } });
    expect(outdatedLanguages(current, "en", languages)).toEqual([]);
    expect(outdatedLanguages({ ...current, texts: { ...current.texts, en: "Member States will take measures." } }, "en", languages)).toEqual(["ru", "zh"]);
    expect(outdatedLanguages({ ...current, basis: { ru: fingerprint(base), zh: fingerprint("Member States [shall] take measures.") } }, "en", languages)).toEqual(["zh"]);
    expect(outdatedLanguages(provision({ en: base, ru: "Государства-члены должны принять меры." }, { basis: { ru: fingerprint(base), zh: fingerprint(base) } }), "en", languages)).toEqual(["zh"]);
    // Russian as the base: the English version is checked against the Russian text.
    const russian = provision({ ru: "Государства-члены должны принять меры.", en: base }, { basis: { en: fingerprint("Государства-члены должны принять меры.") } });
    expect(outdatedLanguages(russian, "ru", ["ru", "en"])).toEqual([]);
  });

  it("outdates every other language of a new provision", () => {
    expect(outdatedLanguages(provision({ en: base }), "en", languages)).toEqual(["ru", "zh"]);
  });

  it("outdates a version exactly when the base text differs from the one it was translated from", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (translatedFrom, now, translation) => {
        const p = provision({ en: now, ru: translation }, { basis: { ru: fingerprint(translatedFrom) } });
        expect(outdatedLanguages(p, "en", ["en", "ru"])).toEqual(translatedFrom === now ? [] : ["ru"]);
      }),
    );
  });
});

describe("bracketsWithBackers", () => {
  it("gives each bracket in text order with who backs each alternative and who asked for it", () => {
    const text = "Member States [shall / should] take [urgent / all] measures.";
    const p = provision({ en: text }, { brackets: [record(["PK"], ["urgent", ["CN"]], ["all", []]), record(["IN"], ["shall", ["IN"]], ["should", ["RU", "KZ"]])] });
    expect(bracketsWithBackers(p, "en")).toEqual([
      {
        start: 14,
        end: 30,
        alternatives: [
          { text: "shall", backers: ["IN"] },
          { text: "should", backers: ["RU", "KZ"] },
        ],
        requestedBy: ["IN"],
      },
      {
        start: 36,
        end: 50,
        alternatives: [
          { text: "urgent", backers: ["CN"] },
          { text: "all", backers: [] },
        ],
        requestedBy: ["PK"],
      },
    ]);
  });

  it("shows a bracket nobody recorded with no backers, and ignores records of brackets no longer there", () => {
    const resolved = provision({ en: "Member States will act." }, { brackets: [record(["IN"], ["shall", ["IN"]], ["should", ["RU"]])] });
    expect(bracketsWithBackers(resolved, "en")).toEqual([]);
    const chinese = provision({ zh: "成员国[应当 / 可以]采取措施" }, { brackets: [record(["IN"], ["shall", ["IN"]], ["should", ["RU"]])] });
    expect(bracketsWithBackers(chinese, "zh")).toEqual([
      {
        start: 3,
        end: 12,
        alternatives: [
          { text: "应当", backers: [] },
          { text: "可以", backers: [] },
        ],
        requestedBy: [],
      },
    ]);
  });

  it("uses each record once, so two equal brackets take two records in order", () => {
    const p = provision({ ru: "[должны] принять [должны] меры" }, { brackets: [record(["IN"], ["должны", ["IN"]]), record(["KZ"], ["должны", ["KZ"]])] });
    expect(bracketsWithBackers(p, "ru").map((b) => b.requestedBy)).toEqual([["IN"], ["KZ"]]);
    const once = provision({ ru: "[должны] принять [должны] меры" }, { brackets: [record(["IN"], ["должны", ["IN"]])] });
    expect(bracketsWithBackers(once, "ru").map((b) => b.requestedBy)).toEqual([["IN"], []]);
  });

  it("matches a record whose alternative keeps a slash escaped, as an alternative with a slash is written in a bracket", () => {
    const p = provision({ en: "Parties [shall / shall\\/should] act." }, { brackets: [record(["IN"], ["shall", ["IN"]], ["shall\\/should", ["RU", "KZ"]])] });
    expect(bracketsWithBackers(p, "en")[0]).toEqual({
      start: 8,
      end: 31,
      alternatives: [
        { text: "shall", backers: ["IN"] },
        { text: "shall/should", backers: ["RU", "KZ"] },
      ],
      requestedBy: ["IN"],
    });
    const plain = provision({ ru: "[и\\/или]" }, { brackets: [record(["IR"], ["и/или", ["CN"]])] });
    expect(bracketsWithBackers(plain, "ru")[0]).toMatchObject({ alternatives: [{ text: "и/или", backers: ["CN"] }], requestedBy: ["IR"] });
  });
});

describe("reconcileBrackets", () => {
  const shall = record(["IN"], ["shall", ["IN"]], ["should", ["RU", "KZ"]]);
  const urgent = record(["PK"], ["urgent", ["CN"]], ["all", []]);

  it("keeps the records of the brackets still in the text, in text order, and drops the resolved ones", () => {
    expect(reconcileBrackets("Member States [shall / should] take [urgent / all] measures.", [urgent, shall])).toEqual([shall, urgent]);
    expect(reconcileBrackets("Member States will take [urgent / all] measures.", [shall, urgent])).toEqual([urgent]);
    expect(reconcileBrackets("Member States will take measures.", [shall, urgent])).toEqual([]);
  });

  it("drops a record whose alternatives changed, and never keeps more records than there are brackets", () => {
    expect(reconcileBrackets("Member States [shall / may] act.", [shall])).toEqual([]);
    const texts = fc.constantFrom("[shall / should]", "[urgent / all]", "[shall]", "act", " ");
    fc.assert(
      fc.property(fc.array(texts, { maxLength: 6 }), fc.array(fc.constantFrom(shall, urgent), { maxLength: 6 }), (parts, records) => {
        const text = parts.join(" ");
        const kept = reconcileBrackets(text, records);
        expect(kept.length).toBeLessThanOrEqual(topLevelBrackets(text).length);
        for (const r of new Set(kept)) expect(kept.filter((k) => k === r).length).toBeLessThanOrEqual(records.filter((k) => k === r).length);
      }),
    );
  });
});

describe("whole-provision options", () => {
  it("reads a bracket holding the whole text as options, and nothing else", () => {
    expect(provisionOptions("[Member States shall cooperate. / Member States may cooperate.]")).toEqual(["Member States shall cooperate.", "Member States may cooperate."]);
    expect(provisionOptions("  [选项一。 / 选项二。 / 选项三。] ")).toEqual(["选项一。", "选项二。", "选项三。"]);
    expect(provisionOptions("Member States [shall / may] cooperate.")).toBeNull();
    expect(provisionOptions("[Member States shall cooperate.]")).toBeNull();
    expect(provisionOptions("[a / b] [c / d]")).toBeNull();
  });
});
