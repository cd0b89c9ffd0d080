// The meetings API: meetings of the organization's bodies with their invitations, accreditation, agenda, list of
// speakers and outcome. Requests and responses, shared with the web.
import { z } from "zod";
import { BADGE_REVOCATION_REASONS, RANKS } from "../domain/meetings/accreditation.js";
import { FLOOR_KINDS } from "../domain/meetings/speakers.js";
import { MEETING_FORMATS, MEETING_STATUSES } from "../domain/meetings/meeting.js";
import { singleLineText, multiLineText } from "./text.js";

export { RANKS, FLOOR_KINDS, MEETING_FORMATS, MEETING_STATUSES, BADGE_REVOCATION_REASONS };
/** How a delegation comes to be invited: its tier's right, the chair's invitation, or as a guest of that meeting ("SCO plus"). */
export const INVITATION_BASES = ["by_right", "invited", "guest"] as const;
export const INVITATION_RESPONSES = ["pending", "confirmed", "declined"] as const;
/** How precisely a meeting's time is known: to the instant (times at the venue), or only to the day, month or year. */
export const TIME_PRECISIONS = ["instant", "day", "month", "year"] as const;
export const MEETING_VISIBILITIES = ["participants", "public"] as const;

const LanguageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language code such as zh, ru or en");
/** Text per language: at least one language; the organization's languages are expected. */
export const MeetingTextSchema = z.record(LanguageCode, singleLineText({ min: 1, max: 300 }));
const NameSchema = z.record(LanguageCode, singleLineText({ min: 1, max: 200 }));
export const PartyCodeSchema = z.string().regex(/^[A-Z]{2,10}$/, "a state or organization code");
const BodyCodeSchema = z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, "a body code such as CMFA");
const IsoInstantSchema = z.iso.datetime({ offset: true }).meta({ description: "An instant with its offset, e.g. 2025-07-15T10:00:00+08:00." });
const VersionSchema = z.number().int().min(1);
const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an identifier");

export const CreateMeetingRequestSchema = z
  .strictObject({
    body: BodyCodeSchema,
    number: singleLineText({ min: 1, max: 40 }).nullable().optional(),
    title: MeetingTextSchema,
    start: IsoInstantSchema,
    end: IsoInstantSchema,
    /** The venue's time zone as IANA names it ("Asia/Shanghai"). */
    timeZone: z.string().min(1).max(64),
    format: z.enum(MEETING_FORMATS),
    city: NameSchema.nullable().optional(),
    /** The state of the venue; by default the host. */
    venueState: PartyCodeSchema.nullable().optional(),
    host: PartyCodeSchema.nullable().optional(),
    /** The meeting's chair when not the delegation holding the body's chairmanship on the opening day. */
    chair: PartyCodeSchema.nullable().optional(),
    /** Delegates each invited delegation may accredit unless its invitation says otherwise. */
    quota: z.number().int().min(1).max(10_000).optional(),
  })
  .meta({ id: "CreateMeetingRequest" });

export const UpdateMeetingRequestSchema = z
  .strictObject({
    version: VersionSchema,
    status: z.enum(MEETING_STATUSES).optional(),
    start: IsoInstantSchema.optional(),
    end: IsoInstantSchema.optional(),
    timeZone: z.string().min(1).max(64).optional(),
    visibility: z.enum(MEETING_VISIBILITIES).optional(),
  })
  .meta({ id: "UpdateMeetingRequest" });

export const InviteRequestSchema = z
  .strictObject({
    party: PartyCodeSchema,
    /** "invited": an observer or partner the chair invites; "guest": a state or organization outside the tiers, for this meeting. */
    basis: z.enum(["invited", "guest"]),
    quota: z.number().int().min(1).max(10_000).optional(),
    /** Whether the chair also invites it to take the floor. */
    maySpeak: z.boolean().optional(),
    /** A guest's name, when the party is not in the registry. */
    names: NameSchema.optional(),
  })
  .meta({ id: "InviteRequest" });

export const InvitationChangeRequestSchema = z
  .strictObject({
    version: VersionSchema,
    maySpeak: z.boolean().optional(),
    quota: z.number().int().min(1).max(10_000).optional(),
  })
  .meta({ id: "InvitationChangeRequest" });

