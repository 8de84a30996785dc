// Query words near each other in a paper (bench/quality/explore.ts chose the form): for each ordered pair of distinct
// words, the nearest occurrence of one after the other within WINDOW positions, weighted by the rarer word's idf over
// the distance.

const WINDOW = 8;

export function proximityBonus(positions: Map<string, number[]>, idf: Map<string, number>): number {
  const words = [...positions.keys()];
  if (words.length < 2) return 0;
  const occurrences = words.flatMap((w, k) => (positions.get(w) ?? []).map((p) => [p, k] as const)).sort((a, b) => a[0] - b[0]);
  const last = new Array<number>(words.length).fill(-Infinity);
  const best = new Map<number, number>();
  for (const [p, k] of occurrences) {
    for (let j = 0; j < words.length; j += 1) {
      const distance = p - last[j]!;
      const pair = k * words.length + j;
      if (j !== k && distance <= WINDOW && distance < (best.get(pair) ?? Infinity)) best.set(pair, distance);
    }
    last[k] = p;
  }
  let bonus = 0;
  for (const [pair, distance] of best) {
    const a = words[Math.floor(pair / words.length)]!;
    const b = words[pair % words.length]!;
    bonus += Math.min(idf.get(a) ?? 0, idf.get(b) ?? 0) / Math.max(distance, 1);
  }
  return bonus;
}
