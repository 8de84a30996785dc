/** The whole site under load (`npm run bench`): bench/README.md gives the options, the cases and why each generator drives which. */
import { execFileSync, execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { periodOf, periodPath } from "@/lib/dates";
import { arg } from "../args";
import { paperId, pseudoWord } from "../corpus";
import { shuffle, siteDataset, votePairs } from "./dataset";
import { explainHotQueries } from "./explain";
import { siteDatabase } from "./load";
import { percentile, type AutocannonJob, type Measure } from "./measure";
import { startNginx, type Nginx } from "./nginx";
import { assertBuilt, freePort, startApp, type App } from "./server";
import { voteMismatches, withdrawVotes } from "./votes";
import { wrk, wrkListScript, wrkScript } from "./wrk";

const papers = Number(arg("papers", "100000"));
const seed = Number(arg("seed", "42"));
const seconds = Number(arg("duration", "10"));
const concurrencies = arg("concurrency", "8,32").split(",").map(Number);
const server = arg("server", "postgres://postgres@127.0.0.1:55432");
if (!/^postgres:\/\/[^/]*@?127\.\d+\.\d+\.\d+(:\d+)?\/?$/.test(server))
  throw new Error("--server must be a PostgreSQL server on a loopback address");
if (!Number.isInteger(papers) || papers < 1000) throw new Error("--papers must be a whole number of at least 1000");
if (!(seconds > 0 && seconds <= 120)) throw new Error("--duration must be between 0 and 120 s");
const VOTERS = 2000;
/** `--only votes,mixed`: the stages to run (all by default), to measure a change without the whole run. */
const STAGES = ["hostile", "reads", "cold", "votes", "ceilings", "proxy", "mixed", "one-process", "next-cache"] as const;
const only = new Set(arg("only", STAGES.join(",")).split(","));
for (const stage of only) if (!(STAGES as readonly string[]).includes(stage)) throw new Error(`--only takes ${STAGES.join(", ")}`);
const runs = (stage: (typeof STAGES)[number]) => only.has(stage);
const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
/** (voter, paper) pairs: the mixed run's votes cycle through the first 20,000, the flat-out runs send each once. */
const VOTE_PAIRS = 20_000;
const FLAT_OUT_VOTE_PAIRS = 60_000;

// Taken before the run, so edits made while it runs do not change what it says it measured.
const commit = (() => {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${head}+changes` : head;
  } catch {
    return "unknown";
  }
})();
const database = await siteDatabase({ server, papers, seed, reload: process.argv.includes("--reload") });
console.log(
  database.reused
    ? `reusing ${database.url.split("/").pop()}: loaded ${database.loadedAt} in ${database.loadSeconds} s`
    : `loaded ${database.url.split("/").pop()} in ${database.loadSeconds} s`,
);
if (process.argv.includes("--load-only")) process.exit(0);
assertBuilt();

const data = siteDataset(papers, seed);
const size = (d: number) => data.starts[d + 1]! - data.starts[d]!;
const recent = Array.from({ length: Math.min(14, data.days.length) }, (_, k) => data.days.length - 1 - k);
const dayIndex = recent.reduce((best, d) => (size(d) > size(best) ? d : best));
const day = data.days[dayIndex]!;
const week = periodOf("week", day);
const topPaper = paperId(data.starts[dayIndex]!);
const rare = pseudoWord(77_777).toLowerCase();
const SEARCHES = { common: "model", rare, "two-word": "language model", prefix: "compres" };
/** The costliest searches a client may ask for: the limits bound each. */
const HOSTILE = {
  "12 common words":
    "/api/papers/search?q=" +
    encodeURIComponent("model language training efficient memory tokens reasoning data performance large method results"),
  "deepest page": "/api/papers/search?q=model&limit=120&p=19",
  "4 exclusions": "/api/papers/search?q=" + encodeURIComponent("model -language -compression -training -memory"),
};
const MIXED_VOTERS = 50;
const MIXED_ROUNDS = 3;
/** Each of them casts or withdraws two votes a second: 100 a second in all, far above the real site's rate. */
const MIXED_VOTES_PER_SECOND = 100;

if (process.argv.includes("--explain")) {
  console.log("\n## EXPLAIN (ANALYZE, BUFFERS)\n");
  console.log(await explainHotQueries({ url: database.url, day, weekKey: week.key, paperId: topPaper, search: SEARCHES["two-word"] }));
}

// Cold pages: every request a URL not asked for before in this server's life.
const coldLists = {
  day: shuffle(data.days.filter((d, k) => k !== dayIndex && k !== data.days.length - 1).map((d) => periodPath(periodOf("day", d)))),
  week: shuffle(
    [...new Set(data.days.map((d) => periodOf("week", d).key))]
      .filter((k) => k !== week.key)
      .map((key) => periodPath({ kind: "week", key })),
  ),
  paper: Array.from({ length: Math.min(papers - 1, 50_000) }, (_, k) => paperId((k * 7919 + 1) % papers))
    .filter((id) => id !== topPaper)
    .map((id) => `/papers/${id}`),
  // The common-word search, each with a publication bound past every paper: the same work as the
  // warm case, under a key the app's results cache has never seen.
  search: Array.from(
    { length: 50_000 },
    (_, k) => `/api/papers/search?q=${SEARCHES.common}&to=${new Date(Date.UTC(2027, 0, 1) + k * 86_400_000).toISOString().slice(0, 10)}`,
  ),
  searchPage: Array.from(
    { length: 50_000 },
    (_, k) =>
      `/papers?q=${encodeURIComponent(SEARCHES["two-word"])}&to=${new Date(Date.UTC(2027, 0, 1) + k * 86_400_000).toISOString().slice(0, 10)}`,
  ),
};
const coldCursor = { day: 0, week: 0, paper: 0, search: 0, searchPage: 0 };
/** What a browser sends: the app answers it compressed. */
const BROWSER = { "Accept-Encoding": "gzip, deflate, br" };

const work = mkdtempSync(path.join(os.tmpdir(), "bench-site-"));
const script = wrkScript(work);
const listScript = wrkListScript(work);
const publicName = `__bench-site-${randomBytes(6).toString("hex")}.html`;
const publicFile = path.join(process.cwd(), "public", publicName);
const sql = postgres(database.url, { max: 2, onnotice: () => {} });
let app: App | null = null;
let nginx: Nginx | null = null;
const voterIds = Array.from({ length: VOTERS }, (_, k) => `bench-voter-${String(k).padStart(5, "0")}`);

async function removeVoters(): Promise<void> {
  await withdrawVotes(sql, voterIds);
  await sql`delete from rate_limits where key like 'vote:bench-voter-%'`;
  await sql`delete from users where id like 'bench-voter-%'`;
}

async function cleanUp(): Promise<void> {
  rmSync(publicFile, { force: true });
  await nginx?.stop();
  await app?.stop();
  await removeVoters();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

const runWorker = promisify(execFile);
async function autocannon(job: Omit<AutocannonJob, "seconds"> & { seconds?: number }): Promise<Measure> {
  // A job file, not an argument: the lists outgrow what one argument may hold.
  const file = path.join(work, `job-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify({ seconds, ...job }));
  const { stdout } = await runWorker("npx", ["tsx", "--tsconfig", "tsconfig.scripts.json", "bench/site/autocannon-worker.ts", file], {
    timeout: ((job.seconds ?? seconds) + 60) * 1000,
    maxBuffer: 1 << 20,
  });
  // JSON has no NaN: a case with no response at all comes back with null percentiles.
  return JSON.parse(stdout.trim().split("\n").at(-1)!, (_key, value: unknown) => (value === null ? Number.NaN : value)) as Measure;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Several runs of one case as one: their requests and errors summed, their percentiles' medians. */
function combined(runs: Measure[]): Measure {
  const sum = (pick: (m: Measure) => number) => runs.reduce((total, m) => total + pick(m), 0);
  const requests = sum((m) => m.requests);
  const seconds = sum((m) => m.seconds);
  return {
    tool: runs[0]?.tool ?? "autocannon",
    requests,
    seconds,
    rps: requests / seconds,
    p50: median(runs.map((m) => m.p50)),
    p95: median(runs.map((m) => m.p95)),
    p99: median(runs.map((m) => m.p99)),
    badStatus: sum((m) => m.badStatus),
    timeouts: sum((m) => m.timeouts),
    errors: sum((m) => m.errors),
  };
}

/** Asks for `url` once before it is measured (twice when a cache should answer the second); `bytes` is the body as sent. */
async function prime(
  url: string,
  expectCache = false,
  headers: Record<string, string> = {},
): Promise<{ cache: string | null; bytes: number }> {
  let cache: string | null = null;
  let bytes = 0;
  const compressed = Object.keys(headers).length > 0;
  for (let k = 0; k < (expectCache || compressed ? 2 : 1); k += 1) {
    const response = await fetch(url, { redirect: "manual", headers: { "accept-encoding": "identity", ...headers } });
    const body = (await response.arrayBuffer()).byteLength;
    bytes = compressed ? Number(response.headers.get("content-length") ?? body) : body;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    cache = response.headers.get("x-cache-status");
  }
  return { cache, bytes };
}

interface Row {
  concurrency: number;
  group: string;
  name: string;
  path: string;
  /** warm: one URL again and again; cold: a new URL every request; dynamic: never cached by the app. */
  mode: "warm" | "cold" | "dynamic" | "write" | "ceiling" | "proxy" | "mixed";
  cache?: string | null;
  bytes?: number;
  measure: Measure;
}
const rows: Row[] = [];
let votesExact: boolean | null = null;
let flatOutVotesExact: boolean | null = null;

try {
  const appPort = await freePort();
  app = await startApp({ databaseUrl: database.url, port: appPort });
  const dayHtml = Buffer.from(await (await fetch(`${app.origin}${periodPath(periodOf("day", day))}`)).arrayBuffer());
  await app.stop();
  // Next.js lists public/ when it starts, so the file goes in before the server that serves it.
  writeFileSync(publicFile, dayHtml);
  mkdirSync(path.join(work, "static"), { recursive: true });
  writeFileSync(path.join(work, "static", "day.html"), dayHtml);
  app = await startApp({ databaseUrl: database.url, port: appPort });
  const staticPort = await freePort();
  const proxyPort = await freePort();
  nginx = await startNginx({ dir: work, staticPort, proxyPort, appPort });
  const nginxOrigin = `http://127.0.0.1:${staticPort}`;
  const proxyOrigin = `http://127.0.0.1:${proxyPort}`;
  console.log(
    `app ${app.origin}, nginx ${nginxOrigin} (file) and ${proxyOrigin} (proxy cache); day page ${day}: ${size(dayIndex)} papers, ${dayHtml.length.toLocaleString("en-US")} bytes`,
  );

  await removeVoters();
  await sql`insert into users ${sql(voterIds.map((id) => ({ id, email: `${id}@bench.invalid` })))}`;
  const tokens = voterIds.map(() => randomUUID());
  await sql`insert into sessions ${sql(voterIds.map((id, k) => ({ session_token: tokens[k]!, user_id: id, expires: new Date(Date.now() + 86_400_000).toISOString() })))}`;
  const cookies = tokens.map((t) => `authjs.session-token=${t}`);
  const pairs = votePairs(data, { voters: VOTERS, count: FLAT_OUT_VOTE_PAIRS });
  const votePath = (j: number) => `/api/papers/${paperId(pairs[j]!.paper)}/upvote`;
  const votePaths = Array.from({ length: Math.min(VOTE_PAIRS, pairs.length) }, (_, j) => votePath(j));
  const flatOutPairs = pairs.map((pair, j) => `${votePath(j)} ${cookies[pair.voter]!}`);
  // wrk, since past 1,000 votes a second autocannon's one process is the bottleneck. Each pair goes once, in order, so a DELETE run withdraws what the POST run before it cast.
  const voteFlatOut = async (c: number, method: "POST" | "DELETE") => {
    const file = path.join(work, `votes-${method}.txt`);
    writeFileSync(file, flatOutPairs.map((pair) => `${method} ${pair}\n`).join(""));
    return wrk({ url: `${app!.origin}/`, connections: c, seconds, script: listScript, list: { file, origin: app!.origin } });
  };
  const voterRows = async () =>
    Number((await sql<{ n: string }[]>`select count(*) as n from upvotes where user_id like 'bench-voter-%'`)[0]!.n);

  const pages = {
    home: "/",
    day: periodPath(periodOf("day", day)),
    week: periodPath(week),
    paper: `/papers/${topPaper}`,
    trending: "/papers/trending",
  };
  const fixed: [string, string, string, Row["mode"]][] = [
    ["pages", "`/` (latest day)", pages.home, "warm"],
    ["pages", "day page", pages.day, "warm"],
    ["pages", "week page", pages.week, "warm"],
    ["pages", "paper page", pages.paper, "warm"],
    ["pages", "`/papers/trending`", pages.trending, "warm"],
    ["pages", "search page", `/papers?q=${encodeURIComponent(SEARCHES["two-word"])}`, "dynamic"],
    ["api", "`/api/daily_papers`", "/api/daily_papers", "dynamic"],
    ...Object.entries(SEARCHES).map(
      ([kind, q]) =>
        ["api", `search API, ${kind}`, `/api/papers/search?q=${encodeURIComponent(q)}`, "dynamic"] as [string, string, string, Row["mode"]],
    ),
    ...Object.entries(HOSTILE).map(
      ([kind, p]) => ["hostile", `search API, ${kind}`, p, "dynamic"] as [string, string, string, Row["mode"]],
    ),
  ];
  const recordAt = (c: number, row: Omit<Row, "concurrency">) => {
    rows.push({ ...row, concurrency: c });
    const m = row.measure;
    console.log(
      `  ${row.name.padEnd(34)} ${row.mode.padEnd(8)} ${m.tool.padEnd(10)} ${f(m.rps, 0).padStart(7)} req/s  p50 ${f(m.p50)}  p95 ${f(m.p95)}  p99 ${f(m.p99)} ms  bad ${m.badStatus} timeouts ${m.timeouts} errors ${m.errors}`,
    );
  };
  const vote = (c: number) => ({
    origin: app!.origin,
    connections: c,
    paths: votePaths,
    cookies,
    headers: { origin: app!.origin, "content-type": "application/json" },
  });
  const coldCase = async (c: number, kind: keyof typeof coldLists, suffix = "") => {
    const list = coldLists[kind].slice(coldCursor[kind]);
    if (list.length < 4 * c) {
      console.log(`  ${kind}, cold${suffix}: skipped, ${list.length} URLs not asked for yet (a small data set)`);
      return;
    }
    const measure = await autocannon({ origin: app!.origin, connections: c, method: "GET", paths: list, once: true });
    coldCursor[kind] += measure.requests + c;
    const name =
      kind === "search"
        ? `search API, common, uncached${suffix}`
        : kind === "searchPage"
          ? `search page, uncached${suffix}`
          : `${kind} page, cold${suffix}`;
    recordAt(c, { group: kind === "search" ? "api" : "pages", name, path: `${list.length} distinct`, mode: "cold", measure });
  };

  for (const c of concurrencies) {
    console.log(`\n# concurrency ${c}: ${seconds} s a case`);
    const record = (row: Omit<Row, "concurrency">) => recordAt(c, row);
    for (const [group, name, p, mode] of runs("reads") ? fixed : []) {
      const { bytes } = await prime(`${app.origin}${p}`);
      record({ group, name, path: p, mode, bytes, measure: await wrk({ url: `${app.origin}${p}`, connections: c, seconds, script }) });
    }
    const { bytes: gzipped } = await prime(`${app.origin}${pages.day}`, false, BROWSER);
    if (runs("reads"))
      record({
        group: "pages",
        name: "day page, gzip",
        path: pages.day,
        mode: "warm",
        bytes: gzipped,
        measure: await wrk({ url: `${app.origin}${pages.day}`, connections: c, seconds, script, headers: BROWSER }),
      });
    for (const kind of runs("cold") ? (["day", "week", "paper", "search", "searchPage"] as const) : []) await coldCase(c, kind);
    if (runs("votes")) {
      const cast = await voteFlatOut(c, "POST");
      const castRows = await voterRows();
      record({ group: "votes", name: "upvote POST", path: "/api/papers/{id}/upvote", mode: "write", measure: cast });
      const withdrawn = await voteFlatOut(c, "DELETE");
      const leftRows = await voterRows();
      record({ group: "votes", name: "upvote DELETE", path: "/api/papers/{id}/upvote", mode: "write", measure: withdrawn });
      // Every vote answered 2xx is a row, and every withdrawal answered 2xx removed its pair's. The
      // requests still in flight when a run stopped (at most one a connection) may land unanswered.
      const castOk = (cast.okByThread ?? []).reduce((sum, ok) => sum + ok, 0);
      const expectedLeft = (cast.okByThread ?? []).reduce((sum, ok, t) => sum + Math.max(0, ok - (withdrawn.okByThread?.[t] ?? 0)), 0);
      const mismatched = await voteMismatches(sql);
      const exact =
        castRows >= castOk &&
        castRows <= castOk + c &&
        leftRows <= expectedLeft + (castRows - castOk) &&
        leftRows >= expectedLeft - c &&
        mismatched === 0;
      flatOutVotesExact = (flatOutVotesExact ?? true) && exact;
      console.log(
        `  vote rows after the POSTs ${castRows} (2xx answers ${castOk}, ${c} connections), after the DELETEs ${leftRows} (2xx answers leave ${expectedLeft}); ` +
          `papers whose counts differ from their vote rows: ${mismatched}: ${exact ? "exact" : "MISMATCH"}`,
      );
      await withdrawVotes(sql, voterIds);
    }

    if (runs("ceilings")) {
      const { bytes } = await prime(`${app.origin}/${publicName}`);
      record({
        group: "ceiling",
        name: "day bytes, Next.js static file",
        path: `/${publicName}`,
        mode: "ceiling",
        bytes,
        measure: await wrk({ url: `${app.origin}/${publicName}`, connections: c, seconds, script }),
      });
      await prime(`${nginxOrigin}/day.html`);
      record({
        group: "ceiling",
        name: "day bytes, nginx file",
        path: "/day.html",
        mode: "ceiling",
        bytes,
        measure: await wrk({ url: `${nginxOrigin}/day.html`, connections: c, seconds, script }),
      });
      record({
        group: "generator",
        name: "nginx file, autocannon",
        path: "/day.html",
        mode: "ceiling",
        measure: await autocannon({ origin: nginxOrigin, connections: c, method: "GET", paths: ["/day.html"] }),
      });
    }

    for (const [name, p] of runs("proxy")
      ? Object.entries({
          ...pages,
          "api daily_papers": "/api/daily_papers",
          "search API, common": `/api/papers/search?q=${SEARCHES.common}`,
        })
      : []) {
      const { cache, bytes: proxied } = await prime(`${proxyOrigin}${p}`, true);
      record({
        group: "proxy",
        name: `${name}, behind nginx cache`,
        path: p,
        mode: "proxy",
        cache,
        bytes: proxied,
        measure: await wrk({ url: `${proxyOrigin}${p}`, connections: c, seconds, script }),
      });
    }
  }

  // Run after the cases above: a PostgreSQL backend's first searches load its catalog caches
  // (300–500 ms, once per connection), which alone made this run's p99 when it came first.
  if (runs("hostile")) console.log("\n# hostile searches, one client");
  for (const [kind, p] of runs("hostile") ? Object.entries(HOSTILE) : []) {
    const { bytes } = await prime(`${app.origin}${p}`);
    recordAt(1, {
      group: "hostile",
      name: `search API, ${kind}`,
      path: p,
      mode: "dynamic",
      bytes,
      measure: await wrk({ url: `${app.origin}${p}`, connections: 1, seconds, script }),
    });
    // A new publication bound past every paper each request: the same work, never from the results cache.
    const fresh = Array.from(
      { length: 20_000 },
      (_, k) => `${p}&to=${new Date(Date.UTC(2030, 0, 1) + k * 86_400_000).toISOString().slice(0, 10)}`,
    );
    recordAt(1, {
      group: "hostile",
      name: `search API, ${kind}, uncached`,
      path: "20000 distinct",
      mode: "cold",
      measure: await autocannon({ origin: app.origin, connections: 1, method: "GET", paths: fresh, once: true }),
    });
  }

  // The machine's speed drifts by more than the 20 % compared from minute to minute, so each run
  // while voting is paired with a read-only run just before it.
  const top = Math.max(...concurrencies);
  const mixedReads: [string, string][] = [
    ["day page", pages.day],
    ["search API, common", `/api/papers/search?q=${SEARCHES.common}`],
    ["search page", `/papers?q=${encodeURIComponent(SEARCHES["two-word"])}`],
  ];
  if (runs("mixed"))
    console.log(
      `\n# mixed: reads at c=${top}, alone and while ${MIXED_VOTERS} connections vote (${MIXED_VOTES_PER_SECOND} votes a second in all), ${MIXED_ROUNDS} rounds a case`,
    );
  const votingRuns: Measure[] = [];
  for (const [name, p] of runs("mixed") ? mixedReads : []) {
    await prime(`${app.origin}${p}`);
    for (let round = 1; round <= MIXED_ROUNDS; round += 1) {
      recordAt(top, {
        group: "mixed",
        name: `${name}, read-only, round ${round}`,
        path: p,
        mode: "mixed",
        measure: await wrk({ url: `${app.origin}${p}`, connections: top, seconds, script }),
      });
      const voting = autocannon({
        ...vote(MIXED_VOTERS),
        method: "POST",
        toggle: true,
        rate: MIXED_VOTES_PER_SECOND,
        seconds: seconds + 2,
      });
      await new Promise((r) => setTimeout(r, 1000));
      recordAt(top, {
        group: "mixed",
        name: `${name}, while voting, round ${round}`,
        path: p,
        mode: "mixed",
        measure: await wrk({ url: `${app.origin}${p}`, connections: top, seconds, script }),
      });
      votingRuns.push(await voting);
    }
  }
  if (runs("mixed")) {
    recordAt(top, {
      group: "mixed",
      name: "upvote POST/DELETE, during the reads",
      path: "/api/papers/{id}/upvote",
      mode: "write",
      measure: combined(votingRuns),
    });
    // Requests the generator gave up waiting for may still be committing: settle, then compare. A
    // lost or doubled vote stays a mismatch however long it waits; one still landing does not.
    let mismatches = -1;
    for (let check = 0; check < 5 && mismatches !== 0; check += 1) {
      await new Promise((r) => setTimeout(r, 2000));
      mismatches = await voteMismatches(sql);
      console.log(`  check ${check + 1}: ${mismatches} papers whose vote count differs from their vote rows`);
    }
    votesExact = mismatches === 0;
    console.log(`  every paper's vote count equals its vote rows: ${votesExact}`);
  }

  // One server process instead of one per core, on the cases a core can speed up.
  if (runs("one-process")) {
    await app.stop();
    app = await startApp({ databaseUrl: database.url, port: appPort, workers: 1 });
    console.log(`\n# one server process, c=${top}`);
    for (const [name, p] of [
      ["search API, common", `/api/papers/search?q=${SEARCHES.common}`],
      ["day page", pages.day],
    ] as const) {
      const { bytes } = await prime(`${app.origin}${p}`);
      recordAt(top, {
        group: "one process",
        name: `${name}, 1 process`,
        path: p,
        mode: name === "day page" ? "warm" : "dynamic",
        bytes,
        measure: await wrk({ url: `${app.origin}${p}`, connections: top, seconds, script }),
      });
    }
    await coldCase(top, "paper", ", 1 process");
    await coldCase(top, "search", ", 1 process");
  }

  // Next.js's own page cache alone, without npm start's response cache in front of it.
  if (runs("next-cache")) {
    await app.stop();
    app = await startApp({ databaseUrl: database.url, port: appPort, env: { RESPONSE_CACHE_SECONDS: "0" } });
    console.log(`\n# Next.js's page cache alone (RESPONSE_CACHE_SECONDS=0), c=${top}`);
    for (const [name, headers] of [
      ["day page", {}],
      ["day page, gzip", BROWSER],
    ] as const) {
      const { bytes } = await prime(`${app.origin}${pages.day}`, false, headers);
      recordAt(top, {
        group: "isr only",
        name: `${name}, Next.js cache only`,
        path: pages.day,
        mode: "warm",
        bytes,
        measure: await wrk({ url: `${app.origin}${pages.day}`, connections: top, seconds, script, headers }),
      });
    }
  }
} finally {
  await cleanUp();
  await sql.end();
}

const machine = `${os.cpus().length} vCPU, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
console.log(
  `\n## npm run bench -- --papers ${papers} --seed ${seed} --duration ${seconds}${only.size < STAGES.length ? ` --only ${[...only].join(",")}` : ""}\n`,
);
console.log(
  `${new Date().toISOString()}, commit ${commit}, ${machine}; database ${database.url.split("/").pop()} (${database.votes.toLocaleString("en-US")} votes, load ${database.loadSeconds} s${database.reused ? ", reused" : ""})`,
);
for (const c of [...new Set(rows.map((r) => r.concurrency))].sort((a, b) => a - b)) {
  console.log(`\n### concurrency ${c}\n`);
  console.log("| case | mode | tool | KB | req/s | p50 ms | p95 ms | p99 ms | non-2xx | timeouts | errors |");
  console.log("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows.filter((r) => r.concurrency === c)) {
    const m = r.measure;
    const mode = r.cache ? `${r.mode} (${r.cache})` : r.mode;
    console.log(
      `| ${r.name} | ${mode} | ${m.tool} | ${r.bytes === undefined ? "" : f(r.bytes / 1000, 0)} | ${f(m.rps, 0)} | ${f(m.p50)} | ${f(m.p95)} | ${f(m.p99)} | ${m.badStatus} | ${m.timeouts} | ${m.errors} |`,
    );
  }
}
console.log("\n### throughput as a share of the ceilings (the day page's bytes as a file)\n");
console.log(`| case | ${concurrencies.map((c) => `c=${c} ÷ Next.js file | c=${c} ÷ nginx file`).join(" | ")} |`);
console.log(`| --- | ${concurrencies.map(() => "---: | ---:").join(" | ")} |`);
for (const name of [...new Set(rows.filter((r) => r.group === "pages" || r.group === "proxy" || r.group === "api").map((r) => r.name))]) {
  const cells = concurrencies.map((c) => {
    const of = (n: string) => rows.find((r) => r.concurrency === c && r.name === n)?.measure.rps ?? Number.NaN;
    const rps = of(name);
    return `${f((100 * rps) / of("day bytes, Next.js static file"))} % | ${f((100 * rps) / of("day bytes, nginx file"))} %`;
  });
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
const at = (c: number, n: string) => rows.find((r) => r.concurrency === c && r.name === n)?.measure;
const top = Math.max(...concurrencies);
console.log(
  `\n### votes while reading (c=${top}, ${MIXED_VOTERS} connections voting, ${MIXED_VOTES_PER_SECOND} votes a second): p95, read-only and while voting in turn, ${MIXED_ROUNDS} rounds\n`,
);
console.log("| case | read-only p95 ms, each round | while voting p95 ms, each round | median read-only | median while voting | change |");
console.log("| --- | --- | --- | ---: | ---: | ---: |");
for (const name of ["day page", "search API, common", "search page"]) {
  const rounds = (kind: string) =>
    Array.from({ length: MIXED_ROUNDS }, (_, k) => at(top, `${name}, ${kind}, round ${k + 1}`)?.p95 ?? Number.NaN);
  const [alone, mixed] = [rounds("read-only"), rounds("while voting")];
  const [a, m] = [median(alone), median(mixed)];
  console.log(
    `| ${name} | ${alone.map((v) => f(v)).join(", ")} | ${mixed.map((v) => f(v)).join(", ")} | ${f(a)} | ${f(m)} | ${f((100 * (m - a)) / a)} % |`,
  );
}
const voting = at(top, "upvote POST/DELETE, during the reads");
console.log(
  `\nvotes during the reads: ${voting?.requests ?? 0} (${f(voting?.rps ?? Number.NaN, 0)}/s, p95 ${f(voting?.p95 ?? Number.NaN)} ms, the median of the runs); every paper's vote count equals its vote rows after them: ${votesExact}; flat-out vote rows equal to their 2xx answers: ${flatOutVotesExact}`,
);
console.log(`\n### one server process per core against one process (c=${top})\n`);
console.log("| case | 1 process req/s | one per core req/s | gain |");
console.log("| --- | ---: | ---: | ---: |");
for (const name of ["search API, common", "search API, common, uncached", "day page", "paper page, cold"]) {
  const one = at(top, `${name}, 1 process`)?.rps ?? Number.NaN;
  const all = at(top, name)?.rps ?? Number.NaN;
  console.log(`| ${name} | ${f(one, 0)} | ${f(all, 0)} | ×${f(all / one, 2)} |`);
}
console.log("\n### the generator's headroom: nginx serving the file, driven by each\n");
for (const c of concurrencies) {
  const of = (n: string) => rows.find((r) => r.concurrency === c && r.name === n)?.measure.rps ?? Number.NaN;
  console.log(`- c=${c}: wrk ${f(of("day bytes, nginx file"), 0)} req/s, autocannon ${f(of("nginx file, autocannon"), 0)} req/s`);
}

const out = arg("out", path.join("bench", "site", "results", `${new Date().toISOString().slice(0, 19).replace(/:/g, "")}-${papers}.json`));
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), commit, machine, papers, seed, duration: seconds, database: { ...database, url: database.url.replace(/\/\/[^@]*@/, "//") }, day, week: week.key, paper: topPaper, searches: SEARCHES, hostile: HOSTILE, stages: [...only], votesExact, flatOutVotesExact, rows }, null, 2)}\n`,
);
console.log(`\nfigures written to ${out}`);
rmSync(work, { recursive: true, force: true });
