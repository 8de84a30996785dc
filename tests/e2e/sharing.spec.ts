import { XMLParser } from "fast-xml-parser";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/test";

// The server shows the bundled sample (db/sample/papers.json): LongCodeZip is the most upvoted
// paper of its last day, 2026-03-24. The public URL (AUTH_URL) is the base URL.
const PAPER = { id: "local-ca4299b979b6", title: "LongCodeZip: Compress Long Context for Code Language Models" };
const DAY = "2026-03-24";

/** The tokens of a Vary header, lower-cased. */
const varyTokens = (value: string | undefined) => (value ?? "").split(",").map((t) => t.trim().toLowerCase());

const meta = (page: Page, key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).first();

/** The page's sharing tags, each checked to be there. */
async function sharingTags(page: Page) {
  const read = async (key: string) => {
    await expect(meta(page, key), key).toHaveAttribute("content", /.+/);
    return (await meta(page, key).getAttribute("content"))!;
  };
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(1);
  return {
    title: await page.title(),
    description: await read("description"),
    canonical: (await page.locator('link[rel="canonical"]').getAttribute("href"))!,
    ogTitle: await read("og:title"),
    ogDescription: await read("og:description"),
    ogUrl: await read("og:url"),
    ogImage: await read("og:image"),
    ogImageWidth: await read("og:image:width"),
    ogImageHeight: await read("og:image:height"),
    twitterCard: await read("twitter:card"),
    twitterImage: await read("twitter:image"),
  };
}

async function expectPng(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  expect(res.headers()["cache-control"]).toMatch(/s-maxage=\d+/);
  const bytes = await res.body();
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
}

