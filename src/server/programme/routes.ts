// The chair's programme: a term's events and progress (public), its import from a CSV or XLSX spreadsheet (validated
// first: every bad cell named by row and column, nothing written), and its export in the same columns. Reading a file
// and writing a workbook run in the work pool; the routes do only what is cheap (the content type, the byte length).
import { rateLimited } from "../platform/http/rate-limits.js";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemSchema, type FieldError } from "../../contracts/problems.js";
import { cellField, MAX_SPREADSHEET_BYTES, ProgrammeImportQuery, ProgrammeImportResultSchema, ProgrammeSchema, SPREADSHEET_TYPES, TermParams } from "../../contracts/programme.js";
import { organizationLanguages } from "../../domain/localized-text.js";
import { programmeColumns, programmeRows, type SheetError } from "../../domain/programme/spreadsheet.js";
import type { ChairmanshipTerm, Registry } from "../../domain/registry.js";
import { requireSignIn } from "../platform/access/authorize.js";
import { callerOf, commandContext, type AppServices } from "../app-services.js";
import { notFound, ProblemError } from "../platform/http/problem.js";
import { importProgramme } from "./commands.js";
import { meetingsChairedBy } from "../meetings/queries.js";
import { meetingFacts } from "../meetings/queries.js";
import { findTerm, programmeView, termDays, termEvents } from "./queries.js";
import { writeCsv, type SpreadsheetFormat } from "./sheet-files.js";
import type { ProgrammeFileRead } from "./sheet-task.js";
import { readProgrammeFileTask, writeProgrammeWorkbookTask } from "./tasks.js";
import { STREAMS } from "../../contracts/live.js";
import { EVERY_MEMBER } from "../platform/realtime/stream-readers.js";

const tags = ["programme"];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema };
/** Answers of a request whose work runs in the pool: refused when its caller (429) or the server (503) has too much. */
const workErrors = { 422: ProblemSchema, 429: ProblemSchema, 503: ProblemSchema };
const ExportQuery = z.strictObject({ template: z.enum(["true", "false"]).optional() });
const writeErrors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, ...workErrors };

const SpreadsheetBody = z
  .custom<Buffer>((value) => Buffer.isBuffer(value), "the spreadsheet itself, sent as text/csv or as an XLSX file")
  .meta({ description: "The spreadsheet's bytes: a CSV file (text/csv, UTF-8) or an XLSX workbook, whose first sheet is read." });

function fieldErrors(sheetErrors: readonly SheetError[]): FieldError[] {
  return sheetErrors.map((e) => ({ field: cellField(e), code: e.code, message: e.message, ...(e.limit !== undefined ? { limit: e.limit } : {}) }));
}

/**
 * A spreadsheet refused: 400 listing each bad cell, its field saying where ("row 7, column start (E)"); or, for a file
 * that cannot be read, why, with the bound it broke ("file", too-many-columns, limit 26) when that is why.
 */
function refused(read: Exclude<ProgrammeFileRead, { ok: true }>): ProblemError {
  if (read.problem === "spreadsheet-unreadable") {
    return new ProblemError(400, "spreadsheet-unreadable", "The file could not be read", `${read.reason}; nothing was changed.`, read.errors.length > 0 ? { errors: fieldErrors(read.errors) } : {});
  }
  const { count } = read;
  const shown = count > read.errors.length ? ` (the first ${read.errors.length} are listed)` : "";
  return new ProblemError(400, "spreadsheet-invalid", "The spreadsheet was not imported", `${count} error${count === 1 ? "" : "s"}${shown}; nothing was changed.`, { errors: fieldErrors(read.errors) });
}

function formatOf(contentType: string | undefined): SpreadsheetFormat {
  return (contentType ?? "").toLowerCase().startsWith(SPREADSHEET_TYPES.xlsx) ? "xlsx" : "csv";
}

function binary(type: string, description: string) {
  return { description, content: { [type]: { schema: z.string().meta({ format: "binary" }) } } };
}

