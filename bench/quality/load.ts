/** `bench_quality_<papers>_<seed>`: the held-out papers among N generated ones (or, at N = 0, among the other sample papers), loaded once and reused. */
import { createHash } from "node:crypto";
import type postgres from "postgres";
import type { SamplePaper } from "@/db/queries/sample";
import { CORPUS_VERSION } from "../corpus";
import { loadPapers } from "../load-papers";
import { findLoad, writeMarker, type LoadRequest, type LoadTime } from "../marker";
import { heldOutPapers, samplePapers } from "./held-out";

interface Marker extends LoadTime {
  corpus: number;
  papers: number;
  seed: number;
  /** Which papers are hidden: the same corpus version with another held-out list is another data set. */
  heldOut: string;
}

export interface QualityDatabase extends Marker {
  name: string;
  url: string;
  reused: boolean;
}

/** As few as a typical generated paper has (median 2), so popularity does not lift the hidden papers. */
export const heldOutUpvotes = (k: number) => k % 4;

const heldOutKey = () =>
  createHash("sha256")
    .update(
      heldOutPapers()
        .map((h) => h.id)
        .join(","),
    )
    .digest("hex")
    .slice(0, 12);

async function insertRealPapers(sql: postgres.Sql, rows: { paper: SamplePaper; upvotes: number }[]): Promise<void> {
  const orgs = new Map(rows.flatMap(({ paper }) => (paper.organization ? [[paper.organization.name, paper.organization]] : [])));
  if (orgs.size > 0) await sql`insert into organizations ${sql([...orgs.values()], "name", "fullname")} on conflict do nothing`;
  await sql`insert into papers ${sql(
    rows.map(({ paper: p, upvotes }) => ({
      id: p.id,
      title: p.title,
      abstract: p.abstract,
      author_count: p.authorCount,
      organization_name: p.organization?.name ?? null,
      published_at: p.publishedAt,
      listed_on: p.listedOn,
      source_upvotes: upvotes,
    })),
  )}`;
}

export async function qualityDatabase({ server, papers, seed, reload }: LoadRequest): Promise<QualityDatabase> {
  const name = `bench_quality_${papers}_${seed}`;
  const heldOut = heldOutKey();
  const { url, held } = await findLoad<Marker>({ server, name, wanted: { corpus: CORPUS_VERSION, papers, seed, heldOut }, reload });
  if (held) return { ...held, name, url, reused: true };

  console.log(`loading ${name}: ${papers.toLocaleString("en-US")} generated papers, seed ${seed}`);
  const started = Date.now();
  const hidden = heldOutPapers().map((h, k) => ({ paper: h.paper, upvotes: heldOutUpvotes(k) }));
  const hiddenIds = new Set(hidden.map((h) => h.paper.id));
  const others = papers === 0 ? samplePapers().flatMap((p) => (hiddenIds.has(p.id) ? [] : [{ paper: p, upvotes: p.sourceUpvotes }])) : [];
  await loadPapers({ url, n: papers, seed, afterCopy: (sql) => insertRealPapers(sql, [...hidden, ...others]) });
  const done = await writeMarker(server, name, { corpus: CORPUS_VERSION, papers, seed, heldOut }, started);
  return { ...done, name, url, reused: false };
}
