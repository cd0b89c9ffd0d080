// The chair's (or the provision's facilitator's) menu on a provision: compromise text, its status, its facilitator.
import { Button, Menu } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProvisionDto } from "../../../../contracts/negotiation";
import { FormModal } from "../../../shared/forms/FormModal";
import { CompromiseForm, FacilitatorForm, MarkForm } from "../console/ProvisionForms";
import { provisionLabel } from "../negotiation-format";
import { mayFacilitate, mayUse } from "../negotiation-roles";
import { useRoom } from "./room-context";

type Action = "compromise" | "mark" | "facilitator";

export function ProvisionChairMenu({ provision }: { provision: ProvisionDto }) {
  const { t } = useTranslation();
  const { document, delegation, permissions, isChair } = useRoom();
  const [action, setAction] = useState<Action | null>(null);
  const facilitates = mayFacilitate(delegation, document, provision);
  const actions: Action[] = [
    ...(facilitates && mayUse(permissions, "provision.compromise") ? (["compromise"] as const) : []),
    ...(facilitates && mayUse(permissions, "provision.mark") ? (["mark"] as const) : []),
    ...(isChair && mayUse(permissions, "provision.facilitator") ? (["facilitator"] as const) : []),
  ];
  if (actions.length === 0) return null;
  const close = () => setAction(null);
  const label = provisionLabel(provision, t);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="outline" color="grape" data-testid="chair-menu">
            {isChair ? t("negotiation.chairMenu.asChair") : t("negotiation.chairMenu.asFacilitator")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {actions.map((item) => (
            <Menu.Item key={item} onClick={() => setAction(item)} data-testid={`chair-${item}`}>
              {t(`negotiation.chairMenu.${item}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <FormModal opened={action !== null} onClose={close} title={action ? t(`negotiation.chairMenu.title.${action}`, { provision: label }) : ""}>
        {action === "compromise" && <CompromiseForm provision={provision} onDone={close} />}
        {action === "mark" && <MarkForm provision={provision} onDone={close} />}
        {action === "facilitator" && <FacilitatorForm provision={provision} onDone={close} />}
      </FormModal>
    </>
  );
}
