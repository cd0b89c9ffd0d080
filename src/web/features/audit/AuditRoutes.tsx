// The audit trail's page and its address.
import { Route } from "react-router";
import { AuditPage } from "./AuditPage";

export function auditRoutes() {
  return <Route path="audit" element={<AuditPage />} />;
}
