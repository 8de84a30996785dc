import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { MetadataRoute } from "next";
import { resolveRobots } from "next/dist/build/webpack/loaders/metadata/resolve-route-data";
import { ImageResponse } from "next/og";
import { createElement } from "react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as dayImageRoute } from "@/app/og/days/[day]/route";
import { GET as paperImageRoute } from "@/app/og/papers/[id]/route";
import { GET as markdownRoute } from "@/app/papers/[id]/markdown/route";
import robots from "@/app/robots";
import { GET as sitemapRoute } from "@/app/sitemaps/[name]/route";
import { getPaper } from "@/db/queries/papers";
import { getDb } from "@/db";
import { drawableCharacters, drawableText } from "@/lib/share-image-text";
import { periodMetadata } from "@/server/periods";
import { drawShareImage, paperFace } from "@/server/share-images/draw";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

// Tests run with no AUTH_URL: the public URL is http://localhost:PORT (lib/env.ts), PORT 3000.
const SITE = "http://localhost:3000";

const TEX_ABSTRACT =
  "We bound the error by $\\mathcal{O}(\\sqrt{n})$ where $n$ is the number of *tokens*, and show that\n\\[ \\sum_{i=1}^{n} x_i^2 \\le 1 \\]\nholds for all [inputs] % but see the appendix\n" +
  "with 3.1\\% of the \\emph{tokens} and \\textbf{no} loss~--- code at \\href{https://example.org/a\\_b_(v2)}{our site}, {\\'e}t{\\'e} \\$5.";
/** The abstract in Markdown: its TeX read, math kept as `$…$`, and what Markdown would read as markup escaped. */
const ABSTRACT_MARKDOWN =
  "We bound the error by $\\mathcal{O}(\\sqrt{n})$ where $n$ is the number of \\*tokens\\*, and show that\n$$\\sum_{i=1}^{n} x_i^2 \\le 1$$\nholds for all \\[inputs\\] " +
  "with 3.1% of the *tokens* and **no** loss — code at [our site](https://example.org/a_b_%28v2%29), été \\$5.";

const markdown = (id: string) => markdownRoute(new Request(`${SITE}/papers/${id}/markdown`), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  await resetDatabase();
  await insertPapers(
    [
      makePaper({
        id: "2604.00001",
        title: "Sparse $k$-Experts: Routing at Scale",
        abstract: TEX_ABSTRACT,
        authors: ["Grace Hopper", "Edsger Dijkstra", "Frances Allen", "Alan Kay"],
        authorCount: 4,
        publishedAt: "2026-04-01",
        listedOn: "2026-04-02",
        sourceUpvotes: 42,
        githubRepo: "https://github.com/tiny/experts",
        projectPage: "https://tiny.example/experts (demo)",
        aiSummary: "Many tiny experts beat a few big ones.",
        aiKeywords: ["mixture of experts", "routing"],
        organizationName: "tiny-labs",
        submittedByName: "grace",
        submittedByFullname: "Grace H.",
        updatedAt: new Date("2026-04-02T12:00:00Z"),
      }),
      makePaper({
        id: "local-0123456789ab",
        title: "A sample paper",
        abstract: "",
        authors: [],
        authorCount: 3,
        listedOn: "2026-04-02",
        publishedAt: null,
        updatedAt: new Date("2026-04-03T08:00:00Z"),
      }),
      makePaper({
        id: "2604.00003",
        title: "Another day's paper",
        listedOn: "2026-04-06",
        sourceUpvotes: 7,
        updatedAt: new Date("2026-04-07T09:30:00Z"),
      }),
      makePaper({
        id: "2603.00009",
        title: 'March & <its> "last" paper',
        listedOn: "2026-03-31",
        sourceUpvotes: 1,
        updatedAt: new Date("2026-04-01T00:00:00Z"),
      }),
      makePaper({ id: "2699.00001", title: "Never listed", listedOn: null }),
    ],
    [{ name: "tiny-labs", fullname: "Tiny Labs" }],
  );
});

