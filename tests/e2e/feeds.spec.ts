import type { APIRequestContext, Page } from "@playwright/test";
import { latestMailTo, signInLink } from "./support/mail-sink";
import { expect, test } from "./support/test";

const mailDir = process.env.E2E_MAIL_DIR!;

const CONTENT_TYPES: Record<string, string> = {
  "application/rss+xml": "application/rss+xml; charset=utf-8",
  "application/atom+xml": "application/atom+xml; charset=utf-8",
  "application/feed+json": "application/feed+json; charset=utf-8",
};

/** The page's feed discovery tags. */
function feedLinks(page: Page) {
  return page
    .locator('head link[rel="alternate"][type]')
    .evaluateAll((links) =>
      links.map((l) => ({ type: l.getAttribute("type") ?? "", href: (l as HTMLLinkElement).href, title: l.getAttribute("title") ?? "" })),
    );
}

async function expectFeed(request: APIRequestContext, url: string, type: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  expect(res.headers()["content-type"], url).toBe(type);
  expect(await res.text()).toContain("/papers/");
}

test("listing, search and organization pages link their feeds, which answer in their formats", async ({ page, request }) => {
  const pages = [
    { path: "/", feed: "/feeds/daily." },
    { path: "/papers/trending", feed: "/feeds/trending." },
    { path: "/papers?q=compression", feed: "/feeds/search." },
    { path: "/papers/org/amazon", feed: "/feeds/org/amazon." },
  ];
  for (const { path, feed } of pages) {
    await page.goto(path);
    const links = await feedLinks(page);
    expect(links.map((l) => l.type).sort(), path).toEqual(Object.keys(CONTENT_TYPES).sort());
    for (const link of links) {
      const url = new URL(link.href);
      expect(url.pathname, path).toContain(feed);
      expect(url.searchParams.get("q"), path).toBe(path.includes("?q=") ? "compression" : null);
      expect(link.title).toMatch(/\((RSS|Atom|JSON Feed)\)$/);
      await expectFeed(request, link.href, CONTENT_TYPES[link.type]!);
    }
  }
});

test("the private feed's address is in my settings, and a reset makes the old one a 404", async ({ page, request }) => {
  const address = `feeds-${Date.now()}@example.org`;
  await page.goto("/signin?callbackUrl=%2Fsettings%2Ftopics");
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  let mail: string | null = null;
  await expect.poll(() => (mail = latestMailTo(mailDir, address)), { timeout: 15_000 }).not.toBeNull();
  await page.goto(signInLink(mail!));
  await expect(page).toHaveURL(/\/settings\/topics$/);

  await expect(page.getByRole("heading", { name: "Your private feed" })).toBeVisible();
  const field = page.getByLabel("Feed address (RSS)");
  await expect(field).toHaveValue(/\/feeds\/me\/[\w-]{65}\.xml$/);
  const old = await field.inputValue();
  await expectFeed(request, old, CONTENT_TYPES["application/rss+xml"]!);
  await expect(page.getByRole("link", { name: "Atom" })).toHaveAttribute("href", old.replace(/\.xml$/, ".atom"));
  await expect(page.getByRole("link", { name: "JSON Feed" })).toHaveAttribute("href", old.replace(/\.xml$/, ".json"));

  await page.getByRole("button", { name: "Reset…" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(field).toHaveValue(old);
  await page.getByRole("button", { name: "Reset…" }).click();
  await page.getByRole("button", { name: "Reset the address" }).click();
  await expect(field).not.toHaveValue(old);
  const renewed = await field.inputValue();
  expect((await request.get(old)).status()).toBe(404);
  await expectFeed(request, renewed, CONTENT_TYPES["application/rss+xml"]!);
  await page.reload();
  await expect(field).toHaveValue(renewed);
});

test("a reader polling the daily feed with the ETag it was given is answered 304 with no body, from the response cache too", async ({
  request,
}) => {
  const first = await request.get("/feeds/daily.xml");
  expect(first.status()).toBe(200);
  const { etag, "last-modified": modified } = first.headers();
  expect(etag).toBeTruthy();
  // Asked again within RESPONSE_CACHE_SECONDS, the feed is held by npm start's response cache.
  expect((await request.get("/feeds/daily.xml")).headers()["x-response-cache"]).toBe("HIT");
  const conditions: Record<string, string>[] = [{ "if-none-match": etag! }, { "if-modified-since": modified! }];
  for (const condition of conditions) {
    const polled = await request.get("/feeds/daily.xml", { headers: condition });
    expect(polled.status(), JSON.stringify(condition)).toBe(304);
    expect(polled.headers()["x-response-cache"]).toBe("HIT");
    expect(polled.headers().etag).toBe(etag);
    expect((await polled.body()).length).toBe(0);
  }
  const changed = await request.get("/feeds/daily.xml", { headers: { "if-none-match": '"an-older-feed"' } });
  expect([changed.status(), (await changed.text()).includes("/papers/")]).toEqual([200, true]);
});
