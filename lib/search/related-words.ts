// Related words learned from the store's own text (docs/search.md, "Related words"): two stems are related when they
// are used beside the same words. Co-occurrence within a window, PPMI, then the cosine of the words' PPMI rows.

/** One stem of one paper: its positions and, for each, the field (the tsvector weight: A title, B keywords, C abstract). */
export interface StemOccurrences {
  lexeme: string;
  positions: number[];
  fields: string[];
}

/** A tsvector's text: 'lexeme':1A,5 … (no letter: D), quotes and backslashes in a lexeme doubled. A scanner: a regex took twice as long. */
export function parseTsvector(text: string): StemOccurrences[] {
  const out: StemOccurrences[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("'", i);
    if (open < 0) break;
    let lexeme = "";
    let j = open + 1;
    for (;;) {
      const quote = text.indexOf("'", j);
      const end = quote < 0 ? text.length : quote;
      lexeme += text.slice(j, end);
      j = end;
      if (text[j + 1] !== "'" || j >= text.length) break;
      lexeme += "'";
      j += 2;
    }
    if (lexeme.includes("\\")) lexeme = lexeme.replace(/\\(.)/g, "$1");
    const positions: number[] = [];
    const fields: string[] = [];
    j += 1;
    if (text[j] === ":") {
      j += 1;
      let n = 0;
      for (; j <= text.length; j += 1) {
        const code = j < text.length ? text.charCodeAt(j) : 32;
        if (code >= 48 && code <= 57) n = n * 10 + code - 48;
        else if (code >= 65 && code <= 68) fields.push(text[j]!);
        else if (code === 44 || code === 32) {
          positions.push(n);
          if (fields.length < positions.length) fields.push("D");
          n = 0;
          if (code === 32) break;
        } else break;
      }
    }
    out.push({ lexeme, positions, fields });
    i = j + 1;
  }
  return out;
}

export interface RelatedOptions {
  /** Stems in fewer papers of the sample are too rare to learn from. */
  minPapers?: number;
  /** Stems in more than this share of the sample are context only: too common to widen a query or to be offered. */
  maxShare?: number;
  /** Words at most this many positions apart, in one field, are beside each other. */
  window?: number;
  /** A pair seen fewer times is chance. */
  minPairs?: number;
  /** Each word's strongest contexts kept (a sparse vector: the cosine stays cheap and noise is dropped). */
  contexts?: number;
  neighbours?: number;
  minSimilarity?: number;
}

export interface Related {
  lexeme: string;
  related: string[];
  similarity: number[];
}

/** Gives the event loop a turn every ~20 ms: the job learns inside the app's process, beside its requests. */
export function pauser(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < 20) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}

