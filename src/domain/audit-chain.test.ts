import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CHAIN_START, chainEvent, continueChain, GENESIS_HASH, verifyChain, type ChainedEvent, type ChainPosition } from "./audit-chain.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function chain(actions: string[]): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  for (const [i, action] of actions.entries()) {
    events.push(
      chainEvent(
        { seq: i + 1, id: `e${i + 1}`, at: `2026-11-25T10:00:0${i % 10}.000Z`, actorUserId: "u", actorDelegation: "KZ", address: "127.0.0.1", action, target: null, payloadHash: sha256(action) },
        events.at(-1)?.hash ?? GENESIS_HASH,
        sha256,
      ),
    );
  }
  return events;
}

describe("the audit hash chain", () => {
  it("holds when nothing was touched", () => {
    expect(verifyChain(chain(["a", "b", "c"]), sha256)).toBeNull();
    expect(verifyChain([], sha256)).toBeNull();
  });

  it("names an edited event", () => {
    const events = chain(["a", "b", "c"]);
    events[1] = { ...events[1]!, action: "forged" };
    expect(verifyChain(events, sha256)).toEqual({ seq: 2, id: "e2", reason: "hash-mismatch" });
  });

  it("names the event after a deleted one, and a deleted first event", () => {
    const events = chain(["a", "b", "c"]);
    expect(verifyChain([events[0]!, events[2]!], sha256)).toEqual({ seq: 3, id: "e3", reason: "sequence-gap" });
    expect(verifyChain(events.slice(1), sha256)).toEqual({ seq: 2, id: "e2", reason: "sequence-gap" });
  });

  it("names an event whose predecessor was rewritten with a recomputed hash", () => {
    const events = chain(["a", "b", "c"]);
    const forged = chainEvent({ ...events[1]!, action: "forged" }, events[0]!.hash, sha256);
    expect(verifyChain([events[0]!, forged, events[2]!], sha256)).toEqual({ seq: 3, id: "e3", reason: "link-mismatch" });
  });

  it("names an event whose payload no longer matches", () => {
    const events = chain(["a", "b"]);
    expect(verifyChain(events, sha256, (e) => e.seq !== 2)).toEqual({ seq: 2, id: "e2", reason: "payload-mismatch" });
  });

  it("detects any single-field edit anywhere in the chain", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 12 }), fc.nat(), fc.string(), (actions, pick, replacement) => {
        const events = chain(actions.map((a) => `x${a}`));
        const index = pick % events.length;
        events[index] = { ...events[index]!, action: `y${replacement}` };
        expect(verifyChain(events, sha256)?.seq).toBe(index + 1);
      }),
    );
  });

  it("verified in parts, from where the part before left off, gives what one pass gives", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1 }), fc.option(fc.nat()), (actions, sizes, edit) => {
        const events = chain(actions.map((a) => `x${a}`));
        if (edit !== null) events[edit % events.length] = { ...events[edit % events.length]!, action: "forged" };
        let position: ChainPosition | null = CHAIN_START;
        let broken = null;
        for (let at = 0, i = 0; at < events.length && position !== null; at += sizes[i++ % sizes.length]!) {
          const result: ReturnType<typeof continueChain> = continueChain(position, events.slice(at, at + sizes[i % sizes.length]!), sha256);
          if ("seq" in result) [broken, position] = [result, null];
          else position = result;
        }
        expect(broken).toEqual(verifyChain(events, sha256));
      }),
    );
  });
});
