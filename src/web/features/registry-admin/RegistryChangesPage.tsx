// /admin/registry: the secretariat records changes to the registry. Changes are gathered into a set (a form per kind of
// record, a correction starting from the record as it is, or a change file), then recorded together with a reason in one
// transaction: a tier retired with the reclassification of its holders is one consistent step.
import { Alert, Badge, Button, FileButton, Group, List, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RECORD_SCHEMAS, RegistryChangesFileSchema, type RegistryChangeInput, type RegistryChangesResult, type RegistryHistory } from "../../../contracts/registry-changes";
import { applyRegistryChanges, recordKey, RECORD_KEYS, type RegistryTarget, type Registry } from "../../shared/core-rules";
import type { SignedInSession } from "../../shared/access/access-rules";
import { AccessGate } from "../../shared/access/AccessGate";
import { ADMIN_REGISTRY_ACCESS } from "../../shared/access/page-access";
import { AdminHeader } from "../../shared/admin/AdminHeader";
import { ApiProblem, fetchJson } from "../../shared/api/fetch-json";
import { fieldMessage } from "../../shared/api/problem-message";
import { schemaMessages } from "../../shared/forms/contract-form";
import { FormProblem } from "../../shared/forms/FormProblem";
import { LoadError, Loading } from "../../shared/QueryFeedback";
import { useSend } from "../../shared/session/use-send";
import { usePageTitle } from "../../shared/use-page-title";
import { useLocale } from "../../i18n/use-locale";
import { ChangeEditor, type FieldErrors } from "./ChangeEditor";
import { emptyValues, FORM_TARGETS, isJsonTarget, JSON_TARGETS, recordLanguages, recordOf, recordOfJson, valuesOf, type FormTarget, type FormValues } from "./change-forms";

/** What a new record written as JSON starts from: its fields, to be filled in. */
const JSON_TEMPLATES: Readonly<Record<(typeof JSON_TARGETS)[number], object>> = {
  accessions: { id: "", applicant: "", requestedTier: "member", steps: [{ stage: "", date: "", decision: "", source: "" }], source: "" },
  rotation: { state: "", inRotationFrom: "", source: "" },
  organization: {},
};

const bundleQuery = { queryKey: ["registry", "bundle"], queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<Registry>("/registry/export", signal) };
const historyQuery = { queryKey: ["registry", "history"], queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<RegistryHistory>("/registry/history", signal) };

/** The records of a target in a registry (the organization's tiers for "tiers"). */
function recordsOf(registry: Registry, target: RegistryTarget): Record<string, unknown>[] {
  if (target === "tiers") return registry.organization.tiers as unknown as Record<string, unknown>[];
  if (target === "organization") return [registry.organization as unknown as Record<string, unknown>];
  return registry[target] as unknown as Record<string, unknown>[];
}

/** Server field errors of a set of changes, by change index: "body.changes.3.record.tier" → 3 → "tier". */
function errorsByChange(error: unknown): Map<number, { field: string; code: string; message: string }[]> {
  const byChange = new Map<number, { field: string; code: string; message: string }[]>();
  if (!(error instanceof ApiProblem)) return byChange;
  for (const e of error.problem?.errors ?? []) {
    const match = /^body\.changes\.(\d+)\.(?:record\.)?(.*)$/.exec(e.field);
    const index = match ? Number(match[1]) : -1;
    byChange.set(index, [...(byChange.get(index) ?? []), { field: match ? match[2]! : e.field, code: e.code, message: e.message }]);
  }
  return byChange;
}

const NEW = "__new__";