export async function programmeRoutes(app: FastifyInstance, options: { services: AppServices }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { services } = options;
  const { db, runner, snapshot } = services;
  // A term's programme is public.
  services.streams.registerKind(STREAMS.programme, { readers: async () => EVERY_MEMBER });

  // Spreadsheets arrive as they are; only this plugin's routes take them.
  app.addContentTypeParser([SPREADSHEET_TYPES.csv, SPREADSHEET_TYPES.xlsx], { parseAs: "buffer", bodyLimit: MAX_SPREADSHEET_BYTES }, (_request, body, done) => done(null, body));

  const registry = (): Registry => {
    const current = snapshot.registry;
    if (!current) throw new ProblemError(503, "no-registry", "No registry loaded", "Load a dataset with `concord import`.");
    return current;
  };
  /** The organization's languages: the programme's localized columns, one per language. */
  const languages = () => organizationLanguages(registry().organization);
  const termOf = (id: string): ChairmanshipTerm => findTerm(registry(), id) ?? (() => { throw notFound(`Chairmanship term "${id}"`); })();

  api.get(
    "/api/v1/chairmanship/:term/programme",
    {
      schema: {
        tags,
        summary:
          "A chairmanship term's programme: the term (slogan, themed year, priorities, the count of events a source reports), its events, the meetings its chair chairs under it (as the caller may see them), and their progress by month and by track",
        params: TermParams,
        response: { 200: ProgrammeSchema, ...errors },
      },
    },
    async (request) => {
      const term = termOf(request.params.term);
      const facts = snapshot.view("meeting-facts", meetingFacts);
      // The meetings the chair chairs under the term, as the caller may see them (from the meetings capability's queries).
      const chaired = facts ? await meetingsChairedBy(db, { state: term.state, ...termDays(term) }, request.actor, facts) : [];
      return programmeView(registry(), term, await termEvents(db, term.id), chaired, services.today());
    },
  );

  api.post(
    "/api/v1/chairmanship/:term/programme/import",
    {
      config: rateLimited("import"),
      onRequest: requireSignIn,
      bodyLimit: MAX_SPREADSHEET_BYTES,
      schema: {
        tags,
        summary:
          "Import the term's programme from a spreadsheet (CSV or XLSX, the columns of docs/programme.md): all or nothing. Every bad cell is reported with its row and column; a good file replaces the events imported before (the dataset's stay). ?dryRun=true only checks.",
        consumes: [SPREADSHEET_TYPES.csv, SPREADSHEET_TYPES.xlsx],
        params: TermParams,
        querystring: ProgrammeImportQuery,
        body: SpreadsheetBody,
        response: { 200: ProgrammeImportResultSchema, ...writeErrors },
      },
    },
    async (request) => {
      const term = termOf(request.params.term);
      const format = formatOf(request.headers["content-type"]);
      const read = async () => {
        const outcome = await services.work.run(readProgrammeFileTask, { bytes: request.body, format, languages: languages() }, { caller: callerOf(request) });
        if (!outcome.ok) throw refused(outcome);
        return outcome.events;
      };
      const file = request.query.file ?? `programme.${format}`;
      return runner.run(importProgramme, commandContext(request, services), { term, file, dryRun: request.query.dryRun === "true", read });
    },
  );

  /** The rows an export writes: the term's events, or none for a blank template (the columns alone, to fill in and import). */
  const exportRows = async (term: ChairmanshipTerm, isTemplate: boolean) => programmeRows(isTemplate ? [] : await termEvents(db, term.id), languages());
  const fileName = (term: ChairmanshipTerm, isTemplate: boolean, extension: string) => (isTemplate ? `programme-template.${extension}` : `programme-${term.id}.${extension}`);

  api.get(
    "/api/v1/chairmanship/:term/programme.csv",
    {
      schema: {
        tags,
        summary: "The term's programme as CSV, in the columns an import reads; ?template=true: the columns alone",
        params: TermParams,
        querystring: ExportQuery,
        response: { 200: binary("text/csv", "UTF-8 CSV with a byte-order mark"), ...errors },
      },
    },
    async (request, reply) => {
      const term = termOf(request.params.term);
      const isTemplate = request.query.template === "true";
      void reply.header("content-disposition", `attachment; filename="${fileName(term, isTemplate, "csv")}"`);
      return reply.type("text/csv; charset=utf-8").send(writeCsv(programmeColumns(languages()), await exportRows(term, isTemplate)));
    },
  );

  api.get(
    "/api/v1/chairmanship/:term/programme.xlsx",
    {
      config: rateLimited("export"),
      schema: {
        tags,
        summary: "The term's programme as an XLSX workbook, in the columns an import reads; ?template=true: the columns alone",
        params: TermParams,
        querystring: ExportQuery,
        response: { 200: binary(SPREADSHEET_TYPES.xlsx, "XLSX workbook"), ...errors, ...workErrors },
      },
    },
    async (request, reply) => {
      const term = termOf(request.params.term);
      const isTemplate = request.query.template === "true";
      const rows = await exportRows(term, isTemplate);
      const workbook = await services.work.run(writeProgrammeWorkbookTask, { columns: programmeColumns(languages()), rows, sheetName: term.id }, { caller: callerOf(request) });
      void reply.header("content-disposition", `attachment; filename="${fileName(term, isTemplate, "xlsx")}"`);
      return reply.type(SPREADSHEET_TYPES.xlsx).send(Buffer.from(workbook.buffer, workbook.byteOffset, workbook.byteLength) as never);
    },
  );
}
