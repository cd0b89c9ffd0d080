// Request schemas of the identity routes.
import { z } from "zod";

const email = z.string().trim().toLowerCase().pipe(z.email({ message: "must be an email address" })).pipe(z.string().max(254));
const password = z.string().min(1, "required").max(200, "at most 200 characters");
const assignableRole = z.enum(["secretariat_admin", "secretariat_officer", "head_of_delegation", "delegate"]);
const partyCode = z.string().regex(/^[A-Z0-9_-]{2,16}$/, "a state or organization code, e.g. KZ or UN");

export const SignInBody = z.strictObject({ email, password });
export const ChangePasswordBody = z.strictObject({ currentPassword: password, newPassword: password });
export const CreateUserBody = z.strictObject({
  email,
  displayName: z.string().trim().min(1, "required").max(200),
  role: assignableRole,
  delegation: partyCode.nullable().default(null),
  password: password.optional(),
});
export const UpdateUserBody = z
  .strictObject({
    displayName: z.string().trim().min(1, "required").max(200).optional(),
    role: assignableRole.optional(),
    isActive: z.boolean().optional(),
    password: password.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "nothing to change" });
export const UserParams = z.object({ id: z.uuid({ message: "must be a user id" }) });
export const UsersQuery = z.strictObject({ delegation: partyCode.optional() });
export const DelegationParams = z.object({ code: partyCode });
export const CreateDelegationBody = z.strictObject({ code: partyCode });
export const UpdateDelegationBody = z.strictObject({ isActive: z.boolean() });
