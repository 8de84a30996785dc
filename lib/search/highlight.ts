// Text is only split into segments; segmentsToHtml escapes each, so `<mark>` is the only markup. No server-only imports: the browser uses it.

export interface Segment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export function segmentsToHtml(segments: Segment[]): string {
  return segments.map((s) => (s.mark ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join("");
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.\-_][\p{L}\p{N}\p{M}]+)*/gu;

export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

function pushText(segments: Segment[], text: string, mark: boolean) {
  if (!text) return;
  const previous = segments.at(-1);
  if (previous && previous.mark === mark) previous.text += text;
  else segments.push({ text, mark });
}

export function highlightText(text: string, isMatch: (word: string) => boolean): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    pushText(segments, text.slice(at, start), false);
    pushText(segments, m[0], isMatch(m[0]));
    at = start + m[0].length;
  }
  pushText(segments, text.slice(at), false);
  return segments;
}

/** On segments, so the search page sends each abstract once and cuts the window in the browser. */
export function snippetOf(segments: Segment[], maxWords = 36): Segment[] {
  const text = segments.map((s) => s.text).join("");
  const marked: [number, number][] = [];
  let at = 0;
  for (const s of segments) {
    if (s.mark) marked.push([at, at + s.text.length]);
    at += s.text.length;
  }
  const words = [...text.matchAll(WORD)];
  if (words.length <= maxWords) return segments;
  // Words and marked ranges both run left to right: one sweep, not every range for every word.
  let range = 0;
  const hits = words.map((w) => {
    while (range < marked.length && marked[range]![1] <= w.index) range += 1;
    return range < marked.length && w.index >= marked[range]![0] ? 1 : 0;
  });
  let best = 0;
  let bestCount = -1;
  let count = hits.slice(0, maxWords).reduce<number>((a, b) => a + b, 0);
  for (let start = 0; start + maxWords <= words.length; start += 1) {
    if (start > 0) count += (hits[start + maxWords - 1] ?? 0) - (hits[start - 1] ?? 0);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const firstHit = hits.indexOf(1, best);
  if (firstHit > best + 4) best = Math.min(firstHit - 4, words.length - maxWords);
  const first = words[best];
  const last = words[Math.min(best + maxWords, words.length) - 1];
  if (!first || !last) return segments;
  const from = best === 0 ? 0 : first.index;
  const to = best + maxWords >= words.length ? text.length : last.index + last[0].length;
  const out: Segment[] = [];
  if (from > 0) out.push({ text: "… ", mark: false });
  let position = 0;
  for (const s of segments) {
    const start = Math.max(from, position);
    const end = Math.min(to, position + s.text.length);
    if (start < end) pushText(out, s.text.slice(start - position, end - position), s.mark);
    position += s.text.length;
  }
  if (to < text.length) pushText(out, " …", false);
  return out;
}

export function snippet(text: string, isMatch: (word: string) => boolean, maxWords = 36): Segment[] {
  return snippetOf(highlightText(text, isMatch), maxWords);
}
