import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EMPTY_LIST,
  FLOOR_KINDS,
  SpeakersError,
  clockAt,
  closeList,
  endTurn,
  giveFloor,
  inOrder,
  pauseClock,
  requestFloor,
  resumeClock,
  withdraw,
  type FloorKind,
  type FloorRequest,
  type SpeakersList,
} from "./speakers.js";

const at = (second: number) => new Date(Date.UTC(2025, 6, 15, 9, 0, second)).toISOString();
const ask = (id: string, delegation: string, kind: FloorKind = "speech", second = 0): FloorRequest => ({ id, delegation, kind, requestedAt: at(second) });
const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof SpeakersError ? error.code : "other";
  }
};

describe("the list of speakers", () => {
  it("hears points of order first, then replies, then speeches in the order asked", () => {
    let list: SpeakersList = EMPTY_LIST;
    list = requestFloor(list, ask("a", "KZ"), true);
    list = requestFloor(list, ask("b", "IN"), true);
    list = requestFloor(list, ask("c", "PK", "reply"), true);
    list = requestFloor(list, ask("d", "CN", "point_of_order"), true);
    expect(inOrder(list.queue).map((r) => r.id)).toEqual(["d", "c", "a", "b"]);
    list = giveFloor(list, at(10), 180);
    expect(list.current).toMatchObject({ delegation: "CN", kind: "point_of_order", startedAt: at(10), allottedSeconds: 180 });
  });

  it("refuses a delegation without the right to speak, a second speech waiting, and speeches once the list is closed (a point of order still)", () => {
    expect(codeOf(() => requestFloor(EMPTY_LIST, ask("m", "MN"), false))).toBe("no-right-to-speak");
    const list = requestFloor(EMPTY_LIST, ask("a", "KZ"), true);
    expect(codeOf(() => requestFloor(list, ask("a2", "KZ"), true))).toBe("already-requested");
    expect(requestFloor(list, ask("a3", "KZ", "reply"), true).queue).toHaveLength(2);
    const closed = closeList(list);
    expect(codeOf(() => requestFloor(closed, ask("b", "IN"), true))).toBe("list-closed");
    expect(requestFloor(closed, ask("p", "IN", "point_of_order"), true).queue).toHaveLength(2);
  });

  it("ends the current turn when the floor is given to the next, recording how long it lasted without the clock's stops", () => {
    let list = requestFloor(requestFloor(EMPTY_LIST, ask("a", "KZ"), true), ask("b", "IN"), true);
    list = giveFloor(list, at(0), 120);
    list = pauseClock(list, at(30));
    expect(clockAt(list.current!, at(50))).toMatchObject({ elapsedSeconds: 30, remainingSeconds: 90, isPaused: true, isOver: false });
    list = resumeClock(list, at(50));
    expect(clockAt(list.current!, at(60))).toMatchObject({ elapsedSeconds: 40, remainingSeconds: 80, isPaused: false });
    list = giveFloor(list, at(70), 120);
    expect(list.spoken).toEqual([{ delegation: "KZ", kind: "speech", startedAt: at(0), endedAt: at(70), seconds: 50 }]);
    expect(list.current?.delegation).toBe("IN");
    expect(clockAt(list.current!, at(70 + 130))).toMatchObject({ remainingSeconds: 0, isOver: true });
  });

  it("gives the floor to the request the chair names, and refuses one that is not waiting", () => {
    const list = requestFloor(requestFloor(EMPTY_LIST, ask("a", "KZ"), true), ask("b", "IN"), true);
    expect(giveFloor(list, at(0), 60, "b").current?.delegation).toBe("IN");
    expect(codeOf(() => giveFloor(list, at(0), 60, "zz"))).toBe("request-not-found");
    expect(giveFloor(EMPTY_LIST, at(0), 60)).toBe(EMPTY_LIST);
    expect(codeOf(() => endTurn(EMPTY_LIST, at(0)))).toBe("nobody-speaking");
    expect(codeOf(() => withdraw(list, "zz"))).toBe("request-not-found");
    expect(withdraw(list, "a").queue.map((r) => r.id)).toEqual(["b"]);
  });

  it("shows no time left and never 'over' for a turn without a limit", () => {
    const list = giveFloor(requestFloor(EMPTY_LIST, ask("a", "KZ"), true), at(0), 0);
    expect(clockAt(list.current!, at(5000))).toMatchObject({ elapsedSeconds: 5000, remainingSeconds: null, isOver: false });
  });

  it("hears every request once, in an order that never puts a speech before a waiting reply or point of order", () => {
    const request = fc.record({ delegation: fc.constantFrom("CN", "RU", "KZ", "KG", "TJ", "UZ", "IN", "PK", "IR", "BY"), kind: fc.constantFrom(...FLOOR_KINDS) });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 30 }), (requests) => {
        let list: SpeakersList = EMPTY_LIST;
        let accepted = 0;
        requests.forEach((r, i) => {
          try {
            list = requestFloor(list, { id: `r${i}`, delegation: r.delegation, kind: r.kind, requestedAt: at(i) }, true);
            accepted += 1;
          } catch (error) {
            expect((error as SpeakersError).code).toBe("already-requested");
          }
        });
        const heard: FloorKind[] = [];
        let second = 100;
        while (list.queue.length > 0) {
          const waiting = list.queue.map((r) => r.kind);
          list = giveFloor(list, at(second), 60);
          const kind = list.current!.kind;
          // Nothing of a higher priority was left waiting.
          if (kind === "speech") expect(waiting.filter((k) => k !== "speech")).toEqual([]);
          if (kind === "reply") expect(waiting).not.toContain("point_of_order");
          heard.push(kind);
          second += 10;
        }
        if (list.current) list = endTurn(list, at(second));
        expect(list.spoken).toHaveLength(accepted);
        expect(list.spoken.every((s) => s.seconds >= 0)).toBe(true);
      }),
    );
  });

  it("never lets the clock run backwards, however it is stopped and started", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 20 }), (steps) => {
        let list = giveFloor(requestFloor(EMPTY_LIST, ask("a", "KZ"), true), at(0), 300);
        let now = 0;
        let last = 0;
        steps.forEach((step, i) => {
          now += step;
          list = i % 2 === 0 ? pauseClock(list, at(now)) : resumeClock(list, at(now));
          const { elapsedSeconds } = clockAt(list.current!, at(now));
          expect(elapsedSeconds).toBeGreaterThanOrEqual(last);
          expect(elapsedSeconds).toBeLessThanOrEqual(now);
          last = elapsedSeconds;
        });
      }),
    );
  });
});
