// The identity, delegation and audit API's contract: request and response schemas shared by the server (validation, OpenAPI) and the web (types, forms).
import { z } from "zod";
import { ROLES } from "../domain/access.js";
import { fieldCodeParams } from "./problems.js";
import { AuditSequenceSchema, pageSizeSchema } from "./numbers.js";
import { singleLineText } from "./text.js";

export const RoleSchema = z.enum(ROLES);
export const ASSIGNABLE_ROLES = ["secretariat_admin", "secretariat_officer", "head_of_delegation", "delegate"] as const;
export const AssignableRoleSchema = z.enum(ASSIGNABLE_ROLES);
export type AssignableRole = z.infer<typeof AssignableRoleSchema>;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// ---- Requests

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "required")
  .pipe(z.email({ message: "must be an email address" }))
  .pipe(z.string().max(254, "at most 254 characters"));
/** A password as typed at sign-in: anything up to the limit (the rules apply when it is set). */
export const PasswordSchema = z.string().min(1, "required").max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);
/** A new password: at least 10 characters. */
export const NewPasswordSchema = z
  .string()
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`)
  .refine((value) => value.length >= PASSWORD_MIN_LENGTH, { message: `at least ${PASSWORD_MIN_LENGTH} characters`, ...fieldCodeParams("password-too-short") });
export const DisplayNameSchema = singleLineText({ max: 200 });
export const PartyCodeSchema = z.string().regex(/^[A-Z0-9_-]{2,16}$/, "a state or organization code, e.g. KZ or UN");

export const SignInBody = z.strictObject({ email: EmailSchema, password: PasswordSchema });
export const ChangePasswordBody = z.strictObject({ currentPassword: PasswordSchema, newPassword: NewPasswordSchema });
export const CreateUserBody = z.strictObject({
  email: EmailSchema,
  displayName: DisplayNameSchema,
  role: AssignableRoleSchema,
  delegation: PartyCodeSchema.nullable().default(null),
  password: NewPasswordSchema.optional(),
});
export const UpdateUserBody = z
  .strictObject({
    displayName: DisplayNameSchema.optional(),
    role: AssignableRoleSchema.optional(),
    isActive: z.boolean().optional(),
    password: NewPasswordSchema.optional(),
    /** The version the change was made against (from the User); a newer one on the server gives 409 stale-version. */
    version: z.number().int().positive().optional(),
  })
  .refine((body) => Object.keys(body).some((key) => key !== "version"), { message: "nothing to change", ...fieldCodeParams("nothing-to-change") });
export const UserParams = z.object({ id: z.uuid({ message: "must be a user id" }) });
export const UsersQuery = z.strictObject({ delegation: PartyCodeSchema.optional() });
export const DelegationParams = z.object({ code: PartyCodeSchema });
export const CreateDelegationBody = z.strictObject({ code: PartyCodeSchema });
export const UpdateDelegationBody = z.strictObject({ isActive: z.boolean(), version: z.number().int().positive().optional() });

const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 instant with a zone, e.g. 2026-11-25T00:00:00Z" });
export const AuditQuery = z.strictObject({
  delegation: PartyCodeSchema.optional(),
  action: z.string().regex(/^[a-z.-]{1,64}$/, "an action such as user.created").optional(),
  user: z.uuid({ message: "must be a user id" }).optional(),
  from: instant.optional(),
  to: instant.optional(),
  before: AuditSequenceSchema.optional(),
  limit: pageSizeSchema(500).default(100),
});

export type SignIn = z.input<typeof SignInBody>;
export type ChangePassword = z.input<typeof ChangePasswordBody>;
export type CreateUser = z.input<typeof CreateUserBody>;
export type UpdateUser = z.input<typeof UpdateUserBody>;

// ---- Responses

/**
 * A demo account a first start created, while it keeps the name it was created with: the interface names it in the reader's
 * language ("Head of delegation, Kazakhstan (demo)" from the role and the delegation) rather than by the English name stored.
 */
export const DEMO_ACCOUNTS = ["secretariat-administrator", "head-of-delegation"] as const;
export const DemoAccountSchema = z.enum(DEMO_ACCOUNTS);
export type DemoAccount = z.infer<typeof DemoAccountSchema>;

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    /** Which demo account this is while it keeps its demo name; null for every account named by a person. */
    demoAccount: DemoAccountSchema.nullable(),
    role: RoleSchema,
    delegation: z.string().nullable(),
    isActive: z.boolean(),
    hasPassword: z.boolean(),
    hasSingleSignOn: z.boolean(),
    createdAt: z.string(),
    /** Grows with every change; send it back with a change to be told when someone else changed the account first. */
    version: z.number().int().positive(),
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

/**
 * What the actor may do, by right ("user.create"): "all" over every resource, or "own" within their own
 * delegation only. Rights the actor lacks are absent. The web shows only what will be allowed; the server still decides.
 */
export const PermissionsSchema = z.record(z.string(), z.enum(["all", "own"]));

export const SessionSchema = z
  .object({
    user: UserSchema.nullable(),
    actor: ActorSchema,
    permissions: PermissionsSchema,
    /** Send it back as the x-csrf-token header on every state-changing request. */
    csrfToken: z.string(),
    singleSignOn: z.object({ enabled: z.boolean(), name: z.string().nullable() }),
  })
  .meta({ id: "Session" });

export const DelegationSchema = z
  .object({
    code: z.string(),
    partyKind: z.enum(["state", "organization"]),
    /** The party's name per language code (the organization's data languages). */
    names: z.record(z.string(), z.string()),
    tier: z.string().nullable(),
    isActive: z.boolean(),
    users: z.number(),
    version: z.number().int().positive(),
  })
  .meta({ id: "Delegation" });
export const DelegationListSchema = z.object({ items: z.array(DelegationSchema) });
export const DelegationDetailSchema = DelegationSchema.extend({ members: z.array(UserSchema) });

/** A name per language code (the organization's data languages). */
const NamesSchema = z.record(z.string(), z.string());

/**
 * How to sign in with the demo accounts, for the sign-in page: given while any of them still has the demo password (and
 * demo accounts are on); `demo` is null otherwise, and the page says nothing of them.
 */
export const DemoSignInSchema = z
  .object({
    demo: z
      .object({
        password: z.string(),
        /** The secretariat administrator's email, while that account still has the demo password. */
        administrator: z.string().nullable(),
        /** The heads of delegation's emails, while any still has the demo password: the pattern ("{code}": a state's ISO code in lower case) and one of them. */
        heads: z.object({ pattern: z.string(), example: z.string() }).nullable(),
      })
      .nullable(),
  })
  .meta({ id: "DemoSignIn" });
export type DemoSignIn = z.infer<typeof DemoSignInSchema>;

export const AuditTargetNameSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), displayName: z.string(), demoAccount: DemoAccountSchema.nullable(), delegation: z.string().nullable() }),
  /** A state or organization (a delegation's party), or the organization itself. */
  z.object({ kind: z.literal("party"), names: NamesSchema }),
  /** A negotiated document's title in each of its languages. */
  z.object({ kind: z.literal("document"), title: z.record(z.string(), z.string()), baseLanguage: z.string() }),
  /** A meeting's title in each of its languages. */
  z.object({ kind: z.literal("meeting"), title: NamesSchema }),
  /** A chairmanship term: the chairing state's names and the term's dates ("2024", "2025-07-04"; no end while it runs). */
  z.object({ kind: z.literal("term"), names: NamesSchema, start: z.string(), end: z.string().nullable() }),
]);
export type AuditTargetName = z.infer<typeof AuditTargetNameSchema>;

export const AuditEventSchema = z
  .object({
    seq: z.number(),
    id: z.string(),
    at: z.string(),
    actorUserId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorDemoAccount: DemoAccountSchema.nullable(),
    actorDelegation: z.string().nullable(),
    address: z.string().nullable(),
    action: z.string(),
    /** What the event was about, as recorded: "user:<id>", "delegation:KZ", "organization:SCO", "document:<id>", "meeting:<id>", "chairmanship:<term>". */
    target: z.string().nullable(),
    /** What the target is called now, for the interface to name it in the reader's language; null when it is gone or of another kind. */
    targetName: AuditTargetNameSchema.nullable(),
    payload: z.record(z.string(), z.unknown()),
    /** The names of the states and organizations the payload names by code (its party, delegation, delegations), from the registry. */
    parties: z.record(z.string(), NamesSchema),
    payloadHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEvent" });
export const AuditListSchema = z.object({ items: z.array(AuditEventSchema), nextBefore: z.number().nullable() });

export const AuditVerificationSchema = z
  .object({
    events: z.number().int().min(0),
    holds: z.boolean(),
    broken: z
      .object({ seq: z.number(), id: z.string(), reason: z.enum(["payload-mismatch", "hash-mismatch", "link-mismatch", "sequence-gap"]) })
      .nullable(),
    head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
    verifiedAt: z.string(),
  })
  .meta({ id: "AuditVerification" });

export type User = z.infer<typeof UserSchema>;
export type Permissions = z.infer<typeof PermissionsSchema>;
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type Delegation = z.infer<typeof DelegationSchema>;
export type DelegationDetail = z.infer<typeof DelegationDetailSchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/**
 * Who holds which right (the data docs/permissions.md is made from): one column per role, a delegation's roles once per
 * standing tier and once as the chair; per right, a cell per column: "all", "own" (within the actor's own delegation, or
 * what is open to it), or null (refused).
 */
export const PermissionMatrixSchema = z
  .object({
    columns: z.array(z.object({ role: RoleSchema, tier: z.string().nullable(), isChair: z.boolean() })),
    rights: z.array(z.object({ right: z.string(), cells: z.array(z.enum(["all", "own"]).nullable()) })),
  })
  .meta({ id: "PermissionMatrix" });
export type PermissionMatrix = z.infer<typeof PermissionMatrixSchema>;
