// Every page of the web app inside the portal layout: each feature contributes its own routes, the app adds the pages it composes from several (the administration's index and system page, who may do what); anything else is "not found". A meeting's projector view (the room's screen) stands outside the layout.
import { Route, Routes } from "react-router";
import { PAGES } from "../../contracts/pages";
import { auditRoutes } from "../features/audit/AuditRoutes";
import { identityRoutes } from "../features/identity/IdentityRoutes";
import { meetingRoutes, meetingScreenRoutes } from "../features/meetings/MeetingsRoutes";
import { VerifyPage } from "../features/meetings/verify/VerifyPage";
import { negotiationRoutes } from "../features/negotiation/NegotiationRoutes";
import { registryRoutes } from "../features/registry/RegistryRoutes";
import { SourceLink } from "../features/registry/sources/SourceLink";
import { programmeRoutes } from "../features/programme/ProgrammeRoutes";
import { RegistryChangesPage } from "../features/registry-admin/RegistryChangesPage";
import { AdminIndex } from "./admin/AdminIndex";
import { SystemPage } from "./admin/SystemPage";
import { PortalLayout } from "./layout/PortalLayout";
import { NotFoundPage } from "./NotFoundPage";
import { PermissionsPage } from "./permissions/PermissionsPage";

export function AppRoutes() {
  return (
    <Routes>
      {meetingScreenRoutes()}
      <Route element={<PortalLayout />}>
        {registryRoutes()}
        {programmeRoutes(SourceLink)}
        {negotiationRoutes()}
        {meetingRoutes()}
        <Route path={PAGES.verify} element={<VerifyPage />} />
        {identityRoutes()}
        {auditRoutes()}
        <Route path={PAGES.admin} element={<AdminIndex />} />
        <Route path={PAGES.registryChanges} element={<RegistryChangesPage />} />
        <Route path={PAGES.system} element={<SystemPage />} />
        <Route path={PAGES.permissions} element={<PermissionsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
