// Every page of the web app inside the portal layout: each feature contributes its own routes; anything else is "not found".
import { Route, Routes } from "react-router";
import { auditRoutes } from "../features/audit/AuditRoutes";
import { identityRoutes } from "../features/identity/IdentityRoutes";
import { registryRoutes } from "../features/registry/RegistryRoutes";
import { PortalLayout } from "./layout/PortalLayout";
import { NotFoundPage } from "./NotFoundPage";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        {registryRoutes()}
        {identityRoutes()}
        {auditRoutes()}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
