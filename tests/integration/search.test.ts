import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/papers/search/route";
import { GET as suggestRoute } from "@/app/api/search/suggest/route";
import { searchPageData, searchPapers } from "@/server/search";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const get = (params: Record<string, string>) =>
  search(new NextRequest(`http://localhost/api/papers/search?${new URLSearchParams(params)}`));

type Item = {
  paper: { id: string; title: string; upvotes: number; publishedAt?: string };
  highlightedTitle: string;
  highlightedSummary: string;
  match: string;
};

async function items(params: Record<string, string>): Promise<Item[]> {
  const res = await get(params);
  expect(res.status).toBe(200);
  return (await res.json()) as Item[];
}
const ids = async (params: Record<string, string>) => (await items(params)).map((i) => i.paper.id);

const BENCHMARKS = 23;

beforeAll(async () => {
  await resetDatabase();
  await insertPapers(
    [
      makePaper({
        id: "1706.03762",
        title: "Attention Is All You Need",
        abstract:
          "The dominant sequence transduction models are based on complex recurrent or convolutional neural networks. We propose a new simple network architecture based solely on attention mechanisms.",
        authors: ["Ashish Vaswani", "Noam Shazeer"],
        publishedAt: "2017-06-12",
        sourceUpvotes: 3,
      }),
      makePaper({
        id: "2601.00002",
        title: "Efficient Image Compression with Learned Codecs",
        abstract: "We study learned image codecs. Our compression pipeline beats classical codecs on every image benchmark we tried.",
        publishedAt: "2026-01-02",
        sourceUpvotes: 5,
      }),
      makePaper({
        id: "2601.00003",
        title: "Scaling Laws for Neural Language Models",
        abstract: "We study empirical scaling laws for language model performance on the cross-entropy loss.",
        publishedAt: "2020-01-23",
        sourceUpvotes: 50,
      }),
      makePaper({
        id: "2601.00004",
        title: "Sanitizing Markup in Paper Abstracts",
        abstract:
          'Some abstracts contain <script>alert("x")</script> & "quotes" that must stay text when sanitizing. 3.1\\% hold {\\em TeX}~markup.',
        publishedAt: "2026-01-04",
      }),
      makePaper({
        id: "2601.00005",
        title: "Diffusion Models Beat GANs on Image Synthesis",
        abstract: "We show that diffusion models achieve image sample quality superior to generative adversarial networks.",
        organizationName: "acme",
        categories: ["cs.CV", "cs.LG"],
        primaryCategory: "cs.CV",
        publishedAt: "2021-05-11",
        sourceUpvotes: 20,
      }),
      makePaper({
        id: "2601.00006",
        title: "Vision Transformers for Dense Prediction",
        abstract: "We introduce dense vision transformers, an architecture that leverages vision transformers for dense prediction.",
        aiKeywords: ["ViT", "depth estimation"],
        categories: ["cs.CV"],
        primaryCategory: "cs.CV",
        publishedAt: "2021-03-24",
        sourceUpvotes: 80,
      }),
      makePaper({
        id: "2601.00007",
        title: "Reinforcement Learning from Human Feedback at Scale",
        abstract: "Learning reward models from human preferences and optimising policies against them.",
        organizationName: "acme",
        categories: ["cs.LG"],
        primaryCategory: "cs.LG",
        publishedAt: "2025-12-01",
        sourceUpvotes: 7,
      }),
      // Same text, same upvotes, same day: only the id can order them, so paging must use it.
      ...Array.from({ length: BENCHMARKS }, (_, i) =>
        makePaper({
          id: `2602.${String(10000 + i)}`,
          title: `Benchmark study ${i}`,
          abstract: "A benchmark study of retrieval.",
          publishedAt: "2026-02-01",
          sourceUpvotes: 1,
        }),
      ),
    ],
    [{ name: "acme", fullname: "Acme Research" }],
  );
});

