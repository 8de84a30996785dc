/** The related words (lib/search/related-words.ts): the sample they are learned from, and the table they are kept in. */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import type { Related } from "@/lib/search/related-words";
import { sqlList } from "./sql";
import { parsePgArray } from "./stats";

/** The newest papers' search documents as text (one row a paper: 20,000 rows, not two million of unnest). */
export async function readTrainingSample(db: Db, limit: number): Promise<string[]> {
  const rows = rowsOf<{ v: string }>(
    await db.execute(sql`select p.search_vector::text as v
      from (select id from papers order by published_at desc, id limit ${limit}) as newest join papers p using (id)`),
  );
  return rows.map((r) => r.v);
}

/** Replaces the whole table in one transaction, so searches see the old words or the new, never half. */
export async function replaceRelated(db: Db, related: Related[], papers: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from search_related`);
    for (let from = 0; from < related.length; from += 1_000) {
      const batch = related.slice(from, from + 1_000);
      await tx.execute(sql`insert into search_related (lexeme, related, similarity)
        select r->>'lexeme',
          array(select w from jsonb_array_elements_text(r->'related') with ordinality as t(w, n) order by n),
          array(select s::real from jsonb_array_elements_text(r->'similarity') with ordinality as t(s, n) order by n)
        from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) as r`);
    }
    await tx.execute(sql`insert into search_index_state (id, related_at, related_papers) values (1, now(), ${papers})
      on conflict (id) do update set related_at = excluded.related_at, related_papers = excluded.related_papers`);
  });
}

export async function readRelated(db: Db, lexemes: string[]): Promise<Map<string, { lexeme: string; similarity: number }[]>> {
  const out = new Map<string, { lexeme: string; similarity: number }[]>();
  if (lexemes.length === 0) return out;
  const rows = rowsOf<{ lexeme: string; related: string[] | string; similarity: number[] | string }>(
    await db.execute(sql`select lexeme, related, similarity from search_related where lexeme in (${sqlList(lexemes)})`),
  );
  for (const r of rows) {
    const related = Array.isArray(r.related) ? r.related : parsePgArray(r.related);
    const similarity = (Array.isArray(r.similarity) ? r.similarity : parsePgArray(r.similarity)).map(Number);
    out.set(
      r.lexeme,
      related.map((lexeme, i) => ({ lexeme, similarity: similarity[i] ?? 0 })),
    );
  }
  return out;
}

export async function relatedState(db: Db): Promise<{ trainedAt: string | null; papers: number }> {
  const [row] = rowsOf<{ related_at: string | null; related_papers: number | null }>(
    await db.execute(sql`select related_at::text, related_papers from search_index_state`),
  );
  return { trainedAt: row?.related_at ?? null, papers: Number(row?.related_papers ?? 0) };
}
