// The page a badge's QR code opens: a guard at a door, on a phone, sees at once whether the badge is valid now (in large
// type and colour, with a sign that does not rely on colour), why not, whose it is, and when it was checked.
import { Alert, Badge, Box, Button, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { BadgeVerification } from "../../../../contracts/meetings";
import { fallbackOrder } from "../../../shared/core-rules";
import { dataLanguageOf } from "../../../i18n/language";
import { useLocale } from "../../../i18n/use-locale";
import { fetchJson, isNotFound } from "../../../shared/api/fetch-json";
import { Loading, LoadError } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { displayZone, instantAt, namesInOrder, verdictOf, type Verdict } from "./verify-view";
import classes from "./VerifyPage.module.css";

function useBadgeVerification(token: string) {
  return useQuery({
    queryKey: ["badges", "verification", token],
    queryFn: ({ signal }) => fetchJson<BadgeVerification>(`/badges/${encodeURIComponent(token)}`, signal),
    // Always asked afresh: the answer is "valid now", not valid when last seen.
    staleTime: 0,
    gcTime: 0,
  });
}

export function VerifyPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const verification = useBadgeVerification(token);
  usePageTitle(t("verify.title"));

  const isUnknown = verification.isError && isNotFound(verification.error);
  return (
    <Stack gap="md" py="md" className={classes.page}>
      <Title order={1} size="h3">
        {t("verify.title")}
      </Title>
      {verification.isPending && <Loading label={t("verify.checking")} />}
      {verification.isError && !isUnknown && <LoadError onRetry={() => void verification.refetch()} />}
      {isUnknown && <VerdictBanner verdict="unknown" reason={t("verify.reason.unknown")} />}
      {verification.data && <Answer answer={verification.data} />}
      {(verification.data || isUnknown) && (
        <Button variant="default" size="md" onClick={() => void verification.refetch()} loading={verification.isFetching} data-testid="verify-again">
          {t("verify.checkAgain")}
        </Button>
      )}
    </Stack>
  );
}

function VerdictBanner({ verdict, reason }: { verdict: Verdict; reason: string | null }) {
  const { t } = useTranslation();
  const isValid = verdict === "valid";
  return (
    <Box className={classes.verdict} data-verdict={verdict} data-testid="verdict" role="status" aria-live="polite">
      <span className={classes.sign} aria-hidden="true">
        {isValid ? "✓" : "✗"}
      </span>
      <span className={classes.word}>{isValid ? t("verify.valid") : t("verify.invalid")}</span>
      {reason && (
        <Text className={classes.reason} data-testid="verdict-reason">
          {reason}
        </Text>
      )}
    </Box>
  );
}

function Answer({ answer }: { answer: BadgeVerification }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const zone = displayZone(answer.meeting.timeZone, Intl.DateTimeFormat().resolvedOptions().timeZone);
  const at = (iso: string) => instantAt(iso, locale.language, zone);
  const order = fallbackOrder(dataLanguageOf(locale.language), []);
  const names = answer.delegate ? namesInOrder(answer.delegate.name, order) : [];
  const reason =
    answer.reason === null
      ? null
      : answer.reason === "revoked" && answer.revocation
        ? t("verify.reason.revoked", { reason: t(`meetings.badges.reasons.${answer.revocation.reason}`), at: at(answer.revocation.at) })
        : t(`verify.reason.${answer.reason}`, { until: at(answer.validUntil) });
  const delegation = locale.text(answer.delegation.names) || answer.delegation.code;
  const fn = answer.delegate ? locale.text(answer.delegate.function) : "";

  return (
    <>
      <VerdictBanner verdict={verdictOf(answer)} reason={reason} />
      {answer.meeting.isDemo && (
        <Alert color="orange" variant="light" data-testid="verify-demo">
          {t("verify.demonstration")}
        </Alert>
      )}
      <Box className={classes.card}>
        {answer.delegate ? (
          <Stack gap={4}>
            <Text className={classes.name} data-testid="verify-name">
              {names[0]}
            </Text>
            {names.length > 1 && (
              <Text size="md" c="dimmed" data-testid="verify-other-names">
                {t("app.labelValue", { label: t("verify.otherNames"), value: names.slice(1).join(" · ") })}
              </Text>
            )}
            <Badge size="lg" radius="sm" variant="light" styles={{ root: { textTransform: "none", alignSelf: "flex-start" } }} data-testid="verify-rank">
              {t(`meetings.rank.${answer.delegate.rank}`)}
            </Badge>
          </Stack>
        ) : (
          <Text>{t("verify.noDelegate")}</Text>
        )}
        <dl className={classes.facts}>
          <dt>{t("verify.delegation")}</dt>
          <dd data-testid="verify-delegation">{delegation}</dd>
          {fn !== "" && (
            <>
              <dt>{t("verify.function")}</dt>
              <dd>{fn}</dd>
            </>
          )}
          <dt>{t("verify.meeting")}</dt>
          <dd>
            {locale.text(answer.meeting.title)}
            <br />
            <Text span size="sm" c="dimmed">
              {locale.dateRange(answer.meeting.startDate, answer.meeting.endDate === answer.meeting.startDate ? null : answer.meeting.endDate)}
            </Text>
          </dd>
        </dl>
        {answer.isValid && (
          <Text size="sm" data-testid="verify-valid-until">
            {t("verify.validUntil", { until: at(answer.validUntil) })}
          </Text>
        )}
        <Text size="sm" c="dimmed" data-testid="verify-checked-at">
          {t("verify.checkedAt", { at: at(answer.checkedAt) })}
        </Text>
      </Box>
      {answer.isValid && answer.delegate && <Text size="sm">{t("verify.compare")}</Text>}
    </>
  );
}
