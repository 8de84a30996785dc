import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { filterSql, type PaperFilters } from "@/lib/search/filters";
import { parsePgArray } from "./stats";

// The ranked-retrieval index (db/sql/search.sql): chunks of a stem's papers by falling impact, and the postings of papers
// written since it was built. server/search/ranked.ts decides what to read.

export interface ChunkHead {
  lexeme: string;
  chunk: number;
  top: number;
  df: number;
}

export interface IndexState {
  papers: number;
  chunkSize: number;
  /** Papers written since the build, read from search_postings_recent instead. */
  written: string[];
}

/** Every chunk of the stems, without their papers (the arrays stay out of line, unread). */
export async function readChunkHeads(db: Db, lexemes: string[]): Promise<ChunkHead[]> {
  if (lexemes.length === 0) return [];
  const rows = rowsOf<{ lexeme: string; chunk: number; top: number; df: number }>(
    await db.execute(sql`select lexeme, chunk, top, df from search_postings
      where lexeme in (${sql.join(
        lexemes.map((l) => sql`${l}`),
        sql`, `,
      )})`),
  );
  return rows.map((r) => ({ lexeme: r.lexeme, chunk: Number(r.chunk), top: Number(r.top), df: Number(r.df) }));
}

export async function readIndexState(db: Db): Promise<IndexState> {
  const [row] = rowsOf<{ papers: number | null; chunk_size: number | null; written: string[] | string | null }>(
    await db.execute(sql`select s.papers, s.chunk_size, (select array_agg(paper_id) from search_postings_stale) as written
      from (select 1) as one left join search_index_state s on true`),
  );
  const written = row?.written ?? [];
  return {
    papers: Number(row?.papers ?? 0),
    chunkSize: Number(row?.chunk_size ?? 1000),
    written: Array.isArray(written) ? written : parsePgArray(written),
  };
}

export interface Postings {
  lexeme: string;
  papers: string[];
  impacts: Float32Array;
}

function decodeImpacts(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i += 1) out[i] = view.getFloat32(i * 4);
  return out;
}

/** The chunks asked for, papers as one space-separated string each (one value to parse, not a thousand). */
export async function readChunks(db: Db, chunks: { lexeme: string; chunk: number }[]): Promise<Postings[]> {
  if (chunks.length === 0) return [];
  const rows = rowsOf<{ lexeme: string; papers: string; impacts: Uint8Array }>(
    await db.execute(sql`select s.lexeme, array_to_string(s.papers, ' ') as papers, s.impacts
      from search_postings s join (values ${sql.join(
        chunks.map((c) => sql`(${c.lexeme}, ${c.chunk}::integer)`),
        sql`, `,
      )}) as wanted (lexeme, chunk) on s.lexeme = wanted.lexeme collate "C" and s.chunk = wanted.chunk`),
  );
  return rows.map((r) => ({ lexeme: r.lexeme, papers: r.papers.split(" "), impacts: decodeImpacts(new Uint8Array(r.impacts)) }));
}

/** Postings of the papers written since the build, for the stems. */
export async function readRecentPostings(db: Db, lexemes: string[]): Promise<Postings[]> {
  if (lexemes.length === 0) return [];
  const rows = rowsOf<{ lexeme: string; papers: string[] | string; impacts: number[] | string }>(
    await db.execute(sql`select lexeme, array_agg(paper_id) as papers, array_agg(impact) as impacts
      from search_postings_recent where lexeme in (${sql.join(
        lexemes.map((l) => sql`${l}`),
        sql`, `,
      )}) group by lexeme`),
  );
  const list = <T>(v: T[] | string) => (Array.isArray(v) ? v : parsePgArray(v));
  return rows.map((r) => ({
    lexeme: r.lexeme,
    papers: list(r.papers).map(String),
    impacts: Float32Array.from(list(r.impacts).map(Number)),
  }));
}

/** Of the candidates, in their order, those the filters and the exclusions keep, with their upvotes. */
export async function keepCandidates(
  db: Db,
  { ids, filters, excluded }: { ids: string[]; filters: PaperFilters; excluded: string | null },
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<{ id: string; upvotes: number }>(
    await db.execute(sql`select id, upvotes from papers
      where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}) and ${filterSql(filters)}${excluded ? sql` and not (search_vector @@ ${excluded}::tsquery)` : sql``}`),
  );
  return new Map(rows.map((r) => [r.id, Number(r.upvotes)]));
}

/** Where each of the stems stands in each paper (positions across fields, as in search_vector). */
export async function readPositions(
  db: Db,
  { ids, lexemes }: { ids: string[]; lexemes: string[] },
): Promise<Map<string, Map<string, number[]>>> {
  const out = new Map<string, Map<string, number[]>>();
  if (ids.length === 0 || lexemes.length === 0) return out;
  const rows = rowsOf<{ id: string; lexeme: string; positions: number[] | string }>(
    await db.execute(sql`select p.id, u.lexeme, u.positions from papers p, unnest(p.search_vector) as u
      where p.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}) and u.lexeme in (${sql.join(
        lexemes.map((l) => sql`${l}`),
        sql`, `,
      )})`),
  );
  for (const r of rows) {
    const positions = (Array.isArray(r.positions) ? r.positions : parsePgArray(r.positions)).map(Number);
    const paper = out.get(r.id) ?? new Map<string, number[]>();
    paper.set(r.lexeme, positions);
    out.set(r.id, paper);
  }
  return out;
}

/** Builds the index whole (db/sql/search.sql); the papers indexed. Small chunks are for tests of the budget. */
export async function rebuildSearchIndex(db: Db, { chunkSize = 1000 }: { chunkSize?: number } = {}): Promise<number> {
  const [row] = rowsOf<{ papers: number }>(await db.execute(sql`select search_index_rebuild(${chunkSize}::integer) as papers`));
  return Number(row?.papers ?? 0);
}

/** Papers written since the build: the index's debt, which the search-index job pays when it grows. */
export async function writtenSinceBuild(db: Db): Promise<{ written: number; papers: number; builtAt: string | null }> {
  const [row] = rowsOf<{ written: number; papers: number | null; built_at: string | null }>(
    await db.execute(sql`select (select count(*) from search_postings_stale)::integer as written,
      (select papers from search_index_state) as papers, (select built_at::text from search_index_state) as built_at`),
  );
  return { written: Number(row?.written ?? 0), papers: Number(row?.papers ?? 0), builtAt: row?.built_at ?? null };
}
