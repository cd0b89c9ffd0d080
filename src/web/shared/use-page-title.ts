// Keeps the browser tab's title in step with the page and the reader's language ("States · SCO").
import { useEffect } from "react";
import { useLocale } from "../i18n/use-locale";
import { useOrganization } from "./api/registry-queries";

export function usePageTitle(title: string | null): void {
  const organization = useOrganization();
  const { text } = useLocale();
  const siteName = organization.data ? text(organization.data.shortNames) : "Concord";
  useEffect(() => {
    document.title = title ? `${title} · ${siteName}` : siteName;
  }, [title, siteName]);
}