describe("GET /api/papers/search: relevance", () => {
  it("ranks the paper whose title is the query first", async () => {
    expect((await ids({ q: "attention is all you need" }))[0]).toBe("1706.03762");
    expect((await ids({ q: "scaling laws language models" }))[0]).toBe("2601.00003");
    expect((await ids({ q: "vision transformers dense" }))[0]).toBe("2601.00006");
  });

  it("ranks a title match above an abstract-only match", async () => {
    // "diffusion" is in 2601.00005's title; "networks" only in abstracts.
    const found = await ids({ q: "image" });
    expect(found.slice(0, 2).sort()).toEqual(["2601.00002", "2601.00005"]);
  });

  it("finds papers by author and keyword", async () => {
    expect(await ids({ q: "vaswani" })).toEqual(["1706.03762"]);
    expect(await ids({ q: "depth estimation" })).toEqual(["2601.00006"]);
  });

  it("answers with the paper, a highlighted title and a highlighted snippet", async () => {
    const [first] = await items({ q: "diffusion models" });
    expect(first).toMatchObject({
      paper: { id: "2601.00005", title: "Diffusion Models Beat GANs on Image Synthesis" },
      highlightedTitle: "<mark>Diffusion</mark> <mark>Models</mark> Beat GANs on Image Synthesis",
      match: "text",
    });
    expect(first?.highlightedSummary).toBe(
      "We show that <mark>diffusion</mark> <mark>models</mark> achieve image sample quality superior to generative adversarial networks.",
    );
  });
});

describe("query syntax", () => {
  it("matches quoted phrases only in that order", async () => {
    expect(await ids({ q: '"image synthesis"' })).toEqual(["2601.00005"]);
    expect(await ids({ q: '"synthesis image"' })).toEqual([]);
  });

  it("ANDs words, ORs with OR, and excludes with -word", async () => {
    // No paper has both words: nothing matches the text, similar titles may follow, marked so.
    const both = await items({ q: "compression diffusion" });
    expect(both.filter((i) => i.match === "text")).toEqual([]);
    expect((await ids({ q: "compression OR diffusion" })).sort()).toEqual(["2601.00002", "2601.00005"]);
    expect(await ids({ q: "image -compression" })).toEqual(["2601.00005"]);
    expect(await ids({ q: 'image -"learned codecs"' })).toEqual(["2601.00005"]);
  });

  it("matches the last word as a prefix while it is typed", async () => {
    expect(await ids({ q: "compres" })).toEqual(["2601.00002"]);
    expect(await ids({ q: "image compres" })).toEqual(["2601.00002"]);
    expect((await ids({ q: "reinforcement learnin" }))[0]).toBe("2601.00007");
    // Once a space follows, the word is complete and no longer a prefix.
    const complete = await items({ q: "compres " });
    expect(complete.filter((i) => i.match === "text")).toEqual([]);
  });

  it("names the corrected query when results for it follow", async () => {
    const res = await get({ q: "atention mechanisms" });
    expect(decodeURIComponent(res.headers.get("x-corrected-query") ?? "")).toBe("attention mechanisms");
    const found = (await res.json()) as Item[];
    expect(found[0]).toMatchObject({ paper: { id: "1706.03762" }, match: "similar" });
    expect(found[0]?.highlightedSummary).toContain("<mark>attention</mark> <mark>mechanisms</mark>");
    // A query with enough matches of its own is not corrected.
    expect((await get({ q: "attention" })).headers.get("x-corrected-query")).toBeNull();
  });

  it("finds titles despite typos, marked as similar", async () => {
    const found = await items({ q: "tranformer" });
    expect(found[0]?.paper.id).toBe("2601.00006");
    expect(found[0]?.match).toBe("similar");
    expect(found[0]?.highlightedTitle).toContain("<mark>Transformers</mark>");
    expect((await ids({ q: "atention is all you need" }))[0]).toBe("1706.03762");
    expect((await ids({ q: "difusion modles" }))[0]).toBe("2601.00005");
  });

  it("puts the paper an arXiv id or URL names first", async () => {
    for (const q of ["1706.03762", "arXiv:1706.03762v5", "https://arxiv.org/abs/1706.03762", "arxiv.org/pdf/1706.03762v7.pdf"]) {
      const [first] = await items({ q });
      expect(first?.paper.id, q).toBe("1706.03762");
      expect(first?.match, q).toBe("id");
    }
    expect(await ids({ q: "2999.99999" })).toEqual([]);
  });
});

