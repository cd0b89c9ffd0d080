// Every action the server records in the audit trail, in one list: commands may record only these (the runner's
// `audit` takes an AuditAction), and the web must give each a label and a summary (a test walks the list).
export const AUDIT_ACTIONS = [
  // Identity
  "session.signed-in",
  "session.sign-in-failed",
  "session.signed-out",
  "user.created",
  "user.updated",
  "user.password-changed",
  "user.sso-linked",
  "user.sso-unlinked",
  "delegation.created",
  "delegation.updated",
  "identity.demo-accounts-created",
  // Registry
  "registry.imported",
  "registry.changed",
  // Negotiation
  "document.create",
  "proposal.create",
  "position.take",
  "revision.issue",
  "provision.compromise",
  "provision.mark",
  "provision.facilitator",
  "provision.translation",
  "document.visibility",
  "document.rule",
  "draft.prepare",
  "draft.discard",
  "proposal.withdraw",
  "proposal.cosponsor",
  "document.invite",
  "silence.start",
  "silence.break",
  "silence.cancel",
  "call.open",
  "call.object",
  "call.withdraw-objection",
  "call.withdraw",
  "document.adopt",
  "statement.create",
  "note.create",
  // Meetings
  "meeting.create",
  "meeting.update",
  "meeting.invite",
  "meeting.invitation",
  "meeting.respond",
  "accreditation.submit",
  "accreditation.edit",
  "accreditation.decide",
  "agenda.add",
  "agenda.change",
  "agenda.adopt",
  "floor.request",
  "floor.manage",
  "meeting.outcome",
  "badge.revoke",
  "badge.reissue",
  "meeting.demo-remove",
  // Programme
  "programme.imported",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}
