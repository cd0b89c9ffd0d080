import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeDifference, structureDifference } from "./structure.js";

describe("a language version's bracket structure", () => {
  it("is the base's when the words differ and the brackets, alternatives and nesting are the same", () => {
    expect(structureDifference("Государства-члены [должны / следует] принять меры.", "Member States [shall / should] take measures.")).toBeNull();
    expect(structureDifference("成员国[应 / 可]采取措施。", "[تعزز / ستعزز] الدول الأعضاء تعاونها.")).toBeNull();
    expect(structureDifference("[[a] / b] c [d]", "[[x] / y] z [w]")).toBeNull();
    expect(structureDifference("no brackets", "pas de crochets")).toBeNull();
  });

  it("names a dropped bracket", () => {
    const difference = structureDifference("[должны / следует] принять [меры]", "应当采取[措施]");
    expect(difference).toEqual({ path: [], what: "brackets", base: 2, version: 1 });
    expect(describeDifference(difference!)).toBe("the text has 2 brackets in the base text and 1 in this version");
  });

  it("names a bracket with fewer alternatives, and one nested inside an alternative", () => {
    const fewer = structureDifference("x [a / b / c] y [d]", "x [a / b] y [d]");
    expect(fewer).toEqual({ path: [1], what: "alternatives", base: 3, version: 2 });
    expect(describeDifference(fewer!)).toBe("bracket 1 has 3 alternatives in the base text and 2 in this version");
    const nested = structureDifference("[a / [b / c] d] [e]", "[a / [b] d] [e]");
    expect(nested).toEqual({ path: [1, 2, 1], what: "alternatives", base: 2, version: 1 });
    expect(describeDifference(nested!)).toBe("bracket 1 in alternative 2 of bracket 1 has 2 alternatives in the base text and 1 in this version");
    const inside = structureDifference("[a [b] / c]", "[a / c]");
    expect(describeDifference(inside!)).toBe("alternative 1 of bracket 1 has 1 bracket in the base text and 0 in this version");
  });

  const word = fc.constantFrom("shall", "should", "будут", "应", "تعزز", "des mesures");
  const markup: fc.Arbitrary<string> = fc.letrec<{ text: string; bracket: string }>((tie) => ({
    text: fc.array(fc.oneof({ depthSize: "small", withCrossShrink: true }, word, tie("bracket")), { maxLength: 4 }).map((parts) => parts.join(" ")),
    bracket: fc.array(tie("text"), { minLength: 1, maxLength: 3 }).map((alternatives) => `[${alternatives.join(" / ")}]`),
  })).text;

  it("is the same for any text and itself with every word replaced; dropping any bracket is a difference", () => {
    fc.assert(
      fc.property(markup, (text) => {
        const translated = text.replace(/[^[\]/\s]+/gu, "mot");
        expect(structureDifference(text, translated)).toBeNull();
        const open = text.indexOf("[");
        if (open >= 0) {
          // The first bracket with its contents taken out.
          let depth = 0;
          let close = open;
          for (; close < text.length; close++) {
            if (text[close] === "[") depth++;
            else if (text[close] === "]" && --depth === 0) break;
          }
          expect(structureDifference(text, text.slice(0, open) + text.slice(close + 1))).not.toBeNull();
        }
      }),
    );
  });
});
