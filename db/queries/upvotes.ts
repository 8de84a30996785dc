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

/**
 * Adds or removes one user's vote, in one statement (cast_vote, migration 0011): only the vote row
 * is written; triggers on upvotes move the paper's narrow counter (paper_votes) in the same
 * transaction, and the vote row's primary key makes a second vote a no-op, so the counter always
 * equals the number of vote rows, whatever runs concurrently. papers is never updated by a vote
 * (foldVoteCounts does that, once a minute). The count answered is read after the vote, so the
 * last of concurrent voters sees them all. Null when the paper is unknown.
 */
export async function setUpvote(
  db: Db,
  { userId, paperId, upvoted }: { userId: string; paperId: string; upvoted: boolean },
): Promise<VoteState | null> {
  const [row] = rowsOf<{ upvotes: number | null }>(
    await db.execute(sql`select cast_vote(${userId}, ${paperId}, ${upvoted}) as upvotes`),
  );
  return row?.upvotes == null ? null : { upvotes: Number(row.upvotes), upvoted };
}

/**
 * setUpvote for a voter whose session this process has seen before (server/votes.ts): the same vote,
 * cast only if `token` is still a live session of `userId`, checked in the same statement, so a
 * repeat vote is one round trip where it was two (the session lookup, then the vote). `signedIn`
 * false: the session has ended (signed out, expired) and nothing was written.
 */
export async function setUpvoteInSession(
  db: Db,
  { token, userId, paperId, upvoted, now = new Date() }: { token: string; userId: string; paperId: string; upvoted: boolean; now?: Date },
): Promise<{ signedIn: boolean; state: VoteState | null }> {
  // CASE evaluates cast_vote (volatile, so never folded ahead) only for a live session.
  const [row] = rowsOf<{ signed_in: boolean; upvotes: number | null }>(
    await db.execute(sql`
      select s.user_id is not null as signed_in,
             case when s.user_id is not null then cast_vote(${userId}, ${paperId}, ${upvoted}) end as upvotes
      from (select 1) as one
      left join sessions s on s.session_token = ${token} and s.user_id = ${userId} and s.expires > ${now.toISOString()}`),
  );
  if (!row?.signed_in) return { signedIn: false, state: null };
  return { signedIn: true, state: row.upvotes == null ? null : { upvotes: Number(row.upvotes), upvoted } };
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

/**
 * Copies the counters that changed since the last fold into papers.vote_count, in one statement:
 * only papers whose count differs are rewritten. Idempotent (it copies absolute counts, never adds),
 * and safe beside votes and another fold: the pending counter rows are locked in paper order, so a
 * concurrent fold waits and then finds them folded, and a vote that lands meanwhile leaves its
 * counter unfolded for the next run. Returns how many papers were rewritten.
 */
export async function foldVoteCounts(db: Db): Promise<{ papers: number }> {
  const [row] = rowsOf<{ papers: number }>(
    await db.execute(sql`
      with pending as (
        select paper_id, count from paper_votes where count <> folded order by paper_id for update
      ), rewritten as (
        update papers p set vote_count = pending.count
        from pending
        where p.id = pending.paper_id and p.vote_count <> pending.count
        returning p.id
      ), marked as (
        update paper_votes v set folded = pending.count
        from pending
        where v.paper_id = pending.paper_id
        returning v.paper_id
      )
      select (select count(*) from rewritten)::int as papers, (select count(*) from marked)::int as marked`),
  );
  return { papers: Number(row?.papers ?? 0) };
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
