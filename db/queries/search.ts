import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf, type Db } from "@/db";
import { organizations, papers } from "@/db/schema";
import { chooseAccess, type Access, type LexemeStats } from "@/lib/search/estimate";
import { highlightText, snippet, wordsOf, type Segment } from "@/lib/search/highlight";
import type { SearchSort } from "@/lib/search/params";
import { correctQuery, parseQuery, type ParsedQuery, type Term } from "@/lib/search/syntax";
import { hashTest, lexemesOf, parseTsquery, type Node } from "@/lib/search/tsquery";
import { paperFields, type PaperWithOrg } from "./papers";
import { readMatches, type Condition, type Order, type ReadPlan } from "./search-access";
import { completionLexemes, corrections } from "./search-words";

/*
 * Ranking (sort=relevance), also in docs/search.md. Matches fall in three tiers:
 *
 *   1. the title holds the query's words as a phrase, in order (queries of plain words);
 *   2. the title holds all the query's words;
 *   3. the paper holds them (title, authors, keywords, abstract).
 *
 * Within a tier, the CANDIDATES most upvoted matches come first, ordered by
 *
 *   score = ts_rank(search_vector, query)                       -- weights A 1.0, B 0.4, C 0.2
 *         × (1 + 0.1 · ln(1 + upvotes))                         -- 100 upvotes: ×1.46, 1000: ×1.69
 *         × (1 + 0.2 · exp(−age_days / 365))                    -- new: ×1.2, a year old: ×1.07
 *
 * then id; the tier's other matches follow, most upvoted first. The order is a pure function of
 * the data, so pages never overlap or skip, and every tier is read through an index in upvote
 * order (see search-access.ts), which keeps a request fast at a million papers.
 */
const UPVOTE_WEIGHT = 0.1;
const RECENCY_WEIGHT = 0.2;
const RECENCY_DAYS = 365;
export const CANDIDATES = 100;

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

/** Test hook: read every tier one way, so both ways can be checked against each other. */
export interface SearchInternals {
  access?: Access;
}

const raw = (n: number) => sql.raw(String(n));

/** A tsquery literal of lexemes ORed; the lexemes are written as they are, never re-parsed. */
function lexemeAlternatives(lexemes: string[]): string {
  return lexemes.map((l) => `'${l.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`).join(" | ");
}

interface Compiled {
  positive: string;
  positiveNode: Node;
  excluded: string | null;
  excludedNode: Node | null;
  /** The query's words as one phrase (tier 1), for queries of two or more plain words. */
  titlePhrase: string | null;
  titlePhraseNode: Node | null;
}

/**
 * Turns the parsed query into tsquery text, letting PostgreSQL stem the words. The word being
 * typed becomes the lexemes of its likely completions. Null when nothing can match.
 */
async function compile(db: Db, parsed: ParsedQuery): Promise<Compiled | null> {
  const typing = parsed.groups.flat().find((t) => t.prefix);
  const completions = typing?.prefix ? await completionLexemes(db, typing.prefix.last) : [];
  const termSql = (term: Term): SQL | null => {
    if (term.kind === "phrase") return sql`phraseto_tsquery('english', ${term.text})`;
    if (!term.prefix) return sql`plainto_tsquery('english', ${term.text})`;
    if (completions.length === 0) return null;
    const typed = sql`${lexemeAlternatives(completions)}::tsquery`;
    return term.prefix.head ? sql`(plainto_tsquery('english', ${term.prefix.head}) && ${typed})` : typed;
  };
  const groups: SQL[] = [];
  for (const group of parsed.groups) {
    const terms = group.map(termSql).filter((t): t is SQL => t !== null);
    // A word being typed that no paper starts: no match, unless it was one of alternatives.
    if (terms.length === 0) return null;
    groups.push(sql`(${sql.join(terms, sql` || `)})`);
  }
  const positive = sql.join(groups, sql` && `);
  const excludedTerms = parsed.excluded.map(termSql).filter((t): t is SQL => t !== null);
  const excluded = excludedTerms.length ? sql.join(excludedTerms, sql` || `) : sql`''::tsquery`;

  let phrase = sql`''::tsquery`;
  const words = parsed.groups.flat();
  const plain = !parsed.exact && words.every((t) => t.kind === "word");
  if (plain && words.length >= 1) {
    const head = words.flatMap((t) => (t.prefix ? (t.prefix.head ? [t.prefix.head] : []) : [t.text])).join(" ");
    phrase = typing && completions.length
      ? sql`tsquery_phrase(phraseto_tsquery('english', ${head}), ${lexemeAlternatives(completions)}::tsquery)`
      : sql`phraseto_tsquery('english', ${head})`;
  }
  const [row] = rowsOf<{ positive: string; nodes: number | string; excluded: string; phrase: string; phrase_nodes: number | string }>(
    await db.execute(sql`
      with q as (select (${positive}) as positive, (${excluded}) as excluded, (${phrase}) as phrase)
      select positive::text, numnode(positive) as nodes, excluded::text, phrase::text, numnode(phrase) as phrase_nodes from q`),
  );
  if (!row || Number(row.nodes) === 0) return null;
  const positiveNode = parseTsquery(row.positive);
  if (!positiveNode) return null;
  // A phrase of one word is no different from the title holding that word.
  const hasPhrase = Number(row.phrase_nodes) >= 3;
  return {
    positive: row.positive,
    positiveNode,
    excluded: row.excluded ? row.excluded : null,
    excludedNode: row.excluded ? parseTsquery(row.excluded) : null,
    titlePhrase: hasPhrase ? row.phrase : null,
    titlePhraseNode: hasPhrase ? parseTsquery(row.phrase) : null,
  };
}

