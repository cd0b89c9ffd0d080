// bench:abuse's readers, in a process of their own (so that the attackers' work in the harness does not delay them):
// autocannon against one URL for a number of seconds; prints its latency and throughput as one JSON line. Latencies are
// taken from each response (fractions of a millisecond), not from autocannon's histogram, which keeps whole
// milliseconds: at a p99 of 2–3 ms that rounding alone moved the ratio to the quiet turns between 1.7× and 3.5×.
// Usage: tsx scripts/bench/abuse-readers.ts <url> <connections> <seconds> [requests a second per connection; 0: no limit]
import autocannon from "autocannon";

const [url, connections, seconds, rate = "0"] = process.argv.slice(2);
if (!url || !connections || !seconds) throw new Error("usage: abuse-readers.ts <url> <connections> <seconds>");

const latencies: number[] = [];
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon({ url, connections: Number(connections), duration: Number(seconds), ...(Number(rate) > 0 ? { connectionRate: Number(rate) } : {}) }, (error, finished) => (error ? reject(error) : resolve(finished)));
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
});
latencies.sort((a, b) => a - b);
const at = (fraction: number) => latencies[Math.min(latencies.length - 1, Math.floor(fraction * latencies.length))] ?? Number.NaN;
const round = (ms: number) => Math.round(ms * 100) / 100;
console.log(
  JSON.stringify({
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    max: round(latencies.at(-1) ?? Number.NaN),
    rps: result.requests.total / result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
  }),
);