describe("a paper as Markdown", () => {
  it("holds the title, authors, organization, dates, links, abstract with its TeX read, AI summary and keywords", async () => {
    const res = await markdown("2604.00001");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("vary")).toBe("Accept");
    expect(res.headers.get("link")).toBe(`<${SITE}/papers/2604.00001>; rel="canonical"`);
    const text = await res.text();
    expect(text.startsWith("# Sparse $k$-Experts: Routing at Scale\n")).toBe(true);
    expect(text).toContain("**Authors:** Grace Hopper, Edsger Dijkstra, Frances Allen, Alan Kay");
    expect(text).toContain("**Organization:** Tiny Labs");
    expect(text).toContain("**Published:** 2026-04-01");
    expect(text).toContain("**Listed on Daily Papers:** 2026-04-02");
    expect(text).toContain("**Submitted by:** Grace H.");
    expect(text).toContain("**Upvotes:** 42");
    expect(text).toContain(`[Daily Papers](${SITE}/papers/2604.00001)`);
    expect(text).toContain("[arXiv](https://arxiv.org/abs/2604.00001)");
    expect(text).toContain("[PDF](https://arxiv.org/pdf/2604.00001)");
    expect(text).toContain("[Code (tiny/experts)](https://github.com/tiny/experts)");
    // A destination with a space and parentheses is encoded so the link stays one link.
    expect(text).toContain("[Project page](https://tiny.example/experts%20%28demo%29)");
    expect(text).toContain(`## Abstract\n\n${ABSTRACT_MARKDOWN}\n`);
    expect(text).toContain("## AI summary\n\nMany tiny experts beat a few big ones.");
    expect(text).toContain("## Keywords\n\nmixture of experts, routing");
  });

  it("leaves out what the store does not know", async () => {
    const text = await (await markdown("local-0123456789ab")).text();
    expect(text).toContain("**Authors:** 3 authors (names not available)");
    expect(text).toContain("No abstract available.");
    for (const absent of ["[arXiv]", "PDF", "Code", "Project page", "Organization", "Published:", "AI summary", "Keywords"]) {
      expect(text).not.toContain(absent);
    }
  });

  it.each(["2699.99999", "not-a-paper", "%E0%A4%A", "x".repeat(3000)])("answers 404 for an unknown paper (%#)", async (id) => {
    const res = await markdown(id);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
  });
});

