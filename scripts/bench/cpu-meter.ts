// Where the machine's CPU time went during a measurement: the server under test, PostgreSQL, this harness, and everything
// else (other processes on the machine), read from /proc (Linux). The machine is shared by all of them.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** utime + stime of a process, in ticks (0 once it has exited). */
function ticksOf(pid: number | "self"): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function busyTicks(): number {
  const [cpu] = readFileSync("/proc/stat", "utf8").split("\n");
  const [user, nice, system, , , irq, softirq, steal] = cpu!.trim().split(/\s+/).slice(1).map(Number);
  return user! + nice! + system! + irq! + softirq! + steal!;
}

export interface CpuShare {
  readonly seconds: number;
  /** Cores in use on average, by whom. */
  readonly cores: Readonly<Record<string, number>>;
}

/**
 * Starts reading; `stop()` answers the mean number of cores each named process used meanwhile, PostgreSQL's processes
 * (its connections come and go: each is read every 200 ms, so one that ends loses at most its last 200 ms) and the rest.
 */
export function meterCpu(processes: Readonly<Record<string, number>>): { stop(): CpuShare } {
  const started = Date.now();
  const busyBefore = busyTicks();
  const watched = new Map<number, { first: number; last: number }>();
  const read = (pids: readonly number[], isFirst: boolean) => {
    for (const pid of pids) {
      const ticks = ticksOf(pid);
      const known = watched.get(pid);
      if (known) known.last = Math.max(known.last, ticks);
      else watched.set(pid, { first: isFirst ? ticks : 0, last: ticks });
    }
  };
  const named = [...Object.values(processes), process.pid];
  read(named, true);
  read(postgresPids(), true);
  const timer = setInterval(() => read(postgresPids(), false), 200);
  return {
    stop() {
      clearInterval(timer);
      read(named, false);
      read(postgresPids(), false);
      const seconds = (Date.now() - started) / 1000;
      const cores = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
      const used = (pid: number) => watched.get(pid)!.last - watched.get(pid)!.first;
      const shares: Record<string, number> = {};
      for (const [name, pid] of Object.entries(processes)) shares[name] = cores(used(pid));
      let postgres = 0;
      for (const pid of watched.keys()) if (!named.includes(pid)) postgres += used(pid);
      shares["PostgreSQL"] = cores(postgres);
      shares["this harness"] = cores(used(process.pid));
      const accounted = named.reduce((sum, pid) => sum + used(pid), postgres);
      shares["everything else on the machine"] = cores(Math.max(0, busyTicks() - busyBefore - accounted));
      return { seconds, cores: shares };
    },
  };
}

/** Several readings as one: each process's cores weighted by the readings' durations. */
export function mergeCpu(readings: readonly CpuShare[]): CpuShare {
  const seconds = readings.reduce((sum, r) => sum + r.seconds, 0);
  const cores: Record<string, number> = {};
  for (const reading of readings) for (const [name, n] of Object.entries(reading.cores)) cores[name] = (cores[name] ?? 0) + (n * reading.seconds) / seconds;
  return { seconds, cores };
}
