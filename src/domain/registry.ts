// The organization's registry as plain data: the shape every dataset, the database and the API agree on.
import type { LocalizedText } from "./localized-text.js";

export const RIGHTS = ["attend", "attendByRight", "speak", "circulateStatements", "propose", "object", "chair", "seeDrafts"] as const;
export type Right = (typeof RIGHTS)[number];
export type Rights = Readonly<Record<Right, boolean>>;

/** A tier code: what the dataset, the change files and the API all accept. */
export const TIER_CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

/** A noun's forms for counts, per language, per CLDR plural category ("one", "few", "many", "other"…). */
export type CountNames = Readonly<Record<string, Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>>>;

export interface Tier {
  readonly code: string;
  readonly names: LocalizedText;
  /** The tier's name after a count ("10 member states", «10 государств-членов»), by plural category. */
  readonly countNames?: CountNames | undefined;
  /** Whether holders of this tier are counted among the parties whose status is shown (guests are per meeting). */
  readonly isStanding: boolean;
  readonly rights: Rights;
  /** In force from this date (from the organization's founding when absent). */
  readonly established?: string | undefined;
  /** No longer in force from this date; its holders moved to `successor` (by a reclassification). */
  readonly retired?: string | undefined;
  readonly successor?: string | undefined;
  /** What the record should say about the tier (e.g. why its rights are what they are). */
  readonly note?: LocalizedText | undefined;
  readonly source: string;
}

export interface DecisionRule {
  /** The organization's own code for the rule. */
  readonly code: string;
  readonly names: LocalizedText;
  readonly appliesTo: LocalizedText;
  /** Whether the objection of the member a decision concerns does not count (the SCO's "consensus minus one"). */
  readonly excludesConcerned?: boolean | undefined;
  /** The kinds of decision the rule applies to (the SCO's consensus minus one: suspension, expulsion); absent for the general rule. */
  readonly subjects?: readonly { readonly code: string; readonly names: LocalizedText }[] | undefined;
  readonly source: string;
}

/** Concord's settings for an organization whose data fixes none (a setting, not a fact about the organization). */
export const DEFAULT_NEGOTIATION_SETTINGS: NegotiationSettings = { minimumSilenceHours: 24 };

/** How the organization runs its negotiations, where its rules or practice fix it. */
export interface NegotiationSettings {
  /** The shortest silence procedure the chair may start, in hours. */
  readonly minimumSilenceHours: number;
}

export interface AccessionStage {
  readonly code: string;
  readonly names: LocalizedText;
}

export interface RotationRule {
  /** Members chair in the alphabetical order of their names (or their order keys) in this language (a BCP 47 code). */
  readonly orderLanguage: string;
  readonly termYears: number;
  /** Where the rule places the supreme body's regular meeting: at the end of the chair's term (the default) or at its start. */
  readonly summitAt?: "term_end" | "term_start" | undefined;
  readonly description: LocalizedText;
  readonly source: string;
}

export interface OrganizationProfile {
  readonly code: string;
  readonly names: LocalizedText;
  readonly shortNames: LocalizedText;
  readonly founded: string;
  readonly officialLanguages: readonly string[];
  readonly workingLanguages: readonly string[];
  /** Languages its documents are also issued in as translations that are not authentic (the SCO: English). */
  readonly translationLanguages?: readonly string[] | undefined;
  readonly tiers: readonly Tier[];
  readonly decisionRules: readonly DecisionRule[];
  /** Negotiation settings; Concord's defaults (DEFAULT_NEGOTIATION_SETTINGS) when absent. */
  readonly negotiation?: NegotiationSettings | undefined;
  readonly rotation: RotationRule;
  /** The kinds of bodies and of relations with other organizations, with their names. */
  readonly bodyKinds?: readonly NamedKind[] | undefined;
  readonly relationKinds?: readonly NamedKind[] | undefined;
  /** The stages an application for a status moves through, in order. */
  readonly accessionStages?: readonly AccessionStage[] | undefined;
  /** The calendar day the dataset is known to be current to. */
  readonly dataAsOf?: string | undefined;
  readonly values: readonly { readonly code: string; readonly names: LocalizedText }[];
  readonly valuesName: LocalizedText;
  readonly source: string;
}

export interface Source {
  readonly key: string;
  readonly title: LocalizedText;
  readonly year?: number | undefined;
  readonly url?: string | undefined;
}

export interface State {
  readonly code: string;
  readonly isoNumeric: string;
  readonly names: LocalizedText;
  readonly source: string;
}

export interface InternationalOrganization {
  readonly code: string;
  readonly names: LocalizedText;
  readonly shortNames: LocalizedText;
  /** One of the organization's relation kinds ("partner", "observer_at"…). */
  readonly relation: string;
  readonly source: string;
}

/** A kind of something the organization names itself (a kind of body, a kind of relation): its code and names. */
export interface NamedKind {
  readonly code: string;
  readonly names: LocalizedText;
}

