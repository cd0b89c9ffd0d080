import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  bracketDepth,
  bracketSpan,
  checkBalanced,
  hasBrackets,
  MarkupError,
  normalizeMarkup,
  parseMarkup,
  plainText,
  resolveBracket,
  serializeMarkup,
  topLevelBrackets,
  type TextNode,
} from "./markup.js";

const text = (value: string): TextNode => ({ kind: "text", value });
const bracket = (...alternatives: TextNode[][]): TextNode => ({ kind: "bracket", alternatives });
const nodesOf = (source: string): TextNode[] => {
  const result = parseMarkup(source);
  if (!result.ok) throw new Error(`${source}: ${result.error.code} at ${result.error.offset}`);
  return result.nodes;
};

// Random trees up to depth 3, their text drawn from characters that stress the markup (and UTF-16).
const characters = ["a", "Z", " ", " ", "/", "[", "]", "\\", "中", "文", "协", "Ж", "д", "я", ",", ".", "\t", "𠀋"];
const textNodes = fc.string({ unit: fc.constantFrom(...characters), maxLength: 8 }).map(text);
const nodesAt = (depth: number): fc.Arbitrary<TextNode[]> =>
  fc.array(depth === 0 ? textNodes : fc.oneof({ weight: 2, arbitrary: textNodes }, { weight: 1, arbitrary: bracketAt(depth) }), { maxLength: 4 });
const bracketAt = (depth: number): fc.Arbitrary<TextNode> => fc.array(nodesAt(depth - 1), { minLength: 0, maxLength: 3 }).map((alternatives) => ({ kind: "bracket", alternatives }));
const trees = nodesAt(3);

/** Offsets where a character may be inserted without splitting an escape. */
function tokenBoundaries(source: string): number[] {
  const boundaries: number[] = [];
  for (let i = 0; i <= source.length; i += 1) {
    boundaries.push(i);
    if (source[i] === "\\") i += 1;
  }
  return boundaries;
}

describe("parseMarkup", () => {
  it("reads alternatives without the spaces around the separator", () => {
    expect(nodesOf("Parties [shall / should] take measures")).toEqual([text("Parties "), bracket([text("shall")], [text("should")]), text(" take measures")]);
  });

  it("reads an empty alternative as 'or nothing'", () => {
    expect(nodesOf("[shall / ]")).toEqual([bracket([text("shall")], [])]);
    expect(nodesOf("[]")).toEqual([bracket([])]);
  });

  it("nests brackets: [[shall] / should] take measures", () => {
    const nodes = nodesOf("[[shall] / should] take measures");
    expect(nodes).toEqual([bracket([bracket([text("shall")])], [text("should")]), text(" take measures")]);
    expect(bracketDepth(nodes)).toBe(2);
    expect(serializeMarkup(nodes)).toBe("[[shall] / should] take measures");
    expect(topLevelBrackets("[[shall] / should] take measures")).toEqual([{ start: 0, end: 18, alternatives: ["[shall]", "should"] }]);
  });

  it("reads a slash outside brackets as a slash, and escapes as literal characters", () => {
    expect(nodesOf("and/or")).toEqual([text("and/or")]);
    expect(nodesOf("\\[a\\] \\\\ [x\\/y / z]")).toEqual([text("[a] \\ "), bracket([text("x/y")], [text("z")])]);
    expect(nodesOf("\\/")).toEqual([text("/")]);
  });

  it("keeps Chinese and Russian text as it is", () => {
    expect(nodesOf("成员国[应当 / 可以]采取措施")).toEqual([text("成员国"), bracket([text("应当")], [text("可以")]), text("采取措施")]);
    expect(nodesOf("Стороны [должны / могут] принять меры")[1]).toEqual(bracket([text("должны")], [text("могут")]));
  });

  it("refuses broken markup with the offset of the offending character", () => {
    expect(parseMarkup("Parties [shall act")).toEqual({ ok: false, error: { code: "unclosed-bracket", offset: 8 } });
    expect(parseMarkup("[a] [b [c] d")).toEqual({ ok: false, error: { code: "unclosed-bracket", offset: 4 } });
    expect(parseMarkup("shall] act")).toEqual({ ok: false, error: { code: "unexpected-closing-bracket", offset: 5 } });
    expect(parseMarkup("act \\")).toEqual({ ok: false, error: { code: "dangling-escape", offset: 4 } });
    expect(parseMarkup("C:\\dir")).toEqual({ ok: false, error: { code: "dangling-escape", offset: 2 } });
    expect(parseMarkup("中文\\")).toEqual({ ok: false, error: { code: "dangling-escape", offset: 2 } });
    expect(checkBalanced("[a / [b]]")).toBe(true);
    expect(checkBalanced("[a / [b]")).toBe(false);
  });
});

