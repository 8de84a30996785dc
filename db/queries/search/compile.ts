import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { hyphenations, unhyphenated } from "@/lib/search/spelling";
import type { ParsedQuery, Term } from "@/lib/search/syntax";
import { hashTest, parseTsquery, type Node } from "@/lib/search/tsquery";
import { sqlCount, type Test } from "./sql";

// PostgreSQL does the stemming, in one round trip; a word being typed becomes the most used words that start with it.

const COMPLETIONS = 32;

export interface Compiled {
  positive: string;
  positiveNode: Node;
  excluded: string | null;
  excludedNode: Node | null;
  titlePhrase: string | null;
}

/** In byte (C collation) order, as search_words.word is compared. */
function prefixEnd(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop() ?? "";
  return chars.join("") + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

/** The selected `lexeme`s as one tsquery of alternatives (null for none). */
const ANY_OF = sql.raw(
  String.raw`string_agg('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''', ' | ' order by lexeme)::tsquery`,
);

function typedQuery(typed: string): SQL {
  return sql`(select ${ANY_OF} from (
    select lexeme from (
      select word from search_words where word >= ${typed} and word < ${prefixEnd(typed)}
      order by papers desc, word limit ${sqlCount(COMPLETIONS)}
    ) w, unnest(to_tsvector('english', w.word))
    union
    select lexeme from unnest(to_tsvector('english', ${typed}))
  ) l)`;
}

// Papers write the same compound both ways ("pretrained", "pre-trained"): a word also finds the hyphenated forms some
// paper uses, a hyphenated word also the joined one. One statement looks up every word's forms in the postings index
// (a subquery per word took longer to plan than to run).
function compoundsSql(words: string[]): SQL {
  const forms = [...new Set(words)].flatMap((word) => hyphenations(word).map((form) => ({ word, form })));
  if (forms.length === 0) return sql`select null::text as word, null::tsquery as q where false`;
  return sql`select c.word, ${ANY_OF} as q
    from json_to_recordset(${JSON.stringify(forms)}::json) as c(word text, form text), unnest(ts_lexize('english_stem', c.form)) l(lexeme)
    where position('-' in l.lexeme) > 0
      and (exists (select 1 from search_postings p where p.lexeme = l.lexeme)
        or exists (select 1 from search_postings_recent r where r.lexeme = l.lexeme))
    group by c.word`;
}

function wordSql(word: string): SQL {
  const plain = sql`plainto_tsquery('english', ${word})`;
  const together = unhyphenated(word);
  if (together) return sql`(${plain} || plainto_tsquery('english', ${together}))`;
  if (hyphenations(word.toLowerCase()).length === 0) return plain;
  return sql`(${plain} || coalesce((select q from compounds where word = ${word.toLowerCase()}), ''::tsquery))`;
}

function termSql(term: Term): SQL {
  if (term.kind === "phrase") return sql`phraseto_tsquery('english', ${term.text})`;
  if (!term.prefix) return wordSql(term.text);
  return term.prefix.head ? sql`(plainto_tsquery('english', ${term.prefix.head}) && (select q from typed))` : sql`(select q from typed)`;
}

const lastPosition = (text: SQL) => sql`(select max(p) from unnest(to_tsvector('english', ${text})) u, unnest(u.positions) p)`;

/** How far the word being typed comes after the words before it: stop words between count ("models of code": 2). */
function gapAfter(head: string): SQL {
  return sql`greatest(1, coalesce(${lastPosition(sql`${head} || ' zzzz'`)}, 1) - coalesce(${lastPosition(sql`${head}`)}, 0))::integer`;
}

export async function compile(db: Db, parsed: ParsedQuery): Promise<Compiled | null> {
  const typing = parsed.groups.flat().find((t) => t.prefix)?.prefix;
  const plainWords = [...parsed.groups.flat(), ...parsed.excluded].filter((t) => t.kind === "word" && !t.prefix);
  const groups = parsed.groups.map((group) => {
    const others = group.filter((t) => !t.prefix).map(termSql);
    const typed = group.filter((t) => t.prefix).map(termSql);
    const joined = (terms: SQL[]) => sql.join(terms, sql` || `);
    if (typed.length === 0) return sql`(${joined(others)})`;
    if (others.length === 0) return sql`(${joined(typed)})`;
    // A word being typed that no paper starts drops out of its alternatives.
    return sql`coalesce(${joined(others)} || ${joined(typed)}, ${joined(others)})`;
  });
  const excluded = parsed.excluded.length ? sql.join(parsed.excluded.map(termSql), sql` || `) : sql`''::tsquery`;

  let phrase = sql`''::tsquery`;
  const words = parsed.groups.flat();
  if (!parsed.exact && words.length > 0) {
    const head = words.flatMap((t) => (t.prefix ? (t.prefix.head ? [t.prefix.head] : []) : [t.text])).join(" ");
    phrase = typing
      ? sql`tsquery_phrase(phraseto_tsquery('english', ${head}), (select q from typed), ${gapAfter(head)})`
      : sql`phraseto_tsquery('english', ${head})`;
  }
  const [row] = rowsOf<{
    positive: string | null;
    nodes: number | string | null;
    excluded: string;
    phrase: string;
    phrase_nodes: number | string;
  }>(
    await db.execute(sql`
      with typed as (select ${typing ? typedQuery(typing.last) : sql`null::tsquery`} as q),
      compounds as (${compoundsSql(plainWords.map((t) => t.text.toLowerCase()))}),
      q as (select (${sql.join(groups, sql` && `)}) as positive, (${excluded}) as excluded,
                   coalesce(${phrase}, ''::tsquery) as phrase)
      select positive::text, numnode(positive) as nodes, excluded::text, phrase::text, numnode(phrase) as phrase_nodes from q`),
  );
  if (!row?.positive || !Number(row.nodes)) return null;
  const positiveNode = parseTsquery(row.positive);
  if (!positiveNode) return null;
  return {
    positive: row.positive,
    positiveNode,
    excluded: row.excluded ? row.excluded : null,
    excludedNode: row.excluded ? parseTsquery(row.excluded) : null,
    // A phrase of one word is no different from the title holding that word.
    titlePhrase: Number(row.phrase_nodes) >= 3 ? row.phrase : null,
  };
}

/** Papers with too many lexemes to list (search_hashes null) pass: their document decides. */
function hashSql(node: Node): { test: SQL; exact: boolean } {
  const t = hashTest(node);
  const array = (lexemes: string[]) =>
    sql`array[${sql.join(
      lexemes.map((l) => sql`hashtext(${l}::text)`),
      sql`, `,
    )}]`;
  const parts: SQL[] = [];
  if (t.all.length) parts.push(sql`search_hashes @> ${array(t.all)}`);
  for (const group of t.any) parts.push(sql`search_hashes && ${array(group)}`);
  if (t.none.length) parts.push(sql`not (search_hashes && ${array(t.none)})`);
  const test = parts.length ? sql`(search_hashes is null or (${sql.join(parts, sql` and `)}))` : sql`true`;
  return { test, exact: t.exact };
}

/** In-row hashes rule out nearly every non-matching row; the document confirms the rest (word order, hash collisions). */
export function documentTest(c: Compiled): Test {
  return { cheap: hashSql(c.positiveNode).test, document: sql`search_vector @@ ${c.positive}::tsquery` };
}

/** By hash alone on every path, so a hash collision (about one in thirty million per paper) excludes consistently. */
export function exclusionTest(c: Compiled): Test {
  if (!c.excluded || !c.excludedNode) return { cheap: sql`true`, document: null };
  const excluded = sql`not (search_vector @@ ${c.excluded}::tsquery)`;
  const hashes = hashSql({ op: "not", arg: c.excludedNode });
  return hashes.exact
    ? { cheap: hashes.test, document: sql`(search_hashes is not null or ${excluded})` }
    : { cheap: sql`true`, document: excluded };
}
