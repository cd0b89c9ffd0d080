// A state's tier shown as a coloured badge, named in the reader's language from the organization's own data.
import { Badge } from "@mantine/core";
import type { Organization } from "../../../../contracts/registry";
import { useLocale } from "../../../i18n/use-locale";
import { findTier, standingTiers } from "../tiers";

export function TierBadge({ organization, code }: { organization: Organization; code: string }) {
  const { text } = useLocale();
  const tier = findTier(organization, code);
  const colour = standingTiers(organization).find((view) => view.code === code)?.colour ?? "gray";
  return (
    // The dot carries the tier's map colour; the text stays dark, so pale tier colours never hurt legibility. Like every badge
    // (see the theme) it wraps only where its box is too narrow; a table cell keeps it to one line.
    <Badge color={colour} variant="dot" radius="sm" size="md" styles={{
        root: { textTransform: "none", color: "var(--mantine-color-gray-9)", minHeight: 22, paddingBlock: 2 },
      }}>
      {tier ? text(tier.names) : code}
    </Badge>
  );
}
