// Adopts documents whose silence procedure reached its deadline unbroken. Every process sweeps (at start, at the nearest
// deadline it knows of, and at least once a minute); the adoption claims the document row, so it happens exactly once.
import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import { systemContext, type CommandRunner } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import type { FeedSubscriber } from "../platform/events/feed.js";
import type { StoredEvent } from "../platform/events/log.js";
import { adoptAtDeadline, type Situation } from "./commands.js";
import { negotiationDocuments } from "./tables.js";

const LONGEST_WAIT_MS = 60_000;

export interface SweeperLog {
  warn(object: Record<string, unknown>, message: string): void;
}

export class SilenceSweeper implements FeedSubscriber {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private isStopped = false;

  constructor(
    private readonly options: { db: Db; runner: CommandRunner; now: () => Date; situation: () => Situation | null; log?: SweeperLog },
  ) {}

  /** Adopts every document whose deadline has passed; answers how many this process adopted. Concurrent calls share one sweep. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const situation = this.options.situation();
    if (!situation) return 0;
    const now = this.options.now();
    const due = await this.options.db
      .select({ id: negotiationDocuments.id })
      .from(negotiationDocuments)
      .where(and(eq(negotiationDocuments.status, "silence"), lte(negotiationDocuments.silenceDeadline, now)))
      .orderBy(asc(negotiationDocuments.silenceDeadline));
    let adopted = 0;
    for (const { id } of due) {
      try {
        const { number } = await this.options.runner.run(adoptAtDeadline, systemContext(now), { documentId: id, situation });
        if (number !== null) adopted += 1;
      } catch (error) {
        this.options.log?.warn({ err: { message: (error as Error).message }, document: id }, "adoption at the silence deadline failed; retried at the next sweep");
      }
    }
    return adopted;
  }

  /** Sleeps until the nearest deadline (at most a minute, so deadlines set elsewhere are never missed for long). */
  private schedule(): void {
    if (this.isStopped) return;
    if (this.timer) clearTimeout(this.timer);
    void this.options.db
      .select({ deadline: negotiationDocuments.silenceDeadline })
      .from(negotiationDocuments)
      .where(and(eq(negotiationDocuments.status, "silence"), isNotNull(negotiationDocuments.silenceDeadline)))
      .orderBy(asc(negotiationDocuments.silenceDeadline))
      .limit(1)
      .then(([next]) => {
        if (this.isStopped) return;
        const wait = next?.deadline ? Math.max(0, next.deadline.getTime() - this.options.now().getTime()) : LONGEST_WAIT_MS;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.sweep(), Math.min(wait, LONGEST_WAIT_MS) + 5);
        this.timer.unref();
      })
      .catch(() => {
        if (this.isStopped) return;
        this.timer = setTimeout(() => void this.sweep(), LONGEST_WAIT_MS);
        this.timer.unref();
      });
  }

  start(): Promise<number> {
    return this.sweep();
  }

  stop(): void {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  onEvents(events: readonly StoredEvent[]): void {
    if (events.some((e) => e.type === "silence.started") && !this.running) this.schedule();
  }
}
