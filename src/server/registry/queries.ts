// Reads of the registry: the whole registry as data (for export and views), and the views the API answers with.
import { asc, eq } from "drizzle-orm";
import type {
  AccessionList,
  Body as BodyDto,
  ChairmanshipTerm as ChairmanshipTermDto,
  Organization as OrganizationDto,
  StateDetail,
  StateListItem,
  Summit as SummitDto,
} from "../../contracts/registry.js";
import { historyOf, statusesOn, statusOn, timelineOf } from "../../domain/membership.js";
import { pick } from "../../domain/localized-text.js";
import { comparePartialDates, precisionOf, yearOf } from "../../domain/partial-date.js";
import { DEFAULT_NEGOTIATION_SETTINGS, type ChairmanshipTerm, type Registry, type StatusChangeKind, type Summit } from "../../domain/registry.js";
import { projectTerms, recordedChairOn, sortTerms } from "../../domain/rotation.js";
import type { Db } from "../platform/db/client.js";
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
  // One after another: inside a transaction they share one connection, which runs one query at a time anyway.
  const sources = await db.select().from(t.sources).orderBy(asc(t.sources.position));
  const states = await db.select().from(t.states).orderBy(asc(t.states.position));
  const organizations = await db.select().from(t.internationalOrganizations).orderBy(asc(t.internationalOrganizations.position));
  const bodies = await db.select().from(t.bodies).orderBy(asc(t.bodies.position));
  const decisions = await db.select().from(t.decisions).orderBy(asc(t.decisions.position));
  const membership = await db.select().from(t.membershipEvents).orderBy(asc(t.membershipEvents.position));
  const summits = await db.select().from(t.summits).orderBy(asc(t.summits.position));
  const chairmanship = await db.select().from(t.chairmanshipTerms).orderBy(asc(t.chairmanshipTerms.position));
  const rotation = await db.select().from(t.rotationEntries).orderBy(asc(t.rotationEntries.position));
  const secretariesGeneral = await db.select().from(t.secretariesGeneral).orderBy(asc(t.secretariesGeneral.position));
  const reclassifications = await db.select().from(t.reclassifications).orderBy(asc(t.reclassifications.position));
  const accessions = await db.select().from(t.accessions).orderBy(asc(t.accessions.position));
  return {
    organization: org.profile,
    sources: sources.map((r) => compact({ key: r.key, title: r.title, year: optional(r.year), url: optional(r.url) })),
    states: states.map((r) => ({ code: r.code, isoNumeric: r.isoNumeric, names: r.names, source: r.source })),
    organizations: organizations.map((r) => ({
      code: r.code,
      names: r.names,
      shortNames: r.shortNames,
      relation: r.relation,
      source: r.source,
    })),
    bodies: bodies.map((r) =>
      compact({
        code: r.code,
        kind: r.kind,
        isSupreme: r.isSupreme ?? undefined,
        names: r.names,
        shortNames: r.shortNames,
        description: r.description,
        seat: optional(r.seat),
        order: r.order,
        source: r.source,
      }),
    ),
    decisions: decisions.map((r) => ({ id: r.id, body: r.body, date: r.date, title: r.title, source: r.source })),
    membership: membership.map((r) =>
      compact({
        id: r.id,
        state: r.state,
        kind: r.kind as StatusChangeKind,
        tier: r.tier,
        date: r.date,
        decision: r.decision,
        source: r.source,
        reason: optional(r.reason),
      }),
    ),
    reclassifications: reclassifications.map((r) =>
      compact({ id: r.id, from: r.fromTiers, to: r.toTier, date: r.date, decision: r.decision, source: r.source, reason: optional(r.reason) }),
    ),
    accessions: accessions.map((r) =>
      compact({
        id: r.id,
        applicant: r.applicant,
        requestedTier: r.requestedTier,
        applied: optional(r.applied),
        steps: r.steps,
        outcome: optional(r.outcome),
        source: r.source,
      }),
    ),
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
      compact({
        id: r.id,
        state: r.state,
        start: r.start,
        end: optional(r.end),
        slogan: optional(r.slogan),
        themedYear: optional(r.themedYear),
        priorities: optional(r.priorities),
        reportedEvents: optional(r.reportedEvents),
        source: r.source,
      }),
    ),
    rotation: rotation.map((r) =>
      compact({ state: r.state, inRotationFrom: r.inRotationFrom, orderKey: optional(r.orderKey), passedOver: optional(r.passedOver), source: r.source }),
    ),
    secretariesGeneral: secretariesGeneral.map((r) =>
      compact({ id: r.id, names: r.names, state: r.state, title: r.title, from: r.from, to: optional(r.to), source: r.source }),
    ),
  };
}

