import { expect, test } from "./support/test";

// The server starts on an empty store, so it shows the bundled sample corpus: 145 papers listed
// 29 a day on the weekdays 2026-03-18 to 2026-03-24 (db/sample/papers.json).

test("browse: latest day, previous day, a paper and back, week and month views", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tuesday, March 24, 2026");
  await expect(page.getByRole("article")).not.toHaveCount(0);

  await page.getByRole("link", { name: "Previous day" }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-23$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Monday, March 23, 2026");

  const firstPaper = page.getByRole("article").first().getByRole("heading").getByRole("link");
  const title = (await firstPaper.textContent())!.trim();
  await firstPaper.click();
  await expect(page).toHaveURL(/\/papers\/local-[0-9a-f]{12}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("heading", { name: "Abstract" })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-23$/);

  await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Week" }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2026-W13$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Week 13: Mar 23, 2026 – Mar 29, 2026");
  // A week's pages list its papers fifty at a time and link each of its days.
  await expect(page.getByRole("article")).toHaveCount(50);
  await expect(page.getByText("Papers 1–50 of 58, ranked by upvotes")).toBeVisible();
  const days = page.getByRole("navigation", { name: "Every paper, day by day" }).getByRole("link");
  await expect(days).toHaveCount(2);
  await expect(days.first()).toHaveText("Mar 23, 2026 (29)");

  await page.getByRole("link", { name: "Previous week" }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2026-W12$/);
  await expect(page.getByText("Papers 1–50 of 87, ranked by upvotes")).toBeVisible();

  await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Month" }).click();
  await expect(page).toHaveURL(/\/papers\/month\/2026-03$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("March 2026");
  await expect(page.getByRole("article")).toHaveCount(50);
  await expect(page.getByText("Papers 1–50 of 145, ranked by upvotes")).toBeVisible();
  await expect(page.getByRole("link", { name: "Next month" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Previous month" })).toHaveCount(0);
});

test("a fresh store's home is a full day of sample papers, says so, and every sample day is a browse away", async ({ page }) => {
  await page.goto("/");
  expect(await page.getByRole("article").count()).toBeGreaterThanOrEqual(20);
  await expect(page.getByRole("note")).toContainText("bundled sample papers");
  await expect(page.getByRole("note")).toContainText("npm run ingest -- --days 7");
  // Every day back to the first, 29 papers each: 145 in all.
  let seen = await page.getByRole("article").count();
  for (const day of ["2026-03-23", "2026-03-20", "2026-03-19", "2026-03-18"]) {
    await page.getByRole("link", { name: "Previous day" }).click();
    await expect(page).toHaveURL(new RegExp(`/papers/date/${day}$`));
    await expect(page.getByRole("article")).toHaveCount(29);
    seen += 29;
  }
  await expect(page.getByRole("link", { name: "Previous day" })).toHaveCount(0);
  expect(seen).toBe(145);
});

test("a card's abstract shows its first lines and expands in place", async ({ page }) => {
  await page.goto("/papers/date/2026-03-24");
  const card = page.getByRole("article").filter({ hasText: "HeBA: Heterogeneous Bottleneck Adapters" });
  const more = card.getByRole("button", { name: "Show more" });
  await expect(more).toHaveAttribute("aria-expanded", "false");
  const abstract = card.locator("p").filter({ hasText: "Adapting large-scale Vision-Language Models" });
  const collapsed = (await abstract.boundingBox())!.height;
  await more.click();
  await expect(card.getByRole("button", { name: "Show less" })).toHaveAttribute("aria-expanded", "true");
  // The rest of the abstract arrives from /api/papers/{id} after the click.
  await expect.poll(async () => (await abstract.boundingBox())!.height).toBeGreaterThan(collapsed * 2);
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-24$/);
  // The metadata line: the author count, never "1 authors".
  await expect(card.getByRole("list", { name: "About this paper" })).toContainText("1 author");
  await expect(card).not.toContainText("1 authors");
});

test("arrow keys move between days, and the paper page links back to its day", async ({ page }) => {
  await page.goto("/papers/date/2026-03-23");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Monday, March 23, 2026");
  await page.waitForLoadState("networkidle"); // the key handler exists once the page has hydrated
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-20$/);
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-23$/);

  await page.getByRole("article").first().getByRole("heading").getByRole("link").click();
  await page.getByRole("link", { name: /Back to Monday, March 23, 2026/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-23$/);
});

test("the date picker jumps to a day", async ({ page }) => {
  await page.goto("/papers/date/2026-03-24");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Jump to date").fill("2026-03-23");
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-23$/);
  await expect(page.getByText("ZPressor: Bottleneck-Aware Compression for Scalable Feed-Forward 3DGS")).toBeVisible();
});

test("an empty day points to the nearest days with papers", async ({ page }) => {
  await page.goto("/papers/date/2026-03-22");
  await expect(page.getByText("No papers on this day.")).toBeVisible();
  await page.getByRole("link", { name: "Monday, March 23, 2026" }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-23$/);
  await expect(page.getByRole("article")).toHaveCount(29);
});

for (const path of [
  "/papers/date/2026-02-30",
  "/papers/date/abc",
  "/papers/week/2026-W54",
  "/papers/month/2026-13",
  "/papers/local-000000000000",
  "/papers/nope",
]) {
  test(`a 404 page for ${path}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page).toHaveTitle("Page not found · Daily Papers");
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("day pages, paper pages and the date picker work", async ({ page }) => {
    await page.goto("/papers/date/2026-03-24");
    await expect(page.getByRole("article")).not.toHaveCount(0);
    await page.getByLabel("Jump to date").fill("2026-03-23");
    await page.getByRole("button", { name: "Go" }).click();
    await expect(page).toHaveURL(/\/papers\/date\/2026-03-23$/);
    await page.getByRole("link", { name: "ZPressor: Bottleneck-Aware Compression for Scalable Feed-Forward 3DGS" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/ZPressor/);
    await expect(page.locator("dl").getByRole("link", { name: "ZIP Lab" })).toBeVisible();
  });
});

test("public pages are the same for everyone and cacheable", async ({ request }) => {
  for (const path of ["/", "/papers/date/2026-03-24", "/papers/week/2026-W12", "/papers/month/2026-03", "/papers/local-89e8c5e4fbb1"]) {
    const response = await request.get(path, { headers: { cookie: "authjs.session-token=someone" } });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["set-cookie"], path).toBeUndefined();
    expect(response.headers()["cache-control"], path).toMatch(/s-maxage=\d+/);
  }
});
