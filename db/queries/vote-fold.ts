import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { paperVotes } from "@/db/schema";

/** Counters folded per transaction: each holds its papers' rows (not the counters) about a second at most. */
const FOLD_BATCH = 500;
/** Batches a fold takes at most; what is left waits for the next run (a minute later). */
const FOLD_MAX_BATCHES = 200;

/**
 * Copies the counters that changed since the last fold into papers.vote_count: only papers whose
 * count differs are rewritten, in batches of FOLD_BATCH, each a transaction of two statements.
 * The first reads the pending counters (through the partial index, without locking them) and
 * rewrites their papers, the slow part (~1 ms a paper: every index of papers takes the new row);
 * the second marks each counter folded at the count it read. So a vote on a paper being folded
 * never waits for it (a counter's lock is taken only by that last, quick statement), and a vote
 * landing meanwhile leaves its counter unfolded (count <> folded) for the next run. Idempotent (it
 * copies absolute counts, never adds); two folds at once (which the job's lock already prevents)
 * end with papers holding the count its counter is marked folded at. Returns how many papers were
 * rewritten.
 */
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

/** Whether some counter has changed since the last fold (cheap: the partial index holds only those). */
export async function hasUnfoldedVotes(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ paperId: paperVotes.paperId })
    .from(paperVotes)
    .where(sql`${paperVotes.count} <> ${paperVotes.folded}`)
    .limit(1);
  return row !== undefined;
}
