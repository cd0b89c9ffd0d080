import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AgendaError, checkAdoption, checkAgendaChange, placeItem } from "./agenda.js";

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AgendaError ? error.code : "other";
  }
  return null;
};

describe("agenda changes", () => {
  it("are free before adoption", () => {
    expect(checkAgendaChange({ isAdopted: false, isChair: false, reason: undefined })).toBeNull();
  });
  it("after adoption need the chair and a reason, which is recorded", () => {
    expect(code(() => checkAgendaChange({ isAdopted: true, isChair: false, reason: "late item" }))).toBe("agenda-adopted");
    expect(code(() => checkAgendaChange({ isAdopted: true, isChair: true, reason: "  " }))).toBe("reason-required-after-adoption");
    expect(checkAgendaChange({ isAdopted: true, isChair: true, reason: " A late request by Tajikistan " })).toBe("A late request by Tajikistan");
  });
  it("adoption happens once, and not of an empty agenda", () => {
    expect(code(() => checkAdoption(false, 0))).toBe("agenda-empty");
    expect(code(() => checkAdoption(true, 3))).toBe("agenda-adopted");
    expect(code(() => checkAdoption(false, 1))).toBeNull();
  });
});

describe("placing an item", () => {
  const items = [
    { id: "a", ord: 0 },
    { id: "b", ord: 1 },
    { id: "c", ord: 2 },
  ];
  it("goes last, first, or after an item", () => {
    expect(placeItem(items, "d", undefined)).toEqual(["a", "b", "c", "d"]);
    expect(placeItem(items, "d", null)).toEqual(["d", "a", "b", "c"]);
    expect(placeItem(items, "d", "a")).toEqual(["a", "d", "b", "c"]);
    expect(placeItem(items, "c", "a")).toEqual(["a", "c", "b"]);
    expect(code(() => placeItem(items, "d", "zz"))).toBe("item-not-found");
  });
  it("never loses or duplicates an item", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (ids, pick, anchor) => {
        const entries = ids.map((id, ord) => ({ id, ord }));
        const moved = ids[pick % ids.length] as string;
        const others = ids.filter((id) => id !== moved);
        const after = others.length > 0 && anchor % 3 !== 0 ? (others[anchor % others.length] as string) : anchor % 2 === 0 ? null : undefined;
        const order = placeItem(entries, moved, after);
        expect([...order].sort()).toEqual([...ids].sort());
        if (after) expect(order.indexOf(moved)).toBe(order.indexOf(after) + 1);
      }),
    );
  });
});
