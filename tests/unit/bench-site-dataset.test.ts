import { describe, expect, it } from "vitest";
import { END_DAY, USERS, siteDataset } from "@/bench/site/dataset";

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
