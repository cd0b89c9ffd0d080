// The call for objections as a state machine, the text frozen as an issued revision, and the language versions hashed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changedSinceRevision, closeCall, languageVersionText, objectInCall, openCall, standingObjections, withdrawCall, withdrawObjection, type Call } from "./adoption.js";
import { NegotiationError, type NegotiationErrorCode } from "./errors.js";
import { provisionNumbers, type Provision } from "./provisions.js";

const at = (minutes: number): Date => new Date(Date.UTC(2025, 7, 31, 9) + minutes * 60_000);

function refusal(run: () => unknown): NegotiationErrorCode {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NegotiationError);
    return (error as NegotiationError).code;
  }
  throw new Error("expected a refusal");
}

describe("the call for objections", () => {
  it("is opened on an issued revision, once at a time", () => {
    const call = openCall(null, at(0), 3);
    expect(call).toEqual({ state: "open", revision: 3, openedAt: at(0).toISOString(), objections: [] });
    expect(refusal(() => openCall(call, at(1), 3))).toBe("call-open");
    expect(openCall(withdrawCall(call, at(1), "consultations"), at(2), 4)).toMatchObject({ state: "open", revision: 4 });
  });

  it("refuses adoption while an objection that counts stands, and adopts once it is withdrawn", () => {
    let call: Call = openCall(null, at(0), 3);
    call = objectInCall(call, at(1), "IR", "OP9 is not acceptable", true);
    expect(refusal(() => objectInCall(call, at(2), "IR", "again", true))).toBe("already-objected");
    const blocked = refusal(() => closeCall(call, at(3)));
    expect(blocked).toBe("objections-stand");
    try {
      closeCall(call, at(3));
    } catch (error) {
      expect((error as NegotiationError).details).toEqual({ delegations: ["IR"] });
    }
    expect(refusal(() => withdrawObjection(call, at(4), "IN"))).toBe("no-objection");
    call = withdrawObjection(call, at(4), "IR");
    expect(call.objections).toEqual([{ delegation: "IR", reason: "OP9 is not acceptable", at: at(1).toISOString(), counts: true, withdrawnAt: at(4).toISOString() }]);
    const adopted = closeCall(call, at(5));
    expect(adopted).toMatchObject({ state: "adopted", revision: 3, openedAt: at(0).toISOString(), closedAt: at(5).toISOString() });
    expect(refusal(() => closeCall(adopted, at(6)))).toBe("no-call-open");
    expect(refusal(() => objectInCall(adopted, at(6), "IN", "late", true))).toBe("no-call-open");
  });

  it("records an objection that does not count under the rule, and adopts over it", () => {
    let call: Call = openCall(null, at(0), 1);
    call = objectInCall(call, at(1), "BY", "We object to our suspension", false);
    expect(standingObjections(call)).toHaveLength(1);
    expect(closeCall(call, at(2)).state).toBe("adopted");
  });

  it("cannot be closed, objected in or withdrawn when none is open", () => {
    expect(refusal(() => closeCall(null, at(0)))).toBe("no-call-open");
    expect(refusal(() => withdrawCall(null, at(0), "why"))).toBe("no-call-open");
    expect(refusal(() => objectInCall(null, at(0), "IR", "r", true))).toBe("no-call-open");
  });

  it("adopts exactly when no counted objection stands, under any sequence of objections and withdrawals", () => {
    const delegations = ["IR", "IN", "BY"];
    const step = fc.oneof(
      fc.record({ op: fc.constant("object" as const), who: fc.constantFrom(...delegations) }),
      fc.record({ op: fc.constant("withdraw" as const), who: fc.constantFrom(...delegations) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 15 }), (steps) => {
        // BY is the member concerned: its objection does not count.
        let call: Call = openCall(null, at(0), 2);
        const standing = new Set<string>();
        steps.forEach((s, i) => {
          if (s.op === "object") {
            if (standing.has(s.who)) expect(refusal(() => objectInCall(call, at(i + 1), s.who, "r", s.who !== "BY"))).toBe("already-objected");
            else {
              call = objectInCall(call, at(i + 1), s.who, "r", s.who !== "BY");
              standing.add(s.who);
            }
          } else if (standing.has(s.who)) {
            call = withdrawObjection(call, at(i + 1), s.who);
            standing.delete(s.who);
          } else expect(refusal(() => withdrawObjection(call, at(i + 1), s.who))).toBe("no-objection");
        });
        const blocking = [...standing].filter((d) => d !== "BY");
        if (blocking.length > 0) expect(refusal(() => closeCall(call, at(99)))).toBe("objections-stand");
        else expect(closeCall(call, at(99)).state).toBe("adopted");
      }),
    );
  });
});

const provision = (id: string, ru: string, extra: Partial<Provision> = {}): Provision => ({
  id,
  kind: "operative",
  texts: { ru, zh: `${ru}（中）` },
  basis: {},
  mark: "agreed",
  brackets: [],
  facilitator: null,
  version: 1,
  ...extra,
});

describe("the text as issued", () => {
  const issued = [provision("a", "Один."), provision("b", "Два."), provision("c", "Три.")];

  it("is unchanged when only versions or facilitators moved on", () => {
    expect(changedSinceRevision(issued.map((p) => ({ ...p, version: 7, facilitator: "KZ" })), issued)).toEqual([]);
  });

  it("names each provision whose text, mark, kind or place changed, and those added or removed", () => {
    expect(changedSinceRevision([issued[0]!, { ...issued[1]!, texts: { ...issued[1]!.texts, zh: "二。" } }, issued[2]!], issued)).toEqual(["b"]);
    expect(changedSinceRevision([issued[0]!, { ...issued[1]!, mark: null }, issued[2]!], issued)).toEqual(["b"]);
    expect(changedSinceRevision([issued[0]!, issued[2]!, issued[1]!], issued)).toEqual(["c", "b"]);
    expect(changedSinceRevision([issued[0]!, issued[1]!], issued)).toEqual(["c"]);
    expect(changedSinceRevision([...issued, provision("d", "Четыре.")], issued)).toEqual(["d"]);
  });

  it("is written per language as numbered lines, normalized, for its hash", () => {
    const numbers = provisionNumbers(issued);
    expect(languageVersionText(issued, numbers, "ru")).toBe("OP1\tОдин.\nOP2\tДва.\nOP3\tТри.\n");
    // The same words typed as decomposed characters hash as the composed ones.
    const decomposed = [provision("a", "Е\u0308лка.")];
    expect(languageVersionText(decomposed, provisionNumbers(decomposed), "ru")).toBe("OP1\tЁлка.\n");
    expect(languageVersionText(issued, numbers, "en")).toBe("");
  });
});
