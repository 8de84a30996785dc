/** Reads and builds of the ranked-retrieval index (db/sql/search.sql); server/search/ranked.ts decides what to read. */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { filterSql, type PaperFilters } from "@/lib/search/filters";
import { sqlCount, sqlList } from "./sql";
import { parsePgArray } from "./stats";

export interface ChunkHead {
  lexeme: string;
  chunk: number;
  top: number;
  df: number;
}

export interface IndexState {
  papers: number;
  chunkSize: number;
  /** Papers written since the build: their postings are in search_postings_recent, their built ones (these docs) do not count. */
  written: number;
  writtenDocs: number[];
}

/**
 * The chunks of the stems that a read of `budget` postings could reach, without their papers (the arrays stay out of
 * line, unread); of the `shallow` ones, the first few only.
 */
export async function readChunkHeads(
  db: Db,
  { lexemes, shallow = [], shallowChunks = 4, budget }: { lexemes: string[]; shallow?: string[]; shallowChunks?: number; budget: number },
): Promise<ChunkHead[]> {
  if (lexemes.length === 0 && shallow.length === 0) return [];
  const inList = (list: string[]) => (list.length === 0 ? sql`false` : sql`lexeme in (${sqlList(list)})`);
  const reach = sql`${sqlCount(budget)} / greatest((select chunk_size from search_index_state), 1) + 1`;
  const rows = rowsOf<{ lexeme: string; chunk: number; top: number; df: number }>(
    await db.execute(sql`select lexeme, chunk, top, df from search_postings
      where (${inList(lexemes)} and chunk < ${reach}) or (${inList(shallow)} and chunk < ${shallowChunks})`),
  );
  return rows.map((r) => ({ lexeme: r.lexeme, chunk: Number(r.chunk), top: Number(r.top), df: Number(r.df) }));
}

export async function readIndexState(db: Db): Promise<IndexState> {
  const [row] = rowsOf<{ papers: number | null; chunk_size: number | null; written: number; docs: number[] | string | null }>(
    await db.execute(sql`select s.papers, s.chunk_size, (select count(*) from search_postings_stale)::integer as written,
        (select array_agg(d.doc) from search_postings_stale w join search_docs d using (paper_id)) as docs
      from (select 1) as one left join search_index_state s on true`),
  );
  const docs = row?.docs ?? [];
  return {
    papers: Number(row?.papers ?? 0),
    chunkSize: Number(row?.chunk_size ?? 1000),
    written: Number(row?.written ?? 0),
    writtenDocs: (Array.isArray(docs) ? docs : parsePgArray(docs)).map(Number),
  };
}

export interface Chunk {
  lexeme: string;
  docs: Int32Array;
  impacts: Float32Array;
}

export interface Postings {
  lexeme: string;
  papers: string[];
  impacts: Float32Array;
}

/** int4send/float4send bytes are big-endian: swapped in place, they are the platform's typed array (little-endian). */
function wordsOf(bytes: Uint8Array): ArrayBuffer {
  const copy = Buffer.from(bytes);
  copy.swap32();
  return copy.buffer.slice(copy.byteOffset, copy.byteOffset + copy.byteLength);
}

export async function readChunks(db: Db, chunks: { lexeme: string; chunk: number }[]): Promise<Chunk[]> {
  if (chunks.length === 0) return [];
  const rows = rowsOf<{ lexeme: string; docs: Uint8Array; impacts: Uint8Array }>(
    await db.execute(sql`select s.lexeme, s.docs, s.impacts
      from search_postings s join (values ${sql.join(
        chunks.map((c) => sql`(${c.lexeme}, ${c.chunk}::integer)`),
        sql`, `,
      )}) as wanted (lexeme, chunk) on s.lexeme = wanted.lexeme collate "C" and s.chunk = wanted.chunk`),
  );
  return rows.map((r) => ({
    lexeme: r.lexeme,
    docs: new Int32Array(wordsOf(r.docs)),
    impacts: new Float32Array(wordsOf(r.impacts)),
  }));
}