describe("highlighting", () => {
  it("escapes everything from the data; only <mark> is markup; the abstract is its text, not its TeX", async () => {
    const [hit] = await items({ q: "sanitizing" });
    expect(hit?.paper.id).toBe("2601.00004");
    expect(hit?.highlightedTitle).toBe("<mark>Sanitizing</mark> Markup in Paper Abstracts");
    expect(hit?.highlightedSummary).toBe(
      "Some abstracts contain &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; that must stay text when <mark>sanitizing</mark>. 3.1% hold TeX markup.",
    );
    const tags = (hit?.highlightedSummary ?? "").match(/<[^>]*>/g);
    expect(tags).toEqual(["<mark>", "</mark>"]);
  });

  it("does not let a query inject markup", async () => {
    const [hit] = await items({ q: "<em>sanitizing</em>" });
    expect(hit?.highlightedTitle).toBe("<mark>Sanitizing</mark> Markup in Paper Abstracts");
    expect(JSON.stringify(hit)).not.toContain("<em>");
  });
});

describe("filters and sorting", () => {
  it("filters by organization, arXiv category and published dates", async () => {
    expect((await ids({ q: "learning OR image", org: "acme" })).sort()).toEqual(["2601.00005", "2601.00007"]);
    expect(await ids({ q: "image", category: "cs.CV" })).toEqual(["2601.00005"]);
    expect((await ids({ q: "vision OR diffusion", category: "cs.CV" })).sort()).toEqual(["2601.00005", "2601.00006"]);
    expect(await ids({ q: "image", from: "2026-01-01" })).toEqual(["2601.00002"]);
    expect(await ids({ q: "image", to: "2025-12-31" })).toEqual(["2601.00005"]);
    expect(await ids({ q: "models", from: "2021-01-01", to: "2021-12-31" })).toEqual(["2601.00005"]);
  });

  it("lists filtered papers newest first when there is no query", async () => {
    expect(await ids({ org: "acme" })).toEqual(["2601.00007", "2601.00005"]);
    expect(await ids({ org: "acme", sort: "upvotes" })).toEqual(["2601.00005", "2601.00007"]);
  });

  it("sorts by newest and by most upvoted", async () => {
    expect(await ids({ q: "vision OR image OR diffusion", sort: "newest" })).toEqual(["2601.00002", "2601.00005", "2601.00006"]);
    expect(await ids({ q: "vision OR image OR diffusion", sort: "upvotes" })).toEqual(["2601.00006", "2601.00005", "2601.00002"]);
  });
});

describe("pagination", () => {
  it.each(["relevance", "newest", "upvotes"])("pages through every match exactly once (sort=%s)", async (sort) => {
    const all = await ids({ q: "benchmark study", sort, limit: "100" });
    expect(all).toHaveLength(BENCHMARKS + 1);
    const paged: string[] = [];
    for (let p = 0; p < 6; p += 1) paged.push(...(await ids({ q: "benchmark study", sort, limit: "5", p: String(p) })));
    expect(paged).toEqual(all);
  });

  it("announces the next page in a Link header, and only while there is one", async () => {
    const first = await get({ q: "benchmark", limit: "20" });
    expect(first.headers.get("link")).toBe('</api/papers/search?q=benchmark&limit=20&p=1>; rel="next"');
    const last = await get({ q: "benchmark", limit: "20", p: "1" });
    expect(last.headers.get("link")).toBeNull();
  });

  it("keeps the arXiv id hit and the typo matches in one stable list", async () => {
    for (const q of ["1706.03762", "tranformer"]) {
      const all = (await searchPapers({ q, limit: 50 })).hits.map((h) => h.paper.id);
      const paged: string[] = [];
      for (let offset = 0; offset < all.length + 2; offset += 2) {
        paged.push(...(await searchPapers({ q, limit: 2, offset })).hits.map((h) => h.paper.id));
      }
      expect(paged, q).toEqual(all);
    }
  });
});

