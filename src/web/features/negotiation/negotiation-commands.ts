// The negotiation's commands as the web sends them, one hook each. An answer carrying the document replaces the cached
// one at once; a proposal made, withdrawn or co-sponsored, or a position taken, is put in place on it (live-refresh.ts);
// any other answer (a revision, a note) has the document read again. A refused change because
// someone else acted first (409 stale-version) also has it read again, so the form shows what is there now.
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AdoptionRequestSchema,
  BreakSilenceRequestSchema,
  CallRequestSchema,
  CompromiseRequestSchema,
  CreateDocumentRequestSchema,
  CreateProposalRequestSchema,
  DocumentDto,
  FacilitatorRequestSchema,
  InvitationRequestSchema,
  InvitedCommentRequestSchema,
  IssueRevisionRequestSchema,
  MarkRequestSchema,
  NoteDto,
  NoteRequestSchema,
  ObjectionRequestSchema,
  PositionRequestSchema,
  ProposalChanged,
  ReasonRequestSchema,
  RevisionDto,
  RuleChangeRequestSchema,
  IssuedRevisionDto,
  SilenceRequestSchema,
  StatementRequestSchema,
  TranslationRequestSchema,
  VisibilityRequestSchema,
} from "../../../contracts/negotiation";
import { ApiProblem, hasProblemCode } from "../../shared/api/fetch-json";
import { nextCopy } from "../../shared/live/live-cache";
import { settleReads } from "./awaited-answers";
import { proposalChange, withProposal } from "./live-refresh";
import { useSend, type Send } from "../../shared/session/use-send";
import { NEGOTIATION_KEYS, documentPath } from "./negotiation-queries";

type Body<S extends z.ZodType> = z.output<S>;

function refreshDocument(queryClient: QueryClient, id: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.document(id) });
}

function showDocument(queryClient: QueryClient, id: string, document: DocumentDto | null): void {
  const key = NEGOTIATION_KEYS.document(id);
  const shown = queryClient.getQueryData<DocumentDto>(key);
  // The document as the answer has it, unless the page already shows a later one (a live event's, read meanwhile).
  if (document && (shown === undefined || document.version >= shown.version)) queryClient.setQueryData(key, document);
  else if (!document) void refreshDocument(queryClient, id);
  void queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.documents });
}

/**
 * The answer to a proposal made or a position taken: put in place on the document shown when it follows it (so neither
 * the answer nor its live echo reads the whole document again); read again otherwise.
 */
function showProposal(queryClient: QueryClient, id: string, answer: ProposalChanged | null): void {
  const key = NEGOTIATION_KEYS.document(id);
  const changed = answer ? proposalChange(answer) : null;
  const next = answer && changed ? nextCopy(queryClient.getQueryData<DocumentDto>(key), answer.documentVersion, (shown) => withProposal(shown, changed.proposal, answer.documentVersion, changed.provision)) : "refetch";
  if (next === "refetch") void refreshDocument(queryClient, id);
  else queryClient.setQueryData(key, next);
}

function onStale(queryClient: QueryClient, id: string) {
  return (error: unknown) => {
    if (hasProblemCode(error, "stale-version")) void refreshDocument(queryClient, id);
  };
}

/** A command answered with the document as it now is. */
function useDocumentCommand<Input>(id: string, request: (send: Send, input: Input) => Promise<DocumentDto | null>) {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: NEGOTIATION_KEYS.command(id),
    mutationFn: (input: Input) => request(send, input),
    onSuccess: (document) => showDocument(queryClient, id, document),
    onError: onStale(queryClient, id),
    onSettled: () => settleReads(queryClient, id),
  });
}

export function useCreateDocument() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<typeof CreateDocumentRequestSchema>) => send<DocumentDto>("POST", "/documents", body),
    onSuccess: (document) => {
      if (document) queryClient.setQueryData(NEGOTIATION_KEYS.document(document.id), document);
      void queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.documents });
    },
  });
}

export function useProposeChange(id: string) {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<typeof CreateProposalRequestSchema>) => send<ProposalChanged>("POST", `${documentPath(id)}/proposals`, body),
    onSuccess: (answer) => showProposal(queryClient, id, answer),
    onError: onStale(queryClient, id),
  });
}

export function useTakePosition(id: string) {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ proposal, body }: { proposal: string; body: Body<typeof PositionRequestSchema> }) =>
      send<ProposalChanged>("POST", `/proposals/${encodeURIComponent(proposal)}/positions`, body),
    onSuccess: (answer) => showProposal(queryClient, id, answer),
    onError: onStale(queryClient, id),
  });
}

/** A command on one proposal answered with the proposal as it now stands (ProposalChanged), put in place like a position. */
function useProposalCommand<Input extends { proposal: string }>(id: string, request: (send: Send, input: Input, path: string) => Promise<ProposalChanged | null>) {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => request(send, input, `/proposals/${encodeURIComponent(input.proposal)}`),
    onSuccess: (answer) => showProposal(queryClient, id, answer),
    onError: onStale(queryClient, id),
  });
}

