// New audit events go on top of the trail shown, once each, and only under filters that would show them.
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../contracts/identity";
import { isShownBy, withNewestPage } from "./audit-live";
import type { AuditFilter, AuditPage } from "./audit-queries";

const event = (seq: number): AuditEvent => ({
  seq,
  id: `event-${seq}`,
  at: "2026-05-01T10:00:00Z",
  actorUserId: null,
  actorName: null,
  actorDemoAccount: null,
  actorDelegation: null,
  address: null,
  action: "user.updated",
  target: null,
  targetName: null,
  payload: {},
  parties: {},
  payloadHash: "p",
  hash: "h",
});
const page = (seqs: number[], nextBefore: number | null = null): AuditPage => ({ items: seqs.map(event), nextBefore });
const seqs = (trail: { pages: AuditPage[] }) => trail.pages.map((item) => item.items.map((e) => e.seq));

describe("withNewestPage", () => {
  const trail = { pages: [page([10, 9, 8], 8), page([7, 6], null)], pageParams: [undefined, 8] };

  it("puts only the events not yet shown on top, keeping the pages loaded below", () => {
    const next = withNewestPage(trail, page([12, 11, 10, 9], 9));
    expect(seqs(next)).toEqual([[12, 11, 10, 9, 8], [7, 6]]);
    expect(next.pageParams).toEqual([undefined, 8]);
  });

  it("changes nothing when there is nothing new", () => {
    expect(withNewestPage(trail, page([10, 9, 8], 8))).toBe(trail);
  });

  it("starts again from the newest page when it may not reach what was shown", () => {
    const next = withNewestPage(trail, page([20, 19, 18], 18));
    expect(seqs(next)).toEqual([[20, 19, 18]]);
    expect(next.pageParams).toEqual([undefined]);
  });

  it("fills an empty trail", () => {
    const empty = { pages: [page([])], pageParams: [undefined] };
    expect(seqs(withNewestPage(empty, page([1])))).toEqual([[1]]);
    expect(withNewestPage(empty, page([]))).toBe(empty);
  });
});

describe("isShownBy", () => {
  const all: AuditFilter = { action: null, delegation: null, from: null, to: null };
  const appended = { seq: 5, action: "user.created", actorDelegation: "KZ" };

  it("shows a new event under no filters, or filters it matches", () => {
    expect(isShownBy(all, appended, "2026-05-01T10:00:00Z")).toBe(true);
    expect(isShownBy({ ...all, action: "user.created", delegation: "KZ" }, appended, "2026-05-01T10:00:00Z")).toBe(true);
  });

  it("leaves out events of another action or delegation, or after the last day asked for", () => {
    expect(isShownBy({ ...all, action: "session.signed-in" }, appended, "2026-05-01T10:00:00Z")).toBe(false);
    expect(isShownBy({ ...all, delegation: "CN" }, appended, "2026-05-01T10:00:00Z")).toBe(false);
    expect(isShownBy({ ...all, to: "2026-04-30T23:59:59.999Z" }, appended, "2026-05-01T10:00:00Z")).toBe(false);
  });
});
