// A Mantine form driven by a contract's zod schema: checked in the browser by the very schema the server validates with, errors shown by code in the reader's language, the server's field errors shown the same way.
import { Alert } from "@mantine/core";
import { useForm, type UseFormReturnType } from "@mantine/form";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ZodType, output } from "zod";
import { fieldMessage } from "../api/problem-message";
import { FORM_LEVEL, problemMessages, schemaMessages, type FieldMessage, type FieldMessages } from "./contract-form";

/** Translated when shown, so a message already on screen follows a change of language. */
function FieldMessageText({ message }: { message: FieldMessage }) {
  const { t } = useTranslation();
  return <>{fieldMessage(message, t)}</>;
}

function toFormErrors(messages: FieldMessages): Record<string, ReactNode> {
  return Object.fromEntries(Object.entries(messages).map(([field, message]) => [field, <FieldMessageText key={field} message={message} />]));
}

interface Options<Values, Schema extends ZodType> {
  /** The request body's schema from src/contracts. */
  readonly schema: Schema;
  readonly initialValues: Values;
  /** The body the values make (empty optional fields left out), as it would be sent. */
  readonly toBody: (values: Values) => unknown;
  /** Rules of the form itself, on top of the contract's (a repeated password, a delegation a role needs); these win on the same field. */
  readonly check?: (values: Values) => FieldMessages;
}

export interface ContractForm<Values, Schema extends ZodType> {
  readonly form: UseFormReturnType<Values>;
  /** The body to send: what the schema makes of the values (trimmed, normalized), exactly as the server will read it. */
  readonly body: (values: Values) => output<Schema>;
  /** Puts the server's field errors (by code) under their fields. */
  readonly showServerErrors: (error: unknown) => void;
}

export function useContractForm<Values extends Record<string, unknown>, Schema extends ZodType>(options: Options<Values, Schema>): ContractForm<Values, Schema> {
  const { schema, toBody, check } = options;
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: options.initialValues,
    validate: (values) => toFormErrors({ ...schemaMessages(schema, toBody(values)), ...check?.(values) }),
  });
  return {
    form,
    body: (values) => schema.parse(toBody(values)),
    showServerErrors: (error) => form.setErrors(toFormErrors(problemMessages(error))),
  };
}

/** An error about the form as a whole (e.g. nothing to change), when there is one. */
export function FormLevelError<Values>({ form }: { form: UseFormReturnType<Values> }) {
  const error = form.errors[FORM_LEVEL];
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {error}
    </Alert>
  );
}