/** The delegation that made a proposal withdraws it (the chair's rejection is "not retained", in a revision). */
export function useWithdrawProposal(id: string) {
  return useProposalCommand(id, (send, _input: { proposal: string }, path) => send<ProposalChanged>("POST", `${path}/withdrawal`, {}));
}

/** The reader's delegation joins another's proposal as a co-sponsor. */
export function useCosponsor(id: string) {
  return useProposalCommand(id, (send, _input: { proposal: string }, path) => send<ProposalChanged>("POST", `${path}/cosponsors`, {}));
}

/** A comment by a non-member delegation the chair invited: shown as a non-member's, never blocking. */
export function useInvitedComment(id: string) {
  return useProposalCommand(id, (send, { body }: { proposal: string; body: Body<typeof InvitedCommentRequestSchema> }, path) =>
    send<ProposalChanged>("POST", `${path}/invited-comments`, body),
  );
}

export function useIssueRevision(id: string) {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: NEGOTIATION_KEYS.command(id),
    mutationFn: (body: Body<typeof IssueRevisionRequestSchema>) => send<IssuedRevisionDto>("POST", `${documentPath(id)}/revisions`, body),
    onSuccess: (issued) => {
      if (!issued) return showDocument(queryClient, id, null);
      const { current, ...revision } = issued;
      queryClient.setQueryData<RevisionDto>(NEGOTIATION_KEYS.revision(id, revision.number), revision);
      // The whole document as it now stands: its live echo, before or after this answer, reads nothing again.
      showDocument(queryClient, id, current);
    },
    // A failure that is not a refusal (the connection dropped) may hide a revision issued: the page reads the document.
    onError: (error) => (error instanceof ApiProblem ? onStale(queryClient, id)(error) : void refreshDocument(queryClient, id)),
    onSettled: () => settleReads(queryClient, id),
  });
}

const provisionPath = (id: string, provision: string) => `${documentPath(id)}/provisions/${encodeURIComponent(provision)}`;

export function useOfferCompromise(id: string) {
  return useDocumentCommand(id, (send, { provision, body }: { provision: string; body: Body<typeof CompromiseRequestSchema> }) =>
    send<DocumentDto>("POST", `${provisionPath(id, provision)}/compromise`, body),
  );
}

export function useMarkProvision(id: string) {
  return useDocumentCommand(id, (send, { provision, body }: { provision: string; body: Body<typeof MarkRequestSchema> }) =>
    send<DocumentDto>("POST", `${provisionPath(id, provision)}/status`, body),
  );
}

export function useDesignateFacilitator(id: string) {
  return useDocumentCommand(id, (send, { provision, body }: { provision: string; body: Body<typeof FacilitatorRequestSchema> }) =>
    send<DocumentDto>("POST", `${provisionPath(id, provision)}/facilitator`, body),
  );
}

export function useUpdateLanguageVersion(id: string) {
  return useDocumentCommand(id, (send, { provision, language, body }: { provision: string; language: string; body: Body<typeof TranslationRequestSchema> }) =>
    send<DocumentDto>("PUT", `${provisionPath(id, provision)}/versions/${encodeURIComponent(language)}`, body),
  );
}

export function useSetVisibility(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof VisibilityRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/visibility`, body));
}

/** The chair invites a non-member delegation to see the draft and comment on it. */
export function useInvite(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof InvitationRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/invitations`, body));
}

export function useEndInvitation(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof InvitationRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/invitations/end`, body));
}

export function useStartSilence(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof SilenceRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/silence`, body));
}

export function useBreakSilence(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof BreakSilenceRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/silence/break`, body));
}

export function useCancelSilence(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof ReasonRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/silence/cancellation`, body));
}

export function useChangeRule(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof RuleChangeRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/rule`, body));
}

export function useOpenCall(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof CallRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/call`, body));
}

export function useObject(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof ObjectionRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/call/objections`, body));
}

export function useWithdrawObjection(id: string) {
  return useDocumentCommand<void>(id, (send) => send<DocumentDto>("POST", `${documentPath(id)}/call/objections/withdrawal`, {}));
}

export function useWithdrawCall(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof ReasonRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/call/withdrawal`, body));
}

export function useMakeStatement(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof StatementRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/statements`, body));
}

/** Closes the open call for objections: adopted, unless an objection that counts stands. */
export function useAdoptDocument(id: string) {
  return useDocumentCommand(id, (send, body: Body<typeof AdoptionRequestSchema>) => send<DocumentDto>("POST", `${documentPath(id)}/adoption`, body));
}

export function useAddNote(id: string) {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<typeof NoteRequestSchema>) => send<NoteDto>("POST", `${documentPath(id)}/notes`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.notes(id) }),
  });
}