describe("serializeMarkup", () => {
  it("writes the canonical form", () => {
    expect(serializeMarkup(nodesOf("Parties [shall/should ]  act"))).toBe("Parties [shall / should]  act");
    expect(serializeMarkup([text("a/b [c] \\"), bracket([text("x/y")], [])])).toBe("a/b \\[c\\] \\\\[x\\/y / ]");
  });

  it("round-trips any tree: parse(serialize(tree)) is the tree, normalised", () => {
    fc.assert(
      fc.property(trees, (tree) => {
        expect(parseMarkup(serializeMarkup(tree))).toEqual({ ok: true, nodes: normalizeMarkup(tree) });
      }),
      { numRuns: 500 },
    );
  });

  it("always writes balanced markup, of the depth of the tree", () => {
    fc.assert(
      fc.property(trees, (tree) => {
        const source = serializeMarkup(tree);
        expect(checkBalanced(source)).toBe(true);
        expect(bracketDepth(nodesOf(source))).toBe(bracketDepth(tree));
        expect(hasBrackets(source)).toBe(hasBrackets(tree));
      }),
    );
  });
});

describe("broken markup", () => {
  const withExtra = (char: "[" | "]") =>
    fc.tuple(trees, fc.nat()).map(([tree, pick]) => {
      const source = serializeMarkup(tree);
      const boundaries = tokenBoundaries(source);
      const at = boundaries[pick % boundaries.length]!;
      return { broken: source.slice(0, at) + char + source.slice(at), at, isTopLevel: checkBalanced(source.slice(0, at)) };
    });
  const without = (source: string, offset: number) => source.slice(0, offset) + source.slice(offset + 1);

  it("refuses an extra '[' at the bracket left unclosed", () => {
    fc.assert(
      fc.property(withExtra("["), ({ broken, at, isTopLevel }) => {
        const result = parseMarkup(broken);
        if (result.ok) throw new Error("accepted");
        expect(result.error.code).toBe("unclosed-bracket");
        expect(broken[result.error.offset]).toBe("[");
        expect(result.error.offset).toBeLessThanOrEqual(at);
        expect(checkBalanced(without(broken, result.error.offset))).toBe(true);
        if (isTopLevel) expect(result.error.offset).toBe(at);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses an extra ']' at the first one that closes nothing", () => {
    fc.assert(
      fc.property(withExtra("]"), ({ broken, at, isTopLevel }) => {
        const result = parseMarkup(broken);
        if (result.ok) throw new Error("accepted");
        expect(result.error.code).toBe("unexpected-closing-bracket");
        expect(broken[result.error.offset]).toBe("]");
        expect(result.error.offset).toBeGreaterThanOrEqual(at);
        expect(checkBalanced(broken.slice(0, result.error.offset))).toBe(true);
        expect(checkBalanced(without(broken, result.error.offset))).toBe(true);
        if (isTopLevel) expect(result.error.offset).toBe(at);
      }),
      { numRuns: 300 },
    );
  });

  it("points any refusal of a random string at the character it names", () => {
    const expected = { "unclosed-bracket": "[", "unexpected-closing-bracket": "]", "dangling-escape": "\\" };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("[", "]", "/", "\\", "a", " ", "中", "я"), maxLength: 20 }), (source) => {
        const result = parseMarkup(source);
        if (!result.ok) expect(source[result.error.offset]).toBe(expected[result.error.code]);
      }),
    );
  });
});

