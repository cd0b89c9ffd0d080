import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  AccreditationError,
  approveList,
  badgeValidity,
  countDelegates,
  draftList,
  editList,
  findDuplicates,
  HOLDING_ON_APPROVAL,
  HOLDING_ON_SUBMIT,
  isBadgeValid,
  MAX_MEETING_DELEGATES,
  recheckDuplicates,
  isSamePerson,
  normalizedName,
  placesOf,
  returnList,
  submitList,
  type AccreditationErrorCode,
  type AccreditationList,
  type Delegate,
  type MeetingAccreditation,
} from "./accreditation.js";
import { MeetingError } from "./meeting.js";

function refusal(run: () => unknown): { code: AccreditationErrorCode; field: string | undefined; details: Record<string, unknown> | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof AccreditationError) return { code: error.code, field: error.field, details: error.details };
    throw error;
  }
  throw new Error("not refused");
}

const delegate = (en: string, ru?: string, rank: Delegate["rank"] = "adviser"): Delegate => ({
  name: ru === undefined ? { en } : { en, ru },
  function: { en: "Adviser", ru: "Советник" },
  rank,
});

/** A meeting as the checks see it (its lists counted), with its lists in full beside, for the duplicate checks below. */
type TestMeeting = MeetingAccreditation & { readonly all: readonly AccreditationList[] };

const meeting = (lists: AccreditationList[] = [], quotas: [string, number][] = [["KZ", 3], ["IN", 3], ["CN", 5]]): TestMeeting => ({
  status: "confirmed",
  quotas: new Map(quotas),
  lists: lists.map(placesOf),
  all: lists,
});

/** Submits or approves `list` as the server does: the duplicate check made first, against the lists holding names. */
const submit = (state: TestMeeting, list: AccreditationList): AccreditationList =>
  submitList(state, list, findDuplicates(list.delegation, list.delegates, state.all.filter((l) => l.id !== list.id && HOLDING_ON_SUBMIT.includes(l.state))).conflicts);
const approve = (state: TestMeeting, list: AccreditationList): AccreditationList =>
  approveList(state, list, findDuplicates(list.delegation, list.delegates, state.all.filter((l) => l.id !== list.id && HOLDING_ON_APPROVAL.includes(l.state))).conflicts);

const list = (id: string, delegation: string, state: AccreditationList["state"], delegates: Delegate[]): AccreditationList => ({
  id,
  delegation,
  state,
  delegates,
  returnReason: null,
});

describe("normalizedName", () => {
  it("ignores case, spacing and Unicode composition, in every script", () => {
    expect(normalizedName("  Wang   Yi ")).toBe("wang yi");
    expect(normalizedName("ЛАВРОВ  Сергей")).toBe(normalizedName("лавров сергей"));
    expect(normalizedName("Rami\u0301rez")).toBe(normalizedName("RAMÍREZ"));
    expect(normalizedName("Strauß")).toBe(normalizedName("STRAUSS"));
    expect(normalizedName("Ὀδυσσεύς")).toBe(normalizedName("ὈΔΥΣΣΕΎΣ"));
    expect(normalizedName("王\u3000毅")).toBe(normalizedName("王 毅"));
    expect(normalizedName("Jaishankar\u00a0S.")).toBe("jaishankar s.");
  });

  it("keeps different names apart", () => {
    expect(normalizedName("Wang Yi")).not.toBe(normalizedName("Wang Yu"));
    expect(normalizedName("WangYi")).not.toBe(normalizedName("Wang Yi"));
  });

  it("takes any of a delegate's names, in any language, as the same person", () => {
    expect(isSamePerson(delegate("Sergey Lavrov", "Сергей Лавров"), delegate("S. Lavrov", "сергей  лавров"))).toBe(true);
    expect(isSamePerson(delegate("Sergey Lavrov"), delegate("Sergei Lavrov"))).toBe(false);
  });
});

