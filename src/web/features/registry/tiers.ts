// The organization's standing tiers (member, partner, observer…) as the data defines them, each with a map colour by position,
// the tiers in force on a day, and a tier's name after a count in the reader's language.
import type { Organization, Tier } from "../../../contracts/registry";
import { isTierInForce } from "../../shared/core-rules";

/** Colours given to tiers in the organization's own order, so no tier is singled out by name in the UI. */
const TIER_COLOURS = ["#17427c", "#3f8fc4", "#d98e2b", "#7b5ea7", "#4f8a5b"] as const;
export const NO_STATUS_COLOUR = "#e3e8ef";

export interface TierView {
  readonly code: string;
  readonly tier: Tier;
  readonly colour: string;
}

/** The tiers a state holds between meetings (guests, invited per meeting, are not among them). */
export function standingTiers(organization: Organization): TierView[] {
  return organization.tiers
    .filter((tier) => tier.isStanding)
    .map((tier, index) => ({ code: tier.code, tier, colour: TIER_COLOURS[index % TIER_COLOURS.length] ?? NO_STATUS_COLOUR }));
}

export function findTier(organization: Organization, code: string | null): Tier | undefined {
  return code === null ? undefined : organization.tiers.find((tier) => tier.code === code);
}

/** The standing tiers in force on `day` (a retired tier is not shown after its retirement, a new one not before it). */
export function standingTiersOn(organization: Organization, day: string): TierView[] {
  return standingTiers(organization).filter((view) => isTierInForce(view.tier, day));
}

/**
 * The tier's name after the number `count` ("10 member states", «10 государств-членов», "10 个成员国"), from the plural forms
 * the dataset gives for the reader's data language; the tier's name when it gives none.
 */
export function tierCountName(tier: Tier, count: number, uiLanguage: string, dataLanguage: string, name: string): string {
  const forms = tier.countNames?.[dataLanguage];
  if (!forms) return name;
  const category = new Intl.PluralRules(uiLanguage).select(count);
  return forms[category] ?? forms.other ?? name;
}