/** `search_hashes` holds all of these lexemes, one of each group, none of `none`. */
function hashSql(node: Node): { test: SQL; exact: boolean } {
  const t = hashTest(node);
  const array = (lexemes: string[]) => sql`array[${sql.join(lexemes.map((l) => sql`hashtext(${l}::text)`), sql`, `)}]`;
  const parts: SQL[] = [];
  if (t.all.length) parts.push(sql`search_hashes @> ${array(t.all)}`);
  for (const group of t.any) parts.push(sql`search_hashes && ${array(group)}`);
  if (t.none.length) parts.push(sql`not (search_hashes && ${array(t.none)})`);
  return { test: parts.length ? sql.join(parts, sql` and `) : sql`true`, exact: t.exact };
}

/** Row tests: `cheap` only reads in-row columns; `document` (or null) reads the search document. */
interface Test {
  cheap: SQL;
  document: SQL | null;
}

const walkTest = ({ cheap, document }: Test): SQL =>
  // CASE fixes the order: the document is read only for rows that pass the in-row test.
  document ? sql`(case when ${cheap} then ${document} else false end)` : cheap;

function documentTest(query: string, node: Node): Test {
  const hashes = hashSql(node);
  return { cheap: hashes.test, document: hashes.exact ? null : sql`search_vector @@ ${query}::tsquery` };
}

function exclusionTest(c: Compiled): Test {
  if (!c.excluded || !c.excludedNode) return { cheap: sql`true`, document: null };
  const hashes = hashSql({ op: "not", arg: c.excludedNode });
  return hashes.exact ? { cheap: hashes.test, document: null } : { cheap: sql`true`, document: sql`not (search_vector @@ ${c.excluded}::tsquery)` };
}

function both(a: Test, b: Test): Test {
  const document = a.document && b.document ? sql`${a.document} and ${b.document}` : (a.document ?? b.document);
  return { cheap: sql`${a.cheap} and ${b.cheap}`, document };
}

function filterSql({ from, to, org, category }: SearchOptions, notIds: string[] = []): SQL {
  const parts: SQL[] = [sql`true`];
  if (from) parts.push(sql`published_at >= ${from}::date`);
  if (to) parts.push(sql`published_at <= ${to}::date`);
  if (org) parts.push(sql`organization_name = ${org}`);
  if (category) parts.push(sql`categories @> array[${category}]::text[]`);
  if (notIds.length) parts.push(sql`id not in (${sql.join(notIds.map((id) => sql`${id}`), sql`, `)})`);
  return sql.join(parts, sql` and `);
}

function scoreSql(query: string): SQL {
  return sql`ts_rank(search_vector, ${query}::tsquery)
    * (1 + ${raw(UPVOTE_WEIGHT)} * ln(1 + greatest(upvotes, 0)))
    * (1 + ${raw(RECENCY_WEIGHT)} * coalesce(exp(-greatest(current_date - published_at, 0) / ${raw(RECENCY_DAYS)}.0), 0))`;
}