describe("a delegation's list", () => {
  it("goes from draft to submitted to approved", () => {
    const draft = draftList(meeting(), "l1", "KZ", [delegate("Murat Nurtleu", undefined, "minister"), delegate("Aibek Smadiyarov")]);
    expect(draft.state).toBe("draft");
    const submitted = submit(meeting([draft]), draft);
    expect(submitted.state).toBe("submitted");
    const approved = approve(meeting([submitted]), submitted);
    expect(approved).toEqual({ ...draft, state: "approved" });
  });

  it("is returned with its reason, edited back to draft and submitted again", () => {
    const submitted = list("l1", "IN", "submitted", [delegate("S. Jaishankar", undefined, "minister")]);
    const returned = returnList(submitted, "  Passport copy missing for the minister. ");
    expect(returned).toMatchObject({ state: "returned", returnReason: "Passport copy missing for the minister." });
    const edited = editList(returned, [delegate("Subrahmanyam Jaishankar", undefined, "minister")]);
    expect(edited.state).toBe("draft");
    const resubmitted = submit(meeting([edited]), edited);
    expect(resubmitted).toMatchObject({ state: "submitted", returnReason: null });
  });

  it("is not returned without a reason", () => {
    const submitted = list("l1", "IN", "submitted", [delegate("S. Jaishankar")]);
    expect(refusal(() => returnList(submitted, " \n ")).code).toBe("reason-required");
    expect(refusal(() => returnList(submitted, "")).field).toBe("reason");
  });

  it("is refused for a delegation that is not invited, from the draft on", () => {
    expect(refusal(() => draftList(meeting(), "l1", "MN", [delegate("Battsetseg Batmunkh")]))).toMatchObject({ code: "not-invited", field: "delegation" });
    // Invited when the draft was written, no longer when it is submitted.
    const draft = list("l1", "IN", "draft", [delegate("S. Jaishankar")]);
    expect(refusal(() => submit(meeting([draft], [["KZ", 3]]), draft)).code).toBe("not-invited");
  });

  it("counts approved and submitted delegates against the quota, and refuses the excess with the figures", () => {
    const approved = list("a", "KZ", "approved", [delegate("A One")]);
    const pending = list("b", "KZ", "submitted", [delegate("B Two")]);
    const draft = list("c", "KZ", "draft", [delegate("C Three"), delegate("D Four")]);
    const state = meeting([approved, pending, draft]);
    expect(refusal(() => submit(state, draft))).toMatchObject({
      code: "quota-exceeded",
      field: "delegates",
      details: { quota: 3, held: 2, requested: 2, available: 1 },
    });
    const exactlyFull = editList(draft, [delegate("C Three")]);
    expect(submit(state, exactlyFull).state).toBe("submitted");
  });

  it("does not count returned or draft lists, nor other delegations, against the quota", () => {
    const others = [list("x", "KZ", "returned", [delegate("X1"), delegate("X2"), delegate("X3")]), list("y", "IN", "approved", [delegate("Y1"), delegate("Y2"), delegate("Y3")])];
    const draft = list("c", "KZ", "draft", [delegate("C1"), delegate("C2"), delegate("C3")]);
    expect(submit(meeting([...others, draft]), draft).state).toBe("submitted");
    expect(countDelegates(meeting([...others, draft]), "KZ", ["approved", "submitted"])).toBe(0);
  });

  it("checks the quota again at approval, when it has been lowered since submission", () => {
    const submitted = list("a", "KZ", "submitted", [delegate("A1"), delegate("A2")]);
    const earlier = list("b", "KZ", "approved", [delegate("B1")]);
    expect(refusal(() => approve(meeting([earlier, submitted], [["KZ", 2]]), submitted)).code).toBe("quota-exceeded");
  });

  it("refuses a person already accredited in another delegation, however the name is spelt", () => {
    const china = list("cn", "CN", "approved", [delegate("Wang Yi", "Ван И", "minister")]);
    const draft = list("kz", "KZ", "draft", [delegate("Aibek Smadiyarov"), delegate("  WANG   yi ")]);
    expect(refusal(() => submit(meeting([china, draft]), draft))).toMatchObject({
      code: "already-accredited",
      field: "delegates.1.name",
      details: { conflicts: [{ index: 1, delegation: "CN" }] },
    });
    // Matched through the Russian name although the English one differs.
    const byRussian = list("kz2", "KZ", "draft", [delegate("Van I", "ван  и")]);
    expect(refusal(() => submit(meeting([china, byRussian]), byRussian)).code).toBe("already-accredited");
  });

  it("refuses the same person twice on one list, and against a list still awaiting approval", () => {
    const twice = list("kz", "KZ", "draft", [delegate("Murat Nurtleu"), delegate("murat nurtleu")]);
    expect(refusal(() => submit(meeting([twice]), twice))).toMatchObject({ code: "already-accredited", field: "delegates.1.name" });
    const pending = list("in", "IN", "submitted", [delegate("Murat Nurtleu")]);
    const draft = list("kz", "KZ", "draft", [delegate("Murat Nurtleu")]);
    expect(refusal(() => submit(meeting([pending, draft]), draft)).code).toBe("already-accredited");
  });

  it("does not hold a name on a returned or draft list against anyone", () => {
    const returned = list("in", "IN", "returned", [delegate("Murat Nurtleu")]);
    const draft = list("kz", "KZ", "draft", [delegate("Murat Nurtleu")]);
    expect(submit(meeting([returned, draft]), draft).state).toBe("submitted");
  });

  it("refuses an empty list, a decision on a list not submitted, and any change once the meeting is held or cancelled", () => {
    const empty = list("e", "KZ", "draft", []);
    expect(refusal(() => submit(meeting([empty]), empty)).code).toBe("empty-list");
    const draft = list("d", "KZ", "draft", [delegate("A1")]);
    expect(refusal(() => approve(meeting([draft]), draft)).code).toBe("invalid-state");
    expect(refusal(() => returnList(list("a", "KZ", "approved", [delegate("A1")]), "late")).code).toBe("invalid-state");
    expect(refusal(() => editList(list("s", "KZ", "submitted", [delegate("A1")]), [])).code).toBe("invalid-state");
    const submitted = list("s", "KZ", "submitted", [delegate("A1")]);
    expect(refusal(() => approve({ ...meeting([submitted]), status: "cancelled" }, submitted)).code).toBe("meeting-closed");
    expect(refusal(() => submit({ ...meeting([draft]), status: "held" }, draft)).code).toBe("meeting-closed");
  });
});

