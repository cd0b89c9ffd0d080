// The one live connection of a signed-in page: opens /api/live, follows the streams some part of the page listens to, reconnects after drops (back-off, then catch-up), keeps to the server's message budget, stops for good when the session ends.
import { LIVE_LIMITS, ServerMessageSchema, type ClientMessage, type StreamName } from "../../../contracts/live";
import { fullBudget, spend, type BudgetState } from "../core-rules";
import { afterClose, attemptsAfterClose, reconnectDelay, StreamBook, type LiveChange } from "./live-protocol";

/** Whether the connection is up: "connecting" also while waiting to reconnect; "closed" when stopped (signed out, session ended). */
export type LiveState = "connecting" | "open" | "closed";

/** The part of a browser WebSocket the client uses (a test passes a fake). */
export interface LiveSocket {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}

const CONNECTING = 0;
const OPEN = 1;
/** Reconnects in a row without ever opening after which the session is checked (a refused handshake looks like any other drop). */
const CHECK_SESSION_AFTER_FAILURES = 3;

export interface LiveClientOptions {
  readonly url: string;
  readonly connect: (url: string) => LiveSocket;
  readonly setTimer: (run: () => void, delayMs: number) => unknown;
  readonly clearTimer: (timer: unknown) => void;
  readonly now: () => number;
  readonly random: () => number;
  /** Runs work after the current one (batches the subscriptions that listeners added together). */
  readonly defer: (run: () => void) => void;
  /** The server closed with "session ended": the client has stopped; `resume()` if the session turns out to be still valid. */
  readonly onSessionEnded: () => void;
  /** Several connection attempts in a row failed: worth checking whether the session is still valid. */
  readonly onUnreachable: () => void;
}

type Listener = (change: LiveChange) => void;

/** Who is in a room (a document stream): each delegation present and the provisions it is drafting on. */
export type RoomPresence = readonly { readonly delegation: string; readonly drafting: readonly string[] }[];
type PresenceListener = (present: RoomPresence) => void;

export class LiveClient {
  private socket: LiveSocket | null = null;
  private state: LiveState = "closed";
  private isRunning = false;
  private attempts = 0;
  private openedAt: number | null = null;
  private timer: unknown = null;
  private readonly book = new StreamBook();
  private readonly listeners = new Map<StreamName, Set<Listener>>();
  private readonly stateListeners = new Set<() => void>();
  /** The rooms this page is in, and the provision it drafts on in each. */
  private readonly rooms = new Map<StreamName, string | null>();
  private readonly presenceListeners = new Map<StreamName, Set<PresenceListener>>();
  /** Streams whose following changed since the last flush: true to subscribe, false to unsubscribe. */
  private readonly pending = new Map<StreamName, boolean>();
  private isFlushQueued = false;
  /**
   * Messages waiting for the connection's message budget (the server's, kept here too): a page that changes fast is
   * slowed down rather than having messages dropped. Only the latest presence in a room waits.
   */
  private outbox: ClientMessage[] = [];
  private budget: BudgetState = fullBudget(LIVE_LIMITS.messagesPerConnection, 0);
  private outboxTimer: unknown = null;

