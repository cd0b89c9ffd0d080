// Enforcing a policy: 401 without a session, 403 naming the missing right otherwise. The command runner checks a change's
// rights with it; a read rule (read-rule.ts) a read's.
import { decide, isSignedIn, type Actor, type Permission } from "../../../domain/access.js";
import { forbidden } from "../../../domain/errors.js";
import { ProblemError } from "../http/problem.js";

export function unauthenticated(): ProblemError {
  return new ProblemError(401, "unauthenticated", "Sign-in required", "Sign in to do this.");
}

/** Throws unless `actor` may exercise `permission` (on `resource`, when given). */
export function authorize<R>(actor: Actor, permission: Permission<R>, resource?: R): void {
  const decision = decide(permission, actor, resource);
  if (decision.allowed) return;
  if (!isSignedIn(actor)) throw unauthenticated();
  throw forbidden(decision.right, decision.reason);
}

/** Route hook for endpoints no public caller may use: 401 before the body is even validated. */
export async function requireSignIn(request: { actor: Actor }): Promise<void> {
  if (!isSignedIn(request.actor)) throw unauthenticated();
}
