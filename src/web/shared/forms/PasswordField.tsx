// A password input whose show/hide button is labelled in the reader's language and reachable by keyboard.
import { PasswordInput, type PasswordInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return <PasswordInput visibilityToggleFocusable visibilityToggleButtonProps={{ "aria-label": t("forms.showPassword") }} {...props} />;
}
