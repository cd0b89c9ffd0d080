// The meetings' commands as the web sends them, one hook each. Every answer is the meeting as it now is, which replaces
// the cached one at once; a change refused because someone else acted first (409 stale-version) has the meeting read
// again, so the form shows what is there now.
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AccreditationDecisionRequestSchema,
  AccreditationEditRequestSchema,
  AccreditationRequestSchema,
  AgendaAdoptionRequestSchema,
  AgendaItemChangeRequestSchema,
  AgendaItemRequestSchema,
  BadgeRevocationRequestSchema,
  CreateMeetingRequestSchema,
  FloorActionRequestSchema,
  FloorRequestSchema,
  InvitationChangeRequestSchema,
  InviteRequestSchema,
  Meeting,
  OutcomeRequestSchema,
  ParticipationRequestSchema,
  UpdateMeetingRequestSchema,
} from "../../../contracts/meetings";
import { hasProblemCode } from "../../shared/api/fetch-json";
import { useSend, type Send } from "../../shared/session/use-send";
import { MEETING_KEYS, meetingPath } from "./meeting-queries";

type Body<S extends z.ZodType> = z.output<S>;

function showMeeting(queryClient: QueryClient, id: string, meeting: Meeting | null): void {
  if (!meeting) {
    void queryClient.invalidateQueries({ queryKey: MEETING_KEYS.meeting(id) });
    return;
  }
  // A live event may already have brought a newer state than this answer: the newer one stays.
  queryClient.setQueryData<Meeting>(MEETING_KEYS.meeting(id), (shown) => (shown && shown.version > meeting.version ? shown : meeting));
}

/** A command on one meeting, answered with the meeting as it now is. */
function useMeetingCommand<Input>(id: string, request: (send: Send, input: Input) => Promise<Meeting | null>, options: { changesList?: boolean } = {}) {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => request(send, input),
    onSuccess: (meeting) => {
      showMeeting(queryClient, id, meeting);
      if (options.changesList) void queryClient.invalidateQueries({ queryKey: MEETING_KEYS.lists });
    },
    onError: (error) => {
      if (hasProblemCode(error, "stale-version")) void queryClient.invalidateQueries({ queryKey: MEETING_KEYS.meeting(id) });
    },
  });
}

export function useCreateMeeting() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<typeof CreateMeetingRequestSchema>) => send<Meeting>("POST", "/meetings", body),
    onSuccess: (meeting) => {
      if (meeting) queryClient.setQueryData(MEETING_KEYS.meeting(meeting.id), meeting);
      void queryClient.invalidateQueries({ queryKey: MEETING_KEYS.lists });
    },
  });
}

export function useUpdateMeeting(id: string) {
  return useMeetingCommand(id, (send, body: Body<typeof UpdateMeetingRequestSchema>) => send<Meeting>("PATCH", meetingPath(id), body), { changesList: true });
}

export function useInvite(id: string) {
  return useMeetingCommand(id, (send, body: Body<typeof InviteRequestSchema>) => send<Meeting>("POST", `${meetingPath(id)}/invitations`, body));
}

export function useChangeInvitation(id: string) {
  return useMeetingCommand(id, (send, { party, body }: { party: string; body: Body<typeof InvitationChangeRequestSchema> }) =>
    send<Meeting>("PATCH", `${meetingPath(id)}/invitations/${encodeURIComponent(party)}`, body),
  );
}

export function useRespond(id: string) {
  return useMeetingCommand(id, (send, body: Body<typeof ParticipationRequestSchema>) => send<Meeting>("POST", `${meetingPath(id)}/participation`, body));
}

export function useSubmitAccreditation(id: string) {
  return useMeetingCommand(id, (send, body: Body<typeof AccreditationRequestSchema>) => send<Meeting>("POST", `${meetingPath(id)}/accreditations`, body));
}

export function useEditAccreditation(id: string) {
  return useMeetingCommand(id, (send, { list, body }: { list: string; body: Body<typeof AccreditationEditRequestSchema> }) =>
    send<Meeting>("PUT", `${meetingPath(id)}/accreditations/${encodeURIComponent(list)}`, body),
  );
}

export function useDecideAccreditation(id: string) {
  return useMeetingCommand(id, (send, { list, body }: { list: string; body: Body<typeof AccreditationDecisionRequestSchema> }) =>
    send<Meeting>("POST", `${meetingPath(id)}/accreditations/${encodeURIComponent(list)}/decision`, body),
  );
}

/** The secretariat revokes a delegate's badge, saying why. */
export function useRevokeBadge(id: string) {
  return useMeetingCommand(id, (send, { token, body }: { token: string; body: Body<typeof BadgeRevocationRequestSchema> }) =>
    send<Meeting>("POST", `${meetingPath(id)}/badges/${encodeURIComponent(token)}/revocation`, body),
  );
}

/** The secretariat gives a delegate a new badge (the old one then verifies as revoked). */
export function useReissueBadge(id: string) {
  return useMeetingCommand(id, (send, token: string) => send<Meeting>("POST", `${meetingPath(id)}/badges/${encodeURIComponent(token)}/reissue`, {}));
}

export function useAddAgendaItem(id: string) {
  return useMeetingCommand(id, (send, body: Body<typeof AgendaItemRequestSchema>) => send<Meeting>("POST", `${meetingPath(id)}/agenda`, body));
}

export function useChangeAgendaItem(id: string) {
  return useMeetingCommand(id, (send, { item, body }: { item: string; body: Body<typeof AgendaItemChangeRequestSchema> }) =>
    send<Meeting>("PATCH", `${meetingPath(id)}/agenda/${encodeURIComponent(item)}`, body),
  );
}

export function useAdoptAgenda(id: string) {
  return useMeetingCommand(id, (send, body: Body<typeof AgendaAdoptionRequestSchema>) => send<Meeting>("POST", `${meetingPath(id)}/agenda/adoption`, body));
}

export function useAskFloor(id: string) {
  return useMeetingCommand(id, (send, { item, body }: { item: string; body: Body<typeof FloorRequestSchema> }) =>
    send<Meeting>("POST", `${meetingPath(id)}/agenda/${encodeURIComponent(item)}/floor`, body),
  );
}

export function useFloorAction(id: string) {
  return useMeetingCommand(id, (send, { item, body }: { item: string; body: Body<typeof FloorActionRequestSchema> }) =>
    send<Meeting>("POST", `${meetingPath(id)}/agenda/${encodeURIComponent(item)}/floor/actions`, body),
  );
}

export function useRecordOutcome(id: string) {
  return useMeetingCommand(id, (send, body: Body<typeof OutcomeRequestSchema>) => send<Meeting>("PUT", `${meetingPath(id)}/outcome`, body), { changesList: true });
}