/** The earlier values that corrections replaced, newest first: what each record said before, and why it was changed. */
function EarlierValues({ history }: { history: RegistryHistory }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  // In UTC, said so (dateStyle and timeZoneName do not combine in Intl).
  const format = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <Paper component="section" withBorder radius="lg" p="lg" aria-labelledby="earlier-heading">
      <Title order={2} size="h3" id="earlier-heading" mb="xs">
        {t("registryAdmin.earlierHeading")}
      </Title>
      {history.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("registryAdmin.earlierNone")}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="earlier-values">
          {history.items.slice(0, 20).map((item) => (
            <details key={item.id}>
              <summary>
                <Text span fw={600}>
                  {t(`registryAdmin.targets.${item.put}`, { defaultValue: item.put })}
                </Text>{" "}
                <Text span ff="monospace" size="sm">
                  {item.key}
                </Text>{" "}
                <Text span size="sm" c="dimmed">
                  {format.format(new Date(item.replacedAt))} UTC · {item.reason}
                </Text>
              </summary>
              <Text component="pre" size="xs" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                {JSON.stringify(item.previous, null, 2)}
              </Text>
            </details>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function Changes({ session, base, position, history }: { session: SignedInSession; base: Registry; position: number; history: RegistryHistory }) {
  const { t } = useTranslation();
  const send = useSend();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<RegistryTarget>("membership");
  const [jsonText, setJsonText] = useState("");
  const [recordChoice, setRecordChoice] = useState<string>(NEW);
  // The texts' languages: the organization's own first.
  const languages = useMemo(() => recordLanguages(base.organization), [base.organization]);
  const [values, setValues] = useState<FormValues>(() => emptyValues("membership", recordLanguages(base.organization)));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState<RegistryChangeInput[]>([]);
  const [reason, setReason] = useState("");
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [done, setDone] = useState<RegistryChangesResult | null>(null);
  const [isSending, setSending] = useState(false);

  // The registry as it will be once the set is recorded: the choices offer what the set adds (a new tier, a new decision).
  const working = useMemo(() => applyRegistryChanges(base, pending as never).registry, [base, pending]);
  const existing = recordsOf(working, target);
  const baseRecord = recordChoice === NEW ? undefined : existing.find((r) => recordKey(target, r) === recordChoice);

  const chooseTarget = (next: RegistryTarget) => {
    setTarget(next);
    setRecordChoice(NEW);
    if (isJsonTarget(next)) setJsonText(JSON.stringify(next === "organization" ? base.organization : JSON_TEMPLATES[next], null, 2));
    else setValues(emptyValues(next, languages));
    setFieldErrors({});
  };
  const chooseRecord = (key: string) => {
    setRecordChoice(key);
    const record = recordsOf(working, target).find((r) => recordKey(target, r) === key);
    if (isJsonTarget(target)) setJsonText(JSON.stringify(record ?? JSON_TEMPLATES[target], null, 2));
    else setValues(record ? valuesOf(target, record, languages) : emptyValues(target, languages));
    setFieldErrors({});
  };

  const addToSet = () => {
    const record = isJsonTarget(target) ? recordOfJson(jsonText) : recordOf(target, values, baseRecord);
    if (record === null) {
      setFieldErrors({ json: t("registryAdmin.notJsonObject") });
      return;
    }
    const messages = schemaMessages(RECORD_SCHEMAS[target], record);
    if (Object.keys(messages).length > 0) {
      setFieldErrors(Object.fromEntries(Object.entries(messages).map(([field, message]) => [field, fieldMessage(message, t)])));
      return;
    }
    setPending((list) => [...list, { put: target, record } as RegistryChangeInput]);
    // The server's errors named changes by their place in the set: once the set changes, they no longer apply.
    setSubmitError(null);
    setRecordChoice(NEW);
    if (isJsonTarget(target)) setJsonText(JSON.stringify(target === "organization" ? record : JSON_TEMPLATES[target], null, 2));
    else setValues(emptyValues(target as FormTarget, languages));
    setFieldErrors({});
    setDone(null);
  };

  const loadFile = async (file: File | null) => {
    setFileError(null);
    if (!file) return;
    try {
      const parsed = RegistryChangesFileSchema.safeParse(JSON.parse(await file.text()));
      if (!parsed.success) {
        setFileError(t("registryAdmin.fileInvalid", { count: parsed.error.issues.length }));
        return;
      }
      setPending((list) => [...list, ...parsed.data.changes]);
      setSubmitError(null);
      if (reason.trim() === "") setReason(parsed.data.reason);
    } catch {
      setFileError(t("registryAdmin.fileNotJson"));
    }
  };

  const record = async () => {
    setSubmitError(null);
    setSending(true);
    try {
      const result = await send<RegistryChangesResult>("POST", "/registry/changes", { reason, basedOn: position, changes: pending });
      setDone(result);
      setPending([]);
      setReason("");
      await queryClient.invalidateQueries({ queryKey: ["registry"] });
    } catch (error) {
      setSubmitError(error);
    } finally {
      setSending(false);
    }
  };

  const serverErrors = errorsByChange(submitError);
  const isCorrection = (change: RegistryChangeInput) => recordsOf(base, change.put).some((r) => recordKey(change.put, r) === recordKey(change.put, change.record));
  const count = (outcome: string) => done?.applied.filter((a) => a.outcome === outcome).length ?? 0;
  const generalErrors = serverErrors.get(-1) ?? [];

  return (
    <Stack gap="lg" data-testid="registry-changes-page">
      <AdminHeader title={t("registryAdmin.title")} session={session} />
      <Text c="dimmed" maw={720}>
        {t("registryAdmin.intro")}
      </Text>

      <Paper component="section" withBorder radius="lg" p="lg" aria-labelledby="compose-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="compose-heading">
            {t("registryAdmin.composeHeading")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("registryAdmin.target")}
              data={[...FORM_TARGETS, ...JSON_TARGETS].map((value) => ({ value, label: t(`registryAdmin.targets.${value}`) }))}
              value={target}
              onChange={(value) => value && chooseTarget(value as RegistryTarget)}
              allowDeselect={false}
              data-testid="change-target"
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t("registryAdmin.record")}
              data={[
                { value: NEW, label: t("registryAdmin.newRecord") },
                ...existing.map((r) => ({ value: recordKey(target, r), label: t("registryAdmin.correctRecord", { key: recordKey(target, r) }) })),
              ]}
              value={recordChoice}
              onChange={(value) => value && chooseRecord(value)}
              allowDeselect={false}
              searchable
              data-testid="change-record"
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          {isJsonTarget(target) ? (
            <Stack gap={4}>
              <Textarea
                label={t("registryAdmin.json")}
                description={t("registryAdmin.jsonHint")}
                value={jsonText}
                onChange={(e) => setJsonText(e.currentTarget.value)}
                autosize
                minRows={8}
                maxRows={24}
                styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: "var(--mantine-font-size-xs)" } }}
                error={fieldErrors.json}
                data-testid="record-json"
              />
              {Object.entries(fieldErrors)
                .filter(([field]) => field !== "json")
                .map(([field, message]) => (
                  <Text key={field} size="sm" c="red" data-testid="json-error">
                    {t("app.labelValue", { label: field, value: String(message) })}
                  </Text>
                ))}
            </Stack>
          ) : (
            <ChangeEditor
              target={target as FormTarget}
              values={values}
              registry={working}
              errors={fieldErrors}
              onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
            />
          )}
          <Group>
            <Button onClick={addToSet} data-testid="add-change">
              {recordChoice === NEW ? t("registryAdmin.addNew") : t("registryAdmin.addCorrection")}
            </Button>
            <FileButton onChange={(file) => void loadFile(file)} accept="application/json,.json">
              {(props) => (
                <Button variant="default" {...props} data-testid="load-change-file">
                  {t("registryAdmin.loadFile")}
                </Button>
              )}
            </FileButton>
          </Group>
          {fileError && (
            <Alert color="red" variant="light" role="alert">
              {fileError}
            </Alert>
          )}
        </Stack>
      </Paper>

      <Paper component="section" withBorder radius="lg" p="lg" aria-labelledby="set-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="set-heading">
            {t("registryAdmin.setHeading", { count: pending.length })}
          </Title>
          {pending.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t("registryAdmin.setEmpty")}
            </Text>
          ) : (
            <List listStyleType="decimal" spacing="xs" data-testid="pending-changes">
              {pending.map((change, index) => (
                <List.Item key={index} data-testid="pending-change">
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600}>{t(`registryAdmin.targets.${change.put}`)}</Text>
                    <Text ff="monospace" size="sm">
                      {recordKey(change.put, change.record) || t("registryAdmin.noKey", { field: RECORD_KEYS[change.put] })}
                    </Text>
                    <Badge variant="light" color={isCorrection(change) ? "orange" : "teal"}>
                      {isCorrection(change) ? t("registryAdmin.correction") : t("registryAdmin.addition")}
                    </Badge>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => {
                        setPending((list) => list.filter((_, i) => i !== index));
                        setSubmitError(null);
                      }}>
                      {t("registryAdmin.remove")}
                    </Button>
                  </Group>
                  {(serverErrors.get(index) ?? []).map((e, i) => (
                    <ChangeError key={i} field={e.field} code={e.code} message={e.message} />
                  ))}
                </List.Item>
              ))}
            </List>
          )}
          <Textarea
            label={t("registryAdmin.reason")}
            description={t("registryAdmin.reasonHint")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            withAsterisk
            data-testid="change-reason"
          />
          <FormProblem error={submitError} testId="changes-problem" />
          {generalErrors.map((e, i) => (
            <ChangeError key={i} field={e.field} code={e.code} message={e.message} />
          ))}
          <Group>
            <Button onClick={() => void record()} loading={isSending} disabled={pending.length === 0 || reason.trim() === ""} data-testid="record-changes">
              {t("registryAdmin.recordChanges", { count: pending.length })}
            </Button>
          </Group>
          {done && (
            <Alert color="teal" variant="light" role="status" data-testid="changes-recorded">
              {t("registryAdmin.recorded", { added: count("added"), corrected: count("corrected"), unchanged: count("unchanged") })}
            </Alert>
          )}
        </Stack>
      </Paper>

      <EarlierValues history={history} />
    </Stack>
  );
}

function ChangeError({ field, code, message }: { field: string; code: string; message: string }): ReactNode {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="red" data-testid="change-error">
      {field !== "" ? `${field}: ` : ""}
      {t(`problems.field.${code}`, { defaultValue: t("problems.field.invalid") })}
      {code === "registry-inconsistent" && (
        <Text span size="sm" c="dimmed" lang="en">
          {" "}
          ({message})
        </Text>
      )}
    </Text>
  );
}

function RegistryChanges({ session }: { session: SignedInSession }) {
  const { t } = useTranslation();
  usePageTitle(t("registryAdmin.title"));
  const bundle = useQuery(bundleQuery);
  const history = useQuery(historyQuery);
  if (bundle.isError || history.isError) return <LoadError onRetry={() => void Promise.all([bundle.refetch(), history.refetch()])} />;
  if (!bundle.data || !history.data) return <Loading />;
  return <Changes session={session} base={bundle.data} position={history.data.position} history={history.data} />;
}

export function RegistryChangesPage() {
  return <AccessGate access={ADMIN_REGISTRY_ACCESS}>{(session) => <RegistryChanges session={session} />}</AccessGate>;
}