test("a paper's page has its title, description, canonical URL and a link preview with its own image", async ({
  page,
  request,
  baseURL,
}) => {
  await page.goto(`/papers/${PAPER.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PAPER.title);
  const tags = await sharingTags(page);
  expect(tags.title).toBe(`${PAPER.title} · Daily Papers`);
  expect(tags.canonical).toBe(`${baseURL}/papers/${PAPER.id}`);
  expect(tags.ogUrl).toBe(tags.canonical);
  expect(tags.ogTitle).toBe(PAPER.title);
  expect(tags.description.length).toBeGreaterThan(40);
  expect(tags.ogImage).toBe(`${baseURL}/og/papers/${PAPER.id}.png`);
  expect([tags.ogImageWidth, tags.ogImageHeight]).toEqual(["1200", "630"]);
  expect(tags.twitterCard).toBe("summary_large_image");
  expect(tags.twitterImage).toBe(tags.ogImage);
  await expectPng(request, tags.ogImage);
  expect((await request.get(`/og/papers/local-000000000000.png`)).status()).toBe(404);
});

test("a day's page, and the home page showing the latest day, preview the day with its image", async ({ page, request, baseURL }) => {
  for (const path of [`/papers/date/${DAY}`, "/"]) {
    await page.goto(path);
    const tags = await sharingTags(page);
    expect(tags.canonical).toBe(`${baseURL}/papers/date/${DAY}`);
    expect(tags.description).toContain("29 machine learning papers listed on Tuesday, March 24, 2026");
    expect(tags.description).toContain(PAPER.title);
    expect(tags.ogImage).toBe(`${baseURL}/og/days/${DAY}.png`);
    expect(tags.twitterCard).toBe("summary_large_image");
  }
  await expectPng(request, `${baseURL}/og/days/${DAY}.png`);
  expect((await request.get("/og/days/2026-03-21.png")).status()).toBe(404);
});

test("every listing page has a title, a description and an absolute canonical URL", async ({ page, baseURL }) => {
  const listings: Array<[string, string, string]> = [
    ["/papers/week/2026-W13", "Week 13: Mar 23, 2026 – Mar 29, 2026 · Daily Papers", "/papers/week/2026-W13"],
    ["/papers/month/2026-03", "March 2026 · Daily Papers", "/papers/month/2026-03"],
    ["/papers/trending", "Trending papers · Daily Papers", "/papers/trending"],
    ["/papers?q=code", "Search: code · Daily Papers", "/papers?q=code"],
    ["/papers/org/StanfordUniversity", "Papers from Stanford University · Daily Papers", "/papers/org/StanfordUniversity"],
    ["/papers/author/Ada%20Lovelace", "Papers by Ada Lovelace · Daily Papers", "/papers/author/Ada%20Lovelace"],
  ];
  for (const [path, title, canonical] of listings) {
    await page.goto(path);
    await expect(page, path).toHaveTitle(title);
    await expect(meta(page, "description"), path).toHaveAttribute("content", /\w{3,}/);
    await expect(page.locator('link[rel="canonical"]'), path).toHaveAttribute("href", `${baseURL}${canonical}`);
  }
});

test("a search's first page may be indexed; its later pages and filtered views may not", async ({ page }) => {
  const robots = page.locator('meta[name="robots"]');
  await page.goto("/papers?q=compression");
  await expect(robots).toHaveCount(0);
  for (const path of ["/papers?q=compression&p=1", "/papers?q=compression&sort=newest", "/papers?q=compression&category=cs.CL"]) {
    await page.goto(path);
    await expect(robots, path).toHaveAttribute("content", /noindex/);
  }
});

test("a paper as Markdown: its .md URL, and its page asked for as text/markdown; browsers still get HTML", async ({ page, request }) => {
  const md = await request.get(`/papers/${PAPER.id}.md`);
  expect(md.status()).toBe(200);
  expect(md.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
  const text = await md.text();
  expect(text.startsWith(`# ${PAPER.title}\n`)).toBe(true);
  expect(text).toContain("## Abstract");
  expect(text).toContain(`**Listed on Daily Papers:** ${DAY}`);

  const negotiated = await request.get(`/papers/${PAPER.id}`, { headers: { Accept: "text/markdown" } });
  expect(negotiated.status()).toBe(200);
  expect(negotiated.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
  expect(varyTokens(negotiated.headers()["vary"])).toContain("accept");
  // Cached like the page: in the app (ISR) and by a CDN.
  expect(negotiated.headers()["cache-control"]).toMatch(/s-maxage=60\b/);
  expect(await negotiated.text()).toBe(text);

  expect((await request.get("/papers/local-000000000000.md")).status()).toBe(404);

  const visit = await page.goto(`/papers/${PAPER.id}`);
  expect(visit!.headers()["content-type"]).toMatch(/^text\/html/);
  expect(varyTokens(visit!.headers()["vary"])).toContain("accept");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PAPER.title);
});

test("sitemap.xml indexes the months, a month's sitemap lists its days and papers, robots.txt points at it", async ({
  request,
  baseURL,
}) => {
  const parser = new XMLParser({ isArray: (name) => name === "url" || name === "sitemap" });
  const index = await request.get("/sitemap.xml");
  expect(index.status()).toBe(200);
  expect(index.headers()["content-type"]).toMatch(/^application\/xml/);
  const { sitemapindex } = parser.parse(await index.text()) as { sitemapindex: { sitemap: Array<{ loc: string; lastmod: string }> } };
  expect(sitemapindex.sitemap.map((s) => s.loc)).toEqual([`${baseURL}/sitemaps/2026-03.xml`]);

  const month = await request.get(sitemapindex.sitemap[0]!.loc);
  expect(month.status()).toBe(200);
  const { urlset } = parser.parse(await month.text()) as { urlset: { url: Array<{ loc: string; lastmod: string }> } };
  const locs = urlset.url.map((u) => u.loc);
  // The month page, five days, and all 145 sample papers.
  expect(locs).toHaveLength(1 + 5 + 145);
  expect(locs).toContain(`${baseURL}/papers/date/${DAY}`);
  expect(locs).toContain(`${baseURL}/papers/${PAPER.id}`);
  for (const u of urlset.url) expect(Number.isNaN(Date.parse(u.lastmod))).toBe(false);

  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const lines = (await robots.text()).split("\n");
  for (const path of ["/api/", "/settings/", "/admin/", "/signin", "/feeds/me/"]) expect(lines).toContain(`Disallow: ${path}`);
  expect(lines).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
});
