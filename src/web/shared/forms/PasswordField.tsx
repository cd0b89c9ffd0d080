// A password input whose show/hide button is labelled in the reader's language and reachable by keyboard, and which says
// it is invalid when it shows an error (Mantine marks its inner input for styling only, not for assistive technology).
import { PasswordInput, type PasswordInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      visibilityToggleFocusable
      visibilityToggleButtonProps={{ "aria-label": t("forms.showPassword") }}
      aria-invalid={props.error ? true : undefined}
      {...props}
    />
  );
}
