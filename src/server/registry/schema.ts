// Request schemas of the registry routes (responses come from src/contracts/registry.ts).
import { z } from "zod";
import { isCalendarDay } from "../../domain/partial-date.js";

export const OnQuery = z
  .string()
  .refine(isCalendarDay, { message: "must be a calendar date YYYY-MM-DD" })
  .optional()
  .describe("The calendar day (UTC) to answer for; today when absent.");

export const StatesQuery = z.strictObject({
  tier: z
    .string()
    .regex(/^[a-z_]+$/, "must be a tier code such as member, observer or dialogue_partner")
    .optional()
    .describe("Only states of this tier (a tier code of the organization: member, observer, dialogue_partner)."),
  on: OnQuery,
});

export const OnlyOnQuery = z.strictObject({ on: OnQuery });

export const StateParams = z.object({
  code: z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code"),
});
