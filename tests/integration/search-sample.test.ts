// What a new user sees searching the bundled sample store (issue 23): corrections that never mislead, empty pages that say why.
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as apiSearch } from "@/app/api/papers/search/route";
import { CorrectionNotice, EmptyHelpNotice, searchStatus } from "@/components/search/search-notices";
import { closeDb, getBackgroundDb, getDb } from "@/db";
import { loadSampleIfEmpty } from "@/db/queries/sample";
import { searchParamsSchema, type SearchParams } from "@/lib/search/params";
import { searchFilterValues, searchPageData, type SearchPageData } from "@/server/search";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

beforeAll(async () => {
  await resetDatabase();
  const db = await getDb();
  // As the app loads it (server/startup.ts): without the requests' statement timeout, which a loaded machine can pass.
  await loadSampleIfEmpty(await getBackgroundDb());
  // As autovacuum would on a running store: partial matches read the statistics (a "1" is in most sample papers).
  await db.execute(sql`analyze papers`);
});
afterAll(async () => {
  await closeDb();
});

const go = () => undefined;

/** The search page's data and its words: the status line and the notices above the results, as rendered. */
async function searchPage(raw: Record<string, string>): Promise<{ page: SearchPageData; text: string; html: string }> {
  const params: SearchParams = searchParamsSchema.parse(raw);
  const page = await searchPageData({ ...params, offset: params.p * params.limit });
  const html = renderToStaticMarkup(
    createElement(
      Fragment,
      null,
      createElement("p", { role: "status" }, searchStatus(page, params, { enabled: true, error: null })),
      createElement(CorrectionNotice, { page, params, go }),
      page.help && createElement(EmptyHelpNotice, { help: page.help, params, go, organizationLabel: (name: string) => name }),
    ),
  );
  const text = html
    .replace(/<\/(p|li|div)>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { page, text, html };
}

async function api(q: string) {
  const res = await apiSearch(new NextRequest(`http://localhost/api/papers/search?${new URLSearchParams({ q })}`));
  expect(res.status).toBe(200);
  const corrected = res.headers.get("x-corrected-query");
  return { corrected: corrected === null ? null : decodeURIComponent(corrected), items: (await res.json()) as { match: string }[] };
}

describe("spelling correction on the sample store", () => {
  it("does not turn a query about nothing in the store into an unrelated word, and names the words nothing has", async () => {
    const { page, text } = await searchPage({ q: "protein folding enzymes" });
    expect(page.hits).toEqual([]);
    expect([page.correctedQuery, page.suggestedQuery]).toEqual([null, null]);
    expect(text).toContain("No papers match “protein folding enzymes”.");
    expect(text).toContain("No paper has the words “protein”, “folding”, “enzymes”.");
    expect(text).not.toMatch(/holding/i);
    expect(await api("protein folding enzymes")).toEqual({ corrected: null, items: [] });
  });

  it("corrects a misspelt word to the close word papers use, shows its results and links to the query as typed", async () => {
    const { page, text, html } = await searchPage({ q: "vison transformer" });
    expect(page.correctedQuery).toBe("vision transformer");
    expect(page.hits.length).toBeGreaterThan(0);
    expect(page.hits.every((h) => h.match === "similar")).toBe(true);
    expect(text).toContain("No papers match “vison transformer”. Showing results for vision transformer instead.");
    expect(text).toContain("Results 1–");
    expect(text).toContain("for “vision transformer”");
    expect(html).toContain('href="/papers?q=vison+transformer&amp;exact=1"');

    const { corrected, items } = await api("vison transformer");
    expect(corrected).toBe("vision transformer");
    expect(items.length).toBe(page.hits.length);
    expect(items.every((i) => i.match === "similar")).toBe(true);
  });

  it("corrects several typos together", async () => {
    const { page, text } = await searchPage({ q: "quantizaton languge modles" });
    expect(page.correctedQuery).toBe("quantization language models");
    expect(page.hits.length).toBeGreaterThan(0);
    expect(text).toContain("Showing results for quantization language models instead.");
    expect((await api("quantizaton languge modles")).corrected).toBe("quantization language models");
  });

  it("searches the query as typed when asked to, and then says which word matched nothing", async () => {
    const { page, text } = await searchPage({ q: "vison transformer", exact: "1" });
    expect(page.hits).toEqual([]);
    expect(page.correctedQuery).toBeNull();
    expect(page.help?.unmatched).toEqual(["vison"]);
    expect(text).toContain("No paper has the word “vison”.");
    expect(text).toMatch(/transformer \(\d+ papers match\)/);
  });

  it("drops no word silently: the word nothing is close to stays, and the words that match are offered with their counts", async () => {
    const { page, text, html } = await searchPage({ q: "diffusion zzzz" });
    expect(page.hits).toEqual([]);
    expect(page.correctedQuery).toBeNull();
    expect(text).toContain("No paper has the word “zzzz”.");
    expect(text).toMatch(/diffusion \(\d+ papers match\)/);
    expect(html).toContain('href="/papers?q=diffusion"');
  });

  it("never corrects a real word of the store that happens to be close to a commoner one", async () => {
    // Each is in one or two sample papers; llama, code and optimal are in 15 to 49.
    for (const q of ["llava", "codec", "optical"]) {
      const { page } = await searchPage({ q });
      expect(page.hits.length, q).toBeGreaterThan(0);
      expect([page.correctedQuery, page.suggestedQuery], q).toEqual([null, null]);
    }
  });

  it.each(["<script>alert(1)</script>", "$$$", "%%%", "🙂🔥"])("leaves %s uncorrected and says plainly that nothing matches", async (q) => {
    const { page, text } = await searchPage({ q });
    expect(page.hits).toEqual([]);
    expect([page.correctedQuery, page.suggestedQuery]).toEqual([null, null]);
    expect(text).toContain(`No papers match “${q}”.`);
    if (!/\p{L}/u.test(q)) expect(text).toContain("There are no words in this search to look for");
    expect(await api(q)).toEqual({ corrected: null, items: [] });
  });
});

describe("filters that explain themselves, on the sample store", () => {
  it("names the filter that emptied the result, with how many match without it and a link there", async () => {
    const { page, text, html } = await searchPage({ q: "compression", category: "cs.CV" });
    expect(page.hits).toEqual([]);
    const without = await searchPageData({ q: "compression" });
    expect(without.total?.count).toBeGreaterThan(100);
    expect(page.help?.filters).toEqual([{ filter: "category", count: without.total }]);
    expect(text).toContain(`The arXiv category filter (cs.CV) leaves nothing: ${without.total?.count} papers match without it.`);
    expect(html).toContain('href="/papers?q=compression"');
  });

  it("names each organization once, and its filter finds the papers of every account shown under that name", async () => {
    const { organizations, categories } = await searchFilterValues();
    const labels = organizations.map((o) => (o.fullname ?? o.name).toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
    const stanford = organizations.filter((o) => o.fullname === "Stanford University");
    expect(stanford).toHaveLength(1);
    // The sample has two accounts, StanfordUniversity and Stanford-University, both "Stanford University".
    const page = await searchPageData({ q: "", org: stanford[0]?.name });
    expect(page.total?.count).toBe(2);
    // No sample paper has an arXiv category: none is offered.
    expect(categories).toEqual([]);
  });
});

describe("a query that matches a few papers as typed", () => {
  it("keeps its results and suggests the correction that matches far more", async () => {
    // One paper misspells "models", which 104 sample papers use: a typo, not a word of its own.
    await insertPapers([makePaper({ id: "local-typo", title: "Quantization of language modles on phones" })]);
    const { page, text, html } = await searchPage({ q: "quantization language modles" });
    // Its one match first (partial matches of the three words follow), and no result for the correction.
    expect(page.hits.map((h) => [h.card.id, h.match])[0]).toEqual(["local-typo", "text"]);
    expect(page.hits.filter((h) => h.match === "similar")).toEqual([]);
    expect(page.correctedQuery).toBeNull();
    expect(page.suggestedQuery).toBe("quantization language models");
    expect(text).toContain("Did you mean quantization language models?");
    expect(html).toContain('href="/papers?q=quantization+language+models"');
    const { corrected, items } = await api("quantization language modles");
    expect(corrected).toBe("quantization language models");
    expect(items[0]?.match).toBe("text");
    expect(items.filter((i) => i.match === "similar")).toEqual([]);
  });
});
