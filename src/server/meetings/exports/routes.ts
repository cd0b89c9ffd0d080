// The participants list (JSON, PDF, CSV, XLSX), a delegate's badge (PDF with a QR code) and the badge's verification
// answer. Thin: read the meeting's participants at its current version (cached), check the caller's right, answer; files
// are rendered in the work pool, once per content (what they show), not once per version of the meeting.
import { rateLimited } from "../../platform/http/rate-limits.js";
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { BadgeVerificationSchema, ParticipantListSchema } from "../../../contracts/meetings.js";
import { ProblemSchema } from "../../../contracts/problems.js";
import type { LocalizedText } from "../../../domain/localized-text.js";
import type { BadgeRevocationReason } from "../../../domain/meetings/accreditation.js";
import type { Registry } from "../../../domain/registry.js";
import { callerOf, type AppServices } from "../../app-services.js";
import { CACHE_CONTROL } from "../../platform/http/cache-control.js";
import { defineTask } from "../../platform/work/task.js";
import { notFound, ProblemError } from "../../platform/http/problem.js";
import { badgeAudienceOf, withBadgesFor } from "../participants.js";
import { participantsReads } from "../policy.js";
import { findInvitation, meetingFacts, resourceOf, type MeetingFacts, type MeetingRow } from "../store.js";
import { findBadgeRecords } from "../queries.js";
import { badgeDocument, verificationUrl } from "./badge-document.js";
import { EXPORT_LANGUAGES, readerLanguage, type ExportLanguage } from "./labels.js";
import { derived, FileCache, ParticipantsCache, participantsJson, type CachedJson, type MeetingParticipants } from "./participants-cache.js";
import { attachment, csvText, exportFileName, participantsDocument, participantsTable, type MeetingFacet, type ParticipantsDocument } from "./participants-document.js";
import type { ParticipantsRender } from "./render-task.js";
import { badgePrinting } from "./policy.js";
import { verification } from "./verification.js";

const tags = ["meetings"];

type RenderTasks = typeof import("./render-task.js");
// A list at the meeting's bound (10,000 delegates, some 500 pages) takes about 8 s to draw on a quiet two-core machine and
// half again with Arabic names: the pool's 20 s would refuse it on a busy one.
const renderParticipantsTask = defineTask<RenderTasks["renderParticipants"]>("meetings.participants-file", new URL("./render-task.js", import.meta.url), "renderParticipants", {
  timeoutMs: 60_000,
});
const renderBadgeTask = defineTask<RenderTasks["renderBadge"]>("meetings.badge-pdf", new URL("./render-task.js", import.meta.url), "renderBadge");

/** Bytes moved back from a worker thread, as the Buffer Fastify sends (no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema };
const MeetingParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an identifier") });
// A malformed token is simply not a badge: 404, as for an unknown one (a guard's phone shows "unknown badge" either way).
const TokenParams = z.strictObject({ token: z.string().max(200) });
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const ExportQuery = z.strictObject({
  /** The reader's language; by default the first of Accept-Language that Concord writes in, else English. */
  lang: z.enum(EXPORT_LANGUAGES).optional(),
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
function binary(type: string, description: string) {
  return { description, content: { [type]: { schema: z.string().meta({ format: "binary" }) } } };
}

