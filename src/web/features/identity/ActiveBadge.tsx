// Whether an account or a delegation is active, as a small badge that never truncates its word in a narrow table cell.
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function ActiveBadge({ isActive }: { isActive: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={isActive ? "teal" : "gray"}
      radius="sm"
      styles={{ root: { textTransform: "none", flex: "none", overflow: "visible" }, label: { overflow: "visible" } }}
    >
      {isActive ? t("users.active") : t("users.inactive")}
    </Badge>
  );
}
