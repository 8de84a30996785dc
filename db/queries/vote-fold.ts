import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { paperVotes } from "@/db/schema";

/** Each batch holds its papers' rows (not the counters) about a second at most. */
const FOLD_BATCH = 500;
/** What is left waits for the next run, a minute later. */
const FOLD_MAX_BATCHES = 200;

/** Rewrites papers first (~1 ms a paper), then marks counters folded, so a vote never waits on the slow part; copies absolute counts, so it is idempotent. */
export async function foldVoteCounts(db: Db): Promise<{ papers: number }> {
  let rewritten = 0;
  for (let batch = 0; batch < FOLD_MAX_BATCHES; batch += 1) {
    const pending = await db.transaction(async (tx) => {
      const rows = rowsOf<{ id: string; count: number; rewritten: boolean }>(
        await tx.execute(sql`
          with pending as (
            select paper_id, count from paper_votes where count <> folded order by paper_id limit ${FOLD_BATCH}
          ), rewritten as (
            update papers p set vote_count = pending.count
            from pending
            where p.id = pending.paper_id and p.vote_count <> pending.count
            returning p.id
          )
          select pending.paper_id as id, pending.count, rewritten.id is not null as rewritten
          from pending left join rewritten on rewritten.id = pending.paper_id`),
      );
      if (rows.length > 0) {
        const ids = sql.join(
          rows.map((r) => sql`${r.id}`),
          sql`, `,
        );
        const counts = sql.join(
          rows.map((r) => sql`${Number(r.count)}`),
          sql`, `,
        );
        await tx.execute(sql`
          update paper_votes v set folded = f.count
          from unnest(array[${ids}]::text[], array[${counts}]::int[]) as f(paper_id, count)
          where v.paper_id = f.paper_id`);
      }
      return rows;
    });
    rewritten += pending.filter((r) => r.rewritten).length;
    if (pending.length < FOLD_BATCH) break;
  }
  return { papers: rewritten };
}

export async function hasUnfoldedVotes(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ paperId: paperVotes.paperId })
    .from(paperVotes)
    .where(sql`${paperVotes.count} <> ${paperVotes.folded}`)
    .limit(1);
  return row !== undefined;
}
