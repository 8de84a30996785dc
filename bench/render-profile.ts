/**
 * Where a fresh render's server CPU goes: one `npm start` process under `--cpu-prof` against the site bench's database,
 * asked for day and paper pages it has never rendered (bench/README.md, "Render profile").
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { periodOf, periodPath } from "@/lib/dates";
import { arg } from "./args";
import { paperId } from "./corpus";
import { shuffle, siteDataset } from "./site/dataset";
import { siteDatabase } from "./site/load";
import { assertBuilt, freePort, startApp } from "./site/server";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const server = arg("server", "postgres://postgres@127.0.0.1:55432");
const papers = Number(arg("papers", "1000000"));
const seed = Number(arg("seed", "42"));
const count = Number(arg("count", "300"));
const concurrency = Number(arg("concurrency", "4"));
const kinds = arg("kinds", "day,paper").split(",") as ("day" | "paper")[];

const maps = new Map<string, SourceMap | null>();

/** The source a frame of the build's bundled chunks was compiled from (the build writes source maps beside them). */
function originalSource({ url, lineNumber, columnNumber }: ProfileNode["callFrame"]): string {
  const file = url.replace(/^file:\/\//, "");
  if (!file.includes("/.next/")) return url;
  if (!maps.has(file))
    maps.set(file, existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")) as never) : null);
  const entry = maps.get(file)?.findEntry(lineNumber, columnNumber) as { originalSource?: string } | undefined;
  return entry?.originalSource ?? url;
}

/** A leaf frame's owner: the package it comes from, or the app's own file. */
function owner(frame: ProfileNode["callFrame"]): string {
  if (!frame.url) return frame.functionName.startsWith("(") ? frame.functionName : "V8 and Node built-ins";
  if (frame.url.startsWith("node:")) return "Node built-ins";
  const source = originalSource(frame);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
  if (pkg === "next") {
    if (/react-server-dom/.test(source)) return "React server (RSC payload)";
    if (/react-dom/.test(source)) return "React DOM (HTML render)";
    return "Next.js";
  }
  // drizzle-orm's maps name its TypeScript sources node_modules/src/….
  if (pkg === "src") return "drizzle-orm";
  if (pkg) return pkg;
  const own = /(?:^|\/)((?:app|components|server|db|lib)\/.*)$/.exec(source.replace(/^.*\[project\]\//, ""))?.[1];
  return own ? `ours: ${own}` : source.replace(process.cwd(), ".");
}

/** Categories a sample counts under when any frame of its stack matches (inclusive time). */
const STACK_CATEGORIES: [string, RegExp][] = [
  ["KaTeX", /katex/i],
  ["drizzle (building queries, mapping rows)", /drizzle-orm/],
  ["postgres.js (protocol)", /node_modules\/postgres\//],
  ["Intl / dates", /^(format|formatToParts|toLocale\w*String|DateTimeFormat|NumberFormat)$/],
  ["garbage collection", /^\(garbage collector\)$/],
];

function analyse(profile: Profile, from: number, to: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let t = profile.startTime;
  for (let k = 0; k < profile.samples.length; k += 1) {
    t += profile.timeDeltas[k]!;
    if (t < from || t > to) continue;
    const leaf = byId.get(profile.samples[k]!)!;
    if (leaf.callFrame.functionName === "(idle)") continue;
    const dt = profile.timeDeltas[k + 1] ?? profile.timeDeltas[k]!;
    busy += dt;
    const key = owner(leaf.callFrame);
    self.set(key, (self.get(key) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      const source = frame.url ? originalSource(frame) : "";
      for (const [name, pattern] of STACK_CATEGORIES)
        if (!seen.has(name) && (pattern.test(source) || pattern.test(frame.functionName))) seen.add(name);
      const own = owner(frame);
      if (own.startsWith("ours: ")) seen.add("ours (any frame of the app's own code on the stack)");
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
  }
  return { busy, self, inclusive };
}

assertBuilt();
const database = await siteDatabase({ server, papers, seed, reload: false });
const data = siteDataset(papers, seed);
const lists = {
  // Every day but the newest, which the home page renders.
  day: shuffle(data.days.slice(0, -1)).map((d) => periodPath(periodOf("day", d))),
  paper: Array.from({ length: Math.min(papers, 50_000) }, (_, k) => `/papers/${paperId((k * 7919 + 1) % papers)}`),
};

const profiles = mkdtempSync(path.join(os.tmpdir(), "render-profile-"));
const port = await freePort();
const app = await startApp({
  databaseUrl: database.url,
  port,
  workers: 1,
  nodeOptions: ["--cpu-prof", `--cpu-prof-dir=${profiles}`],
});
const windows: Record<string, [number, number]> = {};
try {
  let cursor = 0;
  const fetchAll = async (urls: string[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < urls.length) {
          const response = await fetch(`${app.origin}${urls[next++]}`);
          if (response.status !== 200) throw new Error(`${response.url}: ${response.status}`);
          await response.arrayBuffer();
        }
      }),
    );
  };
  for (const kind of kinds) {
    // A few renders first, so the window holds steady-state work, not the first compilations.
    await fetchAll(lists[kind].slice(cursor, cursor + 40));
    const urls = lists[kind].slice(cursor + 40, cursor + 40 + count);
    cursor += 40 + count;
    // CLOCK_MONOTONIC in microseconds: the clock V8's profiler stamps samples with, in every process.
    const from = Number(process.hrtime.bigint() / 1000n);
    await fetchAll(urls);
    windows[kind] = [from, Number(process.hrtime.bigint() / 1000n)];
  }
} finally {
  await app.stop();
}

// Any process node starts is profiled too; the server is the one that did the most.
const candidates = readdirSync(profiles).map((f) => JSON.parse(readFileSync(path.join(profiles, f), "utf8")) as Profile);
const ms = (us: number) => us / 1000;
console.log(`render profile: ${papers.toLocaleString("en-US")} papers, ${count} fresh pages a kind, c=${concurrency}, one process\n`);
for (const kind of kinds) {
  const [from, to] = windows[kind]!;
  const result = candidates.map((p) => analyse(p, from, to)).sort((a, b) => b.busy - a.busy)[0]!;
  console.log(
    `## ${kind} pages: ${(ms(result.busy) / count).toFixed(1)} ms of CPU a page (${(ms(to - from) / count).toFixed(1)} ms wall a page)`,
  );
  console.log("self time by owner:");
  for (const [name, us] of [...result.self].sort((a, b) => b[1] - a[1]).slice(0, 14))
    console.log(`  ${((100 * us) / result.busy).toFixed(1).padStart(5)} %  ${(ms(us) / count).toFixed(2).padStart(6)} ms  ${name}`);
  console.log("inclusive:");
  for (const [name, us] of [...result.inclusive].sort((a, b) => b[1] - a[1]))
    console.log(`  ${((100 * us) / result.busy).toFixed(1).padStart(5)} %  ${(ms(us) / count).toFixed(2).padStart(6)} ms  ${name}`);
  console.log();
}
if (process.argv.includes("--keep")) console.log(`profiles kept in ${profiles}`);
else rmSync(profiles, { recursive: true, force: true });
