// An abstract's TeX becomes text runs, links and math spans here, once; every surface renders from them, never from the TeX or as HTML.
import { ACCENTS, ARGUMENT_STYLES, CONTROL_SYMBOLS, CONTROL_WORDS, DECLARATIONS, type TexStyle } from "./tex-commands";

export type AbstractSegment =
  | { type: "text"; value: string; em?: true; strong?: true }
  | { type: "link"; href: string; value: string }
  | { type: "math"; tex: string; display: boolean };

// A lone `$` must hug its content, so "$5 and $10" stays text; `\$` inside math does not close it.
const MATH =
  /\$\$([^$]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|(?<![\\$\w])\$(?=\S)((?:\\[\s\S]|[^$\n\\]){1,400}?)(?<=\S)\$(?![\d$])/y;
// Braces and backslashes end a URL: in TeX they belong to the markup around it.
const URL_AT = /https?:\/\/[^\s<>"'`{}\\]+/iy;
const WEB_URL = /^https?:\/\/\S+$/i;
const SPECIAL = /[\\{}$%~]|--|''|``|\bhttps?:\/\//gi;
const TRAILING = /[.,;:!?'"”’)\]}]+$/;
const NAME = /[a-zA-Z]+/y;
const SPACES = /[ \t]*/y;
const NEXT_WORD = /\s*([\p{L}\p{N}'’-]+)/uy;

const MAX_DEPTH = 4;

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

function readGroup(text: string, open: number): { inner: string; end: number; closed: boolean } {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return { inner: text.slice(open + 1, i), end: i + 1, closed: true };
  }
  return { inner: text.slice(open + 1), end: text.length, closed: false };
}

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** A table's own entry: `\constructor` names no command. */
const entry = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);
const skipSpaces = (text: string, at: number) => at + (matchAt(SPACES, text, at)?.[0].length ?? 0);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
/** `\url` and `\href` take their URL nearly verbatim; these escapes are how TeX sources write its specials. */
const unescapeUrl = (url: string) => url.replace(/\\([%#_&~$])/g, "$1").trim();

/** Math where it cannot be typeset: its TeX, between the dollars most readers know. */
export function mathSource(math: { tex: string; display: boolean }): string {
  return math.display ? `$$${math.tex}$$` : `$${math.tex}$`;
}

function plainOf(segments: AbstractSegment[]): string {
  return segments
    .map((s) => (s.type === "text" ? s.value : s.type === "link" ? linkText(s) : mathSource(s)))
    .join("")
    .replace(/[ \t]*\n[ \t]*|\t[ \t]*| [ \t]+/g, (m) => (m.includes("\n") ? "\n" : " "))
    .trim();
}

function linkText(link: { href: string; value: string }): string {
  return link.value === link.href ? link.href : `${link.value} (${link.href})`;
}

class Reader {
  readonly out: AbstractSegment[] = [];
  private readonly groups: { style: TexStyle; literal: boolean }[] = [];
  private outer: TexStyle = {};

  constructor(
    private readonly text: string,
    private readonly depth: number,
  ) {}

  private get style(): TexStyle {
    return this.groups.at(-1)?.style ?? this.outer;
  }

  private set style(style: TexStyle) {
    const group = this.groups.at(-1);
    if (group) group.style = style;
    else this.outer = style;
  }

  emit(value: string, style: TexStyle = this.style): void {
    if (!value) return;
    const last = this.out.at(-1);
    if (last?.type === "text" && !last.em === !style.em && !last.strong === !style.strong) {
      last.value += value;
      return;
    }
    this.out.push({ type: "text", value, ...(style.em && { em: true }), ...(style.strong && { strong: true }) });
  }

  private link(href: string, value: string): void {
    this.out.push({ type: "link", href, value: value || href });
  }

  private plain(tex: string): string {
    return this.depth >= MAX_DEPTH ? tex : plainOf(parse(tex, this.depth + 1));
  }

  read(): AbstractSegment[] {
    const { text } = this;
    let i = 0;
    while (i < text.length) {
      SPECIAL.lastIndex = i;
      const found = SPECIAL.exec(text);
      const at = found ? found.index : text.length;
      this.emit(text.slice(i, at));
      i = at < text.length ? this.special(at) : at;
    }
    return this.out;
  }

  private special(i: number): number {
    const { text } = this;
    const c = text[i]!;
    if (c === "$" || (c === "\\" && (text[i + 1] === "(" || text[i + 1] === "["))) {
      const math = matchAt(MATH, text, i);
      if (math) {
        const [, displayDollar, displayBracket, inlineParen, inlineDollar] = math;
        const tex = (displayDollar ?? displayBracket ?? inlineParen ?? inlineDollar ?? "").trim();
        this.out.push({ type: "math", tex, display: displayDollar !== undefined || displayBracket !== undefined });
        return i + math[0].length;
      }
    }
    switch (c) {
      case "\\":
        return this.command(i);
      case "{":
        this.groups.push({ style: this.style, literal: false });
        return i + 1;
      case "}": {
        const group = this.groups.pop();
        if (group?.literal) this.emit("}", group.style);
        return i + 1;
      }
      case "%":
        return this.percent(i);
      case "~":
        // Between two words a tie (`Fig.~3`); before a number after a space, "about" (`~38%`).
        this.emit(isSpace(text[i - 1]) || isSpace(text[i + 1]) ? "~" : " ");
        return i + 1;
      case "-":
        if (text[i + 2] === "-") return (this.emit("—"), i + 3);
        // `-->` and `<--` are arrows.
        return (this.emit(text[i + 2] === ">" || text[i - 1] === "<" ? "--" : "–"), i + 2);
      case "`":
        return (this.emit("“"), i + 2);
      case "'":
        return (this.emit("”"), i + 2);
      case "$":
        return (this.emit("$"), i + 1);
      default:
        return this.bareUrl(i);
    }
  }

  /** `50%` is a percent sign (abstracts are not compiled, and many are written so); any other `%` starts a comment. */
  private percent(i: number): number {
    const { text } = this;
    const before = text[i - 1];
    if (isDigit(before) || ((before === " " || before === "~") && isDigit(text[i - 2]))) {
      this.emit("%");
      return i + 1;
    }
    // In an abstract whose lines were joined, a comment's end is lost: drop only the `%`.
    const newline = text.indexOf("\n", i);
    return skipSpaces(text, newline < 0 ? i + 1 : newline + 1);
  }

  private bareUrl(i: number): number {
    const { text } = this;
    const match = matchAt(URL_AT, text, i);
    const url = match ? trimUrl(match[0]) : "";
    if (!/^https?:\/\/./i.test(url)) {
      this.emit(text.slice(i, i + 4));
      return i + 4;
    }
    let end = i + url.length;
    // `url{text}`, or `url}{text}` when the opening `\href{` was lost: a link with its text.
    const open = text[end] === "{" ? end : text.startsWith("}{", end) && this.groups.length === 0 ? end + 1 : -1;
    if (open < 0) {
      this.link(url, url);
      return end;
    }
    const group = readGroup(text, open);
    const words = this.plain(group.inner);
    const inner = matchAt(URL_AT, words, 0);
    // An unclosed `{` is a link's text only when it is the URL again; else the rest of the abstract would be.
    if (!group.closed && !inner) {
      this.link(url, url);
      return end;
    }
    end = group.end;
    if (inner) {
      this.link(url, url);
      this.emit(words.slice(trimUrl(inner[0]).length));
    } else {
      this.link(url, /^this https? URL$/i.test(words) ? url : words);
    }
    return end;
  }

  private command(i: number): number {
    const { text } = this;
    const name = matchAt(NAME, text, i + 1)?.[0];
    if (name === undefined) return this.controlSymbol(i);
    const after = i + 1 + name.length;
    if (Object.hasOwn(ACCENTS, name)) return this.accent(name, skipSpaces(text, after), i);
    if (name === "url" || name === "href") return this.linkCommand(name, after, i);
    const argument = entry(ARGUMENT_STYLES, name);
    if (argument) return this.styled(argument, skipSpaces(text, after), true);
    const declaration = entry(DECLARATIONS, name);
    if (declaration) return this.styled(declaration, skipSpaces(text, after), false);
    const word = entry(CONTROL_WORDS, name);
    if (word !== undefined) {
      this.emit(word);
      return text.startsWith("{}", after) ? after + 2 : after;
    }
    this.emit(`\\${name}`);
    if (text[after] === "{") {
      this.emit("{");
      this.groups.push({ style: this.style, literal: true });
      return after + 1;
    }
    return after;
  }

  private controlSymbol(i: number): number {
    const c = this.text[i + 1];
    if (c === undefined) return (this.emit("\\"), i + 1);
    if (Object.hasOwn(ACCENTS, c)) return this.accent(c, skipSpaces(this.text, i + 2), i);
    const symbol = entry(CONTROL_SYMBOLS, c);
    this.emit(symbol ?? `\\${c}`);
    return i + 2;
  }

  private styled(style: TexStyle, at: number, takesArgument: boolean): number {
    const { text } = this;
    const marked = { ...this.style, ...style };
    if (takesArgument && text[at] === "{") {
      this.groups.push({ style: marked, literal: false });
      return at + 1;
    }
    if (this.groups.length > 0 || !takesArgument) {
      this.style = marked;
      return at;
    }
    // `\emph word` outside any group: the word, not the rest of the abstract.
    const word = matchAt(NEXT_WORD, text, at);
    if (word) this.emit(word[1]!, marked);
    return word ? at + word[0].length : at;
  }

  private accent(name: string, at: number, start: number): number {
    const { text } = this;
    let target: string;
    let end: number;
    if (text[at] === "{") {
      const group = readGroup(text, at);
      target = this.plain(group.inner);
      end = group.end;
    } else if (text[at] === "\\" && /[ij](?![a-zA-Z])/.test(text[at + 1] ?? "")) {
      target = "i";
      end = at + 2;
    } else if (at < text.length && !isSpace(text[at]) && text[at] !== "}") {
      target = String.fromCodePoint(text.codePointAt(at)!);
      end = at + target.length;
    } else {
      this.emit(text.slice(start, at));
      return at;
    }
    if (!target) {
      this.emit(/[a-z]/i.test(name) ? "" : name);
      return end;
    }
    const letter = String.fromCodePoint(target.codePointAt(0)!);
    const base = letter === "ı" ? "i" : letter === "ȷ" ? "j" : letter;
    this.emit(`${base}${ACCENTS[name]}${target.slice(letter.length)}`.normalize("NFC"));
    return end;
  }

  private linkCommand(name: "url" | "href", after: number, start: number): number {
    const { text } = this;
    const open = skipSpaces(text, after);
    if (text[open] !== "{") {
      this.emit(text.slice(start, after));
      return after;
    }
    const first = readGroup(text, open);
    const url = unescapeUrl(first.inner);
    const next = skipSpaces(text, first.end);
    const second = name === "href" && text[next] === "{" ? readGroup(text, next) : null;
    const words = second ? this.plain(second.inner) : "";
    if (WEB_URL.test(url)) this.link(url, /^this https? URL$/i.test(words) ? url : words);
    else this.emit(words && url ? `${words} (${url})` : words || url);
    return second ? second.end : first.end;
  }
}

function parse(text: string, depth: number): AbstractSegment[] {
  return new Reader(text, depth).read();
}

/** Never throws, whatever the text: unknown commands and unbalanced braces stay as text. */
export function parseAbstract(text: string): AbstractSegment[] {
  return parse(text, 0);
}

/** For feeds' plain fields, email, cards and share text: emphasis dropped, math as `$…$`, a link's URL once. */
export function abstractText(text: string): string {
  return plainOf(parseAbstract(text));
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
