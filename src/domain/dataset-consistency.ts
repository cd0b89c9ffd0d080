// Checks that a registry holds together: references resolve, histories are in order, terms do not overlap.
import { comparePartialDates, earliestDay, isCertainlyBefore } from "./partial-date.js";
import { isTierInForce, sortChanges, statusesOn, statusOn, timelineOf } from "./membership.js";
import { sortTerms } from "./rotation.js";
import type { Registry, RegistrySection } from "./registry.js";

export interface ConsistencyIssue {
  readonly section: RegistrySection;
  /** The record's identifier (its id, code or key). */
  readonly record: string;
  readonly field: string;
  readonly message: string;
}

export function checkConsistency(registry: Registry): ConsistencyIssue[] {
  const issues: ConsistencyIssue[] = [];
  const report = (section: RegistrySection, record: string, field: string, message: string): void => {
    issues.push({ section, record, field, message });
  };

  const sources = new Set(registry.sources.map((s) => s.key));
  const states = new Set(registry.states.map((s) => s.code));
  const bodies = new Set(registry.bodies.map((b) => b.code));
  const decisions = new Set(registry.decisions.map((d) => d.id));
  const tiers = new Map(registry.organization.tiers.map((t) => [t.code, t]));

  const unique = <T>(section: RegistrySection, items: readonly T[], idOf: (item: T) => string, field: string): void => {
    const seen = new Set<string>();
    for (const item of items) {
      const id = idOf(item);
      if (seen.has(id)) report(section, id, field, `duplicate ${field} "${id}"`);
      seen.add(id);
    }
  };
  unique("sources", registry.sources, (s) => s.key, "key");
  unique("states", registry.states, (s) => s.code, "code");
  unique("organizations", registry.organizations, (o) => o.code, "code");
  unique("bodies", registry.bodies, (b) => b.code, "code");
  unique("decisions", registry.decisions, (d) => d.id, "id");
  unique("membership", registry.membership, (m) => m.id, "id");
  unique("reclassifications", registry.reclassifications, (r) => r.id, "id");
  unique("accessions", registry.accessions, (a) => a.id, "id");
  unique("summits", registry.summits, (s) => s.id, "id");
  unique("chairmanship", registry.chairmanship, (c) => c.id, "id");
  unique("rotation", registry.rotation, (r) => r.state, "state");
  unique("secretariesGeneral", registry.secretariesGeneral, (s) => s.id, "id");
  unique("organization", registry.organization.tiers, (t) => t.code, "tiers.code");

  const checkSource = (section: RegistrySection, record: string, field: string, key: string): void => {
    if (!sources.has(key)) report(section, record, field, `unknown source "${key}"`);
  };
  const checkState = (section: RegistrySection, record: string, field: string, code: string): void => {
    if (!states.has(code)) report(section, record, field, `unknown state code "${code}"`);
  };

  const org = registry.organization;
  checkSource("organization", org.code, "source", org.source);
  org.tiers.forEach((t) => {
    checkSource("organization", org.code, `tiers.${t.code}.source`, t.source);
    if (t.established !== undefined && t.retired !== undefined && !isCertainlyBefore(t.established, t.retired)) {
      report("organization", org.code, `tiers.${t.code}.retired`, "is retired before it is established");
    }
    if (t.successor !== undefined && !tiers.has(t.successor)) report("organization", org.code, `tiers.${t.code}.successor`, `unknown tier "${t.successor}"`);
    if (t.successor !== undefined && t.retired === undefined) report("organization", org.code, `tiers.${t.code}.successor`, "a tier has a successor only once it is retired");
  });
  unique("organization", org.accessionStages ?? [], (stage) => stage.code, "accessionStages.code");
  org.decisionRules.forEach((r) => checkSource("organization", org.code, `decisionRules.${r.code}.source`, r.source));
  checkSource("organization", org.code, "rotation.source", org.rotation.source);

  for (const s of registry.states) checkSource("states", s.code, "source", s.source);
  for (const o of registry.organizations) checkSource("organizations", o.code, "source", o.source);
  for (const b of registry.bodies) checkSource("bodies", b.code, "source", b.source);
  for (const d of registry.decisions) {
    checkSource("decisions", d.id, "source", d.source);
    if (!bodies.has(d.body)) report("decisions", d.id, "body", `unknown body "${d.body}"`);
  }

  for (const m of registry.membership) {
    checkSource("membership", m.id, "source", m.source);
    checkState("membership", m.id, "state", m.state);
    if (!decisions.has(m.decision)) report("membership", m.id, "decision", `unknown decision "${m.decision}"`);
    if (m.kind === "left") {
      if (m.tier !== null) report("membership", m.id, "tier", `a "left" change has no tier`);
    } else if (m.tier === null) {
      report("membership", m.id, "tier", `an "${m.kind}" change needs a tier`);
    } else if (!tiers.has(m.tier)) {
      report("membership", m.id, "tier", `unknown tier "${m.tier}"`);
    } else if (!isTierInForce(tiers.get(m.tier)!, earliestDay(m.date))) {
      report("membership", m.id, "tier", `tier "${m.tier}" is not in force on ${m.date}`);
    }
  }
  for (const r of registry.reclassifications) {
    checkSource("reclassifications", r.id, "source", r.source);
    if (!decisions.has(r.decision)) report("reclassifications", r.id, "decision", `unknown decision "${r.decision}"`);
    r.from.forEach((code, i) => {
      if (!tiers.has(code)) report("reclassifications", r.id, `from.${i}`, `unknown tier "${code}"`);
      if (code === r.to) report("reclassifications", r.id, `from.${i}`, `reclassifies tier "${code}" into itself`);
    });
    const to = tiers.get(r.to);
    if (!to) report("reclassifications", r.id, "to", `unknown tier "${r.to}"`);
    else if (!isTierInForce(to, earliestDay(r.date))) report("reclassifications", r.id, "to", `tier "${r.to}" is not in force on ${r.date}`);
  }
  checkHistories(registry, report);
  checkRetiredTiers(registry, report);
  checkOfficialLanguages(registry, report);

  for (const s of registry.summits) {
    checkSource("summits", s.id, "source", s.source);
    checkState("summits", s.id, "host", s.host);
    if (!bodies.has(s.body)) report("summits", s.id, "body", `unknown body "${s.body}"`);
    if (s.end !== undefined && comparePartialDates(s.end, s.start) < 0) report("summits", s.id, "end", "ends before it starts");
  }

  const stages = new Set((org.accessionStages ?? []).map((stage) => stage.code));
  for (const a of registry.accessions) {
    checkSource("accessions", a.id, "source", a.source);
    checkState("accessions", a.id, "applicant", a.applicant);
    if (!tiers.has(a.requestedTier)) report("accessions", a.id, "requestedTier", `unknown tier "${a.requestedTier}"`);
    let previous: string | undefined = a.applied;
    a.steps.forEach((step, i) => {
      if (!stages.has(step.stage)) report("accessions", a.id, `steps.${i}.stage`, `unknown accession stage "${step.stage}"`);
      if (step.decision !== undefined && !decisions.has(step.decision)) report("accessions", a.id, `steps.${i}.decision`, `unknown decision "${step.decision}"`);
      checkSource("accessions", a.id, `steps.${i}.source`, step.source);
      if (previous !== undefined && isCertainlyBefore(step.date, previous)) report("accessions", a.id, `steps.${i}.date`, `comes before the previous step (${previous})`);
      previous = step.date;
    });
    if (a.outcome) {
      if (a.outcome.decision !== undefined && !decisions.has(a.outcome.decision)) report("accessions", a.id, "outcome.decision", `unknown decision "${a.outcome.decision}"`);
      if (previous !== undefined && isCertainlyBefore(a.outcome.date, previous)) report("accessions", a.id, "outcome.date", `comes before the last step (${previous})`);
    }
  }

  for (const t of registry.chairmanship) {
    checkSource("chairmanship", t.id, "source", t.source);
    if (t.reportedEvents !== undefined) checkSource("chairmanship", t.id, "reportedEvents.source", t.reportedEvents.source);
    checkState("chairmanship", t.id, "state", t.state);
    if (t.end !== undefined && isCertainlyBefore(t.end, t.start)) report("chairmanship", t.id, "end", "ends before it starts");
    if (states.has(t.state)) {
      const status = statusOn(timelineOf(registry), t.state, earliestDay(t.start));
      if (!status || !tiers.get(status.tier)?.rights.chair) {
        report("chairmanship", t.id, "state", `"${t.state}" may not chair on ${t.start}: it holds no tier with the right to chair`);
      }
    }
  }
  const terms = sortTerms(registry.chairmanship);
  for (let i = 1; i < terms.length; i += 1) {
    const previous = terms[i - 1];
    const term = terms[i];
    if (!previous || !term) continue;
    if (previous.end === undefined) {
      report("chairmanship", term.id, "start", `overlaps term "${previous.id}", which has no end`);
    } else if (isCertainlyBefore(term.start, previous.end)) {
      report("chairmanship", term.id, "start", `overlaps term "${previous.id}" (which ends ${previous.end})`);
    }
  }

  for (const r of registry.rotation) {
    checkSource("rotation", r.state, "source", r.source);
    checkState("rotation", r.state, "state", r.state);
    (r.passedOver ?? []).forEach((passed, i) => {
      if (!decisions.has(passed.decision)) report("rotation", r.state, `passedOver.${i}.decision`, `unknown decision "${passed.decision}"`);
    });
  }
  for (const s of registry.secretariesGeneral) {
    checkSource("secretariesGeneral", s.id, "source", s.source);
    checkState("secretariesGeneral", s.id, "state", s.state);
    if (s.to !== undefined && comparePartialDates(s.to, s.from) < 0) report("secretariesGeneral", s.id, "to", "ends before it starts");
  }
  return issues;
}

