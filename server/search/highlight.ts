import "server-only";
import type { Db } from "@/db";
import type { PaperWithOrg } from "@/db/queries/papers";
import { lexemesOfWords } from "@/db/queries/search/stems";
import { highlightText, wordsOf, type Segment } from "@/lib/search/highlight";
import { lexemesOf, parseTsquery } from "@/lib/search/tsquery";

export async function highlightPapers<T extends { paper: PaperWithOrg; query: string | null }>(
  db: Db,
  found: T[],
): Promise<(T & { title: Segment[]; abstract: Segment[] })[]> {
  const marked = new Map<string, Set<string>>();
  for (const { query } of found) if (query && !marked.has(query)) marked.set(query, lexemesOf(parseTsquery(query)));
  const words = new Set<string>();
  for (const { paper, query } of found) {
    if (query) for (const w of [...wordsOf(paper.title), ...wordsOf(paper.abstract)]) words.add(w.toLowerCase());
  }
  const lexemes = await lexemesOfWords(db, [...words]);
  return found.map((item) => {
    const { paper, query } = item;
    const wanted = (query && marked.get(query)) || new Set<string>();
    const isMatch = (word: string) => (lexemes.get(word.toLowerCase()) ?? []).some((l) => wanted.has(l));
    return { ...item, title: highlightText(paper.title, isMatch), abstract: highlightText(paper.abstract, isMatch) };
  });
}
