// The programme's page, under the chairmanship: /chairmanship/:term. The app gives it the registry's source citation.
import { Route } from "react-router";
import { PAGES } from "../../../contracts/pages";
import { ProgrammePage, type SourceCitation } from "./ProgrammePage";

export function programmeRoutes(Source: SourceCitation) {
  return <Route path={PAGES.programme} element={<ProgrammePage Source={Source} />} />;
}
