// The portal's front page: the organization, membership replayed on a map, the current chair, latest and next summits, the Shanghai Spirit.
import { Anchor, Badge, Grid, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { Chairmanship, Organization, SummitList } from "../../../../contracts/registry";
import { comparePartialDates } from "../../../shared/core-rules";
import { todayUtc } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { LoadError, Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { MembershipReplay } from "./MembershipReplay";
import classes from "./Overview.module.css";
import { useBodies, useChairmanship, useOrganization, useSummits } from "../../../shared/api/registry-queries";

function CurrentChair({ chairmanship }: { chairmanship: Chairmanship | undefined }) {
  const { t } = useTranslation();
  const { text, termRange } = useLocale();
  const term = chairmanship?.items.find((item) => item.id === chairmanship.current);
  return (
    <Paper component="section" aria-labelledby="chair-heading" withBorder p="lg" radius="lg" className={classes.card}>
      <Title order={2} size="h4" id="chair-heading" mb="sm">
        {t("overview.chairHeading")}
      </Title>
      {!chairmanship ? (
        <Loading />
      ) : !term ? (
        <Text c="dimmed">{t("overview.noChair")}</Text>
      ) : (
        <Stack gap="xs" data-testid="current-chair">
          <Group gap="xs">
            <Anchor component={Link} to={`/states/${term.state.code}`} fw={650} size="lg">
              {text(term.state.names)}
            </Anchor>
            <Badge variant="light">{t("app.current")}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t("overview.chairTerm", { dates: termRange(term.start, term.end) })}
          </Text>
          {term.slogan ? (
            <Text component="blockquote" className={classes.slogan} m={0} data-testid="chair-slogan">
              {text(term.slogan)}
            </Text>
          ) : (
            <Text c="dimmed" fs="italic" size="sm">
              {t("overview.noSlogan")}
            </Text>
          )}
          <Anchor component={Link} to="/chairmanship" size="sm" mt="xs">
            {t("overview.allTerms")}
              <span aria-hidden="true"> →</span>
          </Anchor>
        </Stack>
      )}
    </Paper>
  );
}

function LatestAndNextSummit({ summits }: { summits: SummitList | undefined }) {
  const { t } = useTranslation();
  const { text, dateRange } = useLocale();
  const supreme = useBodies().data?.items.find((body) => body.isSupreme);
  const latest = useMemo(
    () => [...(summits?.items ?? [])].sort((a, b) => comparePartialDates(a.start, b.start)).at(-1),
    [summits],
  );
  return (
    <Paper component="section" aria-labelledby="summits-heading" withBorder p="lg" radius="lg" className={classes.card}>
      <Title order={2} size="h4" id="summits-heading" mb={supreme ? 0 : "sm"}>
        {t("overview.summitsHeading")}
      </Title>
      {/* The meetings of the organization's supreme body, named as the organization names it. */}
      {supreme && (
        <Text size="sm" c="dimmed" mb="sm" data-testid="supreme-body">
          {text(supreme.names)}
        </Text>
      )}
      {!summits ? (
        <Loading />
      ) : (
        <Stack gap="md">
          <div data-testid="latest-summit">
            <Text size="xs" tt="uppercase" fw={600} c="dimmed" mb={2}>
              {t("overview.latestSummit")}
            </Text>
            {latest ? (
              <>
                <Text fw={650} size="lg">
                  {text(latest.city)}, {text(latest.host.names)}
                </Text>
                <Text size="sm" c="dimmed">
                  {dateRange(latest.start, latest.end)}
                </Text>
              </>
            ) : (
              <Text c="dimmed">{t("overview.noSummits")}</Text>
            )}
          </div>
          {summits.next && (
            <div className={classes.projected} style={{ borderRadius: 8, padding: "0.75rem 0.9rem" }} data-testid="next-summit">
              <Group gap="xs" mb={2}>
                <Text size="xs" tt="uppercase" fw={600} c="dimmed">
                  {t("overview.nextSummit")}
                </Text>
                <Badge size="sm" variant="outline" color="gray">
                  {t("app.projected")}
                </Badge>
              </Group>
              <Text fw={600}>
                {t("overview.nextSummitBody", { year: String(summits.next.year), host: text(summits.next.host.names) })}
              </Text>
              <Text size="xs" c="dimmed">
                {t("overview.projectedNote")}
              </Text>
            </div>
          )}
          <Anchor component={Link} to="/summits" size="sm">
            {t("overview.allSummits")}
              <span aria-hidden="true"> →</span>
          </Anchor>
        </Stack>
      )}
    </Paper>
  );
}

/** Data text written to stand inside a sentence ("the Shanghai Spirit") starts with a capital when it heads a section. */
function asHeading(value: string, language: string): string {
  return value.charAt(0).toLocaleUpperCase(language) + value.slice(1);
}

function ShanghaiSpirit({ organization }: { organization: Organization }) {
  const { text, language } = useLocale();
  return (
    <section aria-labelledby="values-heading">
      <Title order={2} size="h4" id="values-heading" mb="sm">
        {asHeading(text(organization.valuesName), language)}
      </Title>
      <ol className={classes.values} data-testid="values">
        {organization.values.map((value) => (
          <li key={value.code}>{text(value.names)}</li>
        ))}
      </ol>
    </section>
  );
}

/**
 * "Official languages: Chinese, Russian" (or official and working ones apart, when they differ), and the languages its
 * texts are also issued in as translations when it has any, named in the reader's language.
 */
function languagesLine(org: Organization, language: string, t: TFunction): string {
  const names = new Intl.DisplayNames([language], { type: "language" });
  const list = (codes: readonly string[]) => new Intl.ListFormat(language, { type: "conjunction" }).format(codes.map((code) => names.of(code) ?? code));
  const same = org.officialLanguages.length === org.workingLanguages.length && org.officialLanguages.every((code) => org.workingLanguages.includes(code));
  const line = same
    ? t("overview.languagesSame", { count: org.officialLanguages.length, languages: list(org.officialLanguages) })
    : t("overview.languages", { official: list(org.officialLanguages), working: list(org.workingLanguages) });
  return org.translationLanguages.length > 0 ? t("overview.languagesWithTranslations", { line, languages: list(org.translationLanguages) }) : line;
}

/** A calendar day in the address (?on=YYYY-MM-DD), if it is one. */
const dayParam = (value: string | null): string | null => (value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

export function OverviewPage() {
  const { t } = useTranslation();
  const { text, date, language } = useLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  const onDayChange = useCallback(
    (day: string | null) => {
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        if (day === null) next.delete("on");
        else next.set("on", day);
        return next.toString() === current.toString() ? current : next;
      }, { replace: true });
    },
    [setSearchParams],
  );
  const organization = useOrganization();
  const chairmanship = useChairmanship();
  const summits = useSummits();
  const today = useMemo(() => todayUtc(), []);
  usePageTitle(t("nav.overview"));

  if (organization.isError) return <LoadError onRetry={() => void organization.refetch()} />;
  if (!organization.data) return <Loading />;
  const org = organization.data;

  return (
    <Stack gap="xl">
      <header className={classes.hero}>
        <Text className={classes.eyebrow}>{text(org.shortNames)}</Text>
        <Title order={1} mt={4} data-testid="page-title">
          {text(org.names)}
        </Title>
        <Text c="dimmed" mt="xs">
          {t("overview.founded", { date: date(org.founded) })}
        </Text>
        <Text c="dimmed" size="sm" mt={4} data-testid="organization-languages">
          {languagesLine(org, language, t)}
        </Text>
        {org.dataAsOf !== undefined && (
          <Text c="dimmed" size="sm" mt={4} data-testid="overview-data-as-of">
            {t("overview.dataAsOf", { date: date(org.dataAsOf) })}
          </Text>
        )}
      </header>

      <MembershipReplay organization={org} today={today} initialDay={dayParam(searchParams.get("on"))} onDayChange={onDayChange} />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          {chairmanship.isError ? <LoadError onRetry={() => void chairmanship.refetch()} /> : <CurrentChair chairmanship={chairmanship.data} />}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          {summits.isError ? <LoadError onRetry={() => void summits.refetch()} /> : <LatestAndNextSummit summits={summits.data} />}
        </Grid.Col>
      </Grid>

      <ShanghaiSpirit organization={org} />

      <Anchor component={Link} to="/states">
        {t("overview.allStates")}
              <span aria-hidden="true"> →</span>
      </Anchor>
    </Stack>
  );
}
