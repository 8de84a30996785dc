import { desc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { organizations, paperVotes, papers, upvotes } from "@/db/schema";
import { paperSelect, withOrganization, type PaperWithOrg } from "./papers";

export interface VoteState {
  upvotes: number;
  upvoted: boolean;
}

/**
 * The count a reader sees: the source's upvotes plus the live number of vote rows (paper_votes),
 * which papers.upvotes catches up with at the next fold. For the few papers of a page; a vote's
 * answer is the same sum, read inside cast_vote (migration 0011).
 */
const liveUpvotes = sql<number>`(${papers.sourceUpvotes} + coalesce(${paperVotes.count}, ${papers.voteCount}))::int`;

/** What a vote from a session token came to (voteInSession). */
export type SessionVote =
  | { outcome: "signed-out" }
  | { outcome: "limited"; retryAfterSeconds: number }
  | { outcome: "cast"; state: VoteState | null };

/**
 * Adds or removes the vote of the user whose live session `token` is, in one statement
 * (vote_in_session, migration 0012): the session checked, the user's vote counted against
 * `limit` votes a `windowSeconds` window (rate_limits, key `vote:<user>`), and the vote cast by
 * cast_vote (migration 0011): only the vote row is written; triggers on upvotes move the paper's
 * narrow counter (paper_votes) in the same transaction, and the vote row's primary key makes a
 * second vote a no-op, so the counter always equals the number of vote rows, whatever runs
 * concurrently. papers is never updated by a vote (foldVoteCounts does that, once a minute). The
 * count answered is read after the vote, so the last of concurrent voters sees them all. `state`
 * null: the paper is unknown. Nothing is written for a signed-out token, and no vote past the limit.
 */
export async function voteInSession(
  db: Db,
  { token, paperId, upvoted, limit, windowSeconds, now = new Date() }: { token: string; paperId: string; upvoted: boolean; limit: number; windowSeconds: number; now?: Date },
): Promise<SessionVote> {
  const [row] = rowsOf<{ voter: string | null; allowed: boolean | null; retry_after: number | null; upvotes: number | null }>(
    await db.execute(sql`select * from vote_in_session(${token}, ${paperId}, ${upvoted}, ${limit}, ${windowSeconds}, ${now.toISOString()})`),
  );
  if (!row?.voter) return { outcome: "signed-out" };
  if (!row.allowed) return { outcome: "limited", retryAfterSeconds: Math.max(1, Number(row.retry_after)) };
  return { outcome: "cast", state: row.upvotes == null ? null : { upvotes: Number(row.upvotes), upvoted } };
}

/** Live counts of the given papers and, for a signed-in user, which of them they upvoted. */
export async function getVoteStates(
  db: Db,
  { paperIds, userId }: { paperIds: string[]; userId: string | null },
): Promise<Record<string, VoteState>> {
  if (paperIds.length === 0) return {};
  const rows = await db
    .select({
      id: papers.id,
      upvotes: liveUpvotes,
      upvoted: userId
        ? sql<boolean>`exists (select 1 from ${upvotes} where ${upvotes.paperId} = ${papers.id} and ${upvotes.userId} = ${userId})`
        : sql<boolean>`false`,
    })
    .from(papers)
    .leftJoin(paperVotes, eq(paperVotes.paperId, papers.id))
    .where(inArray(papers.id, paperIds));
  return Object.fromEntries(rows.map((r) => [r.id, { upvotes: Number(r.upvotes), upvoted: Boolean(r.upvoted) }]));
}

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
        const ids = sql.join(rows.map((r) => sql`${r.id}`), sql`, `);
        const counts = sql.join(rows.map((r) => sql`${Number(r.count)}`), sql`, `);
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
  const [row] = await db.select({ paperId: paperVotes.paperId }).from(paperVotes).where(sql`${paperVotes.count} <> ${paperVotes.folded}`).limit(1);
  return row !== undefined;
}

