/** The search quality benchmark's hidden papers (held-out.json, written by hand) with the checks that keep its queries honest. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { SamplePaper } from "@/db/queries/sample";

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

const HeldOut = z
  .object({
    id: z.string().startsWith("local-"),
    theme: z.string().min(1),
    description: z.string().refine((d) => words(d).length >= 12 && words(d).length <= 30, "a description has 12 to 30 words"),
    remembered: z.string().refine((t) => words(t).length >= 2 && words(t).length <= 10, "a remembered title has 2 to 10 words"),
    typo: z.string().optional(),
  })
  .strict();

export type HeldOutPaper = z.infer<typeof HeldOut> & { paper: SamplePaper };

export function samplePapers(): SamplePaper[] {
  return JSON.parse(readFileSync(path.join(process.cwd(), "db", "sample", "papers.json"), "utf8")) as SamplePaper[];
}

/** Damerau–Levenshtein distance ≤ 1: one letter dropped, added, replaced, or two neighbours swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < Math.min(a.length, b.length) && a[i] === b[i]) i += 1;
  const rest = (x: number, y: number) => a.slice(i + x) === b.slice(i + y);
  if (a.length === b.length) return rest(1, 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(2, 2));
  return a.length > b.length ? rest(1, 0) : rest(0, 1);
}

export const titleWords = (title: string): string[] => title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

let cached: HeldOutPaper[] | null = null;

/** Throws on a held-out entry that is malformed, names no sample paper, or whose typo query is not a typo of its title. */
export function heldOutPapers(): HeldOutPaper[] {
  if (cached) return cached;
  const entries = z.array(HeldOut).parse(JSON.parse(readFileSync(path.join(process.cwd(), "bench", "quality", "held-out.json"), "utf8")));
  const sample = new Map(samplePapers().map((p) => [p.id, p]));
  const seen = new Set<string>();
  cached = entries.map((entry) => {
    const paper = sample.get(entry.id);
    if (!paper) throw new Error(`held-out paper ${entry.id} is not in db/sample/papers.json`);
    if (seen.has(entry.id)) throw new Error(`held-out paper ${entry.id} is listed twice`);
    seen.add(entry.id);
    if (entry.typo !== undefined) {
      const title = titleWords(paper.title);
      const query = words(entry.typo.toLowerCase());
      const misspelt = query.filter((w) => !title.includes(w));
      if (query.length < 2 || misspelt.length !== 1 || !title.some((w) => oneEditApart(misspelt[0] ?? "", w)))
        throw new Error(`held-out paper ${entry.id}: "${entry.typo}" is not one title word with one letter wrong plus title words`);
    }
    return { ...entry, paper };
  });
  return cached;
}