function checkHistories(
  registry: Registry,
  report: (section: RegistrySection, record: string, field: string, message: string) => void,
): void {
  const byState = new Map<string, Registry["membership"][number][]>();
  for (const m of registry.membership) byState.set(m.state, [...(byState.get(m.state) ?? []), m]);
  for (const changes of byState.values()) {
    const sorted = sortChanges(changes);
    let isIn = false;
    let joined: string | null = null;
    for (const change of sorted) {
      if (change.kind === "admitted") {
        if (isIn) report("membership", change.id, "kind", `"${change.state}" is admitted again while it already holds a status`);
        isIn = true;
        joined = change.date;
      } else if (!isIn) {
        const when = joined === null ? "before the state joined" : "after the state left";
        report("membership", change.id, "date", `status change on ${change.date} ${when}`);
      } else if (change.kind === "left") {
        isIn = false;
      }
    }
  }
}

/** Nobody holds a tier from the day it is retired: its holders must have been reclassified or have moved on by then. */
function checkRetiredTiers(
  registry: Registry,
  report: (section: RegistrySection, record: string, field: string, message: string) => void,
): void {
  for (const tier of registry.organization.tiers) {
    if (tier.retired === undefined) continue;
    const day = earliestDay(tier.retired);
    const holders = [...statusesOn(timelineOf(registry), day).values()].filter((s) => s.tier === tier.code).map((s) => s.state);
    if (holders.length > 0) {
      report("organization", registry.organization.code, `tiers.${tier.code}.retired`, `still held on ${tier.retired} by ${holders.join(", ")} (record a reclassification or their changes)`);
    }
  }
}

