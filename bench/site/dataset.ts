/** The site benchmark's data set, a pure function of (papers, seed): bench/README.md gives its shape and figures. */
import { prng } from "../corpus";

export const USERS = 100_000;
export const VOTES_PER_PAPER = 10;
/** Fixed, so that a data set is the same whenever it is loaded; trending counts votes of the last 30 days before now. */
export const END_DAY = "2026-11-29";
const PAPERS_PER_DAY = 45;
const MAX_DAYS = 8000;
const SPREAD = 2.5;
const DAY_MS = 86_400_000;
const STRIDE = 7919;

export interface SiteDataset {
  papers: number;
  seed: number;
  days: string[];
  /** starts[d]: the first paper of day d; starts[days.length] = papers. */
  starts: Int32Array;
  dayOf(i: number): number;
  listedOn(i: number): string;
  votesOf(i: number): number;
  votersOf(i: number): { user: number; at: Date }[];
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function siteDataset(papers: number, seed: number): SiteDataset {
  const random = prng(seed ^ 0x51e);
  const dayCount = Math.max(1, Math.min(MAX_DAYS, Math.round(papers / PAPERS_PER_DAY)));
  const end = Date.parse(`${END_DAY}T00:00:00Z`);
  const days = Array.from({ length: dayCount }, (_, d) => isoDay(end - (dayCount - 1 - d) * DAY_MS));
  const weights = days.map((day) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    // Box–Muller: a standard normal from two uniforms.
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return (weekday === 0 || weekday === 6 ? 0.25 : 1) * Math.min(SPREAD, Math.max(1 / SPREAD, Math.exp(0.45 * normal)));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const starts = new Int32Array(dayCount + 1);
  let cumulative = 0;
  for (let d = 0; d < dayCount; d += 1) {
    starts[d] = Math.min(papers - (dayCount - d), Math.round((cumulative / total) * papers));
    if (d > 0 && starts[d]! <= starts[d - 1]!) starts[d] = starts[d - 1]! + 1;
    cumulative += weights[d]!;
  }
  starts[dayCount] = papers;

  const dayOf = (i: number) => {
    let lo = 0;
    let hi = dayCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const harmonic = (count: number) => {
    let h = 0;
    for (let k = 1; k <= count; k += 1) h += 1 / k;
    return h;
  };
  const harmonics = new Map<number, number>();
  const votesOf = (i: number) => {
    const d = dayOf(i);
    const count = starts[d + 1]! - starts[d]!;
    let h = harmonics.get(count);
    if (h === undefined) harmonics.set(count, (h = harmonic(count)));
    const rank = i - starts[d]!;
    return Math.min(USERS, Math.round((VOTES_PER_PAPER * count) / (h * (rank + 1))));
  };
  return {
    papers,
    seed,
    days,
    starts,
    dayOf,
    listedOn: (i) => days[dayOf(i)]!,
    votesOf,
    votersOf(i) {
      const votes = votesOf(i);
      const first = Math.floor(prng((seed * 7_777_777 + i) >>> 0)() * USERS);
      const listed = Date.parse(`${days[dayOf(i)]}T06:00:00Z`);
      return Array.from({ length: votes }, (_, k) => ({
        user: (first + k * STRIDE) % USERS,
        at: new Date(listed + Math.floor((k * DAY_MS) / votes)),
      }));
    },
  };
}

export const userId = (user: number) => `bench-user-${String(user).padStart(6, "0")}`;

export const VOTING_DAYS = 7;

/** `count` (voter, paper) pairs, voter j mod `voters` for pair j, each once: a latest-week day drawn evenly, then a rank with weight 1 / (rank + 1), as people vote. */
export function votePairs(data: SiteDataset, { voters, count }: { voters: number; count: number }): { voter: number; paper: number }[] {
  const random = prng(data.seed ^ 0x707e);
  const first = Math.max(0, data.days.length - VOTING_DAYS);
  const days = Array.from({ length: data.days.length - first }, (_, k) => first + k);
  const cumulative = days.map((d) => {
    const size = data.starts[d + 1]! - data.starts[d]!;
    const weights = new Float64Array(size);
    let sum = 0;
    for (let rank = 0; rank < size; rank += 1) weights[rank] = sum += 1 / (rank + 1);
    return weights;
  });
  const taken = new Set<number>();
  const pairs: { voter: number; paper: number }[] = [];
  const capacity = voters * (data.papers - data.starts[first]!);
  for (let j = 0; pairs.length < Math.min(count, capacity); j += 1) {
    const voter = j % voters;
    const k = Math.floor(random() * days.length);
    const weights = cumulative[k]!;
    const target = random() * weights[weights.length - 1]!;
    let rank = 0;
    while (weights[rank]! < target) rank += 1;
    for (let tries = 0; tries < weights.length; tries += 1) {
      const paper = data.starts[days[k]!]! + ((rank + tries) % weights.length);
      if (!taken.has(paper * voters + voter)) {
        taken.add(paper * voters + voter);
        pairs.push({ voter, paper });
        break;
      }
    }
  }
  return pairs;
}

/** A fixed shuffle (a multiplicative hash of each position), so lists of URLs mix days of every size and age the same way every run. */
export const shuffle = <T>(list: T[]) =>
  list
    .map((v, k) => ({ v, k: (k * 2_654_435_761) >>> 0 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.v);