/** A PNG's width and height, read from its IHDR chunk (right after the 8-byte signature). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("share images", () => {
  const paperImage = (file: string) => paperImageRoute(new Request(`${SITE}/og/papers/${file}`), { params: Promise.resolve({ id: file }) });
  const dayImage = (file: string) => dayImageRoute(new Request(`${SITE}/og/days/${file}`), { params: Promise.resolve({ day: file }) });

  it("draws a paper's as a 1200×630 PNG", async () => {
    const res = await paperImage("2604.00001.png");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  });

  it("draws a day's as a 1200×630 PNG", async () => {
    const res = await dayImage("2026-04-02.png");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  });

  it.each(["2699.99999.png", "2604.00001", "2604.00001.jpg", "local-0123456789ab.png.png", "%E0%A4%A.png"])(
    "answers 404 for the paper image %s",
    async (file) => {
      const res = await paperImage(file);
      expect(res.status).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
    },
  );

  it.each(["2026-04-03.png", "2026-02-30.png", "2026-04-02", "latest.png", "x".repeat(500)])(
    "answers 404 for the day image %s (no papers, or not a day)",
    async (file) => {
      expect((await dayImage(file)).status).toBe(404);
    },
  );

  describe("drawn with the bundled font alone", () => {
    const requested: string[] = [];
    const realFetch = globalThis.fetch;
    afterEach(() => {
      vi.unstubAllGlobals();
      requested.length = 0;
    });
    // next/og loads its WebAssembly from data: URLs; anything else would be a download.
    const watchFetch = () =>
      vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.startsWith("data:")) return realFetch(input, init);
        requested.push(url);
        throw new Error(`no network in tests: ${url}`);
      });
    const draw = async (element: Parameters<typeof createElement>[0], text: string) => {
      const res = new ImageResponse(createElement(element as string, { style: { display: "flex", fontSize: 32 } }, text), {
        width: 1200,
        height: 630,
      });
      await res.arrayBuffer().catch(() => undefined);
    };

    it("would download for an emoji or a CJK character (so the next test can fail)", async () => {
      watchFetch();
      vi.spyOn(console, "error").mockImplementation(() => {});
      await draw("div", "Rockets 🚀");
      await draw("div", "大模型");
      expect(requested.length).toBeGreaterThanOrEqual(2);
    });

    it("downloads nothing for any character drawableText keeps, and keeps none that would need it", async () => {
      const paper = (await getPaper(await getDb(), { id: "2604.00001" }))!;
      watchFetch();
      const all = drawableCharacters();
      for (let i = 0; i < all.length; i += 120) {
        const png = await drawShareImage(
          paperFace({ ...paper, title: all.slice(i, i + 120), authors: [] }, { site: "papers.example.org" }),
        );
        expect(pngSize(Buffer.from(png))).toEqual({ width: 1200, height: 630 });
      }
      const hostile = "🤗 Scaling 大模型 to α-β Σ-Flows — ﬁne‑tuning ＬＬＭｓ‼";
      expect(drawableText(hostile)).toBe("Scaling to alpha-beta Sigma-Flows — fine-tuning LLMs!!");
      expect(
        pngSize(Buffer.from(await drawShareImage(paperFace({ ...paper, title: hostile, authors: ["李雷", "Zoë Ω"] }, { site: null })))),
      ).toEqual({ width: 1200, height: 630 });
      expect(requested).toEqual([]);
    });
  });
});

describe("page metadata", () => {
  it("gives a day its title, description, canonical URL, Open Graph and Twitter card with the day's image", async () => {
    const meta = await periodMetadata("day", "2026-04-02");
    expect(meta.title).toBe("Thursday, April 2, 2026");
    expect(meta.description).toBe(
      "The 2 machine learning papers listed on Thursday, April 2, 2026, ranked by upvotes: Sparse $k$-Experts: Routing at Scale; A sample paper.",
    );
    expect(meta.alternates?.canonical).toBe(`${SITE}/papers/date/2026-04-02`);
    expect(meta.openGraph).toMatchObject({
      url: `${SITE}/papers/date/2026-04-02`,
      images: [{ url: `${SITE}/og/days/2026-04-02.png`, width: 1200, height: 630 }],
    });
    expect(meta.twitter).toMatchObject({
      card: "summary_large_image",
      images: [expect.objectContaining({ url: `${SITE}/og/days/2026-04-02.png` })],
    });
  });

  it("offers no image for a day without papers, and a month none at all", async () => {
    const empty = await periodMetadata("day", "2026-04-03");
    expect(empty.description).toBe("No machine learning papers were listed on Friday, April 3, 2026.");
    expect(empty.openGraph).not.toHaveProperty("images");
    expect(empty.twitter).toMatchObject({ card: "summary" });
    const month = await periodMetadata("month", "2026-04");
    expect(month.alternates?.canonical).toBe(`${SITE}/papers/month/2026-04`);
    expect(month.description).toContain("The 3 machine learning papers listed in April 2026");
  });
});

const xml = new XMLParser({ isArray: (name) => name === "url" || name === "sitemap" });
type Loc = { loc: string; lastmod?: string };

describe("sitemaps", () => {
  const sitemap = (name: string) => sitemapRoute(new Request(`${SITE}/sitemaps/${name}`), { params: Promise.resolve({ name }) });
  const parse = async (res: Response) => {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const body = await res.text();
    expect(XMLValidator.validate(body)).toBe(true);
    return xml.parse(body) as { sitemapindex?: { sitemap: Loc[] }; urlset?: { url: Loc[] } };
  };

  it("indexes one sitemap per month with papers, newest first, with when it last changed", async () => {
    const { sitemapindex } = await parse(await sitemap("index.xml"));
    expect(sitemapindex!.sitemap).toEqual([
      { loc: `${SITE}/sitemaps/2026-04.xml`, lastmod: "2026-04-07T09:30:00.000Z" },
      { loc: `${SITE}/sitemaps/2026-03.xml`, lastmod: "2026-04-01T00:00:00.000Z" },
    ]);
  });

  it("lists a month's page, its days and every paper listed in it, absolute, with lastmod", async () => {
    const { urlset } = await parse(await sitemap("2026-04.xml"));
    expect(urlset!.url).toEqual([
      { loc: `${SITE}/papers/month/2026-04`, lastmod: "2026-04-07T09:30:00.000Z" },
      { loc: `${SITE}/papers/date/2026-04-02`, lastmod: "2026-04-03T08:00:00.000Z" },
      { loc: `${SITE}/papers/date/2026-04-06`, lastmod: "2026-04-07T09:30:00.000Z" },
      { loc: `${SITE}/papers/2604.00001`, lastmod: "2026-04-02T12:00:00.000Z" },
      { loc: `${SITE}/papers/local-0123456789ab`, lastmod: "2026-04-03T08:00:00.000Z" },
      { loc: `${SITE}/papers/2604.00003`, lastmod: "2026-04-07T09:30:00.000Z" },
    ]);
    const march = await parse(await sitemap("2026-03.xml"));
    expect(march.urlset!.url.map((u) => u.loc)).toEqual([
      `${SITE}/papers/month/2026-03`,
      `${SITE}/papers/date/2026-03-31`,
      `${SITE}/papers/2603.00009`,
    ]);
  });

  it.each(["2026-05.xml", "2026-13.xml", "2026-04", "sitemap.xml", "../index.xml"])("answers 404 for %s", async (name) => {
    expect((await sitemap(name)).status).toBe(404);
  });
});

describe("robots.txt", () => {
  it("points at the sitemap and keeps crawlers off the API, settings, admin, sign-in and personal feeds", () => {
    const text = resolveRobots(robots() as MetadataRoute.Robots);
    expect(text).toBe(
      [
        "User-Agent: *",
        "Allow: /",
        "Disallow: /api/",
        "Disallow: /settings/",
        "Disallow: /admin/",
        "Disallow: /signin",
        "Disallow: /feeds/me/",
        "",
        `Sitemap: ${SITE}/sitemap.xml`,
        "",
      ].join("\n"),
    );
  });
});
