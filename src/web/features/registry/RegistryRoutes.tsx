// The public portal's pages and their addresses, all inside the portal layout.
import { Route, Routes } from "react-router";
import { BodiesPage } from "./bodies/BodiesPage";
import { ChairmanshipPage } from "./chairmanship/ChairmanshipPage";
import { PortalLayout } from "./layout/PortalLayout";
import { NotFoundPage } from "./NotFoundPage";
import { OverviewPage } from "./overview/OverviewPage";
import { StatePage } from "./states/StatePage";
import { StatesPage } from "./states/StatesPage";
import { SummitsPage } from "./summits/SummitsPage";

export function RegistryRoutes() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        <Route index element={<OverviewPage />} />
        <Route path="states" element={<StatesPage />} />
        <Route path="states/:code" element={<StatePage />} />
        <Route path="bodies" element={<BodiesPage />} />
        <Route path="summits" element={<SummitsPage />} />
        <Route path="chairmanship" element={<ChairmanshipPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
