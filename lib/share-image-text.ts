// next/og downloads a font for a character Geist lacks (and an image for an emoji), failing the image if that fails: such characters are left out.

/** tests/integration/sharing.test.ts checks these against the bundled font. */
const DRAWABLE: Array<[number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0xff],
  [0x100, 0x113],
  [0x116, 0x12b],
  [0x12e, 0x137],
  [0x139, 0x13e],
  [0x141, 0x148],
  [0x14a, 0x14d],
  [0x150, 0x17e],
  [0x39b, 0x39b],
  [0x3a9, 0x3a9],
  [0x3bb, 0x3bc],
  [0x3c0, 0x3c0],
  [0x3c9, 0x3c9],
  [0x400, 0x45f],
  [0x1e20, 0x1e21],
  [0x1e80, 0x1e85],
  [0x1e9e, 0x1e9e],
  [0x1ea0, 0x1ef9],
  [0x2013, 0x2014],
  [0x2018, 0x201a],
  [0x201c, 0x201e],
  [0x2020, 0x2022],
  [0x2026, 0x2026],
  [0x2030, 0x2030],
  [0x2032, 0x2033],
  [0x2039, 0x203a],
  [0x2044, 0x2044],
  [0x2070, 0x2070],
  [0x2074, 0x2079],
  [0x2080, 0x2089],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2190, 0x2199],
  [0x2202, 0x2202],
  [0x2206, 0x2206],
  [0x220f, 0x220f],
  [0x2211, 0x2212],
  [0x221a, 0x221a],
  [0x221e, 0x221e],
  [0x222b, 0x222b],
  [0x2248, 0x2248],
  [0x2260, 0x2260],
  [0x2264, 0x2265],
];

export function isDrawable(codePoint: number): boolean {
  return DRAWABLE.some(([from, to]) => codePoint >= from && codePoint <= to);
}

export function drawableCharacters(): string {
  return DRAWABLE.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))).join("");
}

const GREEK =
  "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma sigma tau upsilon phi chi psi omega".split(
    " ",
  );

const HYPHENS = new Set(["\u2010", "\u2011", "\u2043"]);

function spellGreek(c: string): string | null {
  const code = c.codePointAt(0)!;
  if (code >= 0x3b1 && code <= 0x3c9) return GREEK[code - 0x3b1]!;
  if (code >= 0x391 && code <= 0x3a9 && code !== 0x3a2) {
    const name = GREEK[code - 0x391]!;
    return name[0]!.toUpperCase() + name.slice(1);
  }
  return null;
}

export function drawableText(text: string): string {
  let out = "";
  // NFKC turns full-width letters, ligatures (ﬁ) and composed accents into forms the font has.
  for (const c of text.normalize("NFKC")) {
    const code = c.codePointAt(0)!;
    if (isDrawable(code)) out += c;
    else if (/\s/.test(c)) out += " ";
    else if (HYPHENS.has(c)) out += "-";
    else out += spellGreek(c) ?? "";
  }
  return out.replace(/\s+/g, " ").trim();
}
