// One owner per PGlite data directory: embedded PostgreSQL cannot be shared by two processes, so the second is refused at once, told who holds it.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";

export const LOCK_FILE = "concord.lock";

const HolderSchema = z.object({ pid: z.number().int(), host: z.string(), command: z.string(), since: z.string() });
export type LockHolder = z.infer<typeof HolderSchema>;

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? `process ${holder.pid} ("concord ${holder.command}", on ${holder.host} since ${holder.since})` : "another process";
    super(
      [
        `The data directory ${dataDir} is in use by ${who}.`,
        "Embedded PostgreSQL (PGlite) serves one process at a time, so nothing was done.",
        "Stop that process first, then run this again. While Concord runs, the secretariat can export the registry and verify",
        "the audit trail from the application (Administration > System, or GET /api/v1/registry/export and /api/v1/audit/verification).",
        "To serve one database from several processes, use a PostgreSQL server (DATABASE_URL).",
      ].join("\n"),
    );
    this.name = "DataDirInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = HolderSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the directory for this process, or throws DataDirInUseError naming the holder. A lock left by a process that
 * no longer runs on this host (a crash, a power cut) is taken over. Creation is exclusive (O_EXCL), so two processes
 * starting at the same moment cannot both win.
 */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      const isStale = holder !== null && holder.host === me.host && !isAlive(holder.pid);
      if (!isStale) throw new DataDirInUseError(dataDir, holder);
      // The holder is gone: remove its lock and try again (another starter may win the retry; then we are refused).
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first.
      }
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      process.off("exit", release);
      if (readHolder(path)?.pid === process.pid) unlinkSync(path);
    };
    process.on("exit", release);
    return { release };
  }
  throw new DataDirInUseError(dataDir, readHolder(path));
}