export const ParticipationRequestSchema = z
  .strictObject({
    response: z.enum(["confirmed", "declined"]),
    /** The rank of the delegation's head at the meeting. */
    headLevel: z.enum(RANKS).nullable().optional(),
  })
  .meta({ id: "ParticipationRequest" });

/**
 * A delegate's name or function in at most this many languages (the organization's three, the person's own, a spare): with
 * 200 characters a language, a list of 500 has bounded text to check for duplicates and to print.
 */
export const MAX_DELEGATE_LANGUAGES = 6;
const fewLanguages = (text: Record<string, string>) => Object.keys(text).length <= MAX_DELEGATE_LANGUAGES;
const FEW_LANGUAGES = { message: `in at most ${MAX_DELEGATE_LANGUAGES} languages`, params: { code: "too-large" } };

export const DelegateSchema = z.strictObject({
  name: NameSchema.refine(fewLanguages, FEW_LANGUAGES),
  function: z.record(LanguageCode, singleLineText({ min: 1, max: 200 })).refine(fewLanguages, FEW_LANGUAGES),
  rank: z.enum(RANKS),
});

export const AccreditationRequestSchema = z
  .strictObject({ delegates: z.array(DelegateSchema).min(1).max(500), submit: z.boolean().optional() })
  .meta({ id: "AccreditationRequest" });
export const AccreditationEditRequestSchema = AccreditationRequestSchema.extend({ version: VersionSchema }).meta({ id: "AccreditationEditRequest" });
export const AccreditationDecisionRequestSchema = z
  .strictObject({ decision: z.enum(["approve", "return"]), reason: multiLineText({ max: 2_000 }).optional(), version: VersionSchema })
  .meta({ id: "AccreditationDecisionRequest" });

/** The secretariat revokes a badge, saying why (a reissued badge is revoked by its reissue, not by this). */
export const BadgeRevocationRequestSchema = z
  .strictObject({ reason: z.enum(BADGE_REVOCATION_REASONS.filter((r) => r !== "reissued") as [string, ...string[]]) })
  .meta({ id: "BadgeRevocationRequest" });
/** The secretariat gives the delegate a new badge: a new token; the old one, if it still stood, is revoked as reissued. */
export const BadgeReissueRequestSchema = z.strictObject({}).meta({ id: "BadgeReissueRequest" });

const BadgeRevocationSchema = z.object({ reason: z.enum(BADGE_REVOCATION_REASONS), at: z.string() });

export const AgendaItemInputSchema = z.strictObject({
  title: MeetingTextSchema,
  rapporteur: singleLineText({ min: 1, max: 200 }).nullable().optional(),
  start: IsoInstantSchema.nullable().optional(),
  end: IsoInstantSchema.nullable().optional(),
  /** Documents negotiated under the item (negotiation document identifiers). */
  documents: z.array(IdSchema).max(50).optional(),
});
export const AgendaItemRequestSchema = AgendaItemInputSchema.extend({
  /** Place it after this item (null: first); by default last. */
  after: IdSchema.nullable().optional(),
  /** The meeting's version the change was made against. */
  version: VersionSchema,
  /** Why the adopted agenda changes (required after adoption). */
  reason: multiLineText({ max: 2_000 }).optional(),
}).meta({ id: "AgendaItemRequest" });
export const AgendaItemChangeRequestSchema = AgendaItemInputSchema.partial()
  .extend({ version: VersionSchema, reason: multiLineText({ max: 2_000 }).optional(), remove: z.boolean().optional() })
  .meta({ id: "AgendaItemChangeRequest" });
export const AgendaAdoptionRequestSchema = z.strictObject({ version: VersionSchema }).meta({ id: "AgendaAdoptionRequest" });

export const FloorRequestSchema = z
  .strictObject({
    kind: z.enum(FLOOR_KINDS),
    /** The secretariat may enter a request on a delegation's behalf. */
    delegation: PartyCodeSchema.optional(),
  })
  .meta({ id: "FloorRequest" });
