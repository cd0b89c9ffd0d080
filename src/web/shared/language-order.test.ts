import { describe, expect, it } from "vitest";
import { languagesInOrder } from "./LanguageSwitcher";

describe("the language switcher's order", () => {
  it("offers the organization's languages first, in its order, then the others", () => {
    expect(languagesInOrder(["zh", "ru", "zh", "ru"])).toEqual(["zh-CN", "ru", "en"]);
    expect(languagesInOrder(["ru"])).toEqual(["ru", "zh-CN", "en"]);
    expect(languagesInOrder(["en"])).toEqual(["en", "zh-CN", "ru"]);
    expect(languagesInOrder(["fr"])).toEqual(["zh-CN", "ru", "en"]);
    expect(languagesInOrder([])).toEqual(["zh-CN", "ru", "en"]);
  });
});
