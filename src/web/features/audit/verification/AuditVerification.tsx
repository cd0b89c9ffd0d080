// Verifying the audit trail on demand (a secretariat right, audit.verify): the server recomputes every hash and link; the reader sees whether the chain holds or where it first breaks and why, the head it reached, and when.
import { Alert, Button, Code, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useMemo } from "react";
import { Trans, useTranslation } from "react-i18next";
import { AuditVerificationSchema, type AuditVerification as Verification } from "../../../../contracts/identity";
import { formatInstant, localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { fetchJson } from "../../../shared/api/fetch-json";
import { FormProblem } from "../../../shared/forms/FormProblem";
import classes from "./AuditVerification.module.css";

function useVerifyAuditTrail() {
  return useMutation({
    mutationFn: async () => AuditVerificationSchema.parse(await fetchJson<unknown>("/audit/verification")),
  });
}

function Verdict({ result }: { result: Verification }) {
  const { t } = useTranslation();
  const { count } = useLocale();
  if (result.broken) {
    return (
      <Alert color="red" variant="light" role="alert" title={t("system.broken", { seq: result.broken.seq })} data-testid="audit-broken">
        <Text size="sm">{t(`system.reasons.${result.broken.reason}`)}</Text>
        <Text size="sm" mt={4}>
          <Trans i18nKey="app.labelElement" values={{ label: t("system.brokenEvent") }} components={{ value: <Code className={classes.hash}>{result.broken.id}</Code> }} />
        </Text>
      </Alert>
    );
  }
  if (result.events === 0) {
    return (
      <Alert color="gray" variant="light" role="status" data-testid="audit-holds">
        {t("system.noEvents")}
      </Alert>
    );
  }
  return (
    <Alert color="teal" variant="light" role="status" data-testid="audit-holds">
      {t("system.holds", { count: result.events, total: count(result.events) })}
    </Alert>
  );
}

function Result({ result }: { result: Verification }) {
  const { t } = useTranslation();
  const { language, count } = useLocale();
  const timeZone = useMemo(() => localTimeZone(), []);
  return (
    <Stack gap="sm" data-testid="audit-verification">
      <Verdict result={result} />
      <dl className={classes.facts}>
        <dt>{t("system.eventsChecked")}</dt>
        <dd data-testid="audit-events">{count(result.events)}</dd>
        {result.head && (
          <>
            <dt>{t("system.head")}</dt>
            <dd data-testid="audit-head-seq">{t("system.headSeq", { seq: result.head.seq })}</dd>
            <dt>{t("system.headHash")}</dt>
            <dd>
              <Code className={classes.hash} data-testid="audit-head-hash">
                {result.head.hash}
              </Code>
            </dd>
          </>
        )}
        <dt>{t("system.verifiedAt")}</dt>
        <dd>
          <time dateTime={result.verifiedAt} data-testid="audit-verified-at">
            {/* The formatted time already names UTC; another zone is also named by its IANA name (Asia/Almaty). */}
            {timeZone === "UTC" ? formatInstant(result.verifiedAt, language, timeZone) : t("system.verifiedAtValue", { time: formatInstant(result.verifiedAt, language, timeZone), zone: timeZone })}
          </time>
        </dd>
      </dl>
    </Stack>
  );
}

export function AuditVerification() {
  const { t } = useTranslation();
  const verify = useVerifyAuditTrail();
  return (
    <Paper component="section" aria-labelledby="audit-verification-heading" withBorder radius="lg" p="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id="audit-verification-heading">
          {t("system.verifyHeading")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("system.verifyBody")}
        </Text>
        <div>
          <Button onClick={() => verify.mutate()} loading={verify.isPending} variant={verify.data ? "default" : "filled"} data-testid="verify-audit">
            {verify.data ? t("system.verifyAgain") : t("system.verifyButton")}
          </Button>
        </div>
        {verify.isError && <FormProblem error={verify.error} />}
        {verify.data && <Result result={verify.data} />}
      </Stack>
    </Paper>
  );
}
