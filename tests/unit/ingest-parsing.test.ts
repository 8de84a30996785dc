import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArxivFeed } from "@/lib/ingest/arxiv";
import { httpUrl, mapDailyPaperItem } from "@/lib/ingest/hf-daily-papers";
import { parseRetryAfter } from "@/server/ingest/http";
import { parseXml, textContent, XmlError } from "@/lib/ingest/xml";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../fixtures/ingest", name), "utf8");

describe("parseXml", () => {
  it("reads elements, attributes, entities, CDATA and comments", () => {
    const doc = parseXml(`<?xml version="1.0"?><!-- c --><a x='1 &amp; 2' y="&#x41;"><b>x &lt; y &#233;</b><c/><![CDATA[<raw>]]></a>`);
    expect(doc.name).toBe("a");
    expect(doc.attributes).toEqual({ x: "1 & 2", y: "A" });
    expect(textContent(doc)).toBe("x < y é<raw>");
  });

  it.each([
    ["<a><b></a>", /unexpected closing tag <\/a>/],
    ["<a>", /unclosed element <a>/],
    ["<a>&bogus;</a>", /unknown entity &bogus;/],
    ['<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>', /document type declarations are not accepted/],
    ["<a></a><b></b>", /more than one root element/],
    ["<a x=1></a>", /malformed attribute/],
    ["", /no root element/],
  ])("refuses %s", (xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(message);
  });
});

describe("parseArxivFeed", () => {
  it("maps entries, skipping error entries", () => {
    const entries = parseArxivFeed(fixture("arxiv-feed.xml"));
    expect(entries.map((e) => e.id)).toEqual(["2601.00001", "2601.00002", "2601.00003"]);
    expect(entries[0]).toEqual({
      id: "2601.00001",
      title: "Sparse Mixtures of Tiny Experts",
      abstract: "We show that many tiny experts beat a few big ones & more.",
      authors: ["Grace Hopper", "Edsger Dijkstra", "Frances Allen"],
      categories: ["cs.LG", "cs.CL", "stat.ML"],
      primaryCategory: "cs.LG",
      pdfUrl: "https://arxiv.org/pdf/2601.00001v2",
      publishedAt: "2026-01-02",
    });
    expect(entries[1]?.abstract).toBe("Reward models that can <stand in> for each other.");
  });

  it("refuses a document that is not an Atom feed", () => {
    expect(() => parseArxivFeed("<html><body>rate limited</body></html>")).toThrow(/expected an Atom feed, got <html>/);
    expect(() => parseArxivFeed("Rate exceeded.")).toThrow(/malformed XML/);
  });
});

describe("mapDailyPaperItem", () => {
  it("takes the title from the item when the paper has none", () => {
    const mapped = mapDailyPaperItem({ paper: { id: "2601.00031" }, title: "  Item   title " }, "https://hf.test");
    expect(mapped).toMatchObject({ id: "2601.00031", title: "Item title", abstract: "", authors: [], sourceUpvotes: 0 });
  });

  it("reads the item's publishedAt as the listing time, never as the publication day", () => {
    const mapped = mapDailyPaperItem(
      { paper: { id: "2601.00034", title: "Listed" }, publishedAt: "2026-01-05T01:12:34.567Z" },
      "https://hf.test",
    );
    expect(mapped).toMatchObject({ publishedAt: null, submittedOnDailyAt: new Date("2026-01-05T01:12:34.567Z") });
  });

  it("accepts old-style arXiv ids and refuses anything else", () => {
    expect(mapDailyPaperItem({ paper: { id: "cs/0112017", title: "Old" } }, "https://hf.test")).toMatchObject({ id: "cs/0112017" });
    expect(mapDailyPaperItem({ paper: { id: 12345, title: "Number" } }, "https://hf.test")).toEqual({
      rejected: "paper.id 12345 is not an arXiv id",
    });
  });

  it("cuts a title longer than the store takes, at a word", () => {
    const long = `${"Word ".repeat(200)}end`;
    const mapped = mapDailyPaperItem({ paper: { id: "2601.00033", title: long } }, "https://hf.test");
    const title = "title" in mapped ? mapped.title : "";
    expect(title.length).toBeLessThanOrEqual(500);
    expect(title).toMatch(/^(Word )+Word…$/);
  });

  it("drops NUL characters, which PostgreSQL text cannot hold", () => {
    const mapped = mapDailyPaperItem({ paper: { id: "2601.00032", title: "A\u0000B", summary: "x\u0000y" } }, "https://hf.test");
    expect(mapped).toMatchObject({ title: "AB", abstract: "xy" });
  });
});

describe("httpUrl", () => {
  it("keeps http(s) links, resolves relative ones, drops other schemes", () => {
    expect(httpUrl("https://github.com/a/b")).toBe("https://github.com/a/b");
    expect(httpUrl("/avatars/x.svg", "https://huggingface.co")).toBe("https://huggingface.co/avatars/x.svg");
    expect(httpUrl("/avatars/x.svg")).toBeNull();
    expect(httpUrl("javascript:alert(1)")).toBeNull();
    expect(httpUrl("data:text/html,hi", "https://huggingface.co")).toBeNull();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-05T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Mon, 05 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Mon, 04 Jan 2026 00:00:10 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