export async function learnRelated(
  papers: StemOccurrences[][],
  { minPapers = 3, maxShare = 0.3, window = 5, minPairs = 2, contexts = 50, neighbours = 8, minSimilarity = 0.1 }: RelatedOptions = {},
): Promise<Related[]> {
  const pause = pauser();
  const df = new Map<string, number>();
  for (const paper of papers) for (const { lexeme } of paper) df.set(lexeme, (df.get(lexeme) ?? 0) + 1);
  const words = [...df.keys()].filter((w) => df.get(w)! >= minPapers).sort();
  const id = new Map(words.map((w, i) => [w, i]));
  const R = words.length;
  const common = words.map((w) => df.get(w)! > maxShare * papers.length);

  // Every paper's tokens in position order, in typed arrays (a sample of 20,000 papers is ~3 M tokens).
  let T = 0;
  for (const paper of papers) for (const { positions } of paper) T += positions.length;
  const tWord = new Int32Array(T);
  const tPos = new Int32Array(T);
  const tField = new Uint8Array(T);
  const tPaper = new Int32Array(T);
  const paperStart = new Int32Array(papers.length + 1);
  // Positions are distinct within a paper's document, so tokens are put in order by their position, not sorted.
  let slotWord = new Int32Array(1024).fill(-2);
  let slotField = new Uint8Array(1024);
  let t = 0;
  for (let p = 0; p < papers.length; p += 1) {
    await pause();
    const paper = papers[p]!;
    let last = 0;
    for (const { lexeme, positions, fields } of paper) {
      const word = id.get(lexeme) ?? -1;
      for (let k = 0; k < positions.length; k += 1) {
        const position = positions[k]!;
        if (position >= slotWord.length) {
          const grown = new Int32Array(position * 2).fill(-2);
          grown.set(slotWord);
          slotWord = grown;
          const grownFields = new Uint8Array(position * 2);
          grownFields.set(slotField);
          slotField = grownFields;
        }
        slotWord[position] = word;
        slotField[position] = (fields[k] ?? "D").charCodeAt(0);
        if (position > last) last = position;
      }
    }
    for (let position = 0; position <= last; position += 1) {
      if (slotWord[position] === -2) continue;
      tWord[t] = slotWord[position]!;
      tPos[t] = position;
      tField[t] = slotField[position]!;
      tPaper[t] = p;
      slotWord[position] = -2;
      t += 1;
    }
    paperStart[p + 1] = t;
  }
  const occStart = new Int32Array(R + 1);
  for (let g = 0; g < T; g += 1) if (tWord[g]! >= 0) occStart[tWord[g]! + 1] = occStart[tWord[g]! + 1]! + 1;
  for (let i = 0; i < R; i += 1) occStart[i + 1] = occStart[i + 1]! + occStart[i]!;
  const occ = new Int32Array(occStart[R]!);
  const fill = occStart.slice(0, R);
  for (let g = 0; g < T; g += 1) {
    const i = tWord[g]!;
    if (i >= 0) occ[fill[i]!] = g;
    if (i >= 0) fill[i] = fill[i]! + 1;
  }

  // Pair counts, a row a word (compressed sparse rows), counted from each of the word's occurrences both ways.
  const rowStart = new Int32Array(R + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const scratch = new Int32Array(R);
  const hit: number[] = [];
  for (let i = 0; i < R; i += 1) {
    await pause();
    for (let o = occStart[i]!; o < occStart[i + 1]!; o += 1) {
      const g = occ[o]!;
      const p = tPaper[g]!;
      for (let step = -1; step <= 1; step += 2) {
        for (let h = g + step; h >= paperStart[p]! && h < paperStart[p + 1]!; h += step) {
          if (Math.abs(tPos[h]! - tPos[g]!) > window) break;
          const j = tWord[h]!;
          if (tField[h] !== tField[g] || j < 0 || j === i) continue;
          if (scratch[j] === 0) hit.push(j);
          scratch[j] = scratch[j]! + 1;
        }
      }
    }
    hit.sort((a, b) => a - b);
    for (const j of hit) {
      if (scratch[j]! >= minPairs) {
        cols.push(j);
        vals.push(scratch[j]!);
      }
      scratch[j] = 0;
    }
    hit.length = 0;
    rowStart[i + 1] = cols.length;
  }

  // PPMI with the contexts' distribution smoothed (power 0.75), as Levy, Goldberg and Dagan recommend.
  const rowSum = new Float64Array(R);
  for (let i = 0; i < R; i += 1) for (let e = rowStart[i]!; e < rowStart[i + 1]!; e += 1) rowSum[i] = rowSum[i]! + vals[e]!;
  let smoothed = 0;
  for (let i = 0; i < R; i += 1) smoothed += rowSum[i]! ** 0.75;
  const vectors: [number, number][][] = [];
  for (let i = 0; i < R; i += 1) {
    const cells: [number, number][] = [];
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e += 1) {
      const j = cols[e]!;
      const pmi = Math.log(((vals[e]! / rowSum[i]!) * smoothed) / rowSum[j]! ** 0.75);
      if (pmi > 0 && !common[j]) cells.push([j, pmi]);
    }
    cells.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    vectors.push(cells.slice(0, contexts));
  }
  const norm = vectors.map((v) => Math.sqrt(v.reduce((s, [, x]) => s + x * x, 0)));
  const byContext: [number, number][][] = Array.from({ length: R }, () => []);
  vectors.forEach((v, i) => {
    if (!common[i]) for (const [c, x] of v) byContext[c]!.push([i, x]);
  });

  const out: Related[] = [];
  const acc = new Float64Array(R);
  const touched: number[] = [];
  for (let i = 0; i < R; i += 1) {
    if (common[i] || norm[i] === 0) continue;
    await pause();
    for (const [c, x] of vectors[i]!)
      for (const [j, y] of byContext[c]!) {
        if (j === i) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j] = acc[j]! + x * y;
      }
    const best = touched
      .map((j) => ({ j, similarity: acc[j]! / (norm[i]! * norm[j]!) }))
      .filter((n) => n.similarity >= minSimilarity)
      .sort((a, b) => b.similarity - a.similarity || a.j - b.j)
      .slice(0, neighbours);
    for (const j of touched) acc[j] = 0;
    touched.length = 0;
    if (best.length > 0)
      out.push({
        lexeme: words[i]!,
        related: best.map((n) => words[n.j]!),
        similarity: best.map((n) => Math.round(n.similarity * 1000) / 1000),
      });
  }
  return out;
}
