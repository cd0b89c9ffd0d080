// Changes to the live registry as one command: the registry is locked, the changes applied in order, the result checked
// whole (the same checks as a dataset), written, and every earlier value a correction replaced kept in the history.
import { desc, eq, and, type SQL } from "drizzle-orm";
import { STREAMS } from "../../contracts/live.js";
import type { RegistryChangeInput, RegistryChangesResult, RegistryHistory } from "../../contracts/registry-changes.js";
import { PUBLIC_AUDIENCE } from "../../domain/audience.js";
import { checkConsistency } from "../../domain/dataset-consistency.js";
import { applyRegistryChanges, recordKey, type RegistryChange, type RegistryTarget } from "../../domain/registry-changes.js";
import type { Registry } from "../../domain/registry.js";
import { defineCommand, needs } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import { streamHead } from "../platform/events/log.js";
import { ProblemError } from "../platform/http/problem.js";
import { registryPolicy } from "./policy.js";
import { loadRegistry } from "./queries.js";
import * as t from "./tables.js";
import { writeRegistry } from "./commands.js";
import { syncSummitMeetings } from "../meetings/dataset.js";

/** One thing wrong with a set of changes: which change (when one is to blame), which record and field, and what. */
export interface ChangeIssue {
  /** The index of the change that put the record, when one did. */
  readonly change: number | null;
  readonly put: RegistryTarget;
  readonly record: string;
  readonly field: string;
  readonly message: string;
}

/** The changes would leave the registry inconsistent (nothing was written). */
export class RegistryChangeError extends Error {
  constructor(readonly issues: readonly ChangeIssue[]) {
    super(issues.map((i) => `${i.put} "${i.record}": ${i.field}: ${i.message}`).join("\n"));
    this.name = "RegistryChangeError";
  }
}

export interface RegistryChangesInput {
  readonly changes: readonly RegistryChangeInput[];
  readonly reason: string;
  readonly basedOn?: number | undefined;
  /** Where the changes came from (a file), for the audit trail. */
  readonly origin?: string | undefined;
}

/** The organization's tiers live in its profile: a consistency issue on "tiers.<code>.…" is about that tier. */
function issueTarget(section: string, field: string): { put: RegistryTarget; record?: string; field: string } {
  const tier = /^tiers\.([^.]+)\.(.+)$/.exec(field);
  if (section === "organization" && tier) return { put: "tiers", record: tier[1]!, field: tier[2]! };
  return { put: section as RegistryTarget, field };
}

/** Names, for each consistency issue, the last change that put the record it is about. */
function blame(changes: readonly RegistryChange[], registry: Registry): ChangeIssue[] {
  return checkConsistency(registry).map((issue) => {
    const target = issueTarget(issue.section, issue.field);
    const record = target.record ?? issue.record;
    let change: number | null = null;
    changes.forEach((c, i) => {
      if (c.put === target.put && recordKey(c.put, c.record) === record) change = i;
    });
    return { change, put: target.put, record, field: target.field, message: issue.message };
  });
}

export const changeRegistryCommand = defineCommand({
  name: "registry.change",
  access: () => needs(registryPolicy.change),
  run: async (c, input: RegistryChangesInput): Promise<RegistryChangesResult> => {
    const { tx } = c;
    // One change at a time: the organization's row is the registry's lock (a second process waits here, then sees this one's result).
    const locked = await tx.select({ code: t.organization.code }).from(t.organization).for("update");
    if (locked.length === 0) throw new ProblemError(503, "no-registry", "No registry loaded", "Load a dataset with `concord import` first.");
    const head = await streamHead(tx, STREAMS.registry);
    c.checkVersion(input.basedOn, head, () => ({ position: head }));
    const before = await loadRegistry(tx);
    if (!before) throw new ProblemError(503, "no-registry", "No registry loaded");

    const changes = input.changes as readonly RegistryChange[];
    const { registry, applied } = applyRegistryChanges(before, changes);
    const issues = blame(changes, registry);
    if (issues.length > 0) throw new RegistryChangeError(issues);

    const effective = applied.filter((a) => a.outcome !== "unchanged");
    if (effective.length > 0) {
      await writeRegistry(tx, registry, { replace: true });
      // The summits are meetings of their body too: one recorded or corrected here is one there, in this transaction.
      await syncSummitMeetings(c, registry);
      const corrected = effective.filter((a) => a.previous !== undefined);
      if (corrected.length > 0) {
        await tx.insert(t.registryHistory).values(
          corrected.map((a) => ({ section: a.put, record: a.key, previous: a.previous!, replacedAt: c.now, replacedBy: c.actor.userId, reason: input.reason })),
        );
      }
      const summary = effective.map((a) => ({ put: a.put, key: a.key, outcome: a.outcome }));
      c.audit("registry.changed", `organization:${registry.organization.code}`, {
        reason: input.reason,
        ...(input.origin !== undefined ? { origin: input.origin } : {}),
        changes: summary,
      });
      c.emit(STREAMS.registry, "registry.changed", { organization: registry.organization.code, changes: summary }, PUBLIC_AUDIENCE);
    }
    return { position: effective.length > 0 ? head + 1 : head, applied: applied.map(({ put, key, outcome }) => ({ put, key, outcome })) };
  },
});

/** Earlier values of registry records, newest first (optionally of one record). */
export async function registryHistory(db: Db, filter: { put?: string | undefined; key?: string | undefined }): Promise<RegistryHistory["items"]> {
  const conditions: SQL[] = [];
  if (filter.put !== undefined) conditions.push(eq(t.registryHistory.section, filter.put));
  if (filter.key !== undefined) conditions.push(eq(t.registryHistory.record, filter.key));
  const rows = await db
    .select()
    .from(t.registryHistory)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(t.registryHistory.id))
    .limit(500);
  return rows.map((r) => ({ id: r.id, put: r.section, key: r.record, previous: r.previous, replacedAt: r.replacedAt.toISOString(), replacedBy: r.replacedBy, reason: r.reason }));
}