export interface Body {
  readonly code: string;
  /** One of the organization's body kinds ("council", "meeting", "permanent"…). */
  readonly kind: string;
  /** The supreme body (its meetings are the summits). */
  readonly isSupreme?: boolean | undefined;
  readonly names: LocalizedText;
  readonly shortNames: LocalizedText;
  readonly description: LocalizedText;
  readonly seat?: LocalizedText | undefined;
  readonly order: number;
  readonly source: string;
}

export interface Decision {
  readonly id: string;
  readonly body: string;
  readonly date: string;
  readonly title: LocalizedText;
  readonly source: string;
}

export const STATUS_CHANGE_KINDS = ["admitted", "changed", "suspended", "reinstated", "left"] as const;
export type StatusChangeKind = (typeof STATUS_CHANGE_KINDS)[number];

export interface StatusChange {
  readonly id: string;
  readonly state: string;
  readonly kind: StatusChangeKind;
  /** The tier held from `date` on (kept while suspended); null once the state has left. */
  readonly tier: string | null;
  readonly date: string;
  readonly decision: string;
  readonly source: string;
  readonly reason?: LocalizedText | undefined;
  /** Set on the changes a reclassification makes (never in a dataset file): the reclassification's id. */
  readonly reclassification?: string | undefined;
}

/** "Every holder of tiers `from` holds tier `to` from `date`, by `decision`": one recorded change for all of them. */
export interface Reclassification {
  readonly id: string;
  readonly from: readonly string[];
  readonly to: string;
  readonly date: string;
  readonly decision: string;
  readonly source: string;
  readonly reason?: LocalizedText | undefined;
}

export interface AccessionStep {
  /** One of the organization's accession stages. */
  readonly stage: string;
  readonly date: string;
  readonly decision?: string | undefined;
  readonly source: string;
}

export interface Accession {
  readonly id: string;
  readonly applicant: string;
  readonly requestedTier: string;
  /** When the application was made, if the sources say. */
  readonly applied?: string | undefined;
  readonly steps: readonly AccessionStep[];
  /** How it ended; absent while in progress. */
  readonly outcome?: { readonly kind: "granted" | "withdrawn" | "refused"; readonly date: string; readonly decision?: string | undefined } | undefined;
  readonly source: string;
}

export interface Summit {
  readonly id: string;
  readonly body: string;
  readonly host: string;
  readonly city: LocalizedText;
  readonly start: string;
  readonly end?: string | undefined;
  readonly format: "in_person" | "video";
  readonly source: string;
}

export interface ChairmanshipTerm {
  readonly id: string;
  readonly state: string;
  readonly start: string;
  /** Unknown until recorded (the current term). */
  readonly end?: string | undefined;
  readonly slogan?: LocalizedText | undefined;
  readonly themedYear?: LocalizedText | undefined;
  readonly priorities?: readonly LocalizedText[] | undefined;
  readonly reportedEvents?: ReportedCount | undefined;
  readonly source: string;
}

/** How a source words a count: "more than 100", "exactly 12", "about 40". */
export const REPORTED_QUALIFIERS = ["more_than", "exactly", "about"] as const;
export type ReportedQualifier = (typeof REPORTED_QUALIFIERS)[number];

/** A count as a source reports it, kept as reported (never turned into a precise figure). */
export interface ReportedCount {
  readonly count: number;
  readonly qualifier: ReportedQualifier;
  readonly source: string;
}

export interface RotationEntry {
  readonly state: string;
  readonly inRotationFrom: string;
  /** What the member is sorted by, when not its name in the rule's language (e.g. its formal name). */
  readonly orderKey?: string | undefined;
  /** Terms the member was (or is to be) passed over for, each with the decision that passed it over. */
  readonly passedOver?: readonly { readonly term: string; readonly decision: string }[] | undefined;
  readonly source: string;
}

export interface SecretaryGeneral {
  readonly id: string;
  readonly names: LocalizedText;
  readonly state: string;
  readonly title: LocalizedText;
  readonly from: string;
  readonly to?: string | undefined;
  readonly source: string;
}

/** A whole registry: what a dataset holds, what `concord export` writes and `concord import` reads. */
export interface Registry {
  readonly organization: OrganizationProfile;
  readonly sources: readonly Source[];
  readonly states: readonly State[];
  readonly organizations: readonly InternationalOrganization[];
  readonly bodies: readonly Body[];
  readonly decisions: readonly Decision[];
  readonly membership: readonly StatusChange[];
  readonly reclassifications: readonly Reclassification[];
  readonly accessions: readonly Accession[];
  readonly summits: readonly Summit[];
  readonly chairmanship: readonly ChairmanshipTerm[];
  readonly rotation: readonly RotationEntry[];
  readonly secretariesGeneral: readonly SecretaryGeneral[];
}

export const REGISTRY_SECTIONS = [
  "organization",
  "sources",
  "states",
  "organizations",
  "bodies",
  "decisions",
  "membership",
  "reclassifications",
  "accessions",
  "summits",
  "chairmanship",
  "rotation",
  "secretariesGeneral",
] as const satisfies readonly (keyof Registry)[];
export type RegistrySection = (typeof REGISTRY_SECTIONS)[number];
