import { describe, expect, it } from "vitest";
import { sourceAnchor, sourceLabel } from "./source-text";

describe("a source in the list of sources", () => {
  it("gives the year once: not again when the title has it", () => {
    expect(sourceLabel("Declaration of the Council of Heads of State, Astana, 2024", 2024)).toBe("Declaration of the Council of Heads of State, Astana, 2024");
    expect(sourceLabel("上海合作组织成员国元首理事会宣言，阿斯塔纳，2024年", 2024)).toBe("上海合作组织成员国元首理事会宣言，阿斯塔纳，2024年");
    expect(sourceLabel("Charter of the SCO", 2002)).toBe("Charter of the SCO (2002)");
    expect(sourceLabel("Charter of the SCO", null)).toBe("Charter of the SCO");
  });

  it("names each entry so that a citation can link to it", () => {
    expect(sourceAnchor("summit-2025")).toBe("source-summit-2025");
  });
});
