import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  adoptionBlockers,
  adoptionNumber,
  breakSilence,
  countedObjections,
  expireSilence,
  NO_SILENCE,
  requireReady,
  startSilence,
  type DecisionRule,
  type Objection,
  type Silence,
} from "./adoption.js";
import { NegotiationError, type NegotiationErrorCode } from "./errors.js";
import { checkChange, standings, type OpenProposal, type ProposalChange } from "./proposals.js";
import { bracketsWithBackers, fingerprint, provisionNumbers, provisionStatus, type Provision } from "./provisions.js";
import { addedProvisionId, applyStep, type Step, type WorkingText } from "./working-text.js";

const HOUR = 3_600_000;
const at = (ms: number): Date => new Date(Date.UTC(2025, 5, 15, 9) + ms);

function refusal(run: () => unknown): NegotiationErrorCode {
  try {
    run();
  } catch (error) {
    if (error instanceof NegotiationError) return error.code;
    throw error;
  }
  throw new Error("not refused");
}

/** A provision whose translations follow its base text. */
function current(id: string, kind: Provision["kind"], ru: string, mark: Provision["mark"] = null): Provision {
  const texts = { ru, zh: `${id} 中文`, en: `${id} in English` };
  return { id, kind, texts, basis: { zh: fingerprint(ru), en: fingerprint(ru) }, mark, brackets: [], facilitator: null, version: 1 };
}

describe("countedObjections", () => {
  const members = new Set(["CN", "RU", "IN", "KZ", "KG", "PK", "TJ", "UZ", "IR", "BY"]);
  const mayObject = (delegation: string): boolean => members.has(delegation);
  const consensus: DecisionRule = { code: "consensus", excludesConcerned: false, concerning: null };

  it("counts every member's objection under consensus, and none from an observer, partner or guest", () => {
    const objections: Objection[] = [
      { delegation: "IR", reason: "OP9" },
      { delegation: "MN", reason: "observer" },
      { delegation: "TR", reason: "dialogue partner" },
    ];
    expect(countedObjections(consensus, objections, mayObject)).toEqual([{ delegation: "IR", reason: "OP9" }]);
  });

  it("leaves out the objection of the member a consensus-minus-one decision is about, and only that one", () => {
    const rule: DecisionRule = { code: "consensus_minus_one", excludesConcerned: true, concerning: "BY" };
    const objections: Objection[] = [
      { delegation: "BY", reason: "concerned" },
      { delegation: "IN", reason: "against" },
    ];
    expect(countedObjections(rule, objections, mayObject)).toEqual([{ delegation: "IN", reason: "against" }]);
    expect(countedObjections(consensus, objections, mayObject)).toEqual(objections);
  });

  it("counts exactly the objections of those who may object, less the member concerned under consensus minus one", () => {
    const delegations = fc.constantFrom(...members, "MN", "TR", "AZ");
    fc.assert(
      fc.property(
        fc.array(fc.record({ delegation: delegations, reason: fc.string() })),
        fc.constantFrom("consensus", "consensus_minus_one"),
        fc.option(delegations, { nil: null }),
        (objections, code, concerning) => {
          const counted = countedObjections({ code, excludesConcerned: code === "consensus_minus_one", concerning }, objections, mayObject);
          const expected = objections.filter((o) => members.has(o.delegation) && !(code === "consensus_minus_one" && o.delegation === concerning));
          expect(counted).toEqual(expected);
          if (code === "consensus_minus_one" && concerning !== null) expect(counted.map((o) => o.delegation)).not.toContain(concerning);
        },
      ),
    );
  });
});

