// The organization's registry as plain data: the shape every dataset, the database and the API agree on.
import type { LocalizedText } from "./localized-text.js";

export const RIGHTS = ["attend", "speak", "circulateStatements", "propose", "object", "chair", "seeDrafts"] as const;
export type Right = (typeof RIGHTS)[number];
export type Rights = Readonly<Record<Right, boolean>>;

export interface Tier {
  readonly code: string;
  readonly names: LocalizedText;
  /** Whether holders of this tier are counted among the parties whose status is shown (guests are per meeting). */
  readonly isStanding: boolean;
  readonly rights: Rights;
  readonly source: string;
}

export interface DecisionRule {
  readonly code: "consensus" | "consensus_minus_one";
  readonly names: LocalizedText;
  readonly appliesTo: LocalizedText;
  readonly source: string;
}

export interface RotationRule {
  /** Members chair in the alphabetical order of their names in this language. */
  readonly orderLanguage: "zh" | "ru" | "en";
  readonly termYears: number;
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
  readonly tiers: readonly Tier[];
  readonly decisionRules: readonly DecisionRule[];
  readonly rotation: RotationRule;
  readonly values: readonly { readonly code: string; readonly names: LocalizedText }[];
  readonly valuesName: LocalizedText;
  readonly source: string;
}

export interface Source {
  readonly key: string;
  readonly title: LocalizedText;
  readonly year?: number | undefined;
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
  readonly relation: "partner";
  readonly source: string;
}

export interface Body {
  readonly code: string;
  readonly kind: "council" | "meeting" | "permanent";
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

export type StatusChangeKind = "admitted" | "changed" | "left";

export interface StatusChange {
  readonly id: string;
  readonly state: string;
  readonly kind: StatusChangeKind;
  /** The tier held from `date` on; null once the state has left. */
  readonly tier: string | null;
  readonly date: string;
  readonly decision: string;
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
  readonly source: string;
}

export interface RotationEntry {
  readonly state: string;
  readonly inRotationFrom: string;
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
  "summits",
  "chairmanship",
  "rotation",
  "secretariesGeneral",
] as const satisfies readonly (keyof Registry)[];
export type RegistrySection = (typeof REGISTRY_SECTIONS)[number];
