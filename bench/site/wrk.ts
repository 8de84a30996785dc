/**
 * wrk (Debian's /usr/bin/wrk) for one fixed URL: a C load generator, several times faster than
 * autocannon's one Node process, so it drives the cases that go past ~1,000 req/s. Its
 * --latency table has no p95, so a Lua `done` hook prints the percentiles and errors as JSON.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Measure } from "./measure";

const run = promisify(execFile);

const REPORT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration":%d,"p50":%d,"p95":%d,"p99":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
`;

export function wrkScript(dir: string): string {
  const file = path.join(dir, "wrk-report.lua");
  writeFileSync(file, REPORT);
  return file;
}

export async function wrk({
  url,
  connections,
  seconds,
  script,
  threads = 2,
  headers = {},
}: {
  url: string;
  connections: number;
  seconds: number;
  script: string;
  threads?: number;
  headers?: Record<string, string>;
}): Promise<Measure> {
  if (!/^http:\/\/127\.\d+\.\d+\.\d+:\d+\//.test(url)) throw new Error(`refusing to load ${url}: loopback only`);
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const { stdout } = await run("/usr/bin/wrk", ["-t", String(Math.min(threads, connections)), "-c", String(connections), "-d", `${seconds}s`, "--timeout", "10s", "--latency", ...headerArgs, "-s", script, url], {
    timeout: (seconds + 30) * 1000,
    maxBuffer: 1 << 20,
  });
  const line = stdout.split("\n").find((l) => l.startsWith("WRKJSON "));
  if (!line) throw new Error(`wrk printed no report:\n${stdout}`);
  const r = JSON.parse(line.slice(8)) as Record<string, number>;
  const secs = r.duration! / 1e6;
  return {
    tool: "wrk",
    requests: r.requests!,
    seconds: secs,
    rps: r.requests! / secs,
    p50: r.p50! / 1000,
    p95: r.p95! / 1000,
    p99: r.p99! / 1000,
    badStatus: r.status!,
    timeouts: r.timeout!,
    errors: r.connect! + r.read! + r.write!,
  };
}