/** The papers a user upvoted, newest vote first. */
export async function getUpvotedPapers(
  db: Db,
  { userId, limit = 50, offset = 0 }: { userId: string; limit?: number; offset?: number },
): Promise<(PaperWithOrg & { votedAt: Date })[]> {
  const rows = await db
    .select(paperSelect({ votedAt: upvotes.createdAt }))
    .from(upvotes)
    .innerJoin(papers, eq(papers.id, upvotes.paperId))
    .leftJoin(organizations, eq(papers.organizationName, organizations.name))
    .where(eq(upvotes.userId, userId))
    .orderBy(desc(upvotes.createdAt), desc(upvotes.paperId))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...withOrganization(r), votedAt: r.votedAt }));
}

/**
 * Momentum ranking. Each vote counts 0.5^(age / 3 days): a vote cast today is worth 1, one from
 * three days ago 0.5, one from a month ago about 0.001. Upvotes imported from the source carry no
 * times, so they count as cast on the paper's listing day. Candidates are papers listed in the
 * `windowDays` days up to the latest listing, and papers voted on in the last 30 days
 * (trendingWindow picks the window).
 *
 *   score = Σ_votes 0.5^(hours since vote / 72) + source_upvotes · 0.5^(hours since listing day / 72)
 *
 * (Exponents are capped at 1000 so that very old papers score a tiny number instead of underflowing.)
 */
export async function getTrendingPaperIds(
  db: Db,
  { limit, offset = 0, windowDays = 30, now = new Date() }: { limit: number; offset?: number; windowDays?: number; now?: Date },
): Promise<string[]> {
  const nowIso = now.toISOString();
  // The window's first day as a value, not a subquery, so the planner sees how few papers it holds
  // (a subquery bound is guessed at a third of the table, which chose a scan of every paper).
  const [latest] = rowsOf<{ day: string | null }>(await db.execute(sql`select max(listed_on)::text as day from papers`));
  if (!latest?.day) return [];
  const since = new Date(Date.parse(`${latest.day}T00:00:00Z`) - Math.floor(windowDays) * 86_400_000).toISOString().slice(0, 10);
  // Double precision: extract(epoch) is numeric, and numeric power() costs ~15 µs a vote.
  const result = await db.execute(sql`
    with recent_votes as (
      select paper_id, sum(power(0.5::float8, least(1000, extract(epoch from (${nowIso}::timestamptz - created_at))::float8 / 3600 / 72))) as score
      from upvotes
      where created_at > ${nowIso}::timestamptz - interval '30 days'
      group by paper_id
    ),
    candidates as (
      select id from papers where listed_on >= ${since}::date
      union
      select paper_id from recent_votes
    )
    select p.id
    from candidates c
    join papers p on p.id = c.id
    left join recent_votes v on v.paper_id = p.id
    order by
      coalesce(v.score, 0)
        + case when p.listed_on is null then 0
               else p.source_upvotes * power(0.5::float8, least(1000, greatest(0, extract(epoch from (${nowIso}::timestamptz - p.listed_on::timestamptz))::float8) / 3600 / 72))
          end desc,
      p.upvotes desc,
      p.id
    limit ${limit} offset ${offset}
  `);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** Listing windows trending tries, in days: the first that holds enough papers is used. */
const TRENDING_WINDOWS = [30, 90, 365, 3650, 36500];

/**
 * The listing window (days before the latest listing) trending ranks: 30 days, widened until
 * it holds at least `minimum` papers, so a quiet month, or a store of old papers, still has a
 * full trending list. One window for every page of the list, so pages never overlap.
 */
export async function trendingWindow(db: Db, { minimum }: { minimum: number }): Promise<number> {
  // The listing day of the minimum-th newest listed paper, read from the front of
  // papers_listed_rank_idx (counting every window's papers scanned the whole table).
  const [row] = rowsOf<{ latest: string | null; nth: string | null }>(
    await db.execute(sql`
      select (select max(listed_on) from papers)::text as latest,
             (select listed_on from papers where listed_on is not null
              order by listed_on desc nulls last offset ${Math.max(0, minimum - 1)} limit 1)::text as nth`),
  );
  const widest = TRENDING_WINDOWS.at(-1)!;
  if (!row?.latest || !row.nth) return widest;
  const span = Math.round((Date.parse(`${row.latest}T00:00:00Z`) - Date.parse(`${row.nth}T00:00:00Z`)) / 86_400_000);
  return TRENDING_WINDOWS.find((days) => days >= span) ?? widest;
}
