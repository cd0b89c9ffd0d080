// Meetings' pages and their addresses: the meetings, one meeting, and its projector view for the room's screen (which
// stands outside the portal's layout: no header, navigation or footer on the wall).
import { Route } from "react-router";
import { MeetingsPage } from "./list/MeetingsPage";
import { MeetingPage } from "./page/MeetingPage";
import { ProjectorPage } from "./projector/ProjectorPage";

export function meetingRoutes() {
  return (
    <>
      <Route path="meetings" element={<MeetingsPage />} />
      <Route path="meetings/:id" element={<MeetingPage />} />
    </>
  );
}

export function meetingScreenRoutes() {
  return <Route path="meetings/:id/projector" element={<ProjectorPage />} />;
}
