// Sign-in: email and password (or the organization's single sign-on), one message for every failure, a countdown when paused; then back to where the reader was headed.
// A field the browser's check or the server refuses is marked under it, and the message above names the fields marked.
import { Alert, Anchor, Button, Code, Divider, List, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { Trans, useTranslation } from "react-i18next";
import { Link, Navigate, useSearchParams } from "react-router";
import { SignInBody } from "../../../../contracts/identity";
import { hasProblemCode } from "../../../shared/api/fetch-json";
import { LoadError, Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { isSignedIn, safeNextPath } from "../../../shared/access/access-rules";
import { PasswordField } from "../../../shared/forms/PasswordField";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { useSignIn } from "../../../shared/session/session-mutations";
import { useSession } from "../../../shared/session/session-query";
import { useDemoSignIn } from "../identity-queries";
import { useCountdown } from "./use-countdown";

/**
 * While demo accounts still have the demo password, how to sign in with them (the terminal says it too, but a newcomer
 * opening the page may not have seen it); nothing once none has, or when they are off.
 */
function DemoAccountsNote() {
  const { t } = useTranslation();
  const demo = useDemoSignIn().data?.demo;
  if (!demo) return null;
  // An email stays on one line; the sentence around it wraps.
  const code = <Code style={{ whiteSpace: "nowrap" }} />;
  return (
    <Alert color="yellow" variant="light" title={t("signIn.demo.title")} data-testid="demo-accounts">
      <Stack gap={6}>
        <Text size="sm">{t("signIn.demo.intro")}</Text>
        <List size="sm" spacing={4}>
          {demo.administrator && (
            <List.Item>
              <Trans i18nKey="signIn.demo.administrator" values={{ email: demo.administrator }} components={{ code }} />
            </List.Item>
          )}
          {demo.heads && (
            <List.Item>
              <Trans
                i18nKey="signIn.demo.heads"
                values={{ pattern: demo.heads.pattern.replace("{code}", t("signIn.demo.code")), example: demo.heads.example }}
                components={{ code }}
              />
            </List.Item>
          )}
        </List>
        <Text size="sm">
          <Trans i18nKey="signIn.demo.password" values={{ password: demo.password }} components={{ code }} />
        </Text>
      </Stack>
    </Alert>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t("signIn.title"));
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const signIn = useSignIn();
  const { form, body, showServerErrors } = useContractForm({
    schema: SignInBody,
    initialValues: { email: "", password: "" },
    toBody: (values) => values,
  });
  const { secondsLeft, start: startPause } = useCountdown();
  const isPaused = secondsLeft > 0;

  if (session.isError) return <LoadError onRetry={() => void session.refetch()} />;
  if (!session.data) return <Loading />;
  if (isSignedIn(session.data)) return <Navigate to={next} replace />;
  const singleSignOn = session.data.singleSignOn;

  const submit = form.onSubmit(
    (values) => {
      if (isPaused) return;
      signIn.mutate(body(values), {
        onError: (error) => {
          // Never leave a refused password on screen; the message above says what happened.
          form.setFieldValue("password", "");
          showServerErrors(error);
          if (hasProblemCode(error, "sign-in-paused")) startPause(error.retryAfterSeconds ?? 1);
        },
      });
    },
    // Refused before sending: an earlier answer no longer describes the form.
    () => signIn.reset(),
  );

  const error = signIn.error;
  const isPausedError = hasProblemCode(error, "sign-in-paused");

  return (
    <Paper withBorder radius="lg" p={{ base: "lg", sm: "xl" }} maw={440} mx="auto" mt={{ base: 0, sm: "lg" }}>
      <Stack gap="md">
        <div>
          <Title order={1}>{t("signIn.title")}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t("signIn.intro")}
          </Text>
        </div>

        <DemoAccountsNote />

        {params.get("sso") === "failed" && !error && (
          <Alert color="red" variant="light" role="alert" data-testid="sso-failed">
            {t("signIn.singleSignOnFailed")}
          </Alert>
        )}
        {!isPausedError && (
          <FormProblem error={error} form={form} labels={{ email: t("signIn.email"), password: t("signIn.password") }} testId="sign-in-error" />
        )}
        <FormLevelError form={form} />
        {isPausedError && isPaused && (
          <Alert color="orange" variant="light" role="alert" data-testid="sign-in-paused">
            {t("problems.codes.sign-in-paused", { seconds: secondsLeft })}
          </Alert>
        )}

        <form onSubmit={submit} noValidate aria-labelledby="sign-in-form-title">
          <Stack gap="sm">
            <Text id="sign-in-form-title" fw={600} size="sm">
              {t("signIn.withPassword")}
            </Text>
            <TextInput
              label={t("signIn.email")}
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              required
              {...form.getInputProps("email")}
            />
            <PasswordField
              label={t("signIn.password")}
              name="password"
              autoComplete="current-password"
              required
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={signIn.isPending} disabled={isPaused} fullWidth mt="xs">
              {t("signIn.submit")}
            </Button>
          </Stack>
        </form>

        {singleSignOn.enabled && (
          <>
            <Divider label={t("signIn.or")} labelPosition="center" />
            {/* A full page navigation: the server redirects to the identity provider. */}
            <Button component="a" href="/api/v1/sso/login" variant="default" fullWidth data-testid="single-sign-on">
              {t("signIn.singleSignOn", { name: singleSignOn.name ?? t("signIn.singleSignOnDefaultName") })}
            </Button>
          </>
        )}

        <Anchor component={Link} to="/" size="sm">
          {t("signIn.backToPortal")}
        </Anchor>
      </Stack>
    </Paper>
  );
}
