/** `npx tsx scripts/convert-sample.ts ../shared/data/sample-papers.json`, run once by a developer: the app reads only db/sample/papers.json. */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

function localPaperId(title: string): string {
  const normalized = title.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return `local-${createHash("sha256").update(normalized).digest("hex").slice(0, 12)}`;
}

const source = z.array(
  z.object({
    title: z.string().min(1),
    abstract: z.string(),
    publishedAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    upvotes: z.number().int().nonnegative().optional(),
    authorsCount: z.number().int().positive().optional(),
    organization: z.object({ name: z.string().min(1), fullname: z.string().optional() }).optional(),
  }),
);

const input = process.argv[2];
if (!input) {
  console.error("usage: tsx scripts/convert-sample.ts <sample-papers.json>");
  process.exit(2);
}
/** About 29 papers a day over a few weekdays ending at the newest publication, so a new user's first page is full and every paper a day's browse away. */
const LISTING_DAYS = 5;

function weekdaysBack(from: string, count: number): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); days.length < count; t -= 86_400_000) {
    const day = new Date(t);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

const parsed = source.parse(JSON.parse(readFileSync(input, "utf8")));
// Newest publications first, undated last; upvotes then title break ties, so the order is stable.
const ordered = [...parsed].sort(
  (a, b) =>
    (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "") || (b.upvotes ?? 0) - (a.upvotes ?? 0) || a.title.localeCompare(b.title),
);
const newest = ordered.find((p) => p.publishedAt)?.publishedAt ?? "2026-01-01";
const days = weekdaysBack(newest, LISTING_DAYS);
const perDay = Math.ceil(ordered.length / LISTING_DAYS);
// The listing mangled the entities of en and em dashes into their bare code points.
const repair = (text: string) => text.replace(/x2013/g, "\u2013").replace(/x2014/g, "\u2014").trim();

const papers = ordered.map((p, i) => ({
  id: localPaperId(p.title),
  title: repair(p.title),
  abstract: repair(p.abstract),
  authorCount: p.authorsCount ?? null,
  publishedAt: p.publishedAt ?? null,
  listedOn: days[Math.floor(i / perDay)]!,
  sourceUpvotes: p.upvotes ?? 0,
  organization: p.organization ? { name: p.organization.name, fullname: p.organization.fullname ?? null } : null,
}));
const ids = new Set(papers.map((p) => p.id));
if (ids.size !== papers.length) throw new Error("duplicate paper ids in the sample");
const out = path.join(process.cwd(), "db", "sample", "papers.json");
writeFileSync(out, JSON.stringify(papers, null, 1) + "\n");
console.log(`wrote ${papers.length} papers to ${path.relative(process.cwd(), out)}`);