type StatsColumn = "search_vector" | "title_vector";
const STATS_TTL_MS = 10 * 60_000;
const statsCache = globalThis as unknown as { __searchStats?: Map<string, { at: number; stats: Promise<LexemeStats | null> }> };

/** The statistics ANALYZE keeps for a document column, cached for a few minutes. */
function lexemeStats(db: Db, column: StatsColumn): Promise<LexemeStats | null> {
  const cache = (statsCache.__searchStats ??= new Map());
  const cached = cache.get(column);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached.stats;
  const stats = db
    .execute(
      sql`select most_common_elems::text as elems, most_common_elem_freqs as freqs,
                 (select reltuples from pg_class where oid = 'papers'::regclass) as rows
          from pg_stats where schemaname = current_schema() and tablename = 'papers' and attname = ${column}`,
    )
    .then((result) => {
      const [row] = rowsOf<{ elems: string | null; freqs: number[] | string | null; rows: number | string }>(result);
      if (!row?.elems || !row.freqs) return null;
      const elems = parsePgArray(row.elems);
      const freqs = (Array.isArray(row.freqs) ? row.freqs : parsePgArray(row.freqs)).map(Number);
      return { rows: Number(row.rows), freq: new Map(elems.map((e, i) => [e, freqs[i] ?? 0])) };
    })
    .catch(() => null);
  cache.set(column, { at: Date.now(), stats });
  return stats;
}

/** The share of papers the filters let through, from the planner's estimate. */
async function filterShare(db: Db, filters: SQL, rows: number): Promise<number> {
  const [row] = rowsOf<Record<string, unknown>>(await db.execute(sql`explain (format json) select 1 from papers where ${filters}`));
  const value = row ? Object.values(row)[0] : null;
  const plan = (typeof value === "string" ? JSON.parse(value) : value) as { Plan?: { "Plan Rows"?: number } }[] | null;
  const estimate = plan?.[0]?.Plan?.["Plan Rows"];
  return typeof estimate === "number" && rows > 0 ? Math.min(1, estimate / rows) : 1;
}

/** One way of matching, with what the cost model needs to choose how to read it. */
interface Tier {
  condition: Condition;
  node: Node | null;
  column: StatsColumn;
  /** The in-row test is not the whole story: rows that pass it are read in full. */
  documentTest: boolean;
  /** The GIN index returns candidates that must be rechecked against the document. */
  documentRecheck: boolean;
}

const hasPhrase = (node: Node | null): boolean =>
  !!node && node.op !== "lexeme" && (node.op === "phrase" || (node.op === "not" ? hasPhrase(node.arg) : hasPhrase(node.left) || hasPhrase(node.right)));

interface Engine {
  /** Ids at positions [from, to) of the query's result list. */
  window(from: number, to: number): Promise<string[]>;
  compiled: Compiled;
}

