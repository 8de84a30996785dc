// What counts as a typo of a word (docs/search.md, "Typos"). Pure: the thresholds are argued there with examples.

/** Shorter words are mostly acronyms (kv, rl, vit, gan), and one edit of them reaches dozens of unrelated words. */
export const MIN_CORRECTED_LETTERS = 4;
/** From this length two edits are allowed: below it, two edits turn `folding` into `finding` or `forcing`. */
const TWO_EDITS_FROM = 8;

const letters = (word: string) => [...word];

export function maxEdits(word: string): number {
  const n = letters(word).length;
  return n < MIN_CORRECTED_LETTERS ? 0 : n < TWO_EDITS_FROM ? 1 : 2;
}

/** Damerau–Levenshtein distance in its optimal-string-alignment form (a swap of neighbours is one edit), over code points. */
export function editDistance(a: string, b: string): number {
  const s = letters(a);
  const t = letters(b);
  let before = Array.from({ length: t.length + 1 }, (_, j) => j);
  let previous = before;
  for (let i = 1; i <= s.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[t.length] ?? 0;
}

/** People rarely mistype a word's first letter; when they do it is mostly a swap with the second (`ocmpression`). */
function sameStart(typed: string[], word: string[]): boolean {
  return typed[0] === word[0] || (typed.length > 1 && word.length > 1 && typed[0] === word[1] && typed[1] === word[0]);
}

/** The number of edits from `typed` to `word` when it is close enough to be what was meant, else null. */
export function closeness(typed: string, word: string): number | null {
  if (typed === word || !sameStart(letters(typed), letters(word))) return null;
  const distance = editDistance(typed, word);
  return distance <= maxEdits(typed) ? distance : null;
}

const ALPHABET = letters("abcdefghijklmnopqrstuvwxyz");

/** Every string one edit away (deletion, swap, substitution, insertion): found by exact lookup, since trigrams miss `modles`/`models`. */
export function oneEditAway(word: string): string[] {
  const s = letters(word);
  const alphabet = [...new Set([...ALPHABET, ...s])];
  const out = new Set<string>();
  for (let i = 0; i <= s.length; i += 1) {
    const head = s.slice(0, i).join("");
    const rest = s.slice(i);
    if (rest.length > 0) out.add(head + rest.slice(1).join(""));
    if (rest.length > 1) out.add(head + rest[1] + rest[0] + rest.slice(2).join(""));
    for (const c of alphabet) {
      if (rest.length > 0) out.add(head + c + rest.slice(1).join(""));
      out.add(head + c + rest.join(""));
    }
  }
  out.delete(word);
  return [...out];
}

/**
 * Only words, spaces and the punctuation words carry (hyphens, apostrophes, dots, commas) are corrected or matched in part:
 * markup, code and symbols (`<script>alert(1)</script>`, `$$$`, emoji) are not misspelt words or descriptions, and their
 * pieces would be "corrected" to anything, or partly matched by every paper with a "1".
 */
export function isPlainWords(query: string): boolean {
  return /^[\p{L}\p{M}\p{N}\s'’.,:;!?-]*$/u.test(query) && /\p{L}/u.test(query);
}

/**
 * A typo is rare next to the word meant: a word no paper uses may be any close word, but a word papers use is replaced only
 * by a close word a hundred times as common. Below that ratio the sample store's own words would be "corrected" (`llava` →
 * llama, `codec` → code, `optical` → optimal, `influence` → inference: 10 to 50 times as common). Fewest edits first, then
 * the most used.
 */
export const KNOWN_WORD_RATIO = 100;

export function bestCorrection(typed: string, own: number, near: { word: string; papers: number }[]): string | null {
  let best: { word: string; papers: number; distance: number } | null = null;
  for (const candidate of near) {
    const distance = closeness(typed, candidate.word);
    if (distance === null || candidate.papers < Math.max(1, own * KNOWN_WORD_RATIO)) continue;
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance && (candidate.papers > best.papers || (candidate.papers === best.papers && candidate.word < best.word)))
    )
      best = { ...candidate, distance };
  }
  return best?.word ?? null;
}

/** A compound as papers may hyphenate it ("pretrained": "pre-trained", "pret-rained"…); the corpus decides which exist. */
export function hyphenations(word: string): string[] {
  if (!/^\p{L}{6,}$/u.test(word)) return [];
  return Array.from({ length: word.length - 3 }, (_, i) => `${word.slice(0, i + 2)}-${word.slice(i + 2)}`);
}

/** A hyphenated compound written as one word ("pre-trained": "pretrained"), or null. */
export function unhyphenated(word: string): string | null {
  return /^\p{L}+(-\p{L}+)+$/u.test(word) ? word.replaceAll("-", "") : null;
}
