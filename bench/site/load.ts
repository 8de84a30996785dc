/** `bench_site_<papers>_<seed>`, loaded once and reused while its comment says it holds a complete load of the same size, seed and data set version. */
import postgres from "postgres";
import { paperId } from "../corpus";
import { loadPapers, parseUrl } from "../load-papers";
import { siteDataset } from "./dataset";
import { loadVotes, voteCountOf, voteMismatches } from "./votes";

/** Bump when the data set changes, so older loads are not reused. */
const VERSION = 2;

interface Marker {
  version: number;
  papers: number;
  seed: number;
  votes: number;
  loadSeconds: number;
  loadedAt: string;
}

export interface SiteDatabase extends Marker {
  url: string;
  reused: boolean;
}

async function readMarker(server: string, name: string): Promise<Marker | null> {
  const admin = postgres({ ...parseUrl(server), database: "postgres", onnotice: () => {}, max: 1 });
  try {
    const [row] = await admin<
      { comment: string | null }[]
    >`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${name}`;
    return row?.comment ? (JSON.parse(row.comment) as Marker) : null;
  } catch {
    return null;
  } finally {
    await admin.end();
  }
}

/** A load that fails half-way must not look complete. */
async function clearMarker(server: string, name: string): Promise<void> {
  const admin = postgres({ ...parseUrl(server), database: "postgres", onnotice: () => {}, max: 1 });
  await admin.unsafe(`comment on database ${name} is null`);
  await admin.end();
}

export async function siteDatabase({
  server,
  papers,
  seed,
  reload,
}: {
  server: string;
  papers: number;
  seed: number;
  reload: boolean;
}): Promise<SiteDatabase> {
  const name = `bench_site_${papers}_${seed}`;
  const url = `${server.replace(/\/+$/, "")}/${name}`;
  const marker = await readMarker(server, name);
  if (!reload && marker && marker.version === VERSION && marker.papers === papers && marker.seed === seed)
    return { ...marker, url, reused: true };

  if (marker) await clearMarker(server, name);
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
    const done: Marker = {
      version: VERSION,
      papers,
      seed,
      votes,
      loadSeconds: Math.round((Date.now() - started) / 100) / 10,
      loadedAt: new Date().toISOString(),
    };
    await sql.unsafe(`comment on database ${name} is '${JSON.stringify(done)}'`);
    return { ...done, url, reused: false };
  } finally {
    await sql.end();
  }
}