describe("adoptionBlockers", () => {
  const text = (...provisions: Provision[]): WorkingText => ({ baseLanguage: "ru", languages: ["ru", "zh", "en"], provisions });
  const agreed = current("op1", "operative", "Государства-члены будут принимать меры.", "agreed");

  it("lets a clean, agreed text with current versions and no objection through", () => {
    expect(adoptionBlockers(text(agreed, current("h", "heading", "Безопасность", "agreed")), { requireCurrentVersions: true, objections: [] })).toEqual([]);
    expect(() => requireReady(text(agreed), { requireCurrentVersions: true, objections: [] })).not.toThrow();
  });

  it("names what stands in the way: brackets, provisions not agreed, outdated versions, objections", () => {
    const bracketed = current("op2", "operative", "Государства-члены [должны / могут] принять меры.", "agreed");
    const adRef = current("op3", "operative", "Государства-члены принимают меры.", "agreed-ad-ref");
    const open = current("op4", "operative", "Государства-члены сотрудничают.");
    const outdated: Provision = { ...agreed, id: "op5", basis: { zh: fingerprint("старый текст"), en: agreed.basis.en! } };
    const options = { requireCurrentVersions: true, objections: [{ delegation: "IR", reason: "OP9" }] };
    expect(adoptionBlockers(text(agreed, bracketed, adRef, open, outdated), options)).toEqual([
      { code: "bracketed", provisions: ["op2"] },
      { code: "not-agreed", provisions: ["op3", "op4"] },
      { code: "outdated-versions", versions: [{ provision: "op5", languages: ["zh"] }] },
      { code: "objections", delegations: ["IR"] },
    ]);
    expect(adoptionBlockers(text(agreed, outdated), { requireCurrentVersions: false, objections: [] })).toEqual([]);
    expect(refusal(() => requireReady(text(bracketed), { requireCurrentVersions: false, objections: [] }))).toBe("not-ready-for-adoption");
  });

  it("says which blockers stopped it in the refusal's details", () => {
    try {
      requireReady(text(current("op1", "operative", "Текст.")), { requireCurrentVersions: true, objections: [] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NegotiationError);
      expect((error as NegotiationError).details).toEqual({ blockers: [{ code: "not-agreed", provisions: ["op1"] }] });
    }
  });
});

describe("the silence procedure", () => {
  const start = at(0);
  const deadline = at(24 * HOUR);
  const running = startSilence(NO_SILENCE, start, deadline, 1) as Extract<Silence, { state: "running" }>;

  it("runs from now until the deadline, as instants", () => {
    expect(running).toEqual({ state: "running", startedAt: "2025-06-15T09:00:00.000Z", deadline: "2025-06-16T09:00:00.000Z", revision: 1 });
  });

  it("refuses a deadline at or before now, and a second start while one runs", () => {
    expect(refusal(() => startSilence(NO_SILENCE, start, start, 1))).toBe("deadline-in-past");
    expect(refusal(() => startSilence(NO_SILENCE, start, at(-1), 1))).toBe("deadline-in-past");
    expect(refusal(() => startSilence(running, at(HOUR), at(48 * HOUR), 1))).toBe("silence-running");
  });

  it("ends with the first break strictly before the deadline, recording who broke it, when and why", () => {
    const broken = breakSilence(running, at(2 * HOUR), "IR", "OP9 is not acceptable");
    expect(broken).toEqual({ ...running, state: "broken", brokenBy: "IR", brokenAt: "2025-06-15T11:00:00.000Z", reason: "OP9 is not acceptable" });
    expect(refusal(() => breakSilence(broken, at(3 * HOUR), "IN", "also"))).toBe("no-silence-running");
    expect(refusal(() => breakSilence(running, deadline, "IR", "too late"))).toBe("silence-deadline-passed");
    expect(refusal(() => breakSilence(NO_SILENCE, start, "IR", "nothing to break"))).toBe("no-silence-running");
    expect(expireSilence(broken, at(48 * HOUR))).toBeNull();
    // After a break the text goes back to negotiation: silence again needs a new revision.
    expect(refusal(() => startSilence(broken, at(3 * HOUR), at(27 * HOUR), 1))).toBe("revision-needed");
    expect(startSilence(broken, at(3 * HOUR), at(27 * HOUR), 2)).toMatchObject({ state: "running", revision: 2 });
  });

  it("passes at the deadline, not a millisecond before, and only once", () => {
    expect(expireSilence(running, at(24 * HOUR - 1))).toBeNull();
    const passed = expireSilence(running, deadline);
    expect(passed).toEqual({ state: "passed", startedAt: running.startedAt, deadline: running.deadline, revision: 1 });
    expect(expireSilence(passed!, at(25 * HOUR))).toBeNull();
    expect(expireSilence(running, at(100 * HOUR))!.state).toBe("passed");
    expect(expireSilence(NO_SILENCE, at(100 * HOUR))).toBeNull();
  });

  const commands = fc.array(
    fc.oneof(
      fc.record({ op: fc.constant("start" as const), now: fc.integer({ min: 0, max: 100 }), deadline: fc.integer({ min: -5, max: 100 }), revision: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ op: fc.constant("break" as const), now: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ op: fc.constant("expire" as const), now: fc.integer({ min: 0, max: 100 }) }),
    ),
    { maxLength: 12 },
  );

  it("follows its state machine under any sequence of starts, breaks and expiries", () => {
    fc.assert(
      fc.property(commands, (list) => {
        let silence: Silence = NO_SILENCE;
        // The model: the state and the deadline, in hours.
        let state: Silence["state"] = "none";
        let until = 0;
        let startedAt = "";
        let revision = 0;
        let passes = 0;
        for (const command of list) {
          const now = at(command.now * HOUR);
          if (command.op === "start") {
            const expected: NegotiationErrorCode | null =
              state === "running"
                ? "silence-running"
                : command.now + command.deadline <= command.now
                  ? "deadline-in-past"
                  : state === "broken" && revision === command.revision
                    ? "revision-needed"
                    : null;
            if (expected) {
              expect(refusal(() => startSilence(silence, now, at((command.now + command.deadline) * HOUR), command.revision))).toBe(expected);
              continue;
            }
            silence = startSilence(silence, now, at((command.now + command.deadline) * HOUR), command.revision);
            revision = command.revision;
            state = "running";
            until = command.now + command.deadline;
            startedAt = now.toISOString();
          } else if (command.op === "break") {
            const expected: NegotiationErrorCode | null = state !== "running" ? "no-silence-running" : command.now >= until ? "silence-deadline-passed" : null;
            if (expected) {
              expect(refusal(() => breakSilence(silence, now, "IR", "reason"))).toBe(expected);
              continue;
            }
            silence = breakSilence(silence, now, "IR", "reason");
            state = "broken";
          } else {
            const next = expireSilence(silence, now);
            if (state === "running" && command.now >= until) {
              expect(next).toEqual({ state: "passed", startedAt, deadline: at(until * HOUR).toISOString(), revision });
              silence = next!;
              state = "passed";
              passes += 1;
            } else expect(next).toBeNull();
          }
          expect(silence.state).toBe(state);
        }
        // A procedure passes at most once per start.
        expect(passes).toBeLessThanOrEqual(list.filter((c) => c.op === "start").length);
      }),
      { numRuns: 500 },
    );
  });
});

describe("adoptionNumber", () => {
  it("numbers an adopted document within its body and year", () => {
    expect(adoptionNumber("CHS", 2025, 1)).toBe("CHS/2025/1");
    expect(adoptionNumber("CMFA", 2026, 12)).toBe("CMFA/2026/12");
  });
});

describe("the worked example, through the pure core", () => {
  it("goes from Rev.0 to an adopted declaration", () => {
    // 1. China's zero draft: 3 PPs and 10 OPs in Russian, with Chinese and English versions.
    const pps = [1, 2, 3].map((n) => current(`pp${n}`, "preambular", `Напоминая о пункте ${n},`));
    const ops = Array.from({ length: 10 }, (_, i) => current(`op${i + 1}`, "operative", `Государства-члены должны выполнить пункт ${i + 1}.`));
    let text: WorkingText = { baseLanguage: "ru", languages: ["ru", "zh", "en"], provisions: [...pps, ...ops] };
    const apply = (step: Step) => {
      const result = applyStep(text, step);
      text = result.text;
      return result;
    };
    const numberOf = (id: string) => provisionNumbers(text.provisions).get(id);
    const op4 = text.provisions.find((p) => p.id === "op4")!.texts.ru!;

    // 2–3. Russia replaces "должны" by "могут" in OP4 (India opposes, Kazakhstan supports); Pakistan adds an OP after OP7.
    const replace: ProposalChange = { type: "replace", provision: "op4", start: op4.indexOf("должны"), end: op4.indexOf("должны") + "должны".length, text: "могут" };
    const add: ProposalChange = { type: "add-provision", after: "op7", kind: "operative", text: "Государства-члены будут сотрудничать." };
    for (const change of [replace, add]) checkChange(text.provisions, "ru", change);
    const proposals: OpenProposal[] = [
      {
        id: "P1",
        delegation: "RU",
        change: replace,
        ...standings("RU", [
          { delegation: "IN", stance: "oppose" },
          { delegation: "KZ", stance: "support" },
        ]),
      },
      { id: "P2", delegation: "PK", change: add, ...standings("PK", []) },
    ];

    // 4. Rev.1: OP4 reads [должны / могут] with its backers; the new OP8 is in; the OPs after it shift.
    const rev1 = apply({ type: "revision", proposals, handlings: {} });
    expect(rev1.outcomes.map((o) => o.result)).toEqual(["bracketed", "applied"]);
    const rev1op4 = text.provisions.find((p) => p.id === "op4")!;
    expect(rev1op4.texts.ru).toBe("Государства-члены [должны / могут] выполнить пункт 4.");
    expect(bracketsWithBackers(rev1op4, "ru")[0]).toMatchObject({
      alternatives: [
        { text: "должны", backers: ["IN"] },
        { text: "могут", backers: ["RU", "KZ"] },
      ],
      requestedBy: ["IN"],
    });
    const op8 = addedProvisionId("P2");
    expect([numberOf(op8), numberOf("op7"), numberOf("op8"), numberOf("op10")]).toEqual(["OP8", "OP7", "OP9", "OP11"]);

    // 5. Mongolia, an observer, cannot object.
    const members = new Set(["CN", "RU", "IN", "KZ", "KG", "PK", "TJ", "UZ", "IR", "BY"]);
    const rule: DecisionRule = { code: "consensus", excludesConcerned: false, concerning: null };
    expect(countedObjections(rule, [{ delegation: "MN", reason: "observer" }], (d) => members.has(d))).toEqual([]);

    // 6. Compromise "будут" for OP4; everything agreed; the text is clean but OP4 and OP8 wait for their translations.
    apply({ type: "compromise", provision: "op4", bracket: 0, text: "будут" });
    for (const p of text.provisions) apply({ type: "mark", provision: p.id, mark: "agreed" });
    expect(text.provisions.every((p) => provisionStatus(p, "ru") === "agreed")).toBe(true);
    expect(adoptionBlockers(text, { requireCurrentVersions: true, objections: [] })).toEqual([
      {
        code: "outdated-versions",
        versions: [
          { provision: "op4", languages: ["zh", "en"] },
          { provision: op8, languages: ["zh", "en"] },
        ],
      },
    ]);

    // 7. Translations updated; a 24-hour silence; Iran breaks it on OP9, which goes back into brackets.
    for (const id of ["op4", op8]) {
      apply({ type: "translation", provision: id, language: "zh", text: "成员国将合作。" });
      apply({ type: "translation", provision: id, language: "en", text: "Member States will cooperate." });
    }
    expect(adoptionBlockers(text, { requireCurrentVersions: true, objections: [] })).toEqual([]);
    const t0 = at(0);
    let silence = startSilence(NO_SILENCE, t0, at(24 * HOUR), 1);
    silence = breakSilence(silence, at(5 * HOUR), "IR", "OP9 needs more work");
    expect(silence.state).toBe("broken");
    const op9 = text.provisions.find((p) => numberOf(p.id) === "OP9")!;
    const agreedOp9 = op9.texts.ru!;
    apply({ type: "rebracket", provision: op9.id, requestedBy: ["IR"] });
    expect(adoptionBlockers(text, { requireCurrentVersions: true, objections: [] }).map((b) => b.code)).toEqual(["bracketed", "outdated-versions"]);

    // 8. A compromise on OP9 (its agreed words, so the translations still follow it); a second silence passes at the deadline.
    apply({ type: "compromise", provision: op9.id, bracket: 0, text: agreedOp9 });
    apply({ type: "mark", provision: op9.id, mark: "agreed" });
    expect(adoptionBlockers(text, { requireCurrentVersions: true, objections: [] })).toEqual([]);
    silence = startSilence(silence, at(30 * HOUR), at(54 * HOUR), 2);
    expect(expireSilence(silence, at(54 * HOUR - 1))).toBeNull();
    silence = expireSilence(silence, at(54 * HOUR))!;
    expect(silence.state).toBe("passed");
    expect(expireSilence(silence, at(55 * HOUR))).toBeNull();
    expect(adoptionNumber("CHS", at(54 * HOUR).getUTCFullYear(), 1)).toBe("CHS/2025/1");
  });
});
