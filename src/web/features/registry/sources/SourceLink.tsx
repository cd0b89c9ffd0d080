// Citing a source where a fact is shown: a link to the source's entry in the page's footer (which opens there), by its title.
import { Anchor, Text } from "@mantine/core";
import { Trans, useTranslation } from "react-i18next";
import { useLocale } from "../../../i18n/use-locale";
import { sourceAnchor } from "./source-text";
import { useOrganization } from "../../../shared/api/registry-queries";

export function SourceLink({ sourceKey }: { sourceKey: string }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  const source = useOrganization().data?.sources.find((candidate) => candidate.key === sourceKey);
  return (
    <Text size="xs" c="dimmed" mt={2} data-testid="source-citation">
      <Trans
        i18nKey="app.labelElement"
        values={{ label: t("sources.cited") }}
        components={{
          value: (
            <Anchor href={`#${sourceAnchor(sourceKey)}`} size="xs">
              {source ? text(source.title) : sourceKey}
            </Anchor>
          ),
        }}
      />
    </Text>
  );
}
