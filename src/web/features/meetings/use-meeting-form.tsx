// A contract form (the zod schema the server validates with) whose server errors go under their fields with the
// meetings rules' own messages, translated when shown so that they follow a change of language.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ZodType } from "zod";
import { fieldMessage } from "../../shared/api/problem-message";
import type { FieldMessage, FieldMessages } from "../../shared/forms/contract-form";
import { useContractForm, type ContractForm } from "../../shared/forms/use-contract-form";
import { serverFieldMessages } from "./meeting-problems";

function MessageText({ message }: { message: FieldMessage }) {
  const { t } = useTranslation();
  return <>{fieldMessage(message, t)}</>;
}

const toFormErrors = (messages: FieldMessages): Record<string, ReactNode> =>
  Object.fromEntries(Object.entries(messages).map(([field, message]) => [field, <MessageText key={field} message={message} />]));

export function useMeetingForm<Values extends Record<string, unknown>, Schema extends ZodType>(options: Parameters<typeof useContractForm<Values, Schema>>[0]): ContractForm<Values, Schema> {
  const contract = useContractForm<Values, Schema>(options);
  const { form } = contract;
  return { ...contract, showServerErrors: (error) => form.setErrors(toFormErrors(serverFieldMessages(error))) };
}
