// Enforcing a policy on a request: 401 without a session, 403 naming the missing right otherwise.
import { decide, isSignedIn, type Actor, type Permission } from "../../domain/access.js";
import { ProblemError } from "../http/problem.js";

export class ForbiddenError extends ProblemError {
  constructor(right: string, reason: string) {
    super(403, "forbidden", "Forbidden", `Missing right "${right}": ${reason}.`, { right });
  }
}

export function unauthenticated(): ProblemError {
  return new ProblemError(401, "unauthenticated", "Sign-in required", "Sign in to do this.");
}

/** Throws unless `actor` may exercise `permission` (on `resource`, when given). */
export function authorize<R>(actor: Actor, permission: Permission<R>, resource?: R): void {
  const decision = decide(permission, actor, resource);
  if (decision.allowed) return;
  if (!isSignedIn(actor)) throw unauthenticated();
  throw new ForbiddenError(decision.right, decision.reason);
}

/** Whether the actor may, without throwing (for filtering lists). */
export function may<R>(actor: Actor, permission: Permission<R>, resource?: R): boolean {
  return decide(permission, actor, resource).allowed;
}

/** Route hook for endpoints no public caller may use: 401 before the body is even validated. */
export async function requireSignIn(request: { actor: Actor }): Promise<void> {
  if (!isSignedIn(request.actor)) throw unauthenticated();
}
