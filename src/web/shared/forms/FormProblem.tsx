// A form's failure as one announced message. With its form, the message and the fields agree: while fields are marked (by the
// browser's check or the server's answer) it names them; once they are corrected it has nothing more to say.
import { Alert } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { hasProblemCode } from "../api/fetch-json";
import { problemMessage } from "../api/problem-message";
import { useLocale } from "../../i18n/use-locale";
import { markedFields, problemMessages } from "./contract-form";

interface Props<Values> {
  readonly error: unknown;
  /** The form whose fields show the field errors. */
  readonly form?: UseFormReturnType<Values>;
  /** Each field's label, as the summary names it (by field name, as the form's errors are keyed). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly testId?: string;
}

export function FormProblem<Values>({ error, form, labels = {}, testId = "form-problem" }: Props<Values>) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const marked = form ? markedFields(form.errors, Object.keys(labels)) : [];
  if (marked.length > 0) {
    const names = marked.map((field) => labels[field] ?? field);
    return (
      <Alert color="red" variant="light" role="alert" data-testid={testId}>
        {t("problems.fieldsNeedAttention", { count: names.length, fields: new Intl.ListFormat(language, { type: "conjunction" }).format(names) })}
      </Alert>
    );
  }
  if (!error) return null;
  // Field errors the form shows where they belong (under a field, or above the form); corrected, they need no message.
  if (form && hasProblemCode(error, "invalid-request") && Object.keys(problemMessages(error)).length > 0) return null;
  return (
    <Alert color="red" variant="light" role="alert" data-testid={testId}>
      {problemMessage(error, t)}
    </Alert>
  );
}