describe("hasBrackets and bracketDepth", () => {
  it("tells clean text from bracketed text", () => {
    expect(hasBrackets("Parties shall act and/or cooperate \\[sic\\]")).toBe(false);
    expect(hasBrackets("Parties [shall] act")).toBe(true);
    expect(hasBrackets(nodesOf("a \\[b\\]"))).toBe(false);
    expect(hasBrackets(nodesOf("a [b]"))).toBe(true);
    expect(bracketDepth(nodesOf("clean"))).toBe(0);
    expect(bracketDepth(nodesOf("[a] [b / [c / [d]]]"))).toBe(3);
  });
});

describe("topLevelBrackets", () => {
  it("gives each top-level bracket's offsets and trimmed alternatives", () => {
    const source = "Parties [ shall / should ] take [urgent / [all] ] measures";
    const brackets = topLevelBrackets(source);
    expect(brackets).toEqual([
      { start: 8, end: 26, alternatives: ["shall", "should"] },
      { start: 32, end: 49, alternatives: ["urgent", "[all]"] },
    ]);
    expect(source.slice(brackets[1]!.start, brackets[1]!.end)).toBe("[urgent / [all] ]");
  });

  it("gives each alternative as markup of its own: an escaped slash at its level reads as a slash", () => {
    expect(topLevelBrackets("[and\\/or / [x\\/y / z] \\[1\\]]")[0]!.alternatives).toEqual(["and/or", "[x\\/y / z] \\[1\\]"]);
  });

  it("throws on broken markup", () => {
    expect(() => topLevelBrackets("[a")).toThrow(MarkupError);
  });
});

describe("bracketSpan", () => {
  it("brackets an opposed replacement", () => {
    expect(bracketSpan("Parties shall act", 8, 13, ["shall", "should"])).toBe("Parties [shall / should] act");
  });

  it("brackets an opposed insertion and an opposed deletion", () => {
    expect(bracketSpan("Parties act", 8, 8, ["", "shall"])).toBe("Parties [ / shall]act");
    expect(bracketSpan("Parties shall act", 8, 13, ["shall", ""])).toBe("Parties [shall / ] act");
  });

  it("keeps the spaces at the span's ends outside the bracket", () => {
    expect(bracketSpan("Parties shall act", 7, 14, [" shall ", "should"])).toBe("Parties [shall / should] act");
  });

  it("keeps a slash in an alternative a slash, and brackets nest", () => {
    const source = bracketSpan("act and/or cooperate", 4, 10, ["and/or", "and"]);
    expect(source).toBe("act [and\\/or / and] cooperate");
    expect(nodesOf(source)[1]).toEqual(bracket([text("and/or")], [text("and")]));
    expect(bracketSpan("Parties [shall / should] act", 8, 24, ["[shall / should]", "will"])).toBe("Parties [[shall / should] / will] act");
    expect(bracketSpan("Parties [shall / should] act", 9, 14, ["shall", "must"])).toBe("Parties [[shall / must] / should] act");
  });

  it("works on Chinese text without spaces", () => {
    expect(bracketSpan("成员国应当采取措施", 3, 5, ["应当", "可以"])).toBe("成员国[应当 / 可以]采取措施");
  });

  it("refuses a span that cuts through a bracket, a separator or an escape, or lies outside the text", () => {
    expect(() => bracketSpan("Parties [shall / should] act", 5, 12, ["x"])).toThrow(RangeError);
    expect(() => bracketSpan("Parties [shall / should] act", 9, 20, ["x"])).toThrow(RangeError);
    expect(() => bracketSpan("a \\[b", 3, 5, ["x"])).toThrow(RangeError);
    expect(() => bracketSpan("abc", 2, 4, ["x"])).toThrow(RangeError);
    expect(() => bracketSpan("abc", 0, 1, ["[x"])).toThrow(MarkupError);
  });

  it("is undone by topLevelBrackets: the bracket reads back the alternatives it was given", () => {
    fc.assert(
      fc.property(trees, trees, fc.array(trees, { minLength: 1, maxLength: 3 }), (before, after, alternatives) => {
        const head = serializeMarkup(before);
        const source = `${head}${serializeMarkup(after)}`;
        const markup = alternatives.map((tree) => serializeMarkup(tree));
        const result = bracketSpan(source, head.length, head.length, markup);
        const index = topLevelBrackets(head).length;
        expect(topLevelBrackets(result)[index]?.alternatives).toEqual(markup.map((m) => m.trim()));
        expect(resolveBracket(result, index, "X")).toBe(`${head}X${serializeMarkup(after)}`);
      }),
    );
  });
});

