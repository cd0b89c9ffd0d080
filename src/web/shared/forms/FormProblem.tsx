// A form's failure as one announced message (the field-level details sit next to their fields).
import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { problemMessage } from "../api/problem-message";

export function FormProblem({ error, testId = "form-problem" }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" data-testid={testId}>
      {problemMessage(error, t)}
    </Alert>
  );
}