type Texts = Readonly<Record<string, string>> | undefined;

/** Every text of the registry a person reads, with where it is: section, record and field. */
function* textsOf(registry: Registry): Generator<[RegistrySection, string, string, Texts]> {
  const org = registry.organization;
  yield ["organization", org.code, "names", org.names];
  yield ["organization", org.code, "shortNames", org.shortNames];
  yield ["organization", org.code, "valuesName", org.valuesName];
  yield ["organization", org.code, "rotation.description", org.rotation.description];
  for (const t of org.tiers) {
    yield ["organization", org.code, `tiers.${t.code}.names`, t.names];
    yield ["organization", org.code, `tiers.${t.code}.note`, t.note];
  }
  for (const r of org.decisionRules) {
    yield ["organization", org.code, `decisionRules.${r.code}.names`, r.names];
    yield ["organization", org.code, `decisionRules.${r.code}.appliesTo`, r.appliesTo];
    for (const s of r.subjects ?? []) yield ["organization", org.code, `decisionRules.${r.code}.subjects.${s.code}.names`, s.names];
  }
  for (const v of org.values) yield ["organization", org.code, `values.${v.code}.names`, v.names];
  for (const a of org.accessionStages ?? []) yield ["organization", org.code, `accessionStages.${a.code}.names`, a.names];
  for (const s of registry.sources) yield ["sources", s.key, "title", s.title];
  for (const s of registry.states) yield ["states", s.code, "names", s.names];
  for (const o of registry.organizations) {
    yield ["organizations", o.code, "names", o.names];
    yield ["organizations", o.code, "shortNames", o.shortNames];
  }
  for (const b of registry.bodies) {
    yield ["bodies", b.code, "names", b.names];
    yield ["bodies", b.code, "shortNames", b.shortNames];
    yield ["bodies", b.code, "description", b.description];
    yield ["bodies", b.code, "seat", b.seat];
  }
  for (const d of registry.decisions) yield ["decisions", d.id, "title", d.title];
  for (const m of registry.membership) yield ["membership", m.id, "reason", m.reason];
  for (const r of registry.reclassifications) yield ["reclassifications", r.id, "reason", r.reason];
  for (const s of registry.summits) yield ["summits", s.id, "city", s.city];
  for (const c of registry.chairmanship) {
    yield ["chairmanship", c.id, "slogan", c.slogan];
    yield ["chairmanship", c.id, "themedYear", c.themedYear];
    for (const [i, priority] of (c.priorities ?? []).entries()) yield ["chairmanship", c.id, `priorities.${i}`, priority];
  }
  for (const s of registry.secretariesGeneral) {
    yield ["secretariesGeneral", s.id, "names", s.names];
    yield ["secretariesGeneral", s.id, "title", s.title];
  }
}

/** Texts may be in any languages, but every one is given at least in each of the organization's official languages. */
function checkOfficialLanguages(
  registry: Registry,
  report: (section: RegistrySection, record: string, field: string, message: string) => void,
): void {
  const official = registry.organization.officialLanguages;
  for (const [section, record, field, texts] of textsOf(registry)) {
    if (texts === undefined) continue;
    for (const language of official) {
      if (!texts[language]) report(section, record, `${field}.${language}`, `missing: "${language}" is an official language of the organization`);
    }
  }
}
