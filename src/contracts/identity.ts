// The identity, delegation and audit API's contract: response schemas shared by the server and, as types, the web app.
import { z } from "zod";
import { ROLES } from "../domain/access.js";

export const RoleSchema = z.enum(ROLES);

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    delegation: z.string().nullable(),
    isActive: z.boolean(),
    hasPassword: z.boolean(),
    hasSingleSignOn: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "User" });
export const UserListSchema = z.object({ items: z.array(UserSchema) });

export const ActorSchema = z.object({
  role: RoleSchema,
  delegation: z.string().nullable(),
  tier: z.string().nullable(),
  isChair: z.boolean(),
  rights: z.record(z.string(), z.boolean()).nullable(),
});

export const SessionSchema = z
  .object({
    user: UserSchema.nullable(),
    actor: ActorSchema,
    /** Send it back as the x-csrf-token header on every state-changing request. */
    csrfToken: z.string(),
    singleSignOn: z.object({ enabled: z.boolean(), name: z.string().nullable() }),
  })
  .meta({ id: "Session" });

export const DelegationSchema = z
  .object({
    code: z.string(),
    partyKind: z.enum(["state", "organization"]),
    names: z.object({ zh: z.string(), ru: z.string(), en: z.string() }),
    tier: z.string().nullable(),
    isActive: z.boolean(),
    users: z.number(),
  })
  .meta({ id: "Delegation" });
export const DelegationListSchema = z.object({ items: z.array(DelegationSchema) });
export const DelegationDetailSchema = DelegationSchema.extend({ members: z.array(UserSchema) });

export const AuditEventSchema = z
  .object({
    seq: z.number(),
    id: z.string(),
    at: z.string(),
    actorUserId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorDelegation: z.string().nullable(),
    address: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    payloadHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEvent" });
export const AuditListSchema = z.object({ items: z.array(AuditEventSchema), nextBefore: z.number().nullable() });

export type User = z.infer<typeof UserSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type Delegation = z.infer<typeof DelegationSchema>;
export type DelegationDetail = z.infer<typeof DelegationDetailSchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;