describe("bad input never fails", () => {
  const odd = [
    "",
    "   ",
    "the of and",
    "🚀🔥 transformers 🤖",
    "ünïcødé 日本語の論文 العربية",
    '"',
    '""',
    '"unterminated phrase',
    "- -- ---x",
    "& | ! ( ) : * \\",
    "a:* & !b | (c <-> d)",
    "'; drop table papers; --",
    "1' or '1'='1",
    "$1 $$ %s %% \\x00",
    "OR OR OR",
    "-image",
    "x".repeat(250),
    "word ".repeat(12),
  ];

  it.each(odd)("answers %j with 200 and a list", async (q) => {
    const res = await get({ q });
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  });

  it("answers a query past the term limits with a 400 naming the limit, not a failure", async () => {
    const res = await get({ q: "word ".repeat(50) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request:search", message: expect.stringContaining("at most 40 terms") } });
  });

  it("answers an empty list for nothing to search for", async () => {
    for (const q of ["", "   ", "the of and", "& | ! ( ) : * \\", "-image", "🚀"]) expect(await ids({ q }), q).toEqual([]);
  });

  it("still searches the words around the symbols", async () => {
    expect((await ids({ q: "🚀 (diffusion) & !models*" }))[0]).toBe("2601.00005");
    expect(await ids({ q: "scaling'); --" })).toContain("2601.00003");
  });

  it.each([
    [{ q: "x".repeat(251) }, "q"],
    [{ q: "y".repeat(10_000) }, "q"],
    [{ q: "a", limit: "0" }, "limit"],
    [{ q: "a", limit: "121" }, "limit"],
    [{ q: "a", p: "-1" }, "p"],
    [{ q: "a", from: "2026-13-01" }, "from"],
    [{ q: "a", sort: "random" }, "sort"],
    [{ q: "a", category: "cs.CL'; --" }, "category"],
    [{ q: "a", nope: "1" }, "nope"],
  ])("rejects %j with a 400 naming %s", async (params, mention) => {
    const res = await get(params as Record<string, string>);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request:search");
    expect(body.error.message).toContain(mention);
  });

  it("cuts an over-long query instead of failing when called directly", async () => {
    // Cut to 250 characters: the z-word matches nothing, and is named rather than dropped.
    const page = await searchPageData({ q: `diffusion ${"z".repeat(10_000)}` });
    expect(page.hits).toEqual([]);
    expect(page.help?.unmatched).toEqual(["z".repeat(240)]);
  });

  it("still works after all of that", async () => {
    expect((await ids({ q: "diffusion" }))[0]).toBe("2601.00005");
  });
});

describe("GET /api/search/suggest (the header box)", () => {
  const suggest = (q: string) => suggestRoute(new NextRequest(`http://localhost/api/search/suggest?${new URLSearchParams({ q })}`));

  it("answers the top five matches with their titles marked and a few words about each", async () => {
    const res = await suggest("compression");
    expect(res.status).toBe(200);
    const found = (await res.json()) as { id: string; path: string; title: { text: string; mark: boolean }[]; meta: string }[];
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(5);
    expect(found[0]).toMatchObject({ path: `/papers/${found[0]!.id}` });
    expect(found.some((s) => s.title.some((t) => t.mark && /compression/i.test(t.text)))).toBe(true);
  });

  it("answers nothing for an empty query and 400 for a too long one", async () => {
    expect(await (await suggest("  ")).json()).toEqual([]);
    expect((await suggest("x".repeat(300))).status).toBe(400);
  });
});
