// The two procedures that end in adoption, as the room shows them: the silence procedure and the chair's call for
// objections. Only the later one is told of once it has ended, so an old broken silence does not sit above a new call.
import type { DocumentDto } from "../../../../contracts/negotiation";

type Call = NonNullable<DocumentDto["call"]>;
type Objection = Call["objections"][number];

/** The procedure begun last (null: none yet). */
export function latestProcedure(document: Pick<DocumentDto, "silence" | "call">): "silence" | "call" | null {
  const silenceAt = document.silence.state === "none" ? undefined : document.silence.startedAt;
  const callAt = document.call?.openedAt;
  if (silenceAt === undefined) return callAt === undefined ? null : "call";
  if (callAt === undefined) return "silence";
  return Date.parse(callAt) > Date.parse(silenceAt) ? "call" : "silence";
}

/** The objections lodged in the call and not withdrawn. */
export function standingObjections(call: Call | null): Objection[] {
  return (call?.objections ?? []).filter((objection) => objection.withdrawnAt === undefined);
}

/** The standing objections the rule counts: while one stands, the chair cannot close the call as adopted. */
export function countedObjections(call: Call | null): Objection[] {
  return standingObjections(call).filter((objection) => objection.counts);
}

/** Whether `delegation`'s own objection stands in the call. */
export function hasStandingObjection(call: Call | null, delegation: string | null): boolean {
  return delegation !== null && standingObjections(call).some((objection) => objection.delegation === delegation);
}
