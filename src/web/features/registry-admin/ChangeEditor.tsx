// One record's form: the fields of its kind, with choices from the registry as it will be (changes already in the set included).
import { Checkbox, Fieldset, Group, MultiSelect, NumberInput, Select, SimpleGrid, Switch, Text, TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RIGHTS, textDirection, type Registry } from "../../shared/core-rules";
import { useLocale } from "../../i18n/use-locale";
import { FORM_SPECS, languagesOfField, recordLanguages, type FieldSpec, type FormTarget, type FormValues, type OptionSource } from "./change-forms";

/** Texts in three languages and the rights take the form's whole width. */
const WHOLE_ROW = { gridColumn: "1 / -1" } as const;

/**
 * What a field is for, where its name alone could be read two ways: a record's own reason (public, on the states' pages)
 * is not the reason for recording the set (audit trail), which the page asks for below the set.
 */
const FIELD_HINTS: Partial<Record<FormTarget, Readonly<Record<string, string>>>> = {
  membership: { reason: "registryAdmin.hints.membershipReason" },
  reclassifications: { reason: "registryAdmin.hints.reclassificationReason" },
};

export type FieldErrors = Readonly<Record<string, ReactNode>>;

interface Props {
  readonly target: FormTarget;
  readonly values: FormValues;
  readonly onChange: (name: string, value: string | boolean | string[]) => void;
  readonly registry: Registry;
  readonly errors: FieldErrors;
}

function useOptions(registry: Registry): (source: OptionSource) => { value: string; label: string }[] {
  const locale = useLocale();
  return (source) => {
    switch (source) {
      case "states":
        return registry.states.map((s) => ({ value: s.code, label: `${locale.text(s.names)} (${s.code})` }));
      case "tiers":
        return registry.organization.tiers.map((t) => ({ value: t.code, label: `${locale.text(t.names)} (${t.code})` }));
      case "decisions":
        return [...registry.decisions].reverse().map((d) => ({ value: d.id, label: `${d.id} — ${locale.text(d.title)}` }));
      case "sources":
        return [...registry.sources].reverse().map((s) => ({ value: s.key, label: `${s.key} — ${locale.text(s.title)}` }));
      case "bodies":
        return registry.bodies.map((b) => ({ value: b.code, label: `${locale.text(b.names)} (${b.code})` }));
      case "bodyKinds":
        return (registry.organization.bodyKinds ?? []).map((k) => ({ value: k.code, label: `${locale.text(k.names)} (${k.code})` }));
      case "relationKinds":
        return (registry.organization.relationKinds ?? []).map((k) => ({ value: k.code, label: `${locale.text(k.names)} (${k.code})` }));
    }
  };
}

export function ChangeEditor({ target, values, onChange, registry, errors }: Props) {
  const { t } = useTranslation();
  const options = useOptions(registry);
  const label = (name: string) => t(`registryAdmin.fields.${name}`);
  const text = (name: string) => String(values[name] ?? "");
  const dateHint = t("registryAdmin.dateHint");
  const { language: uiLanguage } = useLocale();
  // Texts in the organization's languages first, named in the reader's language ("Chinese", «китайский», "中文").
  const languages = recordLanguages(registry.organization);
  const languageName = (code: string) => new Intl.DisplayNames([uiLanguage], { type: "language" }).of(code) ?? code;

  const field = (spec: FieldSpec): ReactNode => {
    const optional = "optional" in spec && spec.optional === true;
    const common = { label: label(spec.name), error: errors[spec.name], withAsterisk: !optional, "data-field": spec.name };
    switch (spec.kind) {
      case "code":
      case "text":
        return <TextInput key={spec.name} {...common} value={text(spec.name)} onChange={(e) => onChange(spec.name, e.currentTarget.value)} />;
      case "date":
        return (
          <TextInput
            key={spec.name}
            {...common}
            description={dateHint}
            placeholder="2025-09-01"
            value={text(spec.name)}
            onChange={(e) => onChange(spec.name, e.currentTarget.value)}
          />
        );
      case "day":
        return <TextInput key={spec.name} {...common} placeholder="2025-09-01" value={text(spec.name)} onChange={(e) => onChange(spec.name, e.currentTarget.value)} />;
      case "number":
        return (
          <NumberInput
            key={spec.name}
            {...common}
            allowDecimal={false}
            value={text(spec.name)}
            onChange={(value) => onChange(spec.name, value === "" ? "" : String(value))}
          />
        );
      case "boolean":
        return <Switch key={spec.name} label={label(spec.name)} checked={values[spec.name] === true} onChange={(e) => onChange(spec.name, e.currentTarget.checked)} data-field={spec.name} />;
      case "choice": {
        const data = typeof spec.options === "string" ? options(spec.options as OptionSource) : (spec.options as readonly string[]).map((value) => ({ value, label: t(`registryAdmin.options.${value}`) }));
        return (
          <Select
            key={spec.name}
            {...common}
            data={data}
            value={text(spec.name) || null}
            onChange={(value) => onChange(spec.name, value ?? "")}
            searchable
            // Choosing the chosen option again keeps it (an optional field has its clear button instead).
            allowDeselect={false}
            clearable={optional}
            nothingFoundMessage={t("registryAdmin.nothingFound")}
            comboboxProps={{ withinPortal: true }}
          />
        );
      }
      case "choices":
        return (
          <MultiSelect
            key={spec.name}
            {...common}
            data={options(spec.options)}
            value={Array.isArray(values[spec.name]) ? (values[spec.name] as string[]) : []}
            onChange={(value) => onChange(spec.name, value)}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
        );
      case "localized": {
        const hint = FIELD_HINTS[target]?.[spec.name];
        const hintId = `field-hint-${target}-${spec.name}`;
        return (
          <Fieldset key={spec.name} legend={`${label(spec.name)}${optional ? "" : " *"}`} data-field={spec.name} style={WHOLE_ROW} aria-describedby={hint ? hintId : undefined}>
            {hint && (
              <Text id={hintId} size="xs" c="dimmed" mb="xs" data-testid="field-hint">
                {t(hint)}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              {languagesOfField(values, spec.name, languages).map((language) => (
                <TextInput
                  key={language}
                  label={languageName(language)}
                  lang={language === "zh" ? "zh-CN" : language}
                  dir={textDirection(language)}
                  error={errors[`${spec.name}.${language}`]}
                  value={text(`${spec.name}.${language}`)}
                  onChange={(e) => onChange(`${spec.name}.${language}`, e.currentTarget.value)}
                  data-field={`${spec.name}.${language}`}
                />
              ))}
            </SimpleGrid>
          </Fieldset>
        );
      }
      case "rights":
        return (
          <Fieldset key={spec.name} legend={label(spec.name)} data-field={spec.name} style={WHOLE_ROW}>
            <Group gap="md">
              {RIGHTS.map((right) => (
                <Checkbox
                  key={right}
                  label={t(`rights.${right}`)}
                  checked={values[`${spec.name}.${right}`] === true}
                  onChange={(e) => onChange(`${spec.name}.${right}`, e.currentTarget.checked)}
                  data-field={`${spec.name}.${right}`}
                />
              ))}
            </Group>
          </Fieldset>
        );
    }
  };

  return <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">{(FORM_SPECS[target] as readonly FieldSpec[]).map(field)}</SimpleGrid>;
}
