import { desc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { paperVotes, papers, upvotes } from "@/db/schema";
import { papersWithOrganizations, withOrganization, type PaperWithOrg } from "./papers";

export interface VoteState {
  upvotes: number;
  upvoted: boolean;
}

/**
 * The count a reader sees: the source's upvotes plus the live number of vote rows (paper_votes),
 * which papers.upvotes catches up with at the next fold. For the few papers of a page; a vote's
 * answer is the same sum, read inside cast_vote (db/sql/votes.sql).
 */
const liveUpvotes = sql<number>`(${papers.sourceUpvotes} + coalesce(${paperVotes.count}, ${papers.voteCount}))::int`;

/** What a vote from a session token came to (voteInSession). */
export type SessionVote =
  { outcome: "signed-out" } | { outcome: "limited"; retryAfterSeconds: number } | { outcome: "cast"; state: VoteState | null };

/**
 * Adds or removes the vote of the user whose live session `token` is, in one statement
 * (vote_in_session, db/sql/votes.sql): the session checked, the user's vote counted against
 * `limit` votes a `windowSeconds` window (rate_limits, key `vote:<user>`), and the vote cast by
 * cast_vote: only the vote row is written; triggers on upvotes move the paper's
 * narrow counter (paper_votes) in the same transaction, and the vote row's primary key makes a
 * second vote a no-op, so the counter always equals the number of vote rows, whatever runs
 * concurrently. papers is never updated by a vote (foldVoteCounts does that, once a minute). The
 * count answered is read after the vote, so the last of concurrent voters sees them all. `state`
 * null: the paper is unknown. Nothing is written for a signed-out token, and no vote past the limit.
 */
export async function voteInSession(
  db: Db,
  {
    token,
    paperId,
    upvoted,
    limit,
    windowSeconds,
    now = new Date(),
  }: { token: string; paperId: string; upvoted: boolean; limit: number; windowSeconds: number; now?: Date },
): Promise<SessionVote> {
  const [row] = rowsOf<{ voter: string | null; allowed: boolean | null; retry_after: number | null; upvotes: number | null }>(
    await db.execute(
      sql`select * from vote_in_session(${token}, ${paperId}, ${upvoted}, ${limit}, ${windowSeconds}, ${now.toISOString()})`,
    ),
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

/** The papers a user upvoted, newest vote first. */
export async function getUpvotedPapers(
  db: Db,
  { userId, limit = 50, offset = 0 }: { userId: string; limit?: number; offset?: number },
): Promise<(PaperWithOrg & { votedAt: Date })[]> {
  const rows = await papersWithOrganizations(db, { votedAt: upvotes.createdAt })
    .innerJoin(upvotes, eq(upvotes.paperId, papers.id))
    .where(eq(upvotes.userId, userId))
    .orderBy(desc(upvotes.createdAt), desc(upvotes.paperId))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...withOrganization(r), votedAt: r.votedAt }));
}
