import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellField, parseCellField } from "./programme.js";

describe("where a spreadsheet error is, as a field", () => {
  it("names the row and the column with its letter, a missing column by name, or the whole file", () => {
    expect(cellField({ row: 7, column: "start", letter: "E" })).toBe("row 7, column start (E)");
    expect(cellField({ row: null, column: "status", letter: null })).toBe("column status");
    expect(cellField({ row: 1, column: "", letter: "P" })).toBe("row 1, column  (P)");
    expect(cellField({ row: null, column: null, letter: null })).toBe("file");
  });

  it("reads back what it wrote, whatever the column's name (property)", () => {
    const place = fc.record({
      row: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
      column: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
      letter: fc.option(fc.stringMatching(/^[A-Z]{1,3}$/), { nil: null }),
    });
    fc.assert(
      fc.property(place, (p) => {
        // A letter goes with a column; the whole file has neither.
        const written = { ...p, letter: p.column === null ? null : p.letter };
        if (written.row === null && written.column === null) expect(parseCellField(cellField(written))).toEqual({ row: null, column: null, letter: null });
        else expect(parseCellField(cellField(written))).toEqual(written);
      }),
    );
  });

  it("finds no place in a field that is not a spreadsheet's", () => {
    expect(parseCellField("body.email")).toBeNull();
  });
});
