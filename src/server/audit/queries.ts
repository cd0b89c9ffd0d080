// Reads of the audit trail, newest first, filtered; each event with what its actor, its target and the parties its payload
// names are called now.
import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import type { AuditEvent, AuditTargetName } from "../../contracts/identity.js";
import type { Registry } from "../../domain/registry.js";
import type { Db } from "../platform/db/client.js";
import { accountNamesOf, type AccountName } from "../identity/queries.js";
import { meetingTitlesOf } from "../meetings/queries.js";
import { documentTitlesOf } from "../negotiation/queries.js";
import { auditEvents } from "./tables.js";

export interface AuditFilter {
  readonly delegation?: string | undefined;
  readonly action?: string | undefined;
  readonly actorUserId?: string | undefined;
  /** ISO instants. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Only events with a smaller sequence number (paging). */
  readonly before?: number | undefined;
  readonly limit: number;
}

/** "user:<id>" → ["user", "<id>"]; a target without a kind gives an empty id. */
function targetParts(target: string | null): [kind: string, id: string] {
  const [kind = "", id = ""] = (target ?? "").split(/:(.*)/s);
  return [kind, id];
}

const idsOf = (targets: readonly (string | null)[], kind: string) => targets.flatMap((target) => (targetParts(target)[0] === kind ? [targetParts(target)[1]] : []));

interface TargetNames {
  readonly accounts: ReadonlyMap<string, AccountName>;
  readonly documents: ReadonlyMap<string, { title: Record<string, string>; baseLanguage: string }>;
  readonly meetings: ReadonlyMap<string, Record<string, string>>;
  readonly registry: Registry | null;
}

/** A state's or organization's names in the registry (a delegation's party, a meeting's guest), or null. */
function partyNames(registry: Registry | null, code: string): Record<string, string> | null {
  return registry?.states.find((state) => state.code === code)?.names ?? registry?.organizations.find((organization) => organization.code === code)?.names ?? null;
}

/** The payload's fields that hold party codes: a meeting's invited party, a delegation acting or acted on, the demo accounts' delegations. */
const PARTY_FIELDS = ["party", "delegation", "delegations"] as const;

/** The names of the parties the payload names by code, so that the trail never shows a bare code the registry can name. */
function payloadParties(payload: Record<string, unknown>, registry: Registry | null): Record<string, Record<string, string>> {
  const codes = PARTY_FIELDS.flatMap((field) => {
    const value = payload[field];
    return typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  });
  return Object.fromEntries(codes.flatMap((code) => {
    const names = partyNames(registry, code);
    return names ? [[code, names]] : [];
  }));
}

/** What a target is called now: an account's name, a document's title, a state's, partner's or the organization's names. */
function targetName(target: string | null, names: TargetNames): AuditTargetName | null {
  const [kind, id] = targetParts(target);
  const { registry } = names;
  switch (kind) {
    case "user":
      return names.accounts.get(id) ?? null;
    case "document": {
      const document = names.documents.get(id);
      return document ? { kind: "document", ...document } : null;
    }
    case "delegation": {
      const party = partyNames(registry, id);
      return party ? { kind: "party", names: party } : null;
    }
    case "organization":
      return registry?.organization.code === id ? { kind: "party", names: registry.organization.names } : null;
    case "meeting": {
      const title = names.meetings.get(id);
      return title ? { kind: "meeting", title } : null;
    }
    case "chairmanship": {
      const term = registry?.chairmanship.find((item) => item.id === id);
      const state = term ? partyNames(registry, term.state) : null;
      return term && state ? { kind: "term", names: state, start: term.start, end: term.end ?? null } : null;
    }
    default:
      return null;
  }
}

export async function listAuditEvents(db: Db, filter: AuditFilter, registry: Registry | null): Promise<{ items: AuditEvent[]; nextBefore: number | null }> {
  const conditions: SQL[] = [];
  if (filter.delegation !== undefined) conditions.push(eq(auditEvents.actorDelegation, filter.delegation));
  if (filter.action !== undefined) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.actorUserId !== undefined) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.from !== undefined) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to !== undefined) conditions.push(lte(auditEvents.at, filter.to));
  if (filter.before !== undefined) conditions.push(lt(auditEvents.seq, filter.before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const targets = page.map((event) => event.target);
  const [accounts, documents, meetings] = await Promise.all([
    accountNamesOf(db, [...page.flatMap((event) => (event.actorUserId ? [event.actorUserId] : [])), ...idsOf(targets, "user")]),
    documentTitlesOf(db, idsOf(targets, "document")),
    meetingTitlesOf(db, idsOf(targets, "meeting")),
  ]);
  const names: TargetNames = { accounts, documents, meetings, registry };
  return {
    items: page.map((event) => ({
      seq: event.seq,
      id: event.id,
      at: event.at,
      actorUserId: event.actorUserId,
      actorName: event.actorUserId ? (accounts.get(event.actorUserId)?.displayName ?? null) : null,
      actorDemoAccount: event.actorUserId ? (accounts.get(event.actorUserId)?.demoAccount ?? null) : null,
      actorDelegation: event.actorDelegation,
      address: event.address,
      action: event.action,
      target: event.target,
      targetName: targetName(event.target, names),
      payload: event.payload as Record<string, unknown>,
      parties: payloadParties(event.payload as Record<string, unknown>, registry),
      payloadHash: event.payloadHash,
      hash: event.hash,
    })),
    nextBefore: rows.length > filter.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}