describe("resolveBracket", () => {
  it("replaces a bracket by the chair's compromise text", () => {
    expect(resolveBracket("Parties [shall / should] act", 0, "will")).toBe("Parties will act");
    expect(resolveBracket("Parties [shall / should] act [now / soon].", 1, "without delay")).toBe("Parties [shall / should] act without delay.");
    expect(resolveBracket("[[shall] / should] take measures", 0, "[will]")).toBe("[will] take measures");
  });

  it("takes away the space an empty replacement would leave doubled", () => {
    expect(resolveBracket("Parties [shall / ] act", 0, "")).toBe("Parties act");
    expect(resolveBracket("[Also] Parties act", 0, "")).toBe("Parties act");
    expect(resolveBracket("Parties act [promptly].", 0, "")).toBe("Parties act.");
  });

  it("refuses a missing bracket or a broken replacement", () => {
    expect(() => resolveBracket("Parties [shall] act", 1, "will")).toThrow(RangeError);
    expect(() => resolveBracket("Parties [shall] act", 0, "[will")).toThrow(MarkupError);
  });
});

describe("plainText", () => {
  const source = "[Also,] Parties [shall / should] take [[all] appropriate / ] measures [as soon as possible].";

  it("reads every bracket as its first alternative", () => {
    expect(plainText(nodesOf(source), "first")).toBe("Also, Parties shall take all appropriate measures as soon as possible.");
  });

  it("leaves every bracket out and tidies the spaces", () => {
    expect(plainText(nodesOf(source), "none")).toBe("Parties take measures.");
    expect(plainText(nodesOf("Parties [shall] [really] act"), "none")).toBe("Parties act");
    expect(plainText(nodesOf("成员国[应当 / 可以]采取措施"), "none")).toBe("成员国采取措施");
  });

  it("tidies spaces when the first alternative is empty, and unescapes", () => {
    expect(plainText(nodesOf("Parties [ / shall] act \\[sic\\] and\\/or"), "first")).toBe("Parties act [sic] and/or");
  });

  it("reads words separated by single spaces as such, whatever is left out", () => {
    const words = fc.constantFrom("Parties", "shall", "中文", "меры", "and/or");
    const phrases = fc.array(words, { maxLength: 3 }).map((list) => list.join(" "));
    const items = fc.array(fc.oneof(words, fc.array(phrases, { minLength: 1, maxLength: 3 })), { maxLength: 6 });
    fc.assert(
      fc.property(items, (list) => {
        const source = list.map((item) => (typeof item === "string" ? item : `[${item.map((phrase) => phrase.replaceAll("/", "\\/")).join(" / ")}]`)).join(" ");
        const nodes = nodesOf(source);
        expect(plainText(nodes, "none")).toBe(list.filter((item) => typeof item === "string").join(" "));
        expect(plainText(nodes, "first")).toBe(list.map((item) => (typeof item === "string" ? item : item[0]!)).filter((item) => item !== "").join(" "));
      }),
    );
  });
});
