// Keeps meeting pages current while others act: a meeting's page and its projector follow its stream (meeting:<id>),
// the list follows "meetings" (created, changed).
import { useQueryClient } from "@tanstack/react-query";
import { STREAMS } from "../../../contracts/live";
import type { Meeting } from "../../../contracts/meetings";
import { useLiveStream } from "../../shared/live/use-live-stream";
import { meetingUpdateFor, withSpeakers } from "./meeting-live";
import { MEETING_KEYS } from "./meeting-queries";

export function useMeetingLive(id: string): void {
  const queryClient = useQueryClient();
  useLiveStream(`${STREAMS.meeting}:${id}`, (change) => {
    const key = MEETING_KEYS.meeting(id);
    const shown = queryClient.getQueryData<Meeting>(key);
    const update = meetingUpdateFor(change, shown?.version);
    if (update.kind === "speakers") {
      const next = shown ? withSpeakers(shown, update.item, update.speakers, update.version) : null;
      if (next) queryClient.setQueryData(key, next);
      else void queryClient.invalidateQueries({ queryKey: key });
    } else if (update.kind === "refetch") {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  });
}

export function useMeetingsLive(): void {
  const queryClient = useQueryClient();
  useLiveStream(STREAMS.meetings, () => void queryClient.invalidateQueries({ queryKey: MEETING_KEYS.lists }));
}
