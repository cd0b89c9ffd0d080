// The public portal's pages and their addresses (placed inside the portal layout by app/AppRoutes).
import { Route } from "react-router";
import { AccessionsPage } from "./accessions/AccessionsPage";
import { BodiesPage } from "./bodies/BodiesPage";
import { ChairmanshipPage } from "./chairmanship/ChairmanshipPage";
import { OverviewPage } from "./overview/OverviewPage";
import { StatePage } from "./states/StatePage";
import { StatesPage } from "./states/StatesPage";
import { SummitsPage } from "./summits/SummitsPage";

export function registryRoutes() {
  return (
    <>
      <Route index element={<OverviewPage />} />
      <Route path="states" element={<StatesPage />} />
      <Route path="states/:code" element={<StatePage />} />
      <Route path="bodies" element={<BodiesPage />} />
      <Route path="summits" element={<SummitsPage />} />
      <Route path="chairmanship" element={<ChairmanshipPage />} />
      <Route path="accessions" element={<AccessionsPage />} />
    </>
  );
}
