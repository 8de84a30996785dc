import { describe, expect, it } from "vitest";
import { feedAlternates, feedPath, feedText, searchFeedAlternates, splitFeedName } from "@/lib/feeds";

describe("feed URLs", () => {
  it("reads the format from the last extension, and nothing else", () => {
    expect(splitFeedName("daily.xml")).toEqual({ name: "daily", format: "rss" });
    expect(splitFeedName("ziplab.atom")).toEqual({ name: "ziplab", format: "atom" });
    expect(splitFeedName("cs.CL.json")).toEqual({ name: "cs.CL", format: "json" });
    expect(splitFeedName("J. Smith.xml")).toEqual({ name: "J. Smith", format: "rss" });
    for (const bad of ["daily", "daily.rss", "daily.XML", ".xml", "daily.xml.html", ""]) expect(splitFeedName(bad)).toBeNull();
  });

  it("writes every feed's path, encoding what a topic or a query holds", () => {
    expect(feedPath({ kind: "daily" }, "rss")).toBe("/feeds/daily.xml");
    expect(feedPath({ kind: "trending" }, "json")).toBe("/feeds/trending.json");
    expect(feedPath({ kind: "search", q: 'kv "cache" & co' }, "atom")).toBe("/feeds/search.atom?q=kv+%22cache%22+%26+co");
    expect(feedPath({ kind: "organization", value: "ziplab" }, "atom")).toBe("/feeds/org/ziplab.atom");
    expect(feedPath({ kind: "author", value: "Ada Lovelace/Byron" }, "rss")).toBe("/feeds/author/Ada%20Lovelace%2FByron.xml");
    expect(feedPath({ kind: "category", value: "cs.CL" }, "json")).toBe("/feeds/category/cs.CL.json");
    expect(feedPath({ kind: "me", token: "abc" }, "rss")).toBe("/feeds/me/abc.xml");
  });

  it("gives pages one titled discovery link per format", () => {
    expect(feedAlternates({ kind: "category", value: "cs.CL" }, "Papers in cs.CL")).toEqual({
      "application/rss+xml": [{ title: "Papers in cs.CL (RSS)", url: "/feeds/category/cs.CL.xml" }],
      "application/atom+xml": [{ title: "Papers in cs.CL (Atom)", url: "/feeds/category/cs.CL.atom" }],
      "application/feed+json": [{ title: "Papers in cs.CL (JSON Feed)", url: "/feeds/category/cs.CL.json" }],
    });
    expect(searchFeedAlternates("  kv cache ")?.["application/rss+xml"]?.[0]?.url).toBe("/feeds/search.xml?q=kv+cache");
    // Only queries a search feed takes: a word to search for, within the length.
    for (const q of ["", "   ", "-- **", "a".repeat(251)]) expect(searchFeedAlternates(q)).toBeUndefined();
  });
});

describe("feed text", () => {
  it("drops what XML 1.0 cannot carry (C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates) and keeps the rest", () => {
    expect(feedText("a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFFi")).toBe("abcdefghi");
    expect(feedText("tab\there\nnew\r\nline")).toBe("tab\there\nnew\r\nline");
    expect(feedText("lone \uD800 high, lone \uDC00 low, pair 🦜 kept")).toBe("lone  high, lone  low, pair 🦜 kept");
    expect(feedText(`& < > ]]> "quotes" 'single' “curly” é`)).toBe(`& < > ]]> "quotes" 'single' “curly” é`);
  });
});
