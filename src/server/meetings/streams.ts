// The live streams of meetings: one per meeting, and the list's (meetings created, or changed in what lists show).
import { STREAMS } from "../../contracts/live.js";

export function meetingStream(id: string): string {
  return `${STREAMS.meeting}:${id}`;
}