describe("the duplicate check", () => {
  const people = (prefix: string, count: number): Delegate[] => Array.from({ length: count }, (_, i) => delegate(`${prefix} Person ${i}`, `${prefix} Человек ${i}`));
  const lists = (count: number, size: number): AccreditationList[] => Array.from({ length: count }, (_, i) => list(`l${i}`, "KZ", "approved", people(`L${i}`, size)));

  it("does work in proportion to the names, not to their pairs: 17 lists of 500 checked with two lookups a name", () => {
    const check = (count: number) => findDuplicates("KZ", people("New", 500), lists(count, 500));
    const small = check(4);
    const large = check(16);
    expect(small.conflicts).toEqual([]);
    // Two names a delegate: one lookup per name, on the list and on the others; pairwise comparison would be 500 × 8,000.
    expect(small.work).toBe(2 * 500 * 5);
    expect(large.work).toBe(2 * 500 * 17);
    const found = findDuplicates("KZ", [...people("New", 499), delegate("x", "l15 человек 499")], lists(16, 500));
    expect(found.conflicts).toEqual([{ index: 499, delegation: "KZ", list: "l15" }]);
  });

  it("names the first list holding the person, and the same list for a person twice on it", () => {
    const china = list("cn", "CN", "approved", [delegate("Wang Yi")]);
    const india = list("in", "IN", "submitted", [delegate("WANG YI")]);
    expect(findDuplicates("KZ", [delegate("A"), delegate("wang  yi"), delegate("a")], [china, india]).conflicts).toEqual([
      { index: 1, delegation: "CN", list: "cn" },
      { index: 2, delegation: "KZ", list: null },
    ]);
  });

  it("brought up to date under the lock: conflicts with unchanged lists stand, changed and new lists are checked again", () => {
    const delegates = [delegate("Wang Yi"), delegate("Lavrov"), delegate("Misri"), delegate("misri")];
    const earlier = findDuplicates("KZ", delegates, [list("cn", "CN", "approved", [delegate("Wang Yi")]), list("ru", "RU", "approved", [delegate("Lavrov")])]).conflicts;
    expect(earlier.map((c) => c.index)).toEqual([0, 1, 3]);
    // Russia's list changed (returned and edited: Lavrov no longer on it); India submitted a list with Misri.
    const now = recheckDuplicates(earlier, "KZ", delegates, new Set(["cn"]), [list("ru", "RU", "submitted", [delegate("Someone")]), list("in", "IN", "submitted", [delegate("Misri")])]);
    expect(now.conflicts).toEqual([
      { index: 0, delegation: "CN", list: "cn" },
      { index: 2, delegation: "IN", list: "in" },
      { index: 3, delegation: "KZ", list: null },
    ]);
    // The list's own four names, then the two names of the lists that changed: the unchanged lists are not read again.
    expect(now.work).toBe(4 + 2);
    // Nothing changed: the earlier conflicts stand, none of a list no longer holding names (Russia's, returned), and no
    // name is read at all.
    const still = recheckDuplicates(earlier, "KZ", delegates, new Set(["cn"]), []);
    expect(still).toEqual({ conflicts: [{ index: 0, delegation: "CN", list: "cn" }, { index: 3, delegation: "KZ", list: null }], work: 0 });
  });

  it("refuses a list beyond the meeting's bound of delegates, whatever the quotas", () => {
    const full = Array.from({ length: MAX_MEETING_DELEGATES / 500 }, (_, i) => list(`f${i}`, "CN", "approved", people(`F${i}`, 500)));
    const draft = list("kz", "KZ", "draft", [delegate("One more")]);
    const state = meeting([...full, draft], [["KZ", 20_000], ["CN", 20_000]]);
    expect(refusal(() => submit(state, draft))).toMatchObject({ code: "meeting-full", details: { limit: MAX_MEETING_DELEGATES, held: MAX_MEETING_DELEGATES, available: 0 } });
  });
});

