// What the abstract reader (lib/abstract.ts) knows of TeX's commands outside math.

export interface TexStyle {
  em?: true;
  strong?: true;
}

export const ACCENTS: Record<string, string> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030C",
  H: "\u030B",
  c: "\u0327",
  k: "\u0328",
  r: "\u030A",
  d: "\u0323",
  b: "\u0331",
};

export const CONTROL_SYMBOLS: Record<string, string> = {
  "%": "%",
  $: "$",
  "&": "&",
  _: "_",
  "#": "#",
  "{": "{",
  "}": "}",
  " ": " ",
  "\n": " ",
  ",": " ",
  ";": " ",
  ":": " ",
  ">": " ",
  "!": "",
  "-": "",
  "/": "",
  "@": "",
  "\\": "\n",
};

export const CONTROL_WORDS: Record<string, string> = {
  ldots: "…",
  dots: "…",
  textellipsis: "…",
  LaTeX: "LaTeX",
  TeX: "TeX",
  textendash: "–",
  textemdash: "—",
  textasciitilde: "~",
  textasciicircum: "^",
  textbackslash: "\\",
  textbar: "|",
  textless: "<",
  textgreater: ">",
  textquoteleft: "‘",
  textquoteright: "’",
  textquotedblleft: "“",
  textquotedblright: "”",
  textdegree: "°",
  textpm: "±",
  texttimes: "×",
  textregistered: "®",
  texttrademark: "™",
  copyright: "©",
  S: "§",
  P: "¶",
  dag: "†",
  ddag: "‡",
  ss: "ß",
  o: "ø",
  O: "Ø",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  aa: "å",
  AA: "Å",
  l: "ł",
  L: "Ł",
  i: "ı",
  j: "ȷ",
  newline: "\n",
  par: "\n\n",
  quad: " ",
  qquad: " ",
  xspace: "",
  noindent: "",
  centering: "",
};

const EMPHASIS: TexStyle = { em: true };
const STRONG: TexStyle = { strong: true };
const unstyled = (names: string): Record<string, TexStyle> => Object.fromEntries(names.split(" ").map((name) => [name, {}]));

/** Commands whose argument is the text (`\emph{x}`); without braces they mark the rest of the group. */
export const ARGUMENT_STYLES: Record<string, TexStyle> = {
  emph: EMPHASIS,
  textit: EMPHASIS,
  textsl: EMPHASIS,
  textbf: STRONG,
  ...unstyled("textsc texttt textrm textsf textup textmd textnormal text mbox hbox underline uline nolinkurl"),
};

export const DECLARATIONS: Record<string, TexStyle> = {
  em: EMPHASIS,
  it: EMPHASIS,
  itshape: EMPHASIS,
  sl: EMPHASIS,
  slshape: EMPHASIS,
  bf: STRONG,
  bfseries: STRONG,
  ...unstyled("rm sf tt sc scshape upshape mdseries normalfont ttfamily rmfamily sffamily small footnotesize large Large"),
};
