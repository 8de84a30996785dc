import { desc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { paperVotes, papers, upvotes } from "@/db/schema";
import { papersWithOrganizations, withOrganization, type PaperWithOrg } from "./papers";

export interface VoteState {
  upvotes: number;
  upvoted: boolean;
}

/** papers.upvotes catches up only at the next fold, so a page's few papers add the live counter. */
const liveUpvotes = sql<number>`(${papers.sourceUpvotes} + coalesce(${paperVotes.count}, ${papers.voteCount}))::int`;

export type SessionVote =
  { outcome: "signed-out" } | { outcome: "limited"; retryAfterSeconds: number } | { outcome: "cast"; state: VoteState | null };

/** One statement (vote_in_session, db/sql/votes.sql); triggers keep paper_votes equal to the vote rows whatever runs concurrently, and papers is never updated by a vote. */
export async function voteInSession(
  db: Db,
  {
    token,
    paperId,
    upvoted,
    keyPrefix,
    limit,
    windowSeconds,
    now = new Date(),
  }: { token: string; paperId: string; upvoted: boolean; keyPrefix: string; limit: number; windowSeconds: number; now?: Date },
): Promise<SessionVote> {
  const [row] = rowsOf<{ voter: string | null; allowed: boolean | null; retry_after: number | null; upvotes: number | null }>(
    await db.execute(
      sql`select * from vote_in_session(${token}, ${paperId}, ${upvoted}, ${keyPrefix}, ${limit}, ${windowSeconds}, ${now.toISOString()})`,
    ),
  );
  if (!row?.voter) return { outcome: "signed-out" };
  if (!row.allowed) return { outcome: "limited", retryAfterSeconds: Math.max(1, Number(row.retry_after)) };
  return { outcome: "cast", state: row.upvotes == null ? null : { upvotes: Number(row.upvotes), upvoted } };
}

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
