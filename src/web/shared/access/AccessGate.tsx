// Guards a page: a signed-out reader goes to sign-in (and comes back), a signed-in one without the right sees which right is missing, not an empty page.
// A page open to everyone signed in gives no access rule (null).
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { LoadError, Loading } from "../QueryFeedback";
import { useSession } from "../session/session-query";
import { isAllowed, isSignedIn, signInPath, type PageAccess, type SignedInSession } from "./access-rules";
import { ForbiddenNotice } from "./ForbiddenNotice";

export function AccessGate({ access, children }: { access: PageAccess | null; children: (session: SignedInSession) => ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isError) return <LoadError onRetry={() => void session.refetch()} />;
  if (!session.data) return <Loading />;
  if (!isSignedIn(session.data)) return <Navigate to={signInPath(location)} replace />;
  if (access !== null && !isAllowed(access, session.data.permissions)) {
    const [right] = access.rights;
    return <ForbiddenNotice right={right} isHeldForOwnDelegationOnly={access.reach === "all" && session.data.permissions[right] === "own"} />;
  }
  return <>{children(session.data)}</>;
}