/** `publicOrigin`: the verification address on a badge's QR code (from PUBLIC_URL; never the request's Host header). */
export async function meetingExportRoutes(app: FastifyInstance, options: { services: AppServices; publicOrigin: string }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { services } = options;
  const { db, snapshot } = services;
  const cache = new ParticipantsCache(db);
  const files = new FileCache();

  const noRegistry = () => new ProblemError(503, "no-registry", "No registry loaded", "Load a dataset with `concord import`.");
  const registry = (): Registry => snapshot.registry ?? (() => { throw noRegistry(); })();
  const facts = (): MeetingFacts => snapshot.view("meeting-facts", meetingFacts) ?? (() => { throw noRegistry(); })();

  /** The meeting's participants, once the caller is known to hold the right to read them. */
  async function readable(request: FastifyRequest, id: string): Promise<MeetingParticipants> {
    const entry = await cache.get(id);
    if (!entry) throw notFound("meeting");
    const known = facts();
    const resource = derived(entry, `resource:${snapshot.position}`, () => resourceOf(entry.row, entry.invitations, known));
    participantsReads.check(request.actor, resource);
    return entry;
  }

  /** Delegations in the registry's order: its states, then its international organizations. */
  const delegationOrder = (): readonly string[] =>
    snapshot.view("participants-order", (r) => [...r.states.map((s) => s.code), ...r.organizations.map((o) => o.code)]) ?? [];

  function namesOf(entry: MeetingParticipants): (code: string) => LocalizedText | null {
    const known = facts();
    const guests = new Map(entry.invitations.map((i) => [i.party, i.names]));
    return (code) => known.names(code) ?? guests.get(code) ?? null;
  }

  function exportDocument(request: FastifyRequest, entry: MeetingParticipants, language: ExportLanguage): ParticipantsDocument {
    const current = registry();
    return participantsDocument({
      meeting: facetOf(entry.row),
      participants: withBadgesFor(entry.participants, badgeAudienceOf(request.actor)),
      order: delegationOrder(),
      names: namesOf(entry),
      language,
      organizationLanguages: current.organization.officialLanguages,
      asOf: entry.row.updatedAt,
    });
  }

  /**
   * A file of the list, rendered in the work pool once per content: keyed by a hash of what it shows (the participants as
   * the reader sees them, the meeting's header, the language, the registry's names), so that a change to the meeting that
   * changes nothing printed (any invited head can make one) finds the file already made. The file's "as of" is then the
   * time of the version it was first made at: the list was so then, and still is.
   */
  function renderedFile(request: FastifyRequest, entry: MeetingParticipants, format: "pdf" | "xlsx", language: ExportLanguage): Promise<Buffer> {
    const audience = badgeAudienceOf(request.actor);
    const participants = derived(entry, `participants:${audience}`, () => withBadgesFor(entry.participants, audience));
    const listHash = derived(entry, `participants-hash:${audience}`, () => contentHash(participants));
    const meeting = facetOf(entry.row);
    const key = `${format}|${language}|${snapshot.position}|${contentHash(meeting)}|${listHash}`;
    return files.get(key, async () => {
      const known = namesOf(entry);
      const input: ParticipantsRender = {
        format,
        meeting,
        participants,
        order: delegationOrder(),
        names: Object.fromEntries([...new Set(participants.map((p) => p.delegation))].map((code) => [code, known(code)])),
        language,
        organizationLanguages: registry().organization.officialLanguages,
        asOf: entry.row.updatedAt,
      };
      return asBuffer(await services.work.run(renderParticipantsTask, input, { caller: callerOf(request) }));
    });
  }

  function download(reply: FastifyReply, type: string, fileName: string, bytes: Buffer | string): FastifyReply {
    return reply.header("content-disposition", attachment(fileName)).header("cache-control", CACHE_CONTROL.private).type(type).send(bytes as never);
  }

  api.get(
    "/api/v1/meetings/:id/participants",
    {
      schema: {
        tags,
        summary: "The participants: every delegate of an approved accreditation list (secretariat, the chair, invited delegations)",
        params: MeetingParams,
        response: { 200: ParticipantListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const entry = await readable(request, request.params.id);
      return sendCached(request, reply, participantsJson(entry, badgeAudienceOf(request.actor), delegationOrder(), String(snapshot.position)));
    },
  );

  api.get(
    "/api/v1/meetings/:id/participants.pdf",
    {
      config: rateLimited("export"),
      schema: {
        tags,
        summary: "The list of participants as a PDF (A4, fonts embedded), in the reader's language",
        params: MeetingParams,
        querystring: ExportQuery,
        response: { 200: binary("application/pdf", "The list of participants"), ...errors },
      },
    },
    async (request, reply) => {
      const entry = await readable(request, request.params.id);
      const language = readerLanguage(request.query.lang, request.headers["accept-language"]);
      const bytes = await renderedFile(request, entry, "pdf", language);
      return download(reply, "application/pdf", exportFileName("participants", entry.row.id, language, "pdf"), bytes);
    },
  );

  api.get(
    "/api/v1/meetings/:id/participants.csv",
    {
      config: rateLimited("export"),
      schema: {
        tags,
        summary: "The list of participants as CSV (UTF-8 with a byte-order mark, one column per language of the names)",
        params: MeetingParams,
        querystring: ExportQuery,
        response: { 200: binary("text/csv", "The list of participants"), ...errors },
      },
    },
    async (request, reply) => {
      const entry = await readable(request, request.params.id);
      const language = readerLanguage(request.query.lang, request.headers["accept-language"]);
      const text = csvText(participantsTable(exportDocument(request, entry, language)));
      return download(reply, "text/csv; charset=utf-8", exportFileName("participants", entry.row.id, language, "csv"), text);
    },
  );

  api.get(
    "/api/v1/meetings/:id/participants.xlsx",
    {
      config: rateLimited("export"),
      schema: {
        tags,
        summary: "The list of participants as an XLSX workbook",
        params: MeetingParams,
        querystring: ExportQuery,
        response: { 200: binary(XLSX, "The list of participants"), ...errors },
      },
    },
    async (request, reply) => {
      const entry = await readable(request, request.params.id);
      const language = readerLanguage(request.query.lang, request.headers["accept-language"]);
      const bytes = await renderedFile(request, entry, "xlsx", language);
      return download(reply, XLSX, exportFileName("participants", entry.row.id, language, "xlsx"), bytes);
    },
  );

  /** The badge, its list and its meeting; 404 for a token that is not a badge's. */
  async function findBadge(token: string) {
    if (!TOKEN.test(token)) throw notFound("badge");
    const found = await findBadgeRecords(db, token);
    if (!found) throw notFound("badge");
    return found;
  }

  async function delegationNames(meeting: MeetingRow, code: string): Promise<LocalizedText | null> {
    const known = facts().names(code);
    if (known) return known;
    // A guest of this meeting is named by its invitation.
    return (await findInvitation(db, meeting.id, code))?.names ?? null;
  }

  api.get(
    "/api/v1/badges/:token.pdf",
    {
      config: rateLimited("export"),
      schema: {
        tags,
        summary: "A delegate's badge as a PDF (A6) with the QR code of its verification page (secretariat, the delegate's delegation)",
        params: TokenParams,
        querystring: ExportQuery,
        response: { 200: binary("application/pdf", "The badge"), 409: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { badge, list, meeting } = await findBadge(request.params.token);
      badgePrinting.check(request.actor, { delegation: list.delegation });
      const delegate = list.delegates[badge.delegateIndex];
      if (badge.revokedAt) {
        throw new ProblemError(409, "badge-revoked", "The badge is revoked", "A revoked badge is not printed; the secretariat reissues the delegate a new one.", {
          current: { reason: badge.revocationReason },
        });
      }
      if (list.state !== "approved" || !delegate) {
        throw new ProblemError(409, "invalid-state", "The badge's list is not approved", "Only the delegates of an approved list have badges to print.", {
          current: { state: list.state },
        });
      }
      const language = readerLanguage(request.query.lang, request.headers["accept-language"]);
      const current = registry();
      const document = badgeDocument({
        organization: current.organization.names,
        meeting: facetOf(meeting),
        delegation: { code: list.delegation, names: await delegationNames(meeting, list.delegation) },
        delegate,
        verifyUrl: verificationUrl(options.publicOrigin, badge.token),
        language,
        organizationLanguages: current.organization.officialLanguages,
      });
      const bytes = asBuffer(await services.work.run(renderBadgeTask, document, { caller: callerOf(request) }));
      return download(reply, "application/pdf", exportFileName(`badge-${list.delegation.toLowerCase()}-${badge.delegateIndex + 1}`, meeting.id, language, "pdf"), bytes);
    },
  );

  api.get(
    "/api/v1/badges/:token",
    {
      schema: {
        tags,
        summary: "Whether a badge is valid now, and whose it is (public: the verification page a badge's QR code opens)",
        params: TokenParams,
        response: { 200: BadgeVerificationSchema, ...errors },
      },
    },
    async (request) => {
      const { badge, list, meeting } = await findBadge(request.params.token);
      return verification({
        meeting,
        list,
        delegateIndex: badge.delegateIndex,
        revocation: badge.revokedAt ? { reason: badge.revocationReason as BadgeRevocationReason, at: badge.revokedAt } : null,
        delegationNames: await delegationNames(meeting, list.delegation),
        at: services.now(),
      });
    },
  );
}

/** A short hash of a value's JSON: what a rendered file is keyed by. */
function contentHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 32);
}

/** Ready JSON with its entity tag: 304 to a client that holds it (a browser keeps nothing: the list depends on who asks). */
function sendCached(request: FastifyRequest, reply: FastifyReply, cached: CachedJson): FastifyReply {
  void reply.header("etag", cached.etag).header("cache-control", CACHE_CONTROL.private);
  if (request.headers["if-none-match"] === cached.etag) return reply.code(304).send();
  return reply.type("application/json; charset=utf-8").send(cached.json);
}

function facetOf(row: MeetingRow): MeetingFacet {
  return {
    id: row.id,
    title: row.title,
    startDate: row.startDate,
    endDate: row.endDate,
    timeZone: row.timeZone,
    city: row.city ?? null,
    status: row.status,
    isDemo: row.isDemo,
  };
}
