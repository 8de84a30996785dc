import { eq, getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf, type Db } from "@/db";
import { organizations, papers } from "@/db/schema";
import { highlightText, snippet, trigramSimilarity, wordsOf, type Segment } from "@/lib/search/highlight";
import type { SearchSort } from "@/lib/search/params";
import { estimateShare, parseTsquery, type LexemeStats } from "@/lib/search/estimate";
import { parseQuery, prefixAlternatives, type ParsedQuery, type Term } from "@/lib/search/syntax";
import type { PaperWithOrg } from "./papers";

/*
 * Ranking (sort=relevance), also in docs/search.md:
 *
 *   score = ts_rank(search_vector, query)                       -- weights A 1.0, B 0.4, C 0.2
 *         × (1 + 0.1 · ln(1 + upvotes))                         -- 100 upvotes: ×1.46, 1000: ×1.69
 *         × (1 + 0.2 · exp(−age_days / 365))                    -- new: ×1.2, a year old: ×1.07
 *
 * ordered by score, then id. Ranking every match of a common word at a million papers is too
 * slow, so only the CANDIDATES best-upvoted matches are scored; matches beyond them follow in
 * upvote order. The order is a pure function of the data, so pages never overlap or skip.
 *
 * How the candidates are read is decided here, not left to the planner, whose estimate for
 * prefixes is far off: a query matching many papers walks papers_upvotes_idx and stops after
 * CANDIDATES matches; one matching few reads the GIN index (see planFor).
 */
const UPVOTE_WEIGHT = 0.1;
const RECENCY_WEIGHT = 0.2;
const RECENCY_DAYS = 365;
export const CANDIDATES = 300;
/** Matches read from the GIN index at most, before choosing the candidates among them. */
const SCAN_CAP = 1500;

/** Below this many full-text matches, titles that look like the query (typos) are added. */
const FUZZY_BELOW = 5;
/** pg_trgm word similarity needed: `tranformer` vs `transformers` is 0.57. */
const FUZZY_THRESHOLD = 0.5;
/** Trigram matches looked at before ranking them, so a vague query stays cheap. */
const FUZZY_CANDIDATES = 200;

export interface SearchOptions {
  q: string;
  from?: string;
  to?: string;
  org?: string;
  category?: string;
  sort?: SearchSort;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  paper: PaperWithOrg;
  title: Segment[];
  snippet: Segment[];
  /** How the paper was found: its arXiv id, the full-text query, or title similarity (typos). */
  match: "id" | "text" | "similar";
}

export interface SearchPage {
  hits: SearchHit[];
  hasMore: boolean;
}

type PaperColumns = ReturnType<typeof getTableColumns<typeof papers>>;
// The document vector is large and only the database needs it.
const paperFields = Object.fromEntries(
  Object.entries(getTableColumns(papers)).filter(([key]) => key !== "searchVector"),
) as Omit<PaperColumns, "searchVector">;

function termQuery(term: Term): SQL {
  if (term.kind === "phrase") return sql`phraseto_tsquery('english', ${term.text})`;
  if (!term.prefix) return sql`plainto_tsquery('english', ${term.text})`;
  // prefix.last holds only letters, digits and marks, so it is safe as to_tsquery input.
  const { prefix, exact } = prefixAlternatives(term.prefix.last);
  const typed = sql.join(
    [
      sql`to_tsquery('english', ${`${prefix}:*`})`,
      sql`to_tsquery('simple', ${`${prefix}:*`})`,
      ...exact.map((stem) => sql`to_tsquery('simple', ${stem})`),
    ],
    sql` || `,
  );
  return term.prefix.head ? sql`(plainto_tsquery('english', ${term.prefix.head}) && (${typed}))` : sql`(${typed})`;
}

interface CompiledQuery {
  /** tsquery text, re-read with `::tsquery`; empty when the query has no searchable word. */
  full: string;
  /** Every positive term ORed: what to highlight. */
  highlight: string;
  /** The excluded terms ORed, or empty. */
  excluded: string;
}

