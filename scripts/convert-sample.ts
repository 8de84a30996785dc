/**
 * Converts the shared sample listing into the app's bundled corpus (db/sample/papers.json).
 * Run once by a developer: `npx tsx scripts/convert-sample.ts ../shared/data/sample-papers.json`.
 * The app itself only ever reads the converted file.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** A stable id for a paper with no arXiv id, derived from its title. */
function localPaperId(title: string): string {
  const normalized = title.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return `local-${createHash("sha256").update(normalized).digest("hex").slice(0, 12)}`;
}

const source = z.array(
  z.object({
    title: z.string().min(1),
    abstract: z.string(),
    publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
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
const papers = source.parse(JSON.parse(readFileSync(input, "utf8"))).map((p) => ({
  id: localPaperId(p.title),
  title: p.title.trim(),
  abstract: p.abstract.trim(),
  authorCount: p.authorsCount ?? null,
  publishedAt: p.publishedAt ?? null,
  // A sample paper is listed on the Daily Papers day of its publication.
  listedOn: p.publishedAt ?? null,
  sourceUpvotes: p.upvotes ?? 0,
  organization: p.organization ? { name: p.organization.name, fullname: p.organization.fullname ?? null } : null,
}));
const ids = new Set(papers.map((p) => p.id));
if (ids.size !== papers.length) throw new Error("duplicate paper ids in the sample");
const out = path.join(process.cwd(), "db", "sample", "papers.json");
writeFileSync(out, JSON.stringify(papers, null, 1) + "\n");
console.log(`wrote ${papers.length} papers to ${path.relative(process.cwd(), out)}`);
