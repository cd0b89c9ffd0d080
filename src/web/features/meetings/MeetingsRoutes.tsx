// Meetings' pages and their addresses: the meetings, one meeting, and its projector view for the room's screen (which
// stands outside the portal's layout: no header, navigation or footer on the wall).
import { Route } from "react-router";
import { PAGES } from "../../../contracts/pages";
import { MeetingsPage } from "./list/MeetingsPage";
import { MeetingPage } from "./page/MeetingPage";
import { ProjectorPage } from "./projector/ProjectorPage";

export function meetingRoutes() {
  return (
    <>
      <Route path={PAGES.meetings} element={<MeetingsPage />} />
      <Route path={PAGES.meeting} element={<MeetingPage />} />
    </>
  );
}

export function meetingScreenRoutes() {
  return <Route path={PAGES.meetingProjector} element={<ProjectorPage />} />;
}
