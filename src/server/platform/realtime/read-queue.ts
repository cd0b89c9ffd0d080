// One user's subscriptions waiting to be read from the event log: read one at a time and within the user's read budget,
// so that subscribing and unsubscribing in a loop makes reads wait, never pile up on the database. A subscription
// dropped while waiting (unsubscribed, subscribed again, its connection closed) leaves the queue unread.
import { fullBudget, spend, type BudgetPolicy, type BudgetState, isFull } from "../../../domain/message-budget.js";

export interface ReadJob {
  /** Whether the job still matters (its subscription is the one it was queued for). */
  isCurrent(): boolean;
  run(): Promise<void>;
}

export class ReadQueue {
  /** Keyed by connection and stream: a stream subscribed again replaces its waiting job (and goes to the back). */
  private readonly jobs = new Map<string, ReadJob>();
  private budget: BudgetState;
  private isRunning = false;
  private isWaiting = false;

  constructor(
    private readonly policy: BudgetPolicy,
    private readonly clock: () => number,
    private readonly schedule: (run: () => void, ms: number) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.budget = fullBudget(policy, clock());
  }

  get waiting(): number {
    return this.jobs.size;
  }

  push(key: string, job: ReadJob): void {
    this.jobs.delete(key);
    this.jobs.set(key, job);
    void this.drain();
  }

  remove(key: string): void {
    this.jobs.delete(key);
  }

  /** Whether nothing waits and the budget has recovered: the queue can be forgotten without giving anything away. */
  isIdle(): boolean {
    return this.jobs.size === 0 && !this.isRunning && isFull(this.budget, this.policy, this.clock());
  }

  private async drain(): Promise<void> {
    if (this.isRunning || this.isWaiting) return;
    this.isRunning = true;
    try {
      for (let next = this.jobs.entries().next(); !next.done; next = this.jobs.entries().next()) {
        const [key, job] = next.value;
        if (!job.isCurrent()) {
          this.jobs.delete(key);
          continue;
        }
        const spending = spend([{ state: this.budget, policy: this.policy }], this.clock());
        this.budget = spending.next[0]!;
        if (!spending.isSpent) {
          this.isWaiting = true;
          this.schedule(() => {
            this.isWaiting = false;
            void this.drain();
          }, spending.retryAfterMs);
          return;
        }
        this.jobs.delete(key);
        await job.run().catch(this.onError);
      }
    } finally {
      this.isRunning = false;
    }
  }
}
