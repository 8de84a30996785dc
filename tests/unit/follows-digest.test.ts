import { describe, expect, it } from "vitest";
import { cutAbstract } from "@/lib/abstract";
import { digestPeriod } from "@/lib/digest";
import { followInputSchema } from "@/lib/follow-input";
import { topicLabel, topicPath, topicQuery } from "@/lib/follows";

describe("digestPeriod", () => {
  it("covers the latest listing day for a daily digest, keyed by it", () => {
    expect(digestPeriod("daily", { latestDay: "2026-03-20", today: "2026-03-22" })).toMatchObject({
      key: "day:2026-03-20",
      period: { start: "2026-03-20", end: "2026-03-20" },
    });
    expect(digestPeriod("daily", { latestDay: null, today: "2026-03-22" })).toBeNull();
  });

  it("covers the last complete ISO week for a weekly digest, across year ends", () => {
    // Any day of the week of Mar 23–29 points at the week before it.
    for (const today of ["2026-03-23", "2026-03-26", "2026-03-29"]) {
      expect(digestPeriod("weekly", { latestDay: null, today })).toMatchObject({
        key: "week:2026-W12",
        period: { start: "2026-03-16", end: "2026-03-22" },
      });
    }
    expect(digestPeriod("weekly", { latestDay: null, today: "2021-01-05" })).toMatchObject({ key: "week:2020-W53" });
  });
});

describe("follow input", () => {
  it("normalizes what it keeps and refuses what it cannot follow", () => {
    expect(followInputSchema.parse({ kind: "query", value: "  kv\u0000  cache " })).toEqual({ kind: "query", value: "kv cache" });
    expect(followInputSchema.parse({ kind: "category", value: " cs.CL " })).toEqual({ kind: "category", value: "cs.CL" });
    expect(followInputSchema.safeParse({ kind: "query", value: "-alone" }).success).toBe(false);
    expect(followInputSchema.safeParse({ kind: "author", value: "x".repeat(301) }).success).toBe(false);
    expect(followInputSchema.safeParse({ kind: "organization", value: "a b" }).success).toBe(false);
  });

  it("maps each kind to its query, page and label", () => {
    expect(topicQuery({ kind: "author", value: "Grace Hopper" })).toEqual({ query: "", filters: { author: "Grace Hopper" } });
    expect(topicQuery({ kind: "query", value: "kv" })).toEqual({ query: "kv", filters: {} });
    expect(topicPath({ kind: "query", value: '"KV cache" OR x' })).toBe("/papers?q=%22KV+cache%22+OR+x");
    expect(topicPath({ kind: "author", value: "Ada Lovelace/2" })).toBe("/papers/author/Ada%20Lovelace%2F2");
    expect(topicLabel({ kind: "query", value: "kv" })).toBe("“kv”");
    expect(topicLabel({ kind: "organization", value: "acme" }, "Acme Research")).toBe("Acme Research");
  });
});

describe("cutAbstract", () => {
  it("keeps short text whole and cuts long text at a word, with an ellipsis", () => {
    expect(cutAbstract("  A short\n abstract. ", 100)).toBe("A short abstract.");
    const cut = cutAbstract("word ".repeat(100), 42);
    expect(cut.length).toBeLessThanOrEqual(43);
    expect(cut).toMatch(/word…$/);
    expect(cutAbstract("x".repeat(50), 10)).toBe(`${"x".repeat(10)}…`);
  });
});
