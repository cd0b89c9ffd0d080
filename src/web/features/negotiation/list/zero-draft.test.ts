// Each paragraph typed for the zero draft becomes one provision, preambular ones first.
import { describe, expect, it } from "vitest";
import { paragraphs, zeroDraft } from "./zero-draft";

describe("paragraphs", () => {
  it("splits on empty lines and joins the lines of one paragraph", () => {
    expect(paragraphs("Recalling the Charter,\n\nNoting with\nsatisfaction,\r\n\r\n  \n")).toEqual(["Recalling the Charter,", "Noting with satisfaction,"]);
    expect(paragraphs("   ")).toEqual([]);
  });
});

describe("zeroDraft", () => {
  it("makes preambular then operative provisions in the base language", () => {
    expect(zeroDraft("Руководствуясь Хартией,", "1. Государства-члены [должны / могут] сотрудничать.\n\n2. Решение вступает в силу.", "ru")).toEqual([
      { kind: "preambular", texts: { ru: "Руководствуясь Хартией," } },
      { kind: "operative", texts: { ru: "1. Государства-члены [должны / могут] сотрудничать." } },
      { kind: "operative", texts: { ru: "2. Решение вступает в силу." } },
    ]);
  });
});
