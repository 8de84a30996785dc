import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";

/** Each vote counts 0.5^(age / 3 days); source upvotes carry no times, so count as cast on the listing day. Exponents cap at 1000 against underflow. */
export async function getTrendingPaperIds(
  db: Db,
  { limit, offset = 0, windowDays = 30, now = new Date() }: { limit: number; offset?: number; windowDays?: number; now?: Date },
): Promise<string[]> {
  const nowIso = now.toISOString();
  // A value, not a subquery: a subquery bound is guessed at a third of the table, which chose a scan of every paper.
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

const TRENDING_WINDOWS = [30, 90, 365, 3650, 36500];

/** Widened until it holds `minimum` papers, so a quiet month still has a full list; one window for every page, so pages never overlap. */
export async function trendingWindow(db: Db, { minimum }: { minimum: number }): Promise<number> {
  // Read from the front of papers_listed_rank_idx: counting every window's papers scanned the whole table.
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
