// /admin: the first administration page the person may use (or why they may use none).
import { Navigate } from "react-router";
import { AccessGate } from "../../shared/access/AccessGate";
import { ADMIN_ACCESS, adminPagesFor } from "../../shared/access/page-access";

export function AdminIndex() {
  return <AccessGate access={ADMIN_ACCESS}>{(session) => <Navigate to={adminPagesFor(session)[0]?.path ?? "/"} replace />}</AccessGate>;
}