  constructor(private readonly options: LiveClientOptions) {}

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.connect();
  }

  /** Closes the connection and stays closed (signed out, page left). Positions are kept should it start again. */
  stop(): void {
    this.isRunning = false;
    this.cancelTimer();
    this.clearOutbox();
    const socket = this.socket;
    this.socket = null;
    if (socket) this.dispose(socket);
    this.setState("closed");
  }

  /** After "session ended", when the session is found to be valid after all: connect again, with the usual back-off. */
  resume(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    // With the back-off: should the server keep ending a session the session query still shows, the two do not ping-pong.
    this.scheduleReconnect(reconnectDelay(this.attempts, this.options.random));
  }

  /** Listens to a stream (following it while anyone listens); returns the way to stop listening. */
  listen(stream: StreamName, listener: Listener): () => void {
    let listeners = this.listeners.get(stream);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(stream, listeners);
    }
    listeners.add(listener);
    if (this.book.follow(stream)) this.queue(stream, true);
    return () => {
      const current = this.listeners.get(stream);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(stream);
      if (this.book.unfollow(stream)) this.queue(stream, false);
    };
  }

  /**
   * Enters a room (a followed document stream), saying which provision this page drafts on (null: none); returns the way
   * to leave it. Presence is sent again after every reconnection. The listener hears who is in the room.
   */
  enter(stream: StreamName, provision: string | null, onPresence: PresenceListener): () => void {
    const stopListening = this.listen(stream, () => undefined);
    let listeners = this.presenceListeners.get(stream);
    if (!listeners) this.presenceListeners.set(stream, (listeners = new Set()));
    listeners.add(onPresence);
    this.rooms.set(stream, provision);
    this.options.defer(() => this.sendPresence(stream));
    return () => {
      listeners.delete(onPresence);
      if (listeners.size === 0) {
        this.presenceListeners.delete(stream);
        this.rooms.delete(stream);
      }
      stopListening();
    };
  }

  private sendPresence(stream: StreamName): void {
    if (this.socket?.readyState !== OPEN || !this.rooms.has(stream)) return;
    this.sendAll([{ type: "presence", stream, provision: this.rooms.get(stream) ?? null }]);
  }

  readonly getState = (): LiveState => this.state;

  readonly subscribeState = (onChange: () => void): (() => void) => {
    this.stateListeners.add(onChange);
    return () => this.stateListeners.delete(onChange);
  };

  private connect(): void {
    this.timer = null;
    this.setState("connecting");
    const socket = this.options.connect(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.openedAt = this.options.now();
      this.setState("open");
      // One subscription for everything followed, each stream from where it was left: the catch-up.
      this.pending.clear();
      this.clearOutbox();
      this.budget = fullBudget(LIVE_LIMITS.messagesPerConnection, this.options.now());
      this.sendAll(this.book.subscribe(this.book.followedStreams));
      for (const stream of this.rooms.keys()) this.sendPresence(stream);
    };
    socket.onmessage = ({ data }) => {
      if (socket === this.socket) this.receive(data);
    };
    socket.onclose = ({ code }) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.closed(code);
    };
    // A failed connection also closes (1006); the close decides what happens next.
    socket.onerror = () => undefined;
  }

  private closed(code: number): void {
    const openFor = this.openedAt === null ? null : this.options.now() - this.openedAt;
    this.openedAt = null;
    this.attempts = attemptsAfterClose(this.attempts, openFor);
    if (!this.isRunning) return this.setState("closed");
    const action = afterClose(code, this.attempts, this.options.random);
    if (action.kind === "session-ended") {
      this.isRunning = false;
      this.setState("closed");
      this.options.onSessionEnded();
      return;
    }
    this.scheduleReconnect(action.delayMs);
    if (openFor === null && this.attempts % CHECK_SESSION_AFTER_FAILURES === 0) this.options.onUnreachable();
  }

  private scheduleReconnect(delayMs: number): void {
    this.attempts += 1;
    this.setState("connecting");
    this.cancelTimer();
    this.timer = this.options.setTimer(() => this.connect(), delayMs);
  }

  private receive(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return;
    }
    const message = ServerMessageSchema.safeParse(json);
    if (!message.success) return;
    if (message.data.type === "presence") {
      for (const listener of [...(this.presenceListeners.get(message.data.stream) ?? [])]) listener(message.data.present);
      return;
    }
    if (message.data.type === "error" && message.data.code === "over-budget") return this.backOff(message.data.retryAfterMs ?? 0);
    // Refused or no longer allowed: no one is shown in the room any more (its listeners also hear a reset below).
    if (message.data.type === "unsubscribed") for (const listener of [...(this.presenceListeners.get(message.data.stream) ?? [])]) listener([]);
    const change = this.book.receive(message.data);
    if (!change) return;
    const stream = change.kind === "event" ? change.event.stream : change.stream;
    for (const listener of [...(this.listeners.get(stream) ?? [])]) {
      try {
        listener(change);
      } catch (error) {
        // One failing listener must not keep the others (or the connection) from their events; the error still surfaces.
        this.options.defer(() => {
          throw error;
        });
      }
    }
  }

  private queue(stream: StreamName, isFollowing: boolean): void {
    this.pending.set(stream, isFollowing);
    if (this.isFlushQueued) return;
    this.isFlushQueued = true;
    this.options.defer(() => this.flush());
  }

  private flush(): void {
    this.isFlushQueued = false;
    if (this.socket?.readyState !== OPEN) return this.pending.clear();
    const changes = [...this.pending];
    this.pending.clear();
    // Only what still holds: a stream followed and let go within one turn asks for nothing.
    const follow = changes.filter(([stream, isFollowing]) => isFollowing && this.listeners.has(stream)).map(([stream]) => stream);
    const leave = changes.filter(([stream, isFollowing]) => !isFollowing && !this.listeners.has(stream)).map(([stream]) => stream);
    this.sendAll([...this.book.subscribe(follow), ...this.book.unsubscribe(leave)]);
  }

  private sendAll(messages: readonly ClientMessage[]): void {
    for (const message of messages) {
      if (message.type === "presence") this.outbox = this.outbox.filter((waiting) => waiting.type !== "presence" || waiting.stream !== message.stream);
      this.outbox.push(message);
    }
    this.drainOutbox();
  }

  private drainOutbox(): void {
    while (this.outbox.length > 0 && this.socket?.readyState === OPEN) {
      const spending = spend([{ state: this.budget, policy: LIVE_LIMITS.messagesPerConnection }], this.options.now());
      this.budget = spending.next[0]!;
      if (!spending.isSpent) {
        if (this.outboxTimer === null) {
          this.outboxTimer = this.options.setTimer(() => {
            this.outboxTimer = null;
            this.drainOutbox();
          }, spending.retryAfterMs);
        }
        return;
      }
      this.socket.send(JSON.stringify(this.outbox.shift()));
    }
  }

  private clearOutbox(): void {
    this.outbox = [];
    if (this.outboxTimer !== null) this.options.clearTimer(this.outboxTimer);
    this.outboxTimer = null;
  }

  /**
   * The server dropped messages (this user's other tabs spent the budget they share): which ones is not known, so the
   * connection is closed and a new one, after the wait the server asked for at the least, says everything again.
   */
  private backOff(retryAfterMs: number): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    this.openedAt = null;
    this.clearOutbox();
    this.dispose(socket);
    this.scheduleReconnect(Math.max(retryAfterMs, reconnectDelay(this.attempts, this.options.random)));
  }

  private dispose(socket: LiveSocket): void {
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    // Closing a socket still connecting makes browsers log an error; let it open, then close it.
    if (socket.readyState === CONNECTING) socket.onopen = () => socket.close(1000);
    else {
      socket.onopen = null;
      socket.close(1000);
    }
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
  }

  private setState(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    for (const onChange of [...this.stateListeners]) onChange();
  }
}
