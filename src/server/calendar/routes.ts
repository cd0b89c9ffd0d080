// iCalendar feeds: a body's meetings, the meetings a delegation is invited to, one meeting, and a chairmanship's programme.
// Only what the caller may see (a calendar program subscribes without a session: the public record and public meetings).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PartyCodeSchema } from "../../contracts/meetings.js";
import { ProblemSchema } from "../../contracts/problems.js";
import { CALENDAR_TYPE, CalendarQuery, TermParams } from "../../contracts/programme.js";
import { fallbackOrder, organizationLanguages as languagesOf, pick } from "../../domain/localized-text.js";
import type { Registry } from "../../domain/registry.js";
import type { AppServices } from "../app-services.js";
import { notFound, ProblemError } from "../platform/http/problem.js";
import { feedMeeting, feedMeetings, type FeedScope } from "../meetings/calendar-feed.js";
import { meetingReads } from "../meetings/policy.js";
import { meetingFacts, resourceOf, type MeetingFacts } from "../meetings/queries.js";
import { findTerm, termEvents } from "../programme/queries.js";
import { meetingEntry, programmeEntry, type EntryContext } from "./entries.js";
import { calendarText, type CalendarEntry } from "./icalendar.js";

const tags = ["calendar"];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema };
const ics = { description: "An iCalendar file (RFC 5545): timed meetings in their venue's zone (TZID, with VTIMEZONE), meetings known to the day as all-day events", content: { [CALENDAR_TYPE]: { schema: z.string() } } };
const BodyParams = z.strictObject({ code: z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, "a body code such as CMFA") });
const DelegationParams = z.strictObject({ code: PartyCodeSchema });
const MeetingParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a meeting's identifier") });

/** `publicOrigin`: where the links in entries point (from PUBLIC_URL; never the request's Host header). */
export async function calendarRoutes(app: FastifyInstance, options: { services: AppServices; publicOrigin: string }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { services } = options;
  const { db, snapshot } = services;

  const noRegistry = () => new ProblemError(503, "no-registry", "No registry loaded", "Load a dataset with `concord import`.");
  const registry = (): Registry => snapshot.registry ?? (() => { throw noRegistry(); })();
  const facts = (): MeetingFacts => snapshot.view("meeting-facts", meetingFacts) ?? (() => { throw noRegistry(); })();

  /**
   * The calendar's language, one of the organization's (by default its first), and what entries need to be written in it;
   * a language the organization does not work in is refused, naming those it does.
   */
  function context(lang: string | undefined): EntryContext & { readonly name: (names: Readonly<Record<string, string>>) => string } {
    const organization = registry().organization;
    const organizationLanguages = languagesOf(organization);
    if (lang !== undefined && !organizationLanguages.includes(lang)) {
      throw new ProblemError(400, "invalid-request", "The request is not valid", `The organization's texts are in ${organizationLanguages.join(", ")}, not ${lang}.`, {
        errors: [{ field: "querystring.lang", code: "not-organization-language", message: `one of the organization's languages: ${organizationLanguages.join(", ")}` }],
      });
    }
    const language = lang ?? organizationLanguages[0] ?? "en";
    return {
      language,
      organizationLanguages,
      organization: organization.code.toLowerCase(),
      origin: options.publicOrigin,
      name: (names) => pick(names, fallbackOrder(language, organizationLanguages)),
    };
  }

  function send(reply: FastifyReply, file: string, name: string, language: string, entries: readonly CalendarEntry[]): FastifyReply {
    void reply.header("content-disposition", `inline; filename="${file}"`);
    return reply.type(`${CALENDAR_TYPE}; charset=utf-8`).send(calendarText({ name, language, entries }));
  }

  async function meetingEntries(request: FastifyRequest, scope: FeedScope, known: EntryContext): Promise<CalendarEntry[]> {
    const rows = await feedMeetings(db, scope, request.actor, facts());
    return rows.map((row) => meetingEntry(row, known)).filter((e): e is CalendarEntry => e !== null);
  }

  api.get(
    "/api/v1/calendar/bodies/:code.ics",
    { schema: { tags, summary: "A body's meetings as an iCalendar feed (those known only to the month or year are left out)", params: BodyParams, querystring: CalendarQuery, response: { 200: ics, ...errors } } },
    async (request, reply) => {
      const body = registry().bodies.find((b) => b.code === request.params.code);
      if (!body) throw notFound(`Body "${request.params.code}"`);
      const known = context(request.query.lang);
      return send(reply, `${body.code}.ics`, known.name(body.names), known.language, await meetingEntries(request, { body: body.code }, known));
    },
  );

  api.get(
    "/api/v1/calendar/delegations/:code.ics",
    { schema: { tags, summary: "The meetings a delegation is invited to, as an iCalendar feed", params: DelegationParams, querystring: CalendarQuery, response: { 200: ics, ...errors } } },
    async (request, reply) => {
      const { code } = request.params;
      const names = facts().names(code);
      if (!names) throw notFound(`Delegation "${code}"`);
      const known = context(request.query.lang);
      return send(reply, `${code}.ics`, known.name(names), known.language, await meetingEntries(request, { delegation: code }, known));
    },
  );

  api.get(
    "/api/v1/meetings/:id/calendar.ics",
    { schema: { tags, summary: "One meeting as an iCalendar file (with no event when it is known only to the month or year)", params: MeetingParams, querystring: CalendarQuery, response: { 200: ics, ...errors } } },
    async (request, reply) => {
      const found = await feedMeeting(db, request.params.id);
      if (!found) throw notFound("meeting");
      // The same answer as the meeting's own page: sign in, or a 403 naming the right.
      meetingReads.check(request.actor, resourceOf(found.row, found.invited, facts()));
      const known = context(request.query.lang);
      const entry = meetingEntry(found.row, known);
      return send(reply, `${found.row.id}.ics`, known.name(found.row.title), known.language, entry ? [entry] : []);
    },
  );

  api.get(
    "/api/v1/chairmanship/:term/programme.ics",
    { schema: { tags: ["programme", ...tags], summary: "A term's programme as an iCalendar feed: its events known to the day, as all-day events", params: TermParams, querystring: CalendarQuery, response: { 200: ics, ...errors } } },
    async (request, reply) => {
      const term = findTerm(registry(), request.params.term);
      if (!term) throw notFound(`Chairmanship term "${request.params.term}"`);
      const known = context(request.query.lang);
      const termUrl = `${known.origin}/chairmanship/${encodeURIComponent(term.id)}`;
      const entries = (await termEvents(db, term.id)).map((event) => programmeEntry(event, { ...known, termUrl })).filter((e): e is CalendarEntry => e !== null);
      const state = registry().states.find((s) => s.code === term.state);
      return send(reply, `programme-${term.id}.ics`, `${known.name(state?.names ?? { en: term.state })} · ${term.id}`, known.language, entries);
    },
  );
}
