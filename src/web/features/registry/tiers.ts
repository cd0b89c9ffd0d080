// The organization's standing tiers (member, observer, dialogue partner…) as the data defines them, each with a map colour by position.
import type { Organization, Tier } from "../../../contracts/registry";

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
