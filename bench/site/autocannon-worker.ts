/** autocannon in a process of its own, so the bench's own work does not slow the generator; `once` stops when every path was asked for once. */
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { percentile, type AutocannonJob, type Measure } from "./measure";

const job = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as AutocannonJob;
if (!/^http:\/\/127\.\d+\.\d+\.\d+:\d+$/.test(job.origin)) throw new Error(`refusing to load ${job.origin}: loopback only`);

let issued = 0;
const latencies: number[] = [];
let badStatus = 0;
const started = process.hrtime.bigint();

// setupRequest runs while autocannon builds its clients, before `instance` holds anything.
let instance: autocannon.Instance | undefined = undefined;
const running: autocannon.Instance = autocannon(
  {
    url: job.origin,
    connections: job.connections,
    duration: job.seconds,
    ...(job.rate ? { overallRate: job.rate } : {}),
    timeout: 10,
    requests: [
      {
        method: job.method,
        setupRequest: (request) => {
          const j = issued;
          issued += 1;
          if (job.once && issued >= job.paths.length) setImmediate(() => instance?.stop());
          const k = job.toggle ? j >> 1 : j;
          const method = job.toggle ? (j % 2 === 0 ? "POST" : "DELETE") : job.method;
          const headers = { ...job.headers, ...(job.cookies ? { cookie: job.cookies[k % job.cookies.length]! } : {}) };
          return { ...request, method, path: job.paths[k % job.paths.length]!, headers };
        },
      },
    ],
  },
  (error, result) => {
    if (error) throw error;
    report(result);
  },
);

instance = running;
running.on("response", (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  if (statusCode < 200 || statusCode > 299) badStatus += 1;
});

function report(result: autocannon.Result): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  const measure: Measure = {
    tool: "autocannon",
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    badStatus,
    timeouts: result.timeouts,
    errors: result.errors - result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}
