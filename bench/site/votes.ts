/** Vote storage for the site benchmark in one place, so it can follow the app's (docs/votes.md). */
import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type { Db } from "@/db";
import { foldVoteCounts } from "@/db/queries/vote-fold";
import { copyRows, copyText, rebuildIndexes, secondaryIndexes } from "../load-papers";
import { USERS, userId, type SiteDataset } from "./dataset";

export const voteCountOf = (data: SiteDataset, i: number) => data.votesOf(i);

/** The USERS users and every vote row, COPYed with the table's indexes and foreign keys off. */
export async function loadVotes(sql: postgres.Sql, data: SiteDataset, paperId: (i: number) => string): Promise<number> {
  await sql`delete from users where id like 'bench-user-%'`;
  await copyRows(
    sql,
    "copy users (id, name, email) from stdin",
    0,
    USERS,
    (u) => `${userId(u)}\t${copyText(`Bench User ${u}`)}\tu${u}@bench.invalid\n`,
  );

  const indexes = await secondaryIndexes(sql, "upvotes");
  for (const { name } of indexes) await sql.unsafe(`drop index if exists "${name}"`);
  // Every row names a user and a paper loaded just before; checking that row by row costs more than the COPY.
  await sql`alter table upvotes disable trigger all`;
  let rows = 0;
  const streams = 2;
  const share = Math.ceil(data.papers / streams);
  await Promise.all(
    Array.from({ length: streams }, (_, s) =>
      copyRows(sql, "copy upvotes (user_id, paper_id, created_at) from stdin", s * share, Math.min(data.papers, (s + 1) * share), (i) => {
        const id = paperId(i);
        const voters = data.votersOf(i);
        rows += voters.length;
        return voters.map((v) => `${userId(v.user)}\t${id}\t${v.at.toISOString()}\n`).join("");
      }),
    ),
  );
  await sql`alter table upvotes enable trigger all`;
  // The counters the triggers would have kept, already folded into papers.vote_count.
  await sql`delete from paper_votes`;
  await sql`insert into paper_votes (paper_id, count, folded) select paper_id, count(*)::int, count(*)::int from upvotes group by paper_id`;
  await rebuildIndexes(sql, indexes);
  await sql`vacuum analyze users`;
  await sql`vacuum analyze upvotes`;
  return rows;
}

/** How many papers' counter or vote_count differ from their number of vote rows (after a fold). */
export async function voteMismatches(sql: postgres.Sql): Promise<number> {
  await fold(sql);
  const [row] = await sql<{ bad: number }[]>`
    select count(*)::int as bad from papers p
    left join (select paper_id, count(*)::int as n from upvotes group by paper_id) v on v.paper_id = p.id
    left join paper_votes pv on pv.paper_id = p.id
    where p.vote_count <> coalesce(v.n, 0) or coalesce(pv.count, 0) <> coalesce(v.n, 0)`;
  return row?.bad ?? -1;
}

/** The `votes` job's own fold (db/queries/vote-fold.ts); drizzle passes date strings through here, so give this client strings, not Dates. */
async function fold(sql: postgres.Sql): Promise<void> {
  await foldVoteCounts(drizzle({ client: sql }) as unknown as Db);
}

export async function withdrawVotes(sql: postgres.Sql, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  // The triggers move the counters; the fold brings papers.vote_count in step.
  await sql`delete from upvotes where user_id = any(${userIds}::text[])`;
  await fold(sql);
}
