/** wrk for one fixed URL: several times faster than autocannon's one Node process; a Lua `done` hook adds the p95 its --latency table lacks. */
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

/** Thread t of T sends lines t, t+T, … of the list in order and stops when its share runs out, so no request is sent twice. */
const LIST = `local threads = {}
local count = 0
setup = function(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end
init = function(args)
  local file, total = args[1], tonumber(args[2])
  lines, sent, ok = {}, 0, 0
  local n = 0
  for line in io.lines(file) do
    if n % total == id then
      local method, path, cookie = line:match("^(%S+) (%S+) (%S+)$")
      table.insert(lines, { method, path, { Cookie = cookie, Origin = args[3] } })
    end
    n = n + 1
  end
end
request = function()
  sent = sent + 1
  local r = lines[sent]
  if r == nil then
    -- Its share is sent: stop, with a read-only request in case this one still goes out.
    wrk.thread:stop()
    return wrk.format("GET", "/api/health")
  end
  return wrk.format(r[1], r[2], r[3])
end
response = function(status)
  if status >= 200 and status < 300 then ok = ok + 1 end
end
`;

export function wrkScript(dir: string): string {
  const file = path.join(dir, "wrk-report.lua");
  writeFileSync(file, REPORT);
  return file;
}

export function wrkListScript(dir: string): string {
  const file = path.join(dir, "wrk-list.lua");
  writeFileSync(
    file,
    `${LIST}${REPORT.replace(
      "io.write(",
      `for _, t in ipairs(threads) do io.write(string.format('WRKTHREAD {"ok":%d}\\n', t:get("ok"))) end
  io.write(`,
    )}`,
  );
  return file;
}

export async function wrk({
  url,
  connections,
  seconds,
  script,
  threads = 2,
  headers = {},
  list,
}: {
  url: string;
  connections: number;
  seconds: number;
  script: string;
  threads?: number;
  headers?: Record<string, string>;
  /** With wrkListScript: a file of "METHOD path cookie" lines, each sent once, with `Origin: origin`. */
  list?: { file: string; origin: string };
}): Promise<Measure & { okByThread?: number[] }> {
  if (!/^http:\/\/127\.\d+\.\d+\.\d+:\d+\//.test(url)) throw new Error(`refusing to load ${url}: loopback only`);
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const { stdout } = await run(
    "/usr/bin/wrk",
    [
      "-t",
      String(Math.min(threads, connections)),
      "-c",
      String(connections),
      "-d",
      `${seconds}s`,
      "--timeout",
      "10s",
      "--latency",
      ...headerArgs,
      "-s",
      script,
      url,
      ...(list ? ["--", list.file, String(Math.min(threads, connections)), list.origin] : []),
    ],
    {
      timeout: (seconds + 30) * 1000,
      maxBuffer: 1 << 20,
    },
  );
  const line = stdout.split("\n").find((l) => l.startsWith("WRKJSON "));
  if (!line) throw new Error(`wrk printed no report:\n${stdout}`);
  const r = JSON.parse(line.slice(8)) as Record<string, number>;
  const secs = r.duration! / 1e6;
  const okByThread = stdout
    .split("\n")
    .filter((l) => l.startsWith("WRKTHREAD "))
    .map((l) => (JSON.parse(l.slice(10)) as { ok: number }).ok);
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
    ...(list ? { okByThread } : {}),
  };
}