export const FloorActionRequestSchema = z
  .discriminatedUnion("action", [
    z.strictObject({ action: z.literal("give"), request: IdSchema.optional(), seconds: z.number().int().min(0).max(3_600).optional() }),
    z.strictObject({ action: z.literal("end") }),
    z.strictObject({ action: z.literal("pause") }),
    z.strictObject({ action: z.literal("resume") }),
    z.strictObject({ action: z.literal("withdraw"), request: IdSchema }),
    z.strictObject({ action: z.literal("close") }),
    z.strictObject({ action: z.literal("reopen") }),
  ])
  .meta({ id: "FloorActionRequest" });

export const OutcomeRequestSchema = z
  .strictObject({
    version: VersionSchema,
    /** Delegations present (the attendance record). */
    attendance: z.array(PartyCodeSchema).max(500).optional(),
    /** Adopted documents recorded by hand (those adopted in Concord are listed by themselves). */
    documents: z.array(z.strictObject({ number: singleLineText({ min: 1, max: 60 }), title: MeetingTextSchema })).max(200).optional(),
  })
  .meta({ id: "OutcomeRequest" });

export const MeetingListQuerySchema = z.strictObject({
  body: z.string().max(16).optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  /** Meetings ending on or after this day (YYYY-MM-DD). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

// ---- Responses

const PartySchema = z.object({ code: z.string(), names: z.record(z.string(), z.string()) });

const FloorRequestViewSchema = z.object({ id: z.string(), delegation: z.string(), kind: z.enum(FLOOR_KINDS), requestedAt: z.string() });
export const SpeakersListSchema = z
  .object({
    queue: z.array(FloorRequestViewSchema),
    current: z
      .object({
        requestId: z.string(),
        delegation: z.string(),
        kind: z.enum(FLOOR_KINDS),
        startedAt: z.string(),
        allottedSeconds: z.number(),
        pausedAt: z.string().nullable(),
        pausedSeconds: z.number(),
      })
      .nullable(),
    spoken: z.array(z.object({ delegation: z.string(), kind: z.enum(FLOOR_KINDS), startedAt: z.string(), endedAt: z.string(), seconds: z.number() })),
    isOpen: z.boolean(),
  })
  .meta({ id: "SpeakersList" });

export const AgendaItemSchema = z.object({
  id: z.string(),
  number: z.number(),
  title: z.record(z.string(), z.string()),
  rapporteur: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  documents: z.array(z.object({ id: z.string(), title: z.record(z.string(), z.string()).nullable(), status: z.string().nullable() })),
  speakers: SpeakersListSchema,
  version: z.number(),
});

export const AgendaChangeSchema = z.object({ at: z.string(), by: z.string().nullable(), item: z.string(), change: z.string(), reason: z.string().nullable() });

export const InvitationSchema = z.object({
  party: PartySchema,
  basis: z.enum(INVITATION_BASES),
  /** The party's tier on the meeting's day, when it holds one. */
  tier: z.string().nullable(),
  quota: z.number(),
  maySpeak: z.boolean(),
  response: z.enum(INVITATION_RESPONSES),
  headLevel: z.enum(RANKS).nullable(),
  version: z.number(),
});

export const AccreditationListSchema = z.object({
  id: z.string(),
  delegation: z.string(),
  state: z.enum(["draft", "submitted", "approved", "returned"]),
  delegates: z.array(
    z.object({
      name: z.record(z.string(), z.string()),
      function: z.record(z.string(), z.string()),
      rank: z.enum(RANKS),
      /** The delegate's badge token: the standing one, else the last revoked (with its revocation). */
      badge: z.string().nullable(),
      revocation: BadgeRevocationSchema.nullable(),
    }),
  ),
  returnReason: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});

