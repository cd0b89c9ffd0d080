// The programme's changes: an import from a spreadsheet replaces the events earlier imports brought for the term (the
// dataset's own events stay), in one transaction, audited and announced; the dataset's events are written at first start.
import { randomBytes } from "node:crypto";
import { and, eq, ne, sql } from "drizzle-orm";
import { programmeStream } from "../../contracts/programme.js";
import { PUBLIC_AUDIENCE } from "../../domain/audience.js";
import type { ProgrammeEvent } from "../../domain/programme/event.js";
import type { SheetEvent } from "../../domain/programme/spreadsheet.js";
import type { ChairmanshipTerm } from "../../domain/registry.js";
import { defineCommand, definePreparedCommand, needs, SYSTEM } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import { programmePolicy } from "./policy.js";
import { programmeEvents } from "./tables.js";

export const DATASET_ORIGIN = "dataset";

/** One import at a time per term: the second waits for the first to commit, then replaces what it wrote. */
async function lockTerm(tx: Db, term: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concord:programme:${term}`}))`);
}

/** How many events earlier imports brought for the term (what an import would replace). */
export async function importedCount(db: Db, term: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(programmeEvents)
    .where(and(eq(programmeEvents.term, term), ne(programmeEvents.origin, DATASET_ORIGIN)));
  return row?.count ?? 0;
}

export interface ImportInput {
  readonly term: ChairmanshipTerm;
  /** The file's name: the events' origin. */
  readonly file: string;
  /** Only checks the file: says what an import would do, writes nothing. */
  readonly dryRun: boolean;
  /** Reads the file's events (in the work pool): refuses a file with errors, naming each. */
  readonly read: () => Promise<readonly SheetEvent[]>;
}

interface ReadImport extends ImportInput {
  readonly events: readonly SheetEvent[];
}

export const importProgramme = definePreparedCommand({
  name: "programme.import",
  // The file is read only for a caller who may import (checked before, on the term, and again in the transaction).
  prepare: async (input: ImportInput, _context, _db, early): Promise<ReadImport> => {
    early(undefined, { ...input, events: [] });
    return { ...input, events: await input.read() };
  },
  access: (_, input) => needs(programmePolicy.import, { holder: input.term.state }),
  run: async (c, input): Promise<{ dryRun: boolean; events: number; replaced: number }> => {
    const { term } = input;
    if (input.dryRun) return { dryRun: true, events: input.events.length, replaced: await importedCount(c.tx, term.id) };
    await lockTerm(c.tx, term.id);
    const replaced = await c.tx
      .delete(programmeEvents)
      .where(and(eq(programmeEvents.term, term.id), ne(programmeEvents.origin, DATASET_ORIGIN)))
      .returning({ id: programmeEvents.id });
    // Identifiers sort in the file's order: one prefix per import, then the row.
    const batch = randomBytes(4).toString("hex");
    await c.tx.insert(programmeEvents).values(
      input.events.map((event) => ({
        id: `${term.id}-${batch}-${String(event.row).padStart(5, "0")}`,
        term: term.id,
        title: { ...event.title },
        startDate: event.startDate,
        endDate: event.endDate,
        city: event.city ? { ...event.city } : null,
        track: event.track,
        kind: event.kind,
        organizer: event.organizer ? { ...event.organizer } : null,
        status: event.status,
        meetingId: event.meetingId,
        source: null,
        origin: input.file,
        isDemo: false,
        updatedAt: c.now,
      })),
    );
    const summary = { term: term.id, file: input.file, events: input.events.length, replaced: replaced.length };
    c.audit("programme.imported", `chairmanship:${term.id}`, summary);
    c.emit(programmeStream(term.id), "programme.imported", summary, PUBLIC_AUDIENCE);
    return { dryRun: false, events: input.events.length, replaced: replaced.length };
  },
});

/** The events a dataset carries, written with it on a first start (never over events already there). */
export const loadDatasetEvents = defineCommand({
  name: "programme.load-dataset",
  access: () => SYSTEM,
  run: async (c, events: readonly Omit<ProgrammeEvent, "origin">[]): Promise<number> => {
    if (events.length === 0) return 0;
    const written = await c.tx
      .insert(programmeEvents)
      .values(events.map((event) => ({ ...event, title: { ...event.title }, city: event.city ? { ...event.city } : null, organizer: event.organizer ? { ...event.organizer } : null, origin: DATASET_ORIGIN, updatedAt: c.now })))
      .onConflictDoNothing()
      .returning({ id: programmeEvents.id });
    return written.length;
  },
});
