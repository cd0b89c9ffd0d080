// The audit trail's page and its address.
import { Route } from "react-router";
import { PAGES } from "../../../contracts/pages";
import { AuditPage } from "./AuditPage";

export function auditRoutes() {
  return <Route path={PAGES.audit} element={<AuditPage />} />;
}
