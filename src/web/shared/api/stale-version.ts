// A change refused because someone else changed the resource first (409 stale-version): the current state the answer carries, read with the resource's own schema.
import type { ZodType } from "zod";
import { hasProblemCode } from "./fetch-json";

/** The resource as it is now, when the error is a stale-version conflict that carries it; otherwise null. */
export function staleCurrent<T>(error: unknown, schema: ZodType<T>): T | null {
  if (!hasProblemCode(error, "stale-version")) return null;
  const current = schema.safeParse(error.problem?.current);
  return current.success ? current.data : null;
}
