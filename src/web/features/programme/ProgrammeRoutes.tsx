// The programme's page, under the chairmanship: /chairmanship/:term. The app gives it the registry's source citation.
import { Route } from "react-router";
import { ProgrammePage, type SourceCitation } from "./ProgrammePage";

export function programmeRoutes(Source: SourceCitation) {
  return <Route path="chairmanship/:term" element={<ProgrammePage Source={Source} />} />;
}
