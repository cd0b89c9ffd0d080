// Password hashing with argon2id; unknown accounts cost the same time as known ones.
import { hash, verify } from "@node-rs/argon2";

// OWASP's recommended argon2id settings: 19 MiB, 2 iterations, 1 lane.
// algorithm 2 is Argon2id (the package exports it as an ambient const enum, which isolated modules cannot read).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/** Verifies a password; with no stored hash, verifies against a dummy so that timing tells nothing. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword("concord-no-such-account");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
