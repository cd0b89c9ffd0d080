// The live streams Concord publishes, each registered by the capability that publishes it with the rule of who may follow
// it (its read rule): the hub asks here, and knows nothing of documents or meetings. A stream no capability registered is
// followed by no one.
import { EVERY_MEMBER, type ReadersOf, type StreamReaders } from "./stream-readers.js";

export interface StreamKind {
  /** The readers of the stream `<kind>:<id>` (null: no such resource, or no registry loaded yet). */
  readonly readers: (id: string) => Promise<StreamReaders | null>;
  /** Whether its followers are in a room (presence: who is here, and on what). */
  readonly hasRoom?: boolean;
}

export class StreamRegistry {
  private readonly shared = new Set<string>();
  private readonly kinds = new Map<string, StreamKind>();

  /** A stream whose every event carries its own audience (users, audit, the registry…): anyone signed in follows it. */
  registerShared(name: string): void {
    this.shared.add(name);
  }

  /** Streams `<kind>:<id>`, one per resource, followed by the resource's readers. */
  registerKind(kind: string, spec: StreamKind): void {
    if (this.kinds.has(kind)) throw new Error(`the live streams ${kind}:… are registered twice`);
    this.kinds.set(kind, spec);
  }

  readonly readersOf: ReadersOf = async (stream) => {
    const colon = stream.indexOf(":");
    if (colon < 0) return this.shared.has(stream) ? EVERY_MEMBER : null;
    const kind = this.kinds.get(stream.slice(0, colon));
    return kind ? kind.readers(stream.slice(colon + 1)) : null;
  };

  readonly hasRoom = (stream: string): boolean => {
    const colon = stream.indexOf(":");
    return colon >= 0 && this.kinds.get(stream.slice(0, colon))?.hasRoom === true;
  };
}
