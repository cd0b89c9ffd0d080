// bench:abuse's readers, in a process of their own (so that the attackers' work in the harness does not delay them):
// autocannon against one URL for a number of seconds; prints its latency and throughput as one JSON line.
// Usage: tsx scripts/bench/abuse-readers.ts <url> <connections> <seconds>
import autocannon from "autocannon";

const [url, connections, seconds] = process.argv.slice(2);
if (!url || !connections || !seconds) throw new Error("usage: abuse-readers.ts <url> <connections> <seconds>");
const result = await autocannon({ url, connections: Number(connections), duration: Number(seconds) });
console.log(
  JSON.stringify({
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.total / result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
  }),
);