export const MeetingSummarySchema = z
  .object({
    id: z.string(),
    body: z.string(),
    number: z.string().nullable(),
    title: z.record(z.string(), z.string()),
    start: z.string().nullable(),
    end: z.string().nullable(),
    timeZone: z.string().nullable(),
    /** The first and last day at the venue, at the precision known ("2025-07" when only the month is). */
    startDate: z.string(),
    endDate: z.string(),
    timePrecision: z.enum(TIME_PRECISIONS),
    format: z.enum(MEETING_FORMATS).nullable(),
    city: z.record(z.string(), z.string()).nullable(),
    venueState: z.string().nullable(),
    host: z.string().nullable(),
    chair: z.string().nullable(),
    status: z.enum(MEETING_STATUSES),
    visibility: z.enum(MEETING_VISIBILITIES),
    isDemo: z.boolean(),
    source: z.string().nullable(),
    note: z.record(z.string(), z.string()).nullable(),
    version: z.number(),
  })
  .meta({ id: "MeetingSummary" });

export const MeetingSchema = MeetingSummarySchema.extend({
  agenda: z.object({ adoptedAt: z.string().nullable(), items: z.array(AgendaItemSchema), changes: z.array(AgendaChangeSchema) }),
  invitations: z.array(InvitationSchema),
  /** The lists the caller may see: all for the secretariat, a delegation's own for it. */
  accreditation: z.array(AccreditationListSchema),
  outcome: z.object({
    documents: z.array(z.object({ id: z.string().nullable(), number: z.string().nullable(), title: z.record(z.string(), z.string()) })),
    attendance: z.array(z.string()),
  }),
  /** What the caller may do here, for the screen to offer it. */
  can: z.object({
    manage: z.boolean(),
    chair: z.boolean(),
    accredit: z.boolean(),
    askFloor: z.boolean(),
    approve: z.boolean(),
    /** Revoke and reissue badges (the secretariat). */
    revokeBadges: z.boolean(),
  }),
}).meta({ id: "Meeting" });

export const MeetingListSchema = z.object({ items: z.array(MeetingSummarySchema) }).meta({ id: "MeetingList" });

export const ParticipantSchema = z.object({
  delegation: z.string(),
  name: z.record(z.string(), z.string()),
  function: z.record(z.string(), z.string()),
  rank: z.enum(RANKS),
  /** The badge's token: for the secretariat and the delegate's own delegation only (a token verifies, so could be printed on, a badge). */
  badge: z.string().nullable(),
});
export const ParticipantListSchema = z
  .object({
    meeting: z.string(),
    /** The meeting's version the list was read at. */
    version: z.number(),
    /** Delegates of approved lists, delegation by delegation. */
    items: z.array(ParticipantSchema),
  })
  .meta({ id: "ParticipantList" });

/** Why a badge does not open the door: the secretariat revoked it, its list is no longer approved, the meeting was cancelled, or it is over. */
export const BADGE_INVALID_REASONS = ["revoked", "not-approved", "meeting-cancelled", "expired"] as const;

export const BadgeVerificationSchema = z
  .object({
    isValid: z.boolean(),
    reason: z.enum(BADGE_INVALID_REASONS).nullable(),
    /** The meeting's end plus a few hours' grace. */
    validUntil: z.string(),
    meeting: z.object({
      id: z.string(),
      title: z.record(z.string(), z.string()),
      start: z.string().nullable(),
      end: z.string().nullable(),
      timeZone: z.string().nullable(),
      startDate: z.string(),
      endDate: z.string(),
      isDemo: z.boolean(),
    }),
    delegation: PartySchema,
    /** When and why the secretariat revoked the badge; null while it stands. */
    revocation: BadgeRevocationSchema.nullable(),
    /** Null when the list was changed after the badge was issued and no longer has that delegate. */
    delegate: z.object({ name: z.record(z.string(), z.string()), function: z.record(z.string(), z.string()), rank: z.enum(RANKS) }).nullable(),
    checkedAt: z.string(),
  })
  .meta({ id: "BadgeVerification" });
export type BadgeVerification = z.infer<typeof BadgeVerificationSchema>;

export type Meeting = z.infer<typeof MeetingSchema>;
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;
export type Invitation = z.infer<typeof InvitationSchema>;
export type AgendaItem = z.infer<typeof AgendaItemSchema>;
export type AccreditationListView = z.infer<typeof AccreditationListSchema>;
export type SpeakersListView = z.infer<typeof SpeakersListSchema>;
export type Participant = z.infer<typeof ParticipantSchema>;
