// A document's revision history (/negotiation/:id/history): any two revisions compared side by side or inline in any of
// its languages, what the later one did with each proposal, and brackets and open provisions per revision on a chart.
import { Anchor, Box, Group, List, NativeSelect, Paper, SegmentedControl, Skeleton, Stack, Switch, Text, Title } from "@mantine/core";
import { Suspense, lazy, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { ProposalDto } from "../../../../contracts/negotiation";
import { dataLanguageOf } from "../../../i18n/language";
import { useLocale } from "../../../i18n/use-locale";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { ErrorBoundary } from "../../../shared/ErrorBoundary";
import { Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import classes from "../Negotiation.module.css";
import { languageName, pickText, revisionLabel } from "../negotiation-format";
import { useDiff, useDocument, useRevision } from "../negotiation-queries";
import { useDocumentLive } from "../use-negotiation-live";
import { DiffView, type DiffMode } from "./DiffView";
import { defaultComparison, historySeries, orderedPair } from "./history-view";

const HistoryChart = lazy(() => import("./HistoryChart"));

/** Each result's key part in `negotiation.outcomes` ("withdrawn", "superseded": the chair's, as older revisions recorded it). */
const OUTCOME_KEYS: Readonly<Record<string, string>> = {
  applied: "applied",
  bracketed: "bracketed",
  "not-retained": "notRetained",
  merged: "merged",
  withdrawn: "withdrawn",
  superseded: "superseded",
  carried: "carried",
  colliding: "colliding",
};

function Outcomes({ id, revision, proposals }: { id: string; revision: number; proposals: readonly ProposalDto[] }) {
  const { t } = useTranslation();
  const query = useRevision(id, revision > 0 ? revision : null);
  if (revision === 0 || !query.data || query.data.outcomes.length === 0) return null;
  // A merged proposal names the one it went into, when the document still has it.
  const mergedInto = (proposal: string) => {
    const into = proposals.find((item) => item.id === proposal)?.handling?.into;
    return into !== undefined ? proposals.find((item) => item.id === into)?.label : undefined;
  };
  const result = (outcome: { proposal: string; result: string }) => {
    const into = outcome.result === "merged" ? mergedInto(outcome.proposal) : undefined;
    if (into !== undefined) return t("negotiation.outcomes.mergedInto", { label: into });
    const key = OUTCOME_KEYS[outcome.result];
    return key ? t(`negotiation.outcomes.${key}`) : outcome.result;
  };
  return (
    <Paper withBorder radius="lg" p={{ base: "sm", sm: "md" }} component="section" aria-labelledby="outcomes-heading">
      <Title order={2} size="h4" id="outcomes-heading" mb="xs">
        {t("negotiation.history.outcomes", { revision: revisionLabel(revision, t) })}
      </Title>
      <List size="sm" spacing={2} data-testid="outcomes">
        {query.data.outcomes.map((outcome) => (
          <List.Item key={outcome.proposal} data-result={outcome.result}>
            {t("app.labelValue", { label: outcome.label, value: result(outcome) })}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

function Chart({ series }: { series: ReturnType<typeof historySeries> }) {
  const { t } = useTranslation();
  const label = useCallback((revision: number) => revisionLabel(revision, t), [t]);
  const summary = series.revisions.map((revision, index) => t("negotiation.history.chartPoint", { revision: label(revision), brackets: series.brackets[index], open: series.open[index] })).join("; ");
  return (
    <Paper withBorder radius="lg" p={{ base: "sm", sm: "md" }} component="section" aria-labelledby="chart-heading">
      <Title order={2} size="h4" id="chart-heading" mb="xs">
        {t("negotiation.history.chartTitle")}
      </Title>
      <Box className={classes.chart}>
        <ErrorBoundary fallback={<Text c="dimmed">{t("negotiation.history.chartError")}</Text>}>
          <Suspense fallback={<Skeleton h="100%" w="100%" />}>
            <HistoryChart series={series} revisionLabel={label} bracketsLabel={t("negotiation.history.brackets")} openLabel={t("negotiation.history.open")} label={summary} />
          </Suspense>
        </ErrorBoundary>
      </Box>
    </Paper>
  );
}

export function HistoryPage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { id = "" } = useParams();
  const document = useDocument(id);
  useDocumentLive(id);
  const data = document.data;
  const title = data ? pickText(data.title, dataLanguageOf(language), data.baseLanguage) : "";
  usePageTitle(data ? t("negotiation.history.pageTitle", { title }) : t("negotiation.history.title"));

  const revisions = useMemo(() => (data ? Array.from({ length: data.revision + 1 }, (_, index) => index) : []), [data]);
  const fallback = defaultComparison(revisions);
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  const pair = picked ?? fallback;
  const [diffLanguage, setDiffLanguage] = useState<string | null>(null);
  const [mode, setMode] = useState<DiffMode>("side");
  const [showUnchanged, setShowUnchanged] = useState(false);
  const diff = useDiff(id, data ? pair : null);
  const series = useMemo(() => historySeries(data?.history ?? []), [data]);

  if (document.isError) return <QueryProblem error={document.error} onRetry={() => void document.refetch()} />;
  if (!data) return <Loading />;
  const shownLanguage = diffLanguage ?? data.baseLanguage;
  const options = revisions.map((revision) => ({ value: String(revision), label: revisionLabel(revision, t) }));
  const languages = [data.baseLanguage, ...data.languages.filter((code) => code !== data.baseLanguage)];

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={`/negotiation/${encodeURIComponent(id)}`} size="sm">
          <span aria-hidden="true">← </span>
          {title}
        </Anchor>
        <Title order={1} fz={{ base: "1.6rem", sm: "2rem" }}>
          {t("negotiation.history.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("negotiation.history.intro")}
        </Text>
      </Stack>

      {series.revisions.length > 0 && <Chart series={series} />}

      <Paper withBorder radius="lg" p={{ base: "sm", sm: "md" }} component="section" aria-labelledby="compare-heading">
        <Title order={2} size="h4" id="compare-heading" mb="sm">
          {t("negotiation.history.compare")}
        </Title>
        <div className={classes.toolbar}>
          <Group gap="sm" wrap="nowrap">
            <NativeSelect
              label={t("negotiation.history.from")}
              data={options}
              value={String(pair.from)}
              onChange={(event) => setPicked(orderedPair(Number(event.currentTarget.value), pair.to))}
              data-testid="diff-from"
            />
            <NativeSelect
              label={t("negotiation.history.to")}
              data={options}
              value={String(pair.to)}
              onChange={(event) => setPicked(orderedPair(pair.from, Number(event.currentTarget.value)))}
              data-testid="diff-to"
            />
          </Group>
          <NativeSelect
            label={t("negotiation.history.language")}
            data={languages.map((code) => ({ value: code, label: languageName(code, language, "label") }))}
            value={shownLanguage}
            onChange={(event) => setDiffLanguage(event.currentTarget.value)}
          />
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value as DiffMode)}
            data={[
              { value: "side", label: t("negotiation.history.sideBySide") },
              { value: "inline", label: t("negotiation.history.inline") },
            ]}
            aria-label={t("negotiation.history.layout")}
            data-testid="diff-mode"
          />
          <Switch label={t("negotiation.history.showUnchanged")} checked={showUnchanged} onChange={(event) => setShowUnchanged(event.currentTarget.checked)} />
        </div>
      </Paper>

      {diff.isError ? (
        <QueryProblem error={diff.error} onRetry={() => void diff.refetch()} />
      ) : !diff.data ? (
        <Loading />
      ) : (
        <DiffView diff={diff.data} language={shownLanguage} mode={mode} showUnchanged={showUnchanged} />
      )}

      <Outcomes id={id} revision={pair.to} proposals={data.proposals} />
    </Stack>
  );
}
