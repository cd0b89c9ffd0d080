// The version a refused change should be made against next: every stale-version answer of the negotiation API carries
// the current state of what changed (a provision, a proposal or the document), each with its version.
import { z } from "zod";
import { staleCurrent } from "../../shared/api/stale-version";

const Versioned = z.object({ version: z.number().int().min(1) });

export function currentVersion(error: unknown): number | null {
  return staleCurrent(error, Versioned)?.version ?? null;
}
