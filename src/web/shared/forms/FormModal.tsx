// The dialog that holds a form or a confirmation: full screen on a phone, a translated close button everywhere.
import { Modal } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function FormModal({ opened, onClose, title, children }: { opened: boolean; onClose: () => void; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const isNarrow = useMediaQuery("(max-width: 36em)");
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      fullScreen={Boolean(isNarrow)}
      closeButtonProps={{ "aria-label": t("app.close") }}
      styles={{ title: { fontWeight: 650, fontSize: "1.15rem" } }}
    >
      {children}
    </Modal>
  );
}