export async function readRecentPostings(db: Db, lexemes: string[]): Promise<Postings[]> {
  if (lexemes.length === 0) return [];
  const rows = rowsOf<{ lexeme: string; papers: string[] | string; impacts: number[] | string }>(
    await db.execute(sql`select lexeme, array_agg(paper_id) as papers, array_agg(impact) as impacts
      from search_postings_recent where lexeme in (${sqlList(lexemes)}) group by lexeme`),
  );
  const list = <T>(v: T[] | string) => (Array.isArray(v) ? v : parsePgArray(v));
  return rows.map((r) => ({
    lexeme: r.lexeme,
    papers: list(r.papers).map(String),
    impacts: Float32Array.from(list(r.impacts).map(Number)),
  }));
}

/** Of the candidates (built ones by number, recent ones by id), those that exist and the filters and exclusions keep. */
export async function keepCandidates(
  db: Db,
  { docs, ids, filters, excluded }: { docs: number[]; ids: string[]; filters: PaperFilters; excluded: string | null },
): Promise<{ byDoc: Map<number, { id: string; upvotes: number }>; byId: Map<string, number> }> {
  const byDoc = new Map<number, { id: string; upvotes: number }>();
  const byId = new Map<string, number>();
  if (docs.length === 0 && ids.length === 0) return { byDoc, byId };
  const keep = sql`${filterSql(filters)}${excluded ? sql` and not (p.search_vector @@ ${excluded}::tsquery)` : sql``}`;
  const rows = rowsOf<{ doc: number | null; id: string; upvotes: number }>(
    await db.execute(
      sql`${
        docs.length > 0
          ? sql`select d.doc, p.id, p.upvotes from search_docs d join papers p on p.id = d.paper_id where d.doc in (${sqlList(docs)}) and ${keep}`
          : sql`select null::integer as doc, null as id, 0 as upvotes where false`
      } union all ${
        ids.length > 0
          ? sql`select null::integer, p.id, p.upvotes from papers p where p.id in (${sqlList(ids)}) and ${keep}`
          : sql`select null::integer, null, 0 where false`
      }`,
    ),
  );
  for (const r of rows) {
    if (r.doc !== null) byDoc.set(Number(r.doc), { id: r.id, upvotes: Number(r.upvotes) });
    else byId.set(r.id, Number(r.upvotes));
  }
  return { byDoc, byId };
}

export async function readPositions(
  db: Db,
  { ids, lexemes }: { ids: string[]; lexemes: string[] },
): Promise<Map<string, Map<string, number[]>>> {
  const out = new Map<string, Map<string, number[]>>();
  if (ids.length === 0 || lexemes.length === 0) return out;
  const rows = rowsOf<{ id: string; lexeme: string; positions: number[] | string }>(
    await db.execute(sql`select p.id, u.lexeme, u.positions from papers p, unnest(p.search_vector) as u
      where p.id in (${sqlList(ids)}) and u.lexeme in (${sqlList(lexemes)})`),
  );
  for (const r of rows) {
    const positions = (Array.isArray(r.positions) ? r.positions : parsePgArray(r.positions)).map(Number);
    const paper = out.get(r.id) ?? new Map<string, number[]>();
    paper.set(r.lexeme, positions);
    out.set(r.id, paper);
  }
  return out;
}

/** `whileWriting`: from one REPEATABLE READ snapshot, writers going on (a serialization failure is then possible). */
export async function rebuildSearchIndex(
  db: Db,
  { chunkSize = 1000, whileWriting = false }: { chunkSize?: number; whileWriting?: boolean } = {},
): Promise<number> {
  const build = async (tx: Db) =>
    Number(rowsOf<{ papers: number }>(await tx.execute(sql`select search_index_rebuild(${chunkSize}::integer) as papers`))[0]?.papers ?? 0);
  return whileWriting ? db.transaction((tx) => build(tx), { isolationLevel: "repeatable read" }) : build(db);
}

export async function writtenSinceBuild(db: Db): Promise<{ written: number; papers: number; builtAt: string | null }> {
  const [row] = rowsOf<{ written: number; papers: number | null; built_at: string | null }>(
    await db.execute(sql`select (select count(*) from search_postings_stale)::integer as written,
      (select papers from search_index_state) as papers, (select built_at::text from search_index_state) as built_at`),
  );
  return { written: Number(row?.written ?? 0), papers: Number(row?.papers ?? 0), builtAt: row?.built_at ?? null };
}