describe("properties", () => {
  type Op =
    | { readonly kind: "submit"; readonly delegation: string; readonly size: number }
    | { readonly kind: "approve"; readonly pick: number }
    | { readonly kind: "return"; readonly pick: number }
    | { readonly kind: "resubmit"; readonly pick: number; readonly size: number };
  const delegations = ["KZ", "IN", "CN"];
  const ops = fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant("submit" as const), delegation: fc.constantFrom(...delegations), size: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constant("approve" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("return" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("resubmit" as const), pick: fc.nat(), size: fc.integer({ min: 1, max: 5 }) }),
    ),
    { maxLength: 60 },
  );

  it("never approves more delegates than the quota, whatever the order of submissions and decisions", () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6)), ops, (quotaValues, sequence: Op[]) => {
        const quotas = new Map(delegations.map((d, i) => [d, quotaValues[i] ?? 0]));
        let lists: AccreditationList[] = [];
        let people = 0;
        const fresh = (size: number): Delegate[] => Array.from({ length: size }, () => delegate(`Delegate ${(people += 1)}`));
        const state = (): TestMeeting => ({ status: "confirmed", quotas, lists: lists.map(placesOf), all: lists });
        const replace = (next: AccreditationList): void => {
          lists = lists.some((l) => l.id === next.id) ? lists.map((l) => (l.id === next.id ? next : l)) : [...lists, next];
        };
        const attempt = (run: () => AccreditationList): void => {
          try {
            replace(run());
          } catch (error) {
            if (!(error instanceof AccreditationError)) throw error;
          }
        };
        for (const op of sequence) {
          const target = lists.length > 0 && op.kind !== "submit" ? lists[op.pick % lists.length] : undefined;
          if (op.kind === "submit") attempt(() => submit(state(), draftList(state(), `l${lists.length}`, op.delegation, fresh(op.size))));
          else if (target && op.kind === "approve") attempt(() => approve(state(), target));
          else if (target && op.kind === "return") attempt(() => returnList(target, "incomplete"));
          else if (target && op.kind === "resubmit") attempt(() => submit(state(), editList(target, fresh(op.size))));
          for (const d of delegations) {
            expect(countDelegates(state(), d, ["approved"])).toBeLessThanOrEqual(quotas.get(d) ?? 0);
            expect(countDelegates(state(), d, ["approved", "submitted"])).toBeLessThanOrEqual(quotas.get(d) ?? 0);
          }
        }
      }),
    );
  });

  // Names from several scripts, including letters whose case mapping is not one to one (ß, ς, İ).
  const letter = fc.constantFrom(..."abcxyzßéİıÅçЛавровЁёΣσςΟδυσέα王毅".split(""));
  const word = fc.array(letter, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(""));
  const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(" "));
  const space = fc.constantFrom(" ", "  ", "\u00a0", "\u3000", "\t");
  /** The same name as another clerk might type it: other case per letter, other spaces, decomposed accents. */
  const variant = (original: string): fc.Arbitrary<string> =>
    fc
      .record({
        cases: fc.array(fc.boolean(), { minLength: original.length, maxLength: original.length }),
        spaces: fc.array(space, { minLength: original.length, maxLength: original.length }),
        edges: fc.tuple(space, space),
        decompose: fc.boolean(),
      })
      .map(({ cases, spaces, edges, decompose }) => {
        const typed = [...original].map((c, i) => (c === " " ? (spaces[i] ?? " ") : cases[i] ? c.toUpperCase() : c.toLowerCase())).join("");
        const spaced = `${edges[0]}${typed}${edges[1]}`;
        return decompose ? spaced.normalize("NFD") : spaced;
      });

  it("refuses a name already accredited elsewhere in the meeting, however its case, spacing or composition differs", () => {
    fc.assert(
      fc.property(
        name.chain((original) => fc.tuple(fc.constant(original), variant(original))),
        fc.constantFrom("approved", "submitted" as const),
        ([original, typed], heldAs) => {
          expect(normalizedName(typed)).toBe(normalizedName(original));
          const held = list("cn", "CN", heldAs as AccreditationList["state"], [delegate(original)]);
          const draft = list("kz", "KZ", "draft", [delegate(typed)]);
          expect(refusal(() => submit(meeting([held, draft]), draft)).code).toBe("already-accredited");
        },
      ),
    );
  });
});

