import { eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf, type Db } from "@/db";
import { organizations, papers } from "@/db/schema";
import { highlightText, snippet, wordsOf, type Segment } from "@/lib/search/highlight";
import type { SearchSort } from "@/lib/search/params";
import { correctQuery, parseQuery } from "@/lib/search/syntax";
import { lexemesOf, parseTsquery } from "@/lib/search/tsquery";
import { paperFields, type PaperWithOrg } from "./papers";
import { ORDER_BY, sqlCount } from "./search-access";
import { filterShare, parsePgArray, prepareSearch, type Engine, type SearchInternals } from "./search-engine";
import { corrections } from "./search-words";

export type { SearchInternals } from "./search-engine";

/** Below this many full-text matches, misspelled words are corrected and those matches added. */
const FUZZY_BELOW = 5;

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
  /** How the paper was found: its arXiv id, the query, or the query with typos corrected. */
  match: "id" | "text" | "similar";
}

export interface SearchPage {
  hits: SearchHit[];
  hasMore: boolean;
  /** The query as corrected, when results for it follow the (few) exact matches. */
  correctedQuery: string | null;
}

function filterSql({ from, to, org, category }: SearchOptions, notIds: string[] = []): SQL {
  const parts: SQL[] = [sql`true`];
  if (from) parts.push(sql`published_at >= ${from}::date`);
  if (to) parts.push(sql`published_at <= ${to}::date`);
  if (org) parts.push(sql`organization_name = ${org}`);
  if (category) parts.push(sql`categories @> array[${category}]::text[]`);
  if (notIds.length) parts.push(notInArray(papers.id, notIds));
  return sql.join(parts, sql` and `);
}

/**
 * All the query's matches when there are fewer than FUZZY_BELOW, else null. `first` is the
 * window read from position 0 when there was one (of `size` positions).
 */
async function fewMatches(engine: Engine | null, first: string[] | null, size: number): Promise<string[] | null> {
  if (!engine) return [];
  if (first && (first.length >= FUZZY_BELOW || first.length < size)) return first.length < FUZZY_BELOW ? first : null;
  const start = await engine.window(0, FUZZY_BELOW);
  return start.length < FUZZY_BELOW ? start : null;
}

async function idHit(db: Db, id: string, filters: SQL): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(await db.execute(sql`select id from papers where id = ${id} and ${filters}`));
  return rows.map((r) => r.id);
}

