// Parsed here so that no user text ever reaches SQL except as a bound parameter.

/** The parser cuts longer queries so it never does unbounded work. */
export const MAX_QUERY_LENGTH = 250;
/** Bounds the costliest searches (docs/search.md, "Limits"): each term is tested against documents. */
export const MAX_TERMS = 40;
export const MAX_WORDS = 60;
export const MAX_EXCLUDED = 4;
/** A shorter prefix matches too much of the vocabulary to be useful. */
const MIN_PREFIX = 3;

export interface Term {
  kind: "word" | "phrase";
  text: string;
  prefix?: { head: string; last: string };
}

export interface ParsedQuery {
  groups: Term[][];
  excluded: Term[];
  words: string[];
  /** Quotes or OR were used: the person wants exactly that, so no typo-tolerant additions. */
  exact: boolean;
  arxivId: string | null;
}

const ARXIV_ID = String.raw`(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})`;
const ARXIV_QUERY = new RegExp(
  String.raw`^(?:arxiv:\s*)?` +
    ARXIV_ID +
    String.raw`(?:v\d+)?$` +
    String.raw`|^(?:https?:\/\/)?(?:www\.|export\.)?(?:arxiv\.org\/(?:abs|pdf|html)|huggingface\.co\/papers)\/` +
    ARXIV_ID +
    String.raw`(?:v\d+)?(?:\.pdf)?\/?(?:[?#].*)?$`,
  "i",
);

export function arxivIdOf(query: string): string | null {
  const match = ARXIV_QUERY.exec(query.trim());
  const id = match?.[1] ?? match?.[2];
  if (!id) return null;
  // Old-style ids keep their case (`math.GT/0309136`); only the archive part is lower-case.
  return id.includes("/") ? id.replace(/^[A-Za-z-]+/, (a) => a.toLowerCase()) : id;
}

/** PostgreSQL text cannot hold NUL. */
export function normalizeQuery(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu, " ")
    .slice(0, MAX_QUERY_LENGTH)
    .replace(/\s+/g, " ")
    .trimStart();
}

/** The only characters ever given to `to_tsquery`. */
const wordParts = (text: string) => text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);

interface Token {
  term: Term;
  negated: boolean;
  orBefore: boolean;
  atEnd: boolean;
}

function tokenize(input: string, maxTerms = MAX_TERMS): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let orPending = false;
  while (i < input.length && tokens.length < maxTerms) {
    if (input[i] === " ") {
      i += 1;
      continue;
    }
    let negated = false;
    if (input[i] === "-" && i + 1 < input.length && input[i + 1] !== " " && input[i + 1] !== "-") {
      negated = true;
      i += 1;
    }
    let text: string;
    let kind: Term["kind"];
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close;
      text = input.slice(i + 1, end);
      kind = "phrase";
      i = close === -1 ? input.length : close + 1;
    } else {
      let end = i;
      while (end < input.length && input[end] !== " " && input[end] !== '"') end += 1;
      text = input.slice(i, end);
      kind = "word";
      i = end;
    }
    if (!negated && kind === "word" && (text === "OR" || text === "|")) {
      orPending = tokens.length > 0;
      continue;
    }
    if (wordParts(text).length === 0) continue;
    tokens.push({ term: { kind, text: text.trim() }, negated, orBefore: orPending && !negated, atEnd: i >= input.length });
    orPending = false;
  }
  return tokens;
}

function queryCounts(raw: string): { terms: number; words: number; excluded: number } {
  const tokens = tokenize(normalizeQuery(raw), MAX_QUERY_LENGTH);
  return {
    terms: tokens.length,
    words: tokens.reduce((n, t) => n + wordParts(t.term.text).length, 0),
    excluded: tokens.filter((t) => t.negated).length,
  };
}

/** For the API's 400, which names the parameter. */
export function queryLimitProblem(raw: string): string | null {
  const { terms, words, excluded } = queryCounts(raw);
  if (terms > MAX_TERMS) return `at most ${MAX_TERMS} terms (words or quoted phrases), this query has ${terms}`;
  if (words > MAX_WORDS) return `at most ${MAX_WORDS} words in all, this query has ${words}`;
  if (excluded > MAX_EXCLUDED) return `at most ${MAX_EXCLUDED} excluded terms (-word), this query has ${excluded}`;
  return null;
}

/** Why a query is not searched, in words for the person who typed it; null when it is within every limit. */
export function queryRefusal(raw: string): string | null {
  const shorten = "Shorten it and try again.";
  if (raw.length > MAX_QUERY_LENGTH) {
    return `Your search is ${raw.length.toLocaleString("en-US")} characters long; searches can be at most ${MAX_QUERY_LENGTH}. ${shorten}`;
  }
  const { terms, words, excluded } = queryCounts(raw);
  if (terms > MAX_TERMS) {
    return `Your search has ${terms} terms (words or quoted phrases); searches can have at most ${MAX_TERMS}. ${shorten}`;
  }
  if (words > MAX_WORDS) return `Your search has ${words} words; searches can have at most ${MAX_WORDS}. ${shorten}`;
  if (excluded > MAX_EXCLUDED) {
    return `Your search excludes ${excluded} terms (-word); searches can exclude at most ${MAX_EXCLUDED}. Remove some and try again.`;
  }
  return null;
}

export function parseQuery(raw: string): ParsedQuery {
  const input = normalizeQuery(raw);
  const tokens = tokenize(input);
  const groups: Term[][] = [];
  const excluded: Term[] = [];
  const last = tokens.at(-1);
  if (last && !last.negated && last.term.kind === "word" && last.atEnd) {
    const parts = wordParts(last.term.text);
    const lastPart = parts.at(-1) ?? "";
    if (lastPart.length >= MIN_PREFIX) last.term.prefix = { head: parts.slice(0, -1).join(" "), last: lastPart.toLowerCase() };
  }
  for (const token of tokens) {
    if (token.negated) excluded.push(token.term);
    else if (token.orBefore && groups.length > 0) groups.at(-1)?.push(token.term);
    else groups.push([token.term]);
  }
  const words = groups
    .flat()
    .flatMap((t) => wordParts(t.text))
    .map((w) => w.toLowerCase());
  const exact = groups.some((g) => g.length > 1 || g.some((t) => t.kind === "phrase"));
  return { groups, excluded, words, exact, arxivId: arxivIdOf(input) };
}

/** Only for queries without quotes or OR, whose positive terms are then plain words. */
export function correctQuery(parsed: ParsedQuery, corrected: Map<string, string>): string | null {
  let changed = false;
  const fix = (text: string) =>
    text.replace(/[\p{L}\p{N}\p{M}]+/gu, (word) => {
      const better = corrected.get(word.toLowerCase());
      if (better === undefined) return word;
      changed = true;
      return better;
    });
  const positive = parsed.groups
    .flat()
    .map((term) => fix(term.text))
    .filter((text) => wordParts(text).length > 0);
  const excluded = parsed.excluded.map((term) => (term.kind === "phrase" ? `-"${term.text}"` : `-${term.text}`));
  // The trailing space: a corrected word is a whole word, not one still being typed.
  return changed && positive.length > 0 ? `${[...positive, ...excluded].join(" ")} ` : null;
}
