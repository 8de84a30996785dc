/** Lighthouse scores of the production build (`npm run bench:lighthouse`): bench/README.md gives the options and why the median of several runs. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { arg } from "./args";
import { startServer } from "./server";

const run = promisify(execFile);
const LIGHTHOUSE = "lighthouse@12.8.2";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { title: string; score: number | null; scoreDisplayMode: string; displayValue?: string }>;
}

async function lighthouse(url: string, desktop: boolean): Promise<LighthouseReport> {
  const args = [
    "-y",
    LIGHTHOUSE,
    url,
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    `--only-categories=${CATEGORIES.join(",")}`,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
  ];
  if (desktop) args.push("--preset=desktop");
  // Lighthouse now and then loses the start of its own trace (`NO_NAVSTART`): such a run is repeated, at most twice.
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { stdout } = await run("npx", args, {
        env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" },
        maxBuffer: 64 * 1024 * 1024,
      });
      return JSON.parse(stdout) as LighthouseReport;
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? "");
      if (attempt >= 3 || !stderr.includes("Please run Lighthouse again")) throw error;
      console.error(`lighthouse: ${url}: ${stderr.trim().split("\n").at(-1)}; again (${attempt + 1} of 3)`);
    }
  }
}

function losses(report: LighthouseReport, category: string): string[] {
  return report.categories[category]!.auditRefs.filter((ref) => ref.weight > 0)
    .map((ref) => ({ ref, audit: report.audits[ref.id]! }))
    .filter(({ audit }) => audit.scoreDisplayMode !== "notApplicable" && audit.score !== null && audit.score < 1)
    .sort((a, b) => b.ref.weight - a.ref.weight)
    .map(({ audit }) => `${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
}

const desktop = process.argv.includes("--desktop");
const runs = Number(arg("runs", "3"));
if (!Number.isInteger(runs) || runs < 1 || runs > 9) throw new Error("--runs must be a whole number from 1 to 9");
const performanceOf = (report: LighthouseReport) => Math.round((report.categories.performance?.score ?? 0) * 100);
const metric = (report: LighthouseReport, id: string) => report.audits[id]?.displayValue ?? "–";
const given = arg("url", "");
const server = given
  ? { base: given.replace(/\/$/, ""), stop: () => {} }
  : await startServer({ secret: "lighthouse-bench-secret-not-for-production" });
let failed = false;
try {
  const [first] = (await (await fetch(`${server.base}/api/daily_papers?limit=1`)).json()) as { paper: { id: string } }[];
  const pages: [string, string][] = [
    ["home", "/"],
    ["search", "/papers?q=kv+cache+compression"],
  ];
  if (first) pages.splice(1, 0, ["paper", `/papers/${first.paper.id}`]);
  console.log(
    `Lighthouse ${LIGHTHOUSE.split("@")[1]}, ${desktop ? "desktop" : "mobile"} preset, ${server.base}, the median of ${runs} run${runs === 1 ? "" : "s"} a page\n`,
  );
  console.log(`| page | ${CATEGORIES.join(" | ")} | performance of each run | TBT | LCP |`);
  console.log(`| --- |${CATEGORIES.map(() => " ---: |").join("")} --- | ---: | ---: |`);
  const notes: string[] = [];
  for (const [name, pathname] of pages) {
    // One warm-up request: the first render of a page fills the app's cache.
    await fetch(server.base + pathname);
    const reports: LighthouseReport[] = [];
    for (let run = 0; run < runs; run += 1) reports.push(await lighthouse(server.base + pathname, desktop));
    const byPerformance = [...reports].sort((a, b) => performanceOf(a) - performanceOf(b));
    const report = byPerformance[Math.floor((byPerformance.length - 1) / 2)]!;
    const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
    const each = reports.map(performanceOf).join(", ");
    console.log(
      `| ${name} (${pathname}) | ${scores.join(" | ")} | ${each} | ${metric(report, "total-blocking-time")} | ${metric(report, "largest-contentful-paint")} |`,
    );
    if (scores[1]! < 100) failed = true;
    for (const c of CATEGORIES) for (const loss of losses(report, c)) notes.push(`${name}, ${c}: ${loss}`);
  }
  if (notes.length > 0) console.log(`\nWhat cost points:\n${notes.map((n) => `- ${n}`).join("\n")}`);
} finally {
  server.stop();
}
process.exit(failed ? 1 : 0);
