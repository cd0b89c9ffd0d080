// Reads of the registry: the whole registry as data (for export and views), and the views the API answers with.
import { asc, eq } from "drizzle-orm";
import type {
  Body as BodyDto,
  ChairmanshipTerm as ChairmanshipTermDto,
  Organization as OrganizationDto,
  StateDetail,
  StateListItem,
  Summit as SummitDto,
} from "../../contracts/registry.js";
import { historyOf, statusesOn, statusOn } from "../../domain/membership.js";
import { precisionOf, yearOf } from "../../domain/partial-date.js";
import type { ChairmanshipTerm, Registry, Summit } from "../../domain/registry.js";
import { projectTerms, recordedChairOn, sortTerms } from "../../domain/rotation.js";
import type { Db } from "../db/client.js";
import * as t from "./tables.js";

const optional = <T>(value: T | null): T | undefined => value ?? undefined;
/** Drops keys whose value is undefined, so an exported record has exactly the keys of its dataset record. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

export async function hasRegistry(db: Db): Promise<boolean> {
  const rows = await db.select({ code: t.organization.code }).from(t.organization).limit(1);
  return rows.length > 0;
}

/** A state or an international organization of the registry, by code (what a delegation may be opened for). */
export async function findParty(db: Db, code: string): Promise<{ kind: "state" | "organization" } | null> {
  const [state] = await db.select({ code: t.states.code }).from(t.states).where(eq(t.states.code, code)).limit(1);
  if (state) return { kind: "state" };
  const [organization] = await db.select({ code: t.internationalOrganizations.code }).from(t.internationalOrganizations).where(eq(t.internationalOrganizations.code, code)).limit(1);
  return organization ? { kind: "organization" } : null;
}

/** The whole registry as stored, in dataset order; null when nothing has been loaded. */
export async function loadRegistry(db: Db): Promise<Registry | null> {
  const [org] = await db.select().from(t.organization).limit(1);
  if (!org) return null;
  const [sources, states, organizations, bodies, decisions, membership, summits, chairmanship, rotation, secretariesGeneral] =
    await Promise.all([
      db.select().from(t.sources).orderBy(asc(t.sources.position)),
      db.select().from(t.states).orderBy(asc(t.states.position)),
      db.select().from(t.internationalOrganizations).orderBy(asc(t.internationalOrganizations.position)),
      db.select().from(t.bodies).orderBy(asc(t.bodies.position)),
      db.select().from(t.decisions).orderBy(asc(t.decisions.position)),
      db.select().from(t.membershipEvents).orderBy(asc(t.membershipEvents.position)),
      db.select().from(t.summits).orderBy(asc(t.summits.position)),
      db.select().from(t.chairmanshipTerms).orderBy(asc(t.chairmanshipTerms.position)),
      db.select().from(t.rotationEntries).orderBy(asc(t.rotationEntries.position)),
      db.select().from(t.secretariesGeneral).orderBy(asc(t.secretariesGeneral.position)),
    ]);
  return {
    organization: org.profile,
    sources: sources.map((r) => compact({ key: r.key, title: r.title, year: optional(r.year) })),
    states: states.map((r) => ({ code: r.code, isoNumeric: r.isoNumeric, names: r.names, source: r.source })),
    organizations: organizations.map((r) => ({
      code: r.code,
      names: r.names,
      shortNames: r.shortNames,
      relation: r.relation as "partner",
      source: r.source,
    })),
    bodies: bodies.map((r) =>
      compact({
        code: r.code,
        kind: r.kind as "council" | "meeting" | "permanent",
        names: r.names,
        shortNames: r.shortNames,
        description: r.description,
        seat: optional(r.seat),
        order: r.order,
        source: r.source,
      }),
    ),
    decisions: decisions.map((r) => ({ id: r.id, body: r.body, date: r.date, title: r.title, source: r.source })),
    membership: membership.map((r) => ({
      id: r.id,
      state: r.state,
      kind: r.kind as "admitted" | "changed" | "left",
      tier: r.tier,
      date: r.date,
      decision: r.decision,
      source: r.source,
    })),
    summits: summits.map((r) =>
      compact({
        id: r.id,
        body: r.body,
        host: r.host,
        city: r.city,
        start: r.start,
        end: optional(r.end),
        format: r.format as "in_person" | "video",
        source: r.source,
      }),
    ),
    chairmanship: chairmanship.map((r) =>
      compact({ id: r.id, state: r.state, start: r.start, end: optional(r.end), slogan: optional(r.slogan), source: r.source }),
    ),
    rotation: rotation.map((r) => ({ state: r.state, inRotationFrom: r.inRotationFrom, source: r.source })),
    secretariesGeneral: secretariesGeneral.map((r) =>
      compact({ id: r.id, names: r.names, state: r.state, title: r.title, from: r.from, to: optional(r.to), source: r.source }),
    ),
  };
}

// ---- Views: pure functions of a loaded registry and a calendar day.

function partyRef(registry: Registry, code: string): { code: string; names: Registry["states"][number]["names"] } {
  const state = registry.states.find((s) => s.code === code);
  return { code, names: state?.names ?? { zh: code, ru: code, en: code } };
}

