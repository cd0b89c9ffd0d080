// Guards a page: a signed-out reader goes to sign-in (and comes back), a signed-in one without the right sees why, not an empty page.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import type { Session } from "../../../contracts/identity";
import { LoadError, Loading } from "../QueryFeedback";
import { useSession } from "../session/session-query";
import { isSignedIn, signInPath, type PageAccess } from "./access-rules";
import { ForbiddenNotice } from "./ForbiddenNotice";

type SignedInSession = Session & { user: NonNullable<Session["user"]> };

export function AccessGate({ access, children }: { access: PageAccess; children: (session: SignedInSession) => ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isError) return <LoadError onRetry={() => void session.refetch()} />;
  if (!session.data) return <Loading />;
  if (!isSignedIn(session.data)) return <Navigate to={signInPath(location)} replace />;
  if (!access.isAllowed(session.data.actor)) return <ForbiddenNotice right={access.right} />;
  return <>{children(session.data)}</>;
}
