/** `bench_site_<papers>_<seed>`, loaded once and reused while its comment says it holds a complete load of the same size, seed and data set version. */
import postgres from "postgres";
import { paperId } from "../corpus";
import { loadPapers } from "../load-papers";
import { findLoad, writeMarker, type LoadRequest, type LoadTime } from "../marker";
import { siteDataset } from "./dataset";
import { loadVotes, voteCountOf, voteMismatches } from "./votes";

/** Bump when the data set changes, so older loads are not reused. */
const VERSION = 3;

interface Marker extends LoadTime {
  version: number;
  papers: number;
  seed: number;
  votes: number;
}

export interface SiteDatabase extends Marker {
  url: string;
  reused: boolean;
}

export async function siteDatabase({ server, papers, seed, reload }: LoadRequest): Promise<SiteDatabase> {
  const name = `bench_site_${papers}_${seed}`;
  const { url, held } = await findLoad<Marker>({ server, name, wanted: { version: VERSION, papers, seed }, reload });
  if (held) return { ...held, url, reused: true };

  console.log(`loading ${name}: ${papers.toLocaleString("en-US")} papers, seed ${seed}`);
  const started = Date.now();
  const data = siteDataset(papers, seed);
  let votes = 0;
  await loadPapers({
    url,
    n: papers,
    seed,
    listing: (i) => {
      const listedOn = data.listedOn(i);
      // Published on arXiv up to three days before the listing, as on the real site.
      const publishedAt = new Date(Date.parse(`${listedOn}T00:00:00Z`) - (i % 4) * 86_400_000).toISOString().slice(0, 10);
      // This site's votes alone rank the listings.
      return { listedOn, publishedAt, sourceUpvotes: 0, voteCount: voteCountOf(data, i) };
    },
    afterCopy: async (sql) => {
      const t = Date.now();
      votes = await loadVotes(sql, data, paperId);
      console.log(`users and ${votes.toLocaleString("en-US")} votes in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    },
  });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    if ((await voteMismatches(sql)) !== 0) throw new Error("vote_count differs from the vote rows");
    const done = await writeMarker(server, name, { version: VERSION, papers, seed, votes }, started);
    return { ...done, url, reused: false };
  } finally {
    await sql.end();
  }
}
