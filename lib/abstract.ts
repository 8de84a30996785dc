// So an abstract is rendered without ever treating the data as HTML.
export type AbstractSegment =
  { type: "text"; value: string } | { type: "link"; href: string; value: string } | { type: "math"; tex: string; display: boolean };

// A lone `$` must hug its content, so "$5 and $10" stays text.
const MATH = /\$\$([^$]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|(?<![\\$\w])\$(?=\S)([^$\n]{1,400}?)(?<=\S)\$(?![\d$])/g;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/g;
const TRAILING = /[.,;:!?'"”’)\]}]+$/;

function trimUrl(raw: string): string {
  let url = raw;
  for (let m = TRAILING.exec(url); m; m = TRAILING.exec(url)) {
    const tail = m[0];
    const opens = (url.match(/\(/g) ?? []).length;
    const closes = (url.match(/\)/g) ?? []).length;
    if (tail === ")" && opens >= closes) break;
    url = url.slice(0, -1);
  }
  return url;
}

function linkify(text: string): AbstractSegment[] {
  const out: AbstractSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    const start = match.index;
    if (start > last) out.push({ type: "text", value: text.slice(last, start) });
    out.push({ type: "link", href: url, value: url });
    last = start + url.length;
  }
  if (last < text.length) out.push({ type: "text", value: text.slice(last) });
  return out;
}

export function parseAbstract(text: string): AbstractSegment[] {
  const out: AbstractSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(MATH)) {
    const start = match.index;
    if (start > last) out.push(...linkify(text.slice(last, start)));
    const [, displayDollar, displayBracket, inlineParen, inlineDollar] = match;
    const tex = (displayDollar ?? displayBracket ?? inlineParen ?? inlineDollar ?? "").trim();
    out.push({ type: "math", tex, display: displayDollar !== undefined || displayBracket !== undefined });
    last = start + match[0].length;
  }
  if (last < text.length) out.push(...linkify(text.slice(last)));
  return out;
}

/** Looks at only a few times `max` characters, however long the abstract: a day page cuts 50 of them. */
export function abstractStart(text: string, max: number): { text: string; cut: boolean } {
  const window = 4 * max + 16;
  let flat = text.length > window ? text.slice(0, window).replace(/\s+/g, " ").trimStart() : null;
  if (flat === null || flat.length <= max + 1) flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return { text: flat, cut: false };
  const cut = flat.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return { text: `${(space > max * 0.6 ? cut.slice(0, space) : flat.slice(0, max)).replace(/[\s,;:.–-]+$/, "")}…`, cut: true };
}

export function cutAbstract(text: string, max: number): string {
  return abstractStart(text, max).text;
}