export function organizationView(registry: Registry): OrganizationDto {
  const org = registry.organization;
  return {
    ...org,
    officialLanguages: [...org.officialLanguages],
    workingLanguages: [...org.workingLanguages],
    tiers: [...org.tiers],
    decisionRules: [...org.decisionRules],
    values: [...org.values],
    secretariesGeneral: registry.secretariesGeneral.map((s) => ({
      id: s.id,
      names: s.names,
      state: partyRef(registry, s.state),
      title: s.title,
      from: s.from,
      to: s.to ?? null,
      source: s.source,
    })),
    partners: registry.organizations.map((o) => ({ ...o })),
    sources: registry.sources.map((s) => ({ key: s.key, title: s.title, year: s.year ?? null })),
  };
}

export function isKnownTier(registry: Registry, tier: string): boolean {
  return registry.organization.tiers.some((t) => t.code === tier);
}

/** States holding a standing status on `day`, in dataset order, optionally of one tier. */
export function statesOnView(registry: Registry, day: string, tier?: string): StateListItem[] {
  const statuses = statusesOn(registry.membership, day);
  const standing = new Set(registry.organization.tiers.filter((t) => t.isStanding).map((t) => t.code));
  const items: StateListItem[] = [];
  for (const state of registry.states) {
    const status = statuses.get(state.code);
    if (!status || !standing.has(status.tier) || (tier !== undefined && status.tier !== tier)) continue;
    items.push({
      code: state.code,
      isoNumeric: state.isoNumeric,
      names: state.names,
      tier: status.tier,
      since: status.since.date,
      sincePrecision: precisionOf(status.since.date),
    });
  }
  return items;
}

function summitView(registry: Registry, summit: Summit): SummitDto {
  return { ...summit, host: partyRef(registry, summit.host), end: summit.end ?? null };
}

function recordedTermView(registry: Registry, term: ChairmanshipTerm): ChairmanshipTermDto {
  return {
    id: term.id,
    state: partyRef(registry, term.state),
    start: term.start,
    end: term.end ?? null,
    slogan: term.slogan ?? null,
    basis: "recorded",
    source: term.source,
  };
}

export const PROJECTED_TERMS = 5;

/** Recorded terms, then the next five projected by the rotation rule from the members who may chair on `day`. */
export function chairmanshipView(registry: Registry, day: string): { current: string | null; items: ChairmanshipTermDto[] } {
  const rule = registry.organization.rotation;
  const chairTiers = new Set(registry.organization.tiers.filter((t) => t.rights.chair).map((t) => t.code));
  const statuses = statusesOn(registry.membership, day);
  const projected = projectTerms({
    rule,
    terms: registry.chairmanship,
    rotation: registry.rotation,
    namesInOrderLanguage: new Map(registry.states.map((s) => [s.code, s.names[rule.orderLanguage]])),
    canChair: (state) => chairTiers.has(statuses.get(state)?.tier ?? ""),
    count: PROJECTED_TERMS,
  });
  const items = [
    ...sortTerms(registry.chairmanship).map((term) => recordedTermView(registry, term)),
    ...projected.map((p) => ({
      id: `projected-${p.start}`,
      state: partyRef(registry, p.state),
      start: p.start,
      end: p.end,
      slogan: null,
      basis: "projected" as const,
      source: null,
    })),
  ];
  return { current: recordedChairOn(registry.chairmanship, day)?.id ?? null, items };
}

/** The summits on record, and the next one as the rule projects it: in the chairing state, at the end of its term. */
export function summitsView(registry: Registry, day: string): { items: SummitDto[]; next: { host: ReturnType<typeof partyRef>; year: number; basis: "projected" } | null } {
  const items = registry.summits.map((s) => summitView(registry, s));
  const lastSummitYear = Math.max(...registry.summits.map((s) => yearOf(s.start)), 0);
  const { items: terms } = chairmanshipView(registry, day);
  const next = terms.find((term) => term.end === null || yearOf(term.end) > lastSummitYear);
  if (!next) return { items, next: null };
  const year = next.end !== null ? yearOf(next.end) : yearOf(next.start) + registry.organization.rotation.termYears;
  return { items, next: { host: next.state, year, basis: "projected" } };
}

export function bodiesView(registry: Registry): BodyDto[] {
  return [...registry.bodies]
    .sort((a, b) => a.order - b.order)
    .map((b) => ({
      code: b.code,
      kind: b.kind,
      names: b.names,
      shortNames: b.shortNames,
      description: b.description,
      seat: b.seat ?? null,
      source: b.source,
    }));
}

export function stateDetailView(registry: Registry, code: string, day: string): StateDetail | null {
  const state = registry.states.find((s) => s.code === code);
  if (!state) return null;
  const decisions = new Map(registry.decisions.map((d) => [d.id, d]));
  const status = statusOn(registry.membership, code, day);
  const { items: terms } = chairmanshipView(registry, day);
  return {
    code: state.code,
    isoNumeric: state.isoNumeric,
    names: state.names,
    on: day,
    status: status ? { tier: status.tier, since: status.since.date, sincePrecision: precisionOf(status.since.date) } : null,
    history: historyOf(registry.membership, code).map((change) => {
      const decision = decisions.get(change.decision);
      return {
        id: change.id,
        kind: change.kind,
        tier: change.tier,
        date: change.date,
        precision: precisionOf(change.date),
        decision: decision
          ? { ...decision }
          : { id: change.decision, body: "", date: change.date, title: { zh: "", ru: "", en: "" }, source: change.source },
        source: change.source,
      };
    }),
    summitsHosted: registry.summits.filter((s) => s.host === code).map((s) => summitView(registry, s)),
    chairmanshipTerms: terms.filter((term) => term.state.code === code),
    inRotationFrom: registry.rotation.find((r) => r.state === code)?.inRotationFrom ?? null,
    source: state.source,
  };
}