describe("badge validity", () => {
  const HOUR = 3_600_000;
  const end = "2025-07-15T13:00:00.000Z";
  const approved = { state: "approved" as const };

  it("is valid while the list is approved, until the meeting's end plus the grace period", () => {
    expect(badgeValidity(approved, { status: "confirmed", end }, "2025-07-15T08:00:00+05:00", 6 * HOUR)).toEqual({ isValid: true, validUntil: "2025-07-15T19:00:00.000Z" });
    expect(isBadgeValid(approved, { status: "held", end }, "2025-07-15T18:59:59Z", 6 * HOUR)).toBe(true);
    expect(badgeValidity(approved, { status: "held", end }, "2025-07-15T19:00:00Z", 6 * HOUR)).toMatchObject({ isValid: false, reason: "expired" });
    expect(isBadgeValid(approved, { status: "confirmed", end }, new Date("2025-07-15T13:00:00Z"), 0)).toBe(false);
  });

  it("is not valid for a list not approved, nor for a cancelled meeting", () => {
    for (const state of ["draft", "submitted", "returned"] as const) {
      expect(badgeValidity({ state }, { status: "confirmed", end }, "2025-07-15T08:00:00Z", HOUR)).toMatchObject({ isValid: false, reason: "not-approved" });
    }
    expect(badgeValidity(approved, { status: "cancelled", end }, "2025-07-15T08:00:00Z", HOUR)).toMatchObject({ isValid: false, reason: "meeting-cancelled" });
  });

  it("follows a postponed meeting's new end", () => {
    expect(isBadgeValid(approved, { status: "postponed", end: "2025-09-10T13:00:00.000Z" }, "2025-08-01T00:00:00Z", 0)).toBe(true);
  });

  it("refuses an instant without an offset rather than guess the server's zone", () => {
    expect(() => badgeValidity(approved, { status: "confirmed", end }, "2025-07-15T08:00:00", HOUR)).toThrow(MeetingError);
  });
});
