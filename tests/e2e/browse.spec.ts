import { expect, test } from "./support/test";

// The server starts on an empty store, so it shows the bundled sample corpus, whose latest
// day is 2026-03-24; the nearest earlier day with papers is 2026-03-17.

test("browse: latest day, previous day, a paper and back, week and month views", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tuesday, March 24, 2026");
  await expect(page.getByRole("article")).not.toHaveCount(0);

  await page.getByRole("link", { name: "Previous day" }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-17$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tuesday, March 17, 2026");

  const firstPaper = page.getByRole("article").first().getByRole("heading").getByRole("link");
  const title = (await firstPaper.textContent())!.trim();
  await firstPaper.click();
  await expect(page).toHaveURL(/\/papers\/local-[0-9a-f]{12}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("heading", { name: "Abstract" })).toBeVisible();
  await expect(page.getByRole("link", { name: "https://github.com/Jahid12012021/VLM-HeBA" })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-17$/);

  await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Week" }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2026-W12$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Week 12: Mar 16, 2026 – Mar 22, 2026");

  await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Month" }).click();
  await expect(page).toHaveURL(/\/papers\/month\/2026-03$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("March 2026");
  await expect(page.getByRole("article")).toHaveCount(5);
  await expect(page.getByRole("link", { name: "Next month" })).toHaveCount(0);

  await page.getByRole("link", { name: "Previous month" }).click();
  await expect(page).toHaveURL(/\/papers\/month\/2026-02$/);
});

test("arrow keys move between days, and the paper page links back to its day", async ({ page }) => {
  await page.goto("/papers/date/2026-03-17");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tuesday, March 17, 2026");
  await page.waitForLoadState("networkidle"); // the key handler exists once the page has hydrated
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-09$/);
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-17$/);

  await page.getByRole("article").first().getByRole("heading").getByRole("link").click();
  await page.getByRole("link", { name: /Back to Tuesday, March 17, 2026/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-17$/);
});

test("the date picker jumps to a day", async ({ page }) => {
  await page.goto("/papers/date/2026-03-17");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Jump to date").fill("2025-05-29");
  await expect(page).toHaveURL(/\/papers\/date\/2025-05-29$/);
  await expect(page.getByText("ZPressor: Bottleneck-Aware Compression for Scalable Feed-Forward 3DGS")).toBeVisible();
});

test("an empty day points to the nearest days with papers", async ({ page }) => {
  await page.goto("/papers/date/2026-03-10");
  await expect(page.getByText("No papers on this day.")).toBeVisible();
  await page.getByRole("link", { name: "Monday, March 9, 2026" }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-09$/);
  await expect(page.getByRole("article")).toHaveCount(2);
});

for (const path of ["/papers/date/2026-02-30", "/papers/date/abc", "/papers/week/2026-W54", "/papers/month/2026-13", "/papers/local-000000000000", "/papers/nope"]) {
  test(`a 404 page for ${path}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("day pages, paper pages and the date picker work", async ({ page }) => {
    await page.goto("/papers/date/2026-03-17");
    await expect(page.getByRole("article")).not.toHaveCount(0);
    await page.getByLabel("Jump to date").fill("2025-05-29");
    await page.getByRole("button", { name: "Go" }).click();
    await expect(page).toHaveURL(/\/papers\/date\/2025-05-29$/);
    await page.getByRole("link", { name: "ZPressor: Bottleneck-Aware Compression for Scalable Feed-Forward 3DGS" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/ZPressor/);
    await expect(page.getByText("ZIP Lab")).toBeVisible();
  });
});

test("public pages are the same for everyone and cacheable", async ({ request }) => {
  for (const path of ["/", "/papers/date/2026-03-17", "/papers/week/2026-W12", "/papers/month/2026-03", "/papers/local-89e8c5e4fbb1"]) {
    const response = await request.get(path, { headers: { cookie: "authjs.session-token=someone" } });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["set-cookie"], path).toBeUndefined();
    expect(response.headers()["cache-control"], path).toMatch(/s-maxage=\d+/);
  }
});
