import "server-only";
import type { Db } from "@/db";
import type { PaperWithOrg } from "@/db/queries/papers";
import { abstractText } from "@/lib/abstract";
import { lexemesOfWords } from "@/db/queries/search/stems";
import { highlightText, wordsOf, type Segment } from "@/lib/search/highlight";
import { lexemesOf, parseTsquery } from "@/lib/search/tsquery";

export async function highlightPapers<T extends { paper: PaperWithOrg; query: string | null }>(
  db: Db,
  found: T[],
): Promise<(T & { title: Segment[]; abstract: Segment[] })[]> {
  const marked = new Map<string, Set<string>>();
  for (const { query } of found) if (query && !marked.has(query)) marked.set(query, lexemesOf(parseTsquery(query)));
  // The abstract as read, not its TeX: highlighted words are found in the text shown.
  const abstracts = found.map(({ paper }) => abstractText(paper.abstract));
  const words = new Set<string>();
  found.forEach(({ paper, query }, i) => {
    if (query) for (const w of [...wordsOf(paper.title), ...wordsOf(abstracts[i]!)]) words.add(w.toLowerCase());
  });
  const lexemes = await lexemesOfWords(db, [...words]);
  return found.map((item, i) => {
    const { paper, query } = item;
    const wanted = (query && marked.get(query)) || new Set<string>();
    const isMatch = (word: string) => (lexemes.get(word.toLowerCase()) ?? []).some((l) => wanted.has(l));
    return { ...item, title: highlightText(paper.title, isMatch), abstract: highlightText(abstracts[i]!, isMatch) };
  });
}
