// A meeting as the API answers it, for one caller: accreditation lists the caller may see, and what the caller may do.
import type { Meeting, MeetingSummary } from "../../contracts/meetings.js";
import type { Actor } from "../../domain/access.js";
import { isSecretariat } from "../../domain/access.js";
import type { MeetingFormat, MeetingStatus } from "../../domain/meetings/meeting.js";
import type { BadgeRevocationReason, Rank } from "../../domain/meetings/accreditation.js";
import { meetingAbilities } from "./policy.js";
import { chairOfMeeting, resourceOf, type MeetingFacts, type ShownMeeting, type MeetingRow } from "./store.js";
import { mayAskFloor } from "./floor-rights.js";

/** What the agenda shows of a negotiated document. */
export type DocumentTitles = ReadonlyMap<string, { title: Record<string, string>; status: string; number: string | null }>;

export function summaryView(row: MeetingRow, facts: MeetingFacts): MeetingSummary {
  return {
    id: row.id,
    body: row.body,
    number: row.number,
    title: row.title,
    start: row.start ? row.start.toISOString() : null,
    end: row.end ? row.end.toISOString() : null,
    timeZone: row.timeZone,
    startDate: row.startDate,
    endDate: row.endDate,
    timePrecision: row.timePrecision as MeetingSummary["timePrecision"],
    format: (row.format as MeetingFormat | null) ?? null,
    city: row.city ?? null,
    venueState: row.venueState,
    host: row.host,
    chair: chairOfMeeting(row, facts),
    status: row.status as MeetingStatus,
    visibility: row.visibility === "public" ? "public" : "participants",
    isDemo: row.isDemo,
    source: row.source,
    note: row.note ?? null,
    version: row.version,
  };
}

export function meetingView(loaded: ShownMeeting, actor: Actor, facts: MeetingFacts, documents: DocumentTitles): Meeting {
  const { row, invitations, lists, items } = loaded;
  const abilities = meetingAbilities(actor, resourceOf(row, invitations, facts));
  const day = row.startDate.slice(0, 10);
  const ownInvitation = actor.delegation ? invitations.find((i) => i.party === actor.delegation) : undefined;
  const seesAllLists = isSecretariat(actor);
  return {
    ...summaryView(row, facts),
    agenda: {
      adoptedAt: row.agendaAdoptedAt ? row.agendaAdoptedAt.toISOString() : null,
      items: items.map((item, index) => ({
        id: item.id,
        number: index + 1,
        title: item.title,
        rapporteur: item.rapporteur,
        start: item.start ? item.start.toISOString() : null,
        end: item.end ? item.end.toISOString() : null,
        documents: item.documents.flatMap((id) => {
          const known = documents.get(id);
          return known ? [{ id, title: known.title, status: known.status }] : [];
        }),
        speakers: { ...item.speakers, queue: [...item.speakers.queue], spoken: [...item.speakers.spoken] },
        version: item.version,
      })),
      changes: row.agendaChanges,
    },
    invitations: invitations.map((i) => ({
      party: { code: i.party, names: i.names ?? facts.names(i.party) ?? { en: i.party } },
      basis: i.basis as Meeting["invitations"][number]["basis"],
      tier: facts.statusOf(i.party, day)?.tier ?? null,
      quota: i.quota,
      maySpeak: i.maySpeak,
      response: i.response as Meeting["invitations"][number]["response"],
      headLevel: (i.headLevel as Rank | null) ?? null,
      version: i.version,
    })),
    accreditation: lists
      .filter((l) => seesAllLists || (actor.delegation !== null && l.delegation === actor.delegation))
      .map((l) => ({
        id: l.id,
        delegation: l.delegation,
        state: l.state as Meeting["accreditation"][number]["state"],
        delegates: loaded.delegatesOf(l.id).map((d, index) => {
          const badge = loaded.badges.get(`${l.id}#${index}`);
          return {
            ...d,
            badge: badge?.token ?? null,
            revocation: badge?.revokedAt ? { reason: badge.revocationReason as BadgeRevocationReason, at: badge.revokedAt.toISOString() } : null,
          };
        }),
        returnReason: l.returnReason,
        version: l.version,
        updatedAt: l.updatedAt.toISOString(),
      })),
    outcome: {
      documents: [
        ...[...documents].filter(([, d]) => d.status === "adopted").map(([id, d]) => ({ id, number: d.number, title: d.title })),
        ...row.outcome.documents.map((d) => ({ id: null, number: d.number, title: d.title })),
      ],
      attendance: row.outcome.attendance,
    },
    can: {
      ...abilities,
      askFloor: abilities.askFloor && (isSecretariat(actor) || (ownInvitation !== undefined && mayAskFloor(ownInvitation, facts, day))),
    },
  };
}