/** Turns the parsed query into tsquery text, letting PostgreSQL do the stemming. */
async function compile(db: Db, parsed: ParsedQuery): Promise<CompiledQuery | null> {
  if (parsed.groups.length === 0) return null;
  const positive = sql.join(
    parsed.groups.map((group) => sql`(${sql.join(group.map(termQuery), sql` || `)})`),
    sql` && `,
  );
  const excluded = parsed.excluded.length ? sql.join(parsed.excluded.map(termQuery), sql` || `) : sql`''::tsquery`;
  const highlight = sql.join(parsed.groups.flat().map(termQuery), sql` || `);
  const [row] = rowsOf<{ full: string; nodes: number; highlight: string; excluded: string }>(
    await db.execute(sql`
      select ((${positive}) && !!(${excluded}))::text as full, numnode(${positive}) as nodes,
             (${highlight})::text as highlight, (${excluded})::text as excluded`),
  );
  if (!row || Number(row.nodes) === 0) return null;
  return { full: row.full, highlight: row.highlight, excluded: row.excluded };
}

function filterSql({ from, to, org, category }: SearchOptions): SQL {
  const parts: SQL[] = [sql`true`];
  if (from) parts.push(sql`published_at >= ${from}::date`);
  if (to) parts.push(sql`published_at <= ${to}::date`);
  if (org) parts.push(sql`organization_name = ${org}`);
  if (category) parts.push(sql`categories @> array[${category}]::text[]`);
  return sql.join(parts, sql` and `);
}

const orderOf: Record<Exclude<SearchSort, "relevance">, SQL> = {
  // Both mirror an index (papers_published_idx, papers_upvotes_idx) plus the id tie-break.
  newest: sql`published_at desc nulls last, id`,
  upvotes: sql`upvotes desc nulls last, id`,
};

const num = (n: number) => sql.raw(String(n));

function scoreSql(query: string): SQL {
  return sql`ts_rank(search_vector, ${query}::tsquery)
    * (1 + ${num(UPVOTE_WEIGHT)} * ln(1 + greatest(upvotes, 0)))
    * (1 + ${num(RECENCY_WEIGHT)} * coalesce(exp(-greatest(current_date - published_at, 0) / ${num(RECENCY_DAYS)}.0), 0))`;
}

const STATS_TTL_MS = 10 * 60_000;
const statsCache = globalThis as unknown as { __searchStats?: { at: number; stats: Promise<LexemeStats | null> } };

/** The column statistics ANALYZE keeps for search_vector, cached for a few minutes. */
function lexemeStats(db: Db): Promise<LexemeStats | null> {
  const cached = statsCache.__searchStats;
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached.stats;
  const stats = db
    .execute(
      sql`select most_common_elems::text as elems, most_common_elem_freqs as freqs,
                 (select reltuples from pg_class where oid = 'papers'::regclass) as rows
          from pg_stats where schemaname = current_schema() and tablename = 'papers' and attname = 'search_vector'`,
    )
    .then((result) => {
      const [row] = rowsOf<{ elems: string | null; freqs: number[] | string | null; rows: number | string }>(result);
      if (!row?.elems || !row.freqs) return null;
      const elems = parsePgArray(row.elems);
      const freqs = (Array.isArray(row.freqs) ? row.freqs : parsePgArray(row.freqs)).map(Number);
      return { rows: Number(row.rows), freq: new Map(elems.map((e, i) => [e, freqs[i] ?? 0])) };
    })
    .catch(() => null);
  statsCache.__searchStats = { at: Date.now(), stats };
  return stats;
}

type Plan = "walk" | "index" | "planner";

/**
 * "walk": follow the sort order's btree and stop after enough matches; cheap when matches are
 * dense. "index": read every match from the GIN index, then sort; cheap when they are few. The
 * break-even is where walking CANDIDATES / share rows costs what fetching share × rows does.
 */