/** Everything a query needs to read its results, in any order and from any position. */
async function prepare(
  db: Db,
  parsed: ParsedQuery,
  { filters, filtered, sort }: { filters: SQL; filtered: boolean; sort: SearchSort },
  internals: SearchInternals,
): Promise<Engine | null> {
  const compiled = await compile(db, parsed);
  if (!compiled) return null;
  const { positive, positiveNode, titlePhrase, titlePhraseNode } = compiled;
  const exclusion = exclusionTest(compiled);
  const document = both(documentTest(positive, positiveNode), exclusion);
  const excludedIndexed = exclusion.document ?? exclusion.cheap;

  const [docStats, titleStats] = await Promise.all([lexemeStats(db, "search_vector"), lexemeStats(db, "title_vector")]);
  const share = filtered && docStats ? await filterShare(db, filters, docStats.rows) : 1;

  const plan = (tier: Tier, need: number): ReadPlan => {
    const stats = tier.column === "title_vector" ? titleStats : docStats;
    if (internals.access) return { access: internals.access, walkLimit: 1_000_000_000 };
    if (!stats) return { access: "gin", walkLimit: 0 };
    const choice = chooseAccess({ query: tier.node, stats, need, filterShare: share, documentTest: tier.documentTest, documentRecheck: tier.documentRecheck });
    return { access: choice.access, walkLimit: Math.ceil(Math.max(4 * choice.walkRows, 5_000)) };
  };

  const docTier: Tier = {
    condition: { test: walkTest(document), indexed: sql`search_vector @@ ${positive}::tsquery and ${excludedIndexed}`, filters },
    node: positiveNode,
    column: "search_vector",
    documentTest: document.document !== null,
    documentRecheck: hasPhrase(positiveNode),
  };

  if (sort !== "relevance") {
    const order: Order = sort === "upvotes" ? "upvotes" : "newest";
    return {
      compiled,
      async window(from, to) {
        const rows = await readMatches<{ id: string }>(db, docTier.condition, order, { count: to - from, offset: from }, plan(docTier, to), (r) => sql`select id from (${r}) r`);
        return rows.map((r) => r.id);
      },
    };
  }

  const inTitle = (query: string) => sql`title_vector @@ ${query}::tsquery`;
  const tiers: Tier[] = [];
  if (titlePhrase) {
    tiers.push({
      condition: { test: walkTest(both({ cheap: inTitle(titlePhrase), document: null }, exclusion)), indexed: sql`${inTitle(titlePhrase)} and ${excludedIndexed}`, filters },
      node: titlePhraseNode,
      column: "title_vector",
      documentTest: exclusion.document !== null,
      documentRecheck: false,
    });
  }
  const notPhrase = titlePhrase ? sql`not (${inTitle(titlePhrase)})` : sql`true`;
  tiers.push(
    {
      condition: {
        test: walkTest(both({ cheap: sql`${inTitle(positive)} and ${notPhrase}`, document: null }, exclusion)),
        indexed: sql`${inTitle(positive)} and ${notPhrase} and ${excludedIndexed}`,
        filters,
      },
      node: positiveNode,
      column: "title_vector",
      documentTest: exclusion.document !== null,
      documentRecheck: false,
    },
    {
      ...docTier,
      condition: {
        test: walkTest(both({ cheap: sql`not (${inTitle(positive)})`, document: null }, document)),
        indexed: sql`${docTier.condition.indexed} and not (${inTitle(positive)})`,
        filters,
      },
    },
  );

  const score = scoreSql(positive);
  const byScore = (r: SQL) => sql`select id from (${r}) c order by ${score} desc, id`;
  const byUpvotes = (r: SQL) => sql`select id from (${r}) c order by upvotes desc nulls last, id`;
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

  /** Positions [from, to) of one tier, and its size once the window has run past its end. */
  const tierWindow = async (tier: Tier, from: number, to: number): Promise<{ ids: string[]; size: number | null }> => {
    const out: string[] = [];
    if (from < CANDIDATES) {
      const scored = ids(await readMatches(db, tier.condition, "upvotes", { count: CANDIDATES, offset: 0 }, plan(tier, CANDIDATES), byScore));
      out.push(...scored.slice(from, to));
      if (scored.length < CANDIDATES) return { ids: out, size: scored.length };
      if (to <= CANDIDATES) return { ids: out, size: null };
    }
    const start = Math.max(from, CANDIDATES);
    const tail = ids(await readMatches(db, tier.condition, "upvotes", { count: to - start, offset: start }, plan(tier, to), byUpvotes));
    out.push(...tail);
    if (tail.length === to - start) return { ids: out, size: null };
    if (tail.length > 0 || start === CANDIDATES) return { ids: out, size: start + tail.length };
    // The window starts past the tier's end: count the tier (it has fewer than `start` matches).
    const all = await readMatches(db, tier.condition, "upvotes", { count: start, offset: 0 }, plan(tier, start), byUpvotes);
    return { ids: out, size: all.length };
  };

  return {
    compiled,
    async window(from, to) {
      const out: string[] = [];
      let start = 0;
      for (const tier of tiers) {
        if (start >= to) break;
        const part = await tierWindow(tier, Math.max(0, from - start), to - start);
        out.push(...part.ids);
        if (part.size === null) break;
        start += part.size;
      }
      return out;
    },
  };
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
  const order = sort === "upvotes" ? sql`upvotes desc nulls last, id` : sql`published_at desc nulls last, id`;
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from papers where ${filters} order by ${order} limit ${raw(to - from)} offset ${raw(from)}`),
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

/** `{a,"b c"}` as text, in case a driver does not parse array results. */
function parsePgArray(value: string): string[] {
  return [...value.slice(1, -1).matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1"));
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
    const engine = await prepare(db, parsed, { filters: textFilters, filtered, sort }, internals);
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
        const corrected = await prepare(db, parseQuery(fixed), { filters: filterSql(options, known), filtered, sort }, internals);
        if (corrected) {
          correctedQuery = fixed;
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
