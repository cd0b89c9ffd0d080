// Who may read one kind of resource, written once, beside its policy: the API's reads and the live streams both ask the
// rule, so what a client may fetch and what it is sent live cannot differ. A change's rights are declared by its command
// and checked by the runner (src/server/platform/commands/runner.ts); a read's are checked here.
import type { FastifyRequest } from "fastify";
import { decide, type Actor, type Permission } from "../../../domain/access.js";
import type { RegistrySnapshot } from "../../registry/snapshot.js";
import type { StreamReaders } from "../realtime/stream-readers.js";
import { actorForMember } from "./actor.js";
import { authorize } from "./authorize.js";

export interface ReadRule<R> {
  readonly permission: Permission<R>;
  /** The API: 401 without a session, 403 naming the right, unless the actor may read the resource. */
  check(actor: Actor, resource?: R): void;
  /** Whether the actor may read it (to filter a list, or to show a link). */
  admits(actor: Actor, resource?: R): boolean;
  /** The items of a list the actor may read. */
  filter<T>(actor: Actor, items: readonly T[], resourceOf: (item: T) => R): T[];
  /**
   * The live stream's readers: the same decision for each connection's member, as the actor it is on `day`. `version`
   * names what the resource and the decision depend on (the stream's rule is loaded again when it changes).
   */
  readers(resource: R, snapshot: RegistrySnapshot, day: string, version: string): StreamReaders;
}

export function readRule<R>(permission: Permission<R>): ReadRule<R> {
  return {
    permission,
    check: (actor, resource) => authorize(actor, permission, resource),
    admits: (actor, resource) => decide(permission, actor, resource).allowed,
    filter: (actor, items, resourceOf) => items.filter((item) => decide(permission, actor, resourceOf(item)).allowed),
    readers: (resource, snapshot, day, version) => ({
      isGuarded: true,
      version,
      admits: (member) => decide(permission, actorForMember(member, snapshot, day), resource).allowed,
    }),
  };
}

/** A route hook for a read that needs a right and no resource: 401/403 before the handler runs. */
export function requires(rule: ReadRule<never> | ReadRule<unknown>): (request: FastifyRequest) => Promise<void> {
  return async (request) => (rule as ReadRule<unknown>).check(request.actor);
}
