// The public portal's pages and their addresses (placed inside the portal layout by app/AppRoutes).
import { Route } from "react-router";
import { PAGES } from "../../../contracts/pages";
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
      <Route path={PAGES.states} element={<StatesPage />} />
      <Route path={PAGES.state} element={<StatePage />} />
      <Route path={PAGES.bodies} element={<BodiesPage />} />
      <Route path={PAGES.summits} element={<SummitsPage />} />
      <Route path={PAGES.chairmanship} element={<ChairmanshipPage />} />
      <Route path={PAGES.accessions} element={<AccessionsPage />} />
    </>
  );
}
