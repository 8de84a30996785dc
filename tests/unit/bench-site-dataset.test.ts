import { describe, expect, it } from "vitest";
import { END_DAY, USERS, VOTING_DAYS, siteDataset, votePairs } from "@/bench/site/dataset";

describe("the site benchmark's data set", () => {
  const data = siteDataset(20_000, 42);
  const sizes = data.days.map((_, d) => data.starts[d + 1]! - data.starts[d]!);

  it("lists every paper on one of consecutive days ending on END_DAY, none of them empty", () => {
    expect(data.days.at(-1)).toBe(END_DAY);
    for (let d = 1; d < data.days.length; d += 1) expect(Date.parse(data.days[d]!) - Date.parse(data.days[d - 1]!)).toBe(86_400_000);
    expect(sizes.every((n) => n >= 1)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(data.listedOn(0)).toBe(data.days[0]);
    expect(data.listedOn(19_999)).toBe(END_DAY);
  });

  it("spreads days as the real site does: tens a day, fewer at weekends, a few hundred at most", () => {
    const mean = 20_000 / data.days.length;
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(60);
    expect(Math.max(...sizes)).toBeLessThan(400);
    const weekend = data.days.flatMap((day, d) => ([0, 6].includes(new Date(day).getUTCDay()) ? [sizes[d]!] : []));
    expect(weekend.reduce((a, b) => a + b, 0) / weekend.length).toBeLessThan(mean / 2);
  });

  it("gives about 10 votes a paper, most to a day's top papers, each from distinct users", () => {
    let votes = 0;
    for (let i = 0; i < 20_000; i += 1) votes += data.votesOf(i);
    expect(votes / 20_000).toBeGreaterThan(9);
    expect(votes / 20_000).toBeLessThan(11);
    const busiest = sizes.indexOf(Math.max(...sizes));
    const top = data.starts[busiest]!;
    expect(data.votesOf(top)).toBeGreaterThan(10 * data.votesOf(top + sizes[busiest]! - 1));
    const voters = data.votersOf(top).map((v) => v.user);
    expect(new Set(voters).size).toBe(voters.length);
    expect(voters.every((u) => u >= 0 && u < USERS)).toBe(true);
  });

  it("is the same every time it is made", () => {
    const again = siteDataset(20_000, 42);
    expect(again.days).toEqual(data.days);
    expect(Array.from(again.starts)).toEqual(Array.from(data.starts));
    expect(again.votersOf(123)).toEqual(data.votersOf(123));
  });
});

describe("the bench's own votes", () => {
  const data = siteDataset(100_000, 42);
  const pairs = votePairs(data, { voters: 2000, count: 60_000 });
  const latest = data.starts[data.days.length - VOTING_DAYS]!;

  it("casts each (voter, paper) pair once, voters in turn, on the latest week's papers only", () => {
    expect(pairs.length).toBe(60_000);
    expect(new Set(pairs.map((p) => `${p.voter} ${p.paper}`)).size).toBe(60_000);
    expect(pairs.slice(0, 4000).map((p) => p.voter)).toEqual(Array.from({ length: 4000 }, (_, j) => j % 2000));
    expect(pairs.every((p) => p.paper >= latest && p.paper < data.papers)).toBe(true);
  });

  it("goes mostly to each day's top papers, as people vote", () => {
    const top = pairs.filter((p) => data.starts[data.dayOf(p.paper)] === p.paper).length;
    const papersInWeek = data.papers - latest;
    // The week's seven top papers, of a few hundred, get several times their even share.
    expect(top / pairs.length).toBeGreaterThan((5 * VOTING_DAYS) / papersInWeek);
    expect(new Set(pairs.map((p) => p.paper)).size).toBeGreaterThan(papersInWeek / 2);
  });

  it("is the same every time, and stops at the pairs there are", () => {
    expect(votePairs(data, { voters: 2000, count: 100 })).toEqual(pairs.slice(0, 100));
    const small = siteDataset(1000, 7);
    const all = votePairs(small, { voters: 3, count: 1_000_000 });
    expect(all.length).toBe(3 * (1000 - small.starts[small.days.length - VOTING_DAYS]!));
  });
});
