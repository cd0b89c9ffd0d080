// The organization's bodies (councils, the CNC, the Secretariat, RATS) with what each does and where it sits, and the Secretaries-General.
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Timeline, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Body, Organization } from "../../../../contracts/registry";
import { comparePartialDates } from "../../../shared/core-rules";
import { useLocale } from "../../../i18n/use-locale";
import { LoadError, Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { useBodies, useOrganization } from "../../../shared/api/registry-queries";

/** Names for the kinds of body an organization may use without naming them itself (its dataset's `bodyKinds` come first). */
const KIND_KEYS: Readonly<Record<string, string>> = {
  council: "bodies.kindCouncil",
  meeting: "bodies.kindMeeting",
  permanent: "bodies.kindPermanent",
};

function BodyCard({ body }: { body: Body }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  const name = text(body.names);
  const shortName = text(body.shortNames);
  return (
    <Paper component="article" withBorder radius="lg" p="lg" aria-labelledby={`body-${body.code}`} data-testid="body">
      {/* The name wraps beside the badge while it keeps a readable width; on a narrow card the badge moves under it instead of out of the card. */}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs" mb="xs">
        <Title order={2} size="h4" id={`body-${body.code}`} style={{ flex: "1 1 0", minWidth: "min(100%, 14rem)" }}>
          {name}
        </Title>
        <Badge variant="light" radius="sm" styles={{ root: { textTransform: "none" } }} data-testid="body-kind">
          {body.kindNames ? text(body.kindNames) : KIND_KEYS[body.kind] ? t(KIND_KEYS[body.kind]!) : body.kind}
        </Badge>
      </Group>
      {shortName && shortName !== name && (
        <Text size="sm" fw={600} c="navy.7" mb="xs">
          {shortName}
        </Text>
      )}
      <Text size="sm">{text(body.description)}</Text>
      {body.seat && (
        <Text size="sm" c="dimmed" mt="sm">
          <Text span fw={600} c="gray.7">
            {t("app.label", { label: t("bodies.seat") })}
          </Text>{" "}
          {text(body.seat)}
        </Text>
      )}
    </Paper>
  );
}

function SecretariesGeneral({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const { text, date } = useLocale();
  const people = [...organization.secretariesGeneral].sort((a, b) => comparePartialDates(b.from, a.from));
  if (people.length === 0) return null;
  return (
    <Paper component="section" aria-labelledby="sg-heading" withBorder radius="lg" p="lg">
      <Title order={2} size="h3" id="sg-heading" mb="md">
        {t("bodies.secretariesGeneralHeading")}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={0}>
        {people.map((person) => (
          <Timeline.Item key={person.id} title={`${text(person.names)} (${text(person.state.names)})`}>
            <Text size="sm" c="dimmed">
              {t("app.dateRange", { start: date(person.from), end: person.to ? date(person.to) : t("bodies.present") })}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

export function BodiesPage() {
  const { t } = useTranslation();
  const bodies = useBodies();
  const organization = useOrganization();
  usePageTitle(t("bodies.title"));
  return (
    <Stack gap="xl">
      <div>
        <Title order={1}>{t("bodies.title")}</Title>
        <Text c="dimmed" mt="xs">
          {t("bodies.intro")}
        </Text>
      </div>
      {bodies.isError ? (
        <LoadError onRetry={() => void bodies.refetch()} />
      ) : !bodies.data ? (
        <Loading />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          {bodies.data.items.map((body) => (
            <BodyCard key={body.code} body={body} />
          ))}
        </SimpleGrid>
      )}
      {organization.data && <SecretariesGeneral organization={organization.data} />}
    </Stack>
  );
}
