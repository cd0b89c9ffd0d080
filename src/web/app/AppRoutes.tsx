// Every page of the web app inside the portal layout: each feature contributes its own routes, the app adds the pages it composes from several (the administration's index and system page, who may do what); anything else is "not found".
import { Route, Routes } from "react-router";
import { auditRoutes } from "../features/audit/AuditRoutes";
import { identityRoutes } from "../features/identity/IdentityRoutes";
import { negotiationRoutes } from "../features/negotiation/NegotiationRoutes";
import { registryRoutes } from "../features/registry/RegistryRoutes";
import { RegistryChangesPage } from "../features/registry-admin/RegistryChangesPage";
import { AdminIndex } from "./admin/AdminIndex";
import { SystemPage } from "./admin/SystemPage";
import { PortalLayout } from "./layout/PortalLayout";
import { NotFoundPage } from "./NotFoundPage";
import { PermissionsPage } from "./permissions/PermissionsPage";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        {registryRoutes()}
        {negotiationRoutes()}
        {identityRoutes()}
        {auditRoutes()}
        <Route path="admin" element={<AdminIndex />} />
        <Route path="admin/registry" element={<RegistryChangesPage />} />
        <Route path="admin/system" element={<SystemPage />} />
        <Route path="permissions" element={<PermissionsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