async function planFor(db: Db, query: string, filtered: boolean): Promise<Plan> {
  if (filtered) return "planner";
  const stats = await lexemeStats(db);
  if (!stats || stats.rows < 50_000) return "planner";
  const matches = estimateShare(parseTsquery(query), stats) * stats.rows;
  return matches > Math.sqrt(CANDIDATES * 20 * stats.rows) ? "walk" : "index";
}

const PLAN_SETTINGS: Record<Exclude<Plan, "planner">, SQL> = {
  walk: sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)`,
  index: sql`select set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true),
                    set_config('work_mem', '32MB', true)`,
};

/** Runs the read with the chosen plan's settings, which last only for its transaction. */
async function withPlan<T>(db: Db, plan: Plan, read: (tx: Db) => Promise<T>): Promise<T> {
  if (plan === "planner") return read(db);
  return db.transaction(async (tx) => {
    await tx.execute(PLAN_SETTINGS[plan]);
    return read(tx as unknown as Db);
  });
}

/** Ids of the full-text matches at positions [start, start + count) in relevance order. */
async function rankedIds(db: Db, query: string, where: SQL, start: number, count: number, plan: Plan): Promise<string[]> {
  return withPlan(db, plan, (tx) => rankedIdsWith(tx, query, where, start, count, plan === "index"));
}

async function rankedIdsWith(db: Db, query: string, where: SQL, start: number, count: number, capped: boolean): Promise<string[]> {
  const match = sql`search_vector @@ ${query}::tsquery and ${where}`;
  // Read off the GIN index, a vague query (many matches, each rechecked) is bounded: the
  // candidates are then the best-upvoted of the first SCAN_CAP matches in table order.
  const source = capped
    ? sql`(select id, search_vector, upvotes, published_at from papers where ${match} limit ${num(SCAN_CAP)}) as m`
    : sql`papers where ${match}`;
  const candidates = sql`candidates as (
    select id, search_vector, upvotes, published_at from ${source}
    order by upvotes desc nulls last, id
    limit ${num(CANDIDATES)})`;
  const rows = rowsOf<{ id: string; total: number | string }>(
    await db.execute(sql`
      with ${candidates}
      select id, count(*) over () as total from candidates
      order by ${scoreSql(query)} desc, id
      limit ${num(count)} offset ${num(start)}`),
  );
  const ids = rows.map((r) => r.id);
  if (ids.length === count) return ids;
  // Fewer than asked: either the matches ran out, or the page reaches past the scored candidates.
  let total = rows[0] ? Number(rows[0].total) : null;
  if (total === null) {
    const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`with ${candidates} select count(*) as n from candidates`));
    total = Number(row?.n ?? 0);
  }
  if (total < CANDIDATES) return ids;
  // The other matches follow the scored ones, most upvoted first.
  const tail = rowsOf<{ id: string }>(
    await db.execute(sql`
      with ${candidates}
      select id from papers where ${match} and id not in (select id from candidates)
      order by upvotes desc nulls last, id
      limit ${num(count - ids.length)} offset ${num(Math.max(start, CANDIDATES) - CANDIDATES)}`),
  );
  return [...ids, ...tail.map((r) => r.id)];
}

/** Ids in newest or most-upvoted order; with no query, every paper the filters allow. */
async function orderedIds(db: Db, query: string | null, where: SQL, sort: Exclude<SearchSort, "relevance">, start: number, count: number, plan: Plan = "planner") {
  const match = query ? sql`search_vector @@ ${query}::tsquery and ${where}` : where;
  const rows = await withPlan(db, plan, async (tx) =>
    rowsOf<{ id: string }>(
      await tx.execute(sql`select id from papers where ${match} order by ${orderOf[sort]} limit ${num(count)} offset ${num(start)}`),
    ),
  );
  return rows.map((r) => r.id);
}

/** Titles that look like the query, most similar first: what finds `tranformer`. */
async function similarIds(db: Db, text: string, excluded: string, where: SQL, count: number): Promise<string[]> {
  const notExcluded = excluded ? sql`not (search_vector @@ ${excluded}::tsquery)` : sql`true`;
  return db.transaction(async (tx) => {
    // The `<%` operator (which the trigram index serves) compares against this setting.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`);
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select id from (
          select id, title, upvotes from papers
          where ${text} <% lower(title) and ${where} and ${notExcluded}
          limit ${num(FUZZY_CANDIDATES)}
        ) c
        order by word_similarity(${text}, lower(title)) desc, upvotes desc nulls last, id
        limit ${num(count)}`),
    );
    return rows.map((r) => r.id);
  });
}

/** All the full-text matches when there are fewer than FUZZY_BELOW of them, else null. */
async function fewTextMatches(db: Db, query: string, where: SQL, skip: number, need: number, page: string[], plan: Plan) {
  const ranOut = page.length < need;
  if (skip === 0 && ranOut) return page.length < FUZZY_BELOW ? page : null;
  if (ranOut && page.length > 0 && skip + page.length >= FUZZY_BELOW) return null;
  if (!ranOut && skip + page.length >= FUZZY_BELOW) return null;
  const first = await rankedIds(db, query, where, 0, FUZZY_BELOW, plan);
  return first.length < FUZZY_BELOW ? first : null;
}

async function idHit(db: Db, id: string, where: SQL): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(await db.execute(sql`select id from papers where id = ${id} and ${where}`));
  return rows.map((r) => r.id);
}

async function papersByIds(db: Db, ids: string[]): Promise<Map<string, PaperWithOrg>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      paper: paperFields,
      organization: { name: organizations.name, fullname: organizations.fullname, avatar: organizations.avatar },
    })
    .from(papers)
    .leftJoin(organizations, eq(papers.organizationName, organizations.name))
    .where(inArray(papers.id, ids));
  return new Map(
    rows.map((r) => [
      r.paper.id,
      { ...r.paper, searchVector: null, organization: r.organization?.name ? r.organization : null },
    ]),
  );
}

/** The English lexemes of each word, so highlights follow the same stemming as the search. */
async function lexemesOf(db: Db, words: string[]): Promise<Map<string, string[]>> {
  if (words.length === 0) return new Map();
  const rows = rowsOf<{ word: string; lexemes: string[] | string }>(
    await db.execute(sql`
      select value as word, array(select lexeme from unnest(to_tsvector('english', value))) as lexemes
      from json_array_elements_text(${JSON.stringify(words)}::json)`),
  );
  return new Map(rows.map((r) => [r.word, Array.isArray(r.lexemes) ? r.lexemes : parsePgArray(r.lexemes)]));
}

/** `{a,"b c"}` as text, in case a driver does not parse text[] results. */
function parsePgArray(value: string): string[] {
  return [...value.slice(1, -1).matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1"));
}

/** Lexemes of tsquery text: `'attent' <-> 'need' | 'compr':*`. */
function queryLexemes(tsquery: string): { exact: Set<string>; prefixes: string[] } {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const m of tsquery.matchAll(/'((?:[^']|'')+)'(:\*)?/g)) {
    const lexeme = (m[1] ?? "").replace(/''/g, "'");
    if (m[2]) prefixes.push(lexeme);
    else exact.add(lexeme);
  }
  return { exact, prefixes };
}

async function highlightHits(db: Db, found: { paper: PaperWithOrg; match: SearchHit["match"] }[], compiled: CompiledQuery | null, parsed: ParsedQuery): Promise<SearchHit[]> {
  const { exact, prefixes } = compiled ? queryLexemes(compiled.highlight) : { exact: new Set<string>(), prefixes: [] };
  const words = new Set<string>();
  if (exact.size + prefixes.length > 0) {
    for (const { paper } of found) for (const w of [...wordsOf(paper.title), ...wordsOf(paper.abstract)]) words.add(w.toLowerCase());
  }
  const lexemes = await lexemesOf(db, [...words]);
  const textMatch = (word: string) =>
    (lexemes.get(word.toLowerCase()) ?? []).some((l) => exact.has(l) || prefixes.some((p) => l.startsWith(p)));
  const fuzzyWords = wordsOf(parsed.fuzzyText).filter((w) => w.length >= 3);
  const similarMatch = (word: string) => textMatch(word) || fuzzyWords.some((f) => trigramSimilarity(word, f) >= FUZZY_THRESHOLD);
  return found.map(({ paper, match }) => {
    const isMatch = match === "similar" ? similarMatch : textMatch;
    return { paper, match, title: highlightText(paper.title, isMatch), snippet: snippet(paper.abstract, isMatch) };
  });
}

/**
 * Searches titles, authors, keywords and abstracts. Never throws on odd input: anything without
 * a searchable word gives an empty page. `offset` counts results, so pages are stable.
 */
export async function searchPapers(options: SearchOptions): Promise<SearchPage> {
  const { sort = "relevance", limit = 20, offset = 0 } = options;
  const db = await getDb();
  const parsed = parseQuery(options.q);
  const where = filterSql(options);
  // One more than asked tells whether there is a next page.
  const want = limit + 1;
  const found: { id: string; match: SearchHit["match"] }[] = [];
  let compiled: CompiledQuery | null = null;

  const hasFilter = Boolean(options.from || options.to || options.org || options.category);
  if (parsed.groups.length === 0) {
    if (!hasFilter || options.q.trim()) return { hits: [], hasMore: false };
    const ids = await orderedIds(db, null, where, sort === "upvotes" ? "upvotes" : "newest", offset, want);
    found.push(...ids.map((id) => ({ id, match: "text" as const })));
  } else {
    // An arXiv id or URL puts that paper first; it is position 0 of the result list.
    const byId = parsed.arxivId ? await idHit(db, parsed.arxivId, where) : [];
    if (byId[0] && offset === 0) found.push({ id: byId[0], match: "id" });
    const skip = Math.max(0, offset - byId.length);
    const need = want - found.length;
    compiled = await compile(db, parsed);
    let textIds: string[] = [];
    const plan = compiled ? await planFor(db, compiled.full, hasFilter) : "planner";
    if (compiled) {
      textIds =
        sort === "relevance"
          ? await rankedIds(db, compiled.full, where, skip, need, plan)
          : await orderedIds(db, compiled.full, where, sort, skip, need, plan);
    }
    const seen = new Set(byId);
    found.push(...textIds.filter((id) => !seen.has(id)).map((id) => ({ id, match: "text" as const })));
    // Few full-text matches (a typo, a half-remembered title): add titles that look alike.
    const allText = compiled && sort === "relevance" ? await fewTextMatches(db, compiled.full, where, skip, need, textIds, plan) : null;
    if (allText && parsed.fuzzyText.length >= 3 && !parsed.exact) {
      for (const id of allText) seen.add(id);
      const similar = await similarIds(db, parsed.fuzzyText, compiled?.excluded ?? "", where, offset + want);
      // The merged list is id hit, text matches, similar titles; this page is a window on it.
      const merged = [...byId, ...allText, ...similar.filter((id) => !seen.has(id))];
      found.length = 0;
      merged.slice(offset, offset + want).forEach((id) => {
        found.push({ id, match: id === byId[0] ? "id" : allText.includes(id) ? "text" : "similar" });
      });
    }
  }

  const page = found.slice(0, limit);
  const rows = await papersByIds(db, page.map((f) => f.id));
  const hits = await highlightHits(
    db,
    page.flatMap((f) => {
      const paper = rows.get(f.id);
      return paper ? [{ paper, match: f.match }] : [];
    }),
    compiled,
    parsed,
  );
  return { hits, hasMore: found.length > limit };
}

/** Organizations to offer as a search filter, by display name. */
export async function getSearchOrganizations({ limit = 500 }: { limit?: number } = {}) {
  const db = await getDb();
  return db
    .select({ name: organizations.name, fullname: organizations.fullname })
    .from(organizations)
    .orderBy(sql`lower(coalesce(${organizations.fullname}, ${organizations.name}))`)
    .limit(limit);
}