/** With no words but some filters: the filtered papers, newest (or most upvoted) first. */
async function listFiltered(db: Db, filters: SQL, sort: SearchSort, from: number, to: number): Promise<string[]> {
  const order = ORDER_BY[sort === "upvotes" ? "upvotes" : "newest"];
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from papers where ${filters} order by ${order} limit ${sqlCount(to - from)} offset ${sqlCount(from)}`),
  );
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
  return new Map(rows.map((r) => [r.paper.id, { ...r.paper, organization: r.organization?.name ? r.organization : null }]));
}

const STEM_CACHE_SIZE = 50_000;
const stemCache = globalThis as unknown as { __searchStems?: Map<string, string[]> };

/** The English lexemes of each word (stemming is fixed, so they are cached). */
async function lexemesOfWords(db: Db, words: string[]): Promise<Map<string, string[]>> {
  const cache = (stemCache.__searchStems ??= new Map());
  const missing = words.filter((w) => !cache.has(w));
  if (missing.length > 0) {
    const rows = rowsOf<{ word: string; lexemes: string[] | string }>(
      await db.execute(sql`
        select value as word, array(select lexeme from unnest(to_tsvector('english', value))) as lexemes
        from json_array_elements_text(${JSON.stringify(missing)}::json)`),
    );
    if (cache.size + rows.length > STEM_CACHE_SIZE) cache.clear();
    for (const r of rows) cache.set(r.word, Array.isArray(r.lexemes) ? r.lexemes : parsePgArray(r.lexemes));
  }
  return new Map(words.map((w) => [w, cache.get(w) ?? []]));
}


interface Found {
  paper: PaperWithOrg;
  match: SearchHit["match"];
  /** The tsquery whose words to mark. */
  query: string | null;
}

async function highlightHits(db: Db, found: Found[]): Promise<SearchHit[]> {
  const marked = new Map<string, Set<string>>();
  for (const { query } of found) if (query && !marked.has(query)) marked.set(query, lexemesOf(parseTsquery(query)));
  const words = new Set<string>();
  for (const { paper, query } of found) {
    if (query) for (const w of [...wordsOf(paper.title), ...wordsOf(paper.abstract)]) words.add(w.toLowerCase());
  }
  const lexemes = await lexemesOfWords(db, [...words]);
  return found.map(({ paper, match, query }) => {
    const wanted = (query && marked.get(query)) || new Set<string>();
    const isMatch = (word: string) => (lexemes.get(word.toLowerCase()) ?? []).some((l) => wanted.has(l));
    return { paper, match, title: highlightText(paper.title, isMatch), snippet: snippet(paper.abstract, isMatch) };
  });
}

/**
 * Searches titles, authors, keywords and abstracts. Never throws on odd input: anything without
 * a searchable word gives an empty page. `offset` counts results, so pages are stable.
 */
export async function searchPapers(options: SearchOptions, internals: SearchInternals = {}): Promise<SearchPage> {
  const { sort = "relevance", limit = 20, offset = 0 } = options;
  const db = await getDb();
  const parsed = parseQuery(options.q);
  const filters = filterSql(options);
  // One more than asked tells whether there is a next page.
  const end = offset + limit + 1;
  const filtered = Boolean(options.from || options.to || options.org || options.category);

  let list: { id: string; match: SearchHit["match"]; query: string | null }[] = [];
  let correctedQuery: string | null = null;
  if (parsed.groups.length === 0) {
    if (!filtered || options.q.trim()) return { hits: [], hasMore: false, correctedQuery: null };
    list = (await listFiltered(db, filters, sort, offset, end)).map((id) => ({ id, match: "text", query: null }));
  } else {
    // An arXiv id or URL puts that paper first; the text matches follow without it.
    const byId = parsed.arxivId ? await idHit(db, parsed.arxivId, filters) : [];
    const textFilters = filterSql(options, byId);
    const share = filtered ? await filterShare(db, JSON.stringify([options.from, options.to, options.org, options.category]), filters) : 1;
    const engine = await prepareSearch(db, parsed, { filters: textFilters, filtered, filterShare: share, sort }, internals);
    const query = engine?.compiled.positive ?? null;
    const lead = byId.map((id) => ({ id, match: "id" as const, query }));
    const textFrom = Math.max(0, offset - lead.length);
    const text = engine ? await engine.window(textFrom, end - lead.length) : [];
    list = [...lead.slice(offset), ...text.map((id) => ({ id, match: "text" as const, query }))];

    // Few matches (a typo, a half-remembered word): correct the words and add what that finds.
    if (sort === "relevance" && !parsed.exact) {
      const few = await fewMatches(engine, textFrom === 0 ? text : null, end - lead.length);
      const fixed = few ? correctQuery(parsed, await corrections(db, parsed.words)) : null;
      if (few && fixed) {
        const known = [...byId, ...few];
        const corrected = await prepareSearch(db, parseQuery(fixed), { filters: filterSql(options, known), filtered, filterShare: share, sort }, internals);
        if (corrected) {
          correctedQuery = fixed.trim();
          const head = [...lead, ...few.map((id) => ({ id, match: "text" as const, query }))];
          const similar = await corrected.window(Math.max(0, offset - head.length), end - head.length);
          const correctedText = corrected.compiled.positive;
          list = [...head.slice(offset), ...similar.map((id) => ({ id, match: "similar" as const, query: correctedText }))];
        }
      }
    }
  }

  const page = list.slice(0, limit);
  const rows = await papersByIds(db, page.map((f) => f.id));
  const hits = await highlightHits(
    db,
    page.flatMap((f) => {
      const paper = rows.get(f.id);
      return paper ? [{ paper, match: f.match, query: f.query }] : [];
    }),
  );
  return { hits, hasMore: list.length > limit, correctedQuery: hits.some((h) => h.match === "similar") ? correctedQuery : null };
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