// ---- Views: pure functions of a loaded registry and a calendar day.

function partyRef(registry: Registry, code: string): { code: string; names: Registry["states"][number]["names"] } {
  const state = registry.states.find((s) => s.code === code);
  return { code, names: state?.names ?? { en: code } };
}

export function organizationView(registry: Registry): OrganizationDto {
  const org = registry.organization;
  return {
    ...org,
    officialLanguages: [...org.officialLanguages],
    workingLanguages: [...org.workingLanguages],
    translationLanguages: [...(org.translationLanguages ?? [])],
    tiers: [...org.tiers],
    bodyKinds: [...(org.bodyKinds ?? [])],
    relationKinds: [...(org.relationKinds ?? [])],
    accessionStages: [...(org.accessionStages ?? [])],
    decisionRules: org.decisionRules.map(({ subjects, ...rule }) => ({ ...rule, ...(subjects ? { subjects: [...subjects] } : {}) })),
    negotiation: org.negotiation ?? DEFAULT_NEGOTIATION_SETTINGS,
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
    sources: registry.sources.map((s) => ({ key: s.key, title: s.title, year: s.year ?? null, url: s.url ?? null })),
  };
}

export function isKnownTier(registry: Registry, tier: string): boolean {
  return registry.organization.tiers.some((t) => t.code === tier);
}

/** States holding a standing status on `day`, in dataset order, optionally of one tier. */
export function statesOnView(registry: Registry, day: string, tier?: string): StateListItem[] {
  const statuses = statusesOn(timelineOf(registry), day);
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
      suspended: status.suspended,
    });
  }
  return items;
}

function summitView(registry: Registry, summit: Summit): SummitDto {
  return { ...summit, host: partyRef(registry, summit.host), end: summit.end ?? null };
}

export function recordedTermView(registry: Registry, term: ChairmanshipTerm): ChairmanshipTermDto {
  return {
    id: term.id,
    state: partyRef(registry, term.state),
    start: term.start,
    end: term.end ?? null,
    slogan: term.slogan ?? null,
    themedYear: term.themedYear ?? null,
    priorities: [...(term.priorities ?? [])],
    reportedEvents: term.reportedEvents ?? null,
    basis: "recorded",
    source: term.source,
  };
}

export const PROJECTED_TERMS = 5;

/** What each member is sorted by in the rotation: its order key, or its name in the rule's language (English when it has none). */
function orderKeys(registry: Registry): Map<string, string> {
  const rule = registry.organization.rotation;
  const keys = new Map(registry.rotation.filter((r) => r.orderKey !== undefined).map((r) => [r.state, r.orderKey!]));
  return new Map(registry.states.map((s) => [s.code, keys.get(s.code) ?? pick(s.names, [rule.orderLanguage])]));
}

/** Recorded terms, then the next five projected by the rotation rule from the members who may chair on `day`. */
export function chairmanshipView(registry: Registry, day: string): { current: string | null; items: ChairmanshipTermDto[] } {
  const rule = registry.organization.rotation;
  const chairTiers = new Set(registry.organization.tiers.filter((t) => t.rights.chair).map((t) => t.code));
  const statuses = statusesOn(timelineOf(registry), day);
  const projected = projectTerms({
    rule,
    terms: registry.chairmanship,
    rotation: registry.rotation,
    namesInOrderLanguage: orderKeys(registry),
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
      themedYear: null,
      priorities: [],
      reportedEvents: null,
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
  const { rotation } = registry.organization;
  // The rule places the regular meeting at the end of the chair's term (the SCO) or at its start.
  const summitYear = (term: ChairmanshipTermDto) =>
    rotation.summitAt === "term_start" ? yearOf(term.start) : term.end !== null ? yearOf(term.end) : yearOf(term.start) + rotation.termYears;
  const next = terms.find((term) => summitYear(term) > lastSummitYear);
  if (!next) return { items, next: null };
  return { items, next: { host: next.state, year: summitYear(next), basis: "projected" } };
}

export function bodiesView(registry: Registry): BodyDto[] {
  const kinds = new Map((registry.organization.bodyKinds ?? []).map((k) => [k.code, k.names]));
  return [...registry.bodies]
    .sort((a, b) => a.order - b.order)
    .map((b) => ({
      code: b.code,
      kind: b.kind,
      kindNames: kinds.get(b.kind) ?? null,
      isSupreme: b.isSupreme === true,
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
  const status = statusOn(timelineOf(registry), code, day);
  const { items: terms } = chairmanshipView(registry, day);
  return {
    code: state.code,
    isoNumeric: state.isoNumeric,
    names: state.names,
    on: day,
    status: status ? { tier: status.tier, since: status.since.date, sincePrecision: precisionOf(status.since.date), suspended: status.suspended } : null,
    history: historyOf(timelineOf(registry), code).map((change) => ({
      id: change.id,
      kind: change.kind,
      tier: change.tier,
      date: change.date,
      precision: precisionOf(change.date),
      decision: decisionView(decisions, change.decision, change.date, change.source),
      source: change.source,
      reason: change.reason ?? null,
      reclassification: change.reclassification ?? null,
    })),
    summitsHosted: registry.summits.filter((s) => s.host === code).map((s) => summitView(registry, s)),
    chairmanshipTerms: terms.filter((term) => term.state.code === code),
    inRotationFrom: registry.rotation.find((r) => r.state === code)?.inRotationFrom ?? null,
    source: state.source,
  };
}

type DecisionDto = StateDetail["history"][number]["decision"];

function decisionView(decisions: ReadonlyMap<string, Registry["decisions"][number]>, id: string, date: string, source: string): DecisionDto {
  const decision = decisions.get(id);
  return decision ? { ...decision } : { id, body: "", date, title: {}, source };
}

/** Applications for a status, newest first: their steps with the decisions behind them, and how each ended. */
export function accessionsView(registry: Registry): AccessionList {
  const decisions = new Map(registry.decisions.map((d) => [d.id, d]));
  const decisionOrNull = (id: string | undefined, date: string, source: string) => (id === undefined ? null : decisionView(decisions, id, date, source));
  const items = registry.accessions.map((a) => ({
    id: a.id,
    applicant: partyRef(registry, a.applicant),
    requestedTier: a.requestedTier,
    applied: a.applied ?? null,
    steps: a.steps.map((step) => ({
      stage: step.stage,
      date: step.date,
      precision: precisionOf(step.date),
      decision: decisionOrNull(step.decision, step.date, step.source),
      source: step.source,
    })),
    outcome: a.outcome
      ? { kind: a.outcome.kind, date: a.outcome.date, precision: precisionOf(a.outcome.date), decision: decisionOrNull(a.outcome.decision, a.outcome.date, a.source) }
      : null,
    status: a.outcome?.kind ?? ("in_progress" as const),
    source: a.source,
  }));
  const lastDate = (a: (typeof items)[number]) => a.outcome?.date ?? a.steps.at(-1)?.date ?? a.applied ?? "0001";
  items.sort((a, b) => Number(b.status === "in_progress") - Number(a.status === "in_progress") || comparePartialDates(lastDate(b), lastDate(a)));
  return { stages: [...(registry.organization.accessionStages ?? [])], items };
}
