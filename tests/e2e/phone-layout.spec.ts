import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { expect, test } from "./support/test";

// The sample corpus (tests/e2e/browse.spec.ts): 145 papers, 29 a day on 2026-03-18 to 2026-03-24.
const LISTINGS = [
  "/",
  "/papers/date/2026-03-23",
  "/papers/week/2026-W13?p=1",
  "/papers/month/2026-03",
  "/papers/trending",
  "/papers/org/StanfordUniversity",
  "/papers?q=compression",
];
// Every other kind of page, for sideways scrolling; the settings pages are only reached signed in.
const OTHER_PAGES = [
  "/papers/local-89e8c5e4fbb1",
  "/papers/author/Ada%20Lovelace",
  "/papers/category/cs.CL",
  "/signin",
  "/signin?error=Verification",
  "/signin/check-email",
  "/subscribe",
  "/papers/no-such-paper",
];
const SIGNED_IN_PAGES = ["/papers/following", "/settings/papers", "/settings/topics", "/settings/email"];

const PHONE_HEIGHT = 844;
// One row of 44 px touch targets, 8 px above and below, and a 1 px border: 61 px. A second row
// would add at least 44.
const ONE_ROW = 64;

const signedInState = path.join(mkdtempSync(path.join(tmpdir(), "daily-papers-phone-")), "signed-in.json");

async function sessionShown(page: Page, signedIn: boolean) {
  const header = page.getByRole("banner");
  if (signedIn) await expect(header.getByLabel(/^Account: /)).toBeVisible();
  else await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** Signs in once for the worker (each new worker signs in anew) and keeps the session for the tests' pages. */
async function signInOnce({ browser }: { browser: Browser }, testInfo: TestInfo) {
  if (existsSync(signedInState)) return;
  // An empty state of its own: `test.use` would otherwise give this context the file it is about to write.
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/signin");
  await signIn(page, `phone-${Date.now()}@example.org`);
  await context.storageState({ path: signedInState });
  await context.close();
}

async function scrollsSideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [390, 320]) {
  for (const signedIn of [false, true]) {
    test.describe(`at ${width}×${PHONE_HEIGHT}, signed ${signedIn ? "in" : "out"}`, () => {
      test.use({
        viewport: { width, height: PHONE_HEIGHT },
        isMobile: true,
        hasTouch: true,
        ...(signedIn ? { storageState: signedInState } : {}),
      });
      if (signedIn) test.beforeAll(signInOnce);

      test("on every listing the header is one row and the first paper is on the first screen", async ({ page }) => {
        for (const path of LISTINGS) {
          await page.goto(path);
          await sessionShown(page, signedIn);
          const header = (await page.getByRole("banner").boundingBox())!;
          expect(header.height, `${path}: the header's height`).toBeLessThanOrEqual(ONE_ROW);
          // At 390 px (a common phone) the whole first paper; at 320 px at least its start.
          const card = (await page.getByRole("article").first().boundingBox())!;
          const seen = width >= 390 ? card.y + card.height : card.y;
          expect(seen, `${path}: the ${width >= 390 ? "bottom" : "top"} of the first paper`).toBeLessThanOrEqual(PHONE_HEIGHT);
          expect(await scrollsSideways(page), `${path} scrolls sideways`).toBe(0);
        }
      });

      test("no other page scrolls sideways, nor has a header of more than one row", async ({ page }) => {
        for (const path of [...OTHER_PAGES, ...(signedIn ? SIGNED_IN_PAGES : [])]) {
          await page.goto(path);
          await sessionShown(page, signedIn);
          expect((await page.getByRole("banner").boundingBox())!.height, `${path}: the header's height`).toBeLessThanOrEqual(ONE_ROW);
          expect(await scrollsSideways(page), `${path} scrolls sideways`).toBe(0);
        }
      });
    });
  }
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: PHONE_HEIGHT }, isMobile: true, hasTouch: true });

  test("the header's search is an icon that opens the box over the header's row", async ({ page }) => {
    await page.goto("/papers/date/2026-03-24");
    const header = page.getByRole("banner");
    const box = header.getByRole("combobox", { name: "Search papers" });
    const form = header.getByRole("search");
    await expect(form).toHaveCSS("opacity", "0");
    // The icon is the box's label, with no text of its own to find it by.
    await header.locator("label.header-search-icon").tap();
    await expect(box).toBeFocused();
    await expect(form).toHaveCSS("opacity", "1");
    const row = (await header.boundingBox())!;
    const opened = (await box.boundingBox())!;
    expect(opened.y).toBeGreaterThanOrEqual(row.y);
    expect(opened.y + opened.height).toBeLessThanOrEqual(row.y + row.height);
    expect(opened.width).toBeGreaterThan(250);
    await box.fill("kv cache");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/papers\?q=kv\+cache$/);
    await expect(page.getByRole("status")).toContainText("for “kv cache”");
    await expect(box).toBeHidden();
  });
});

for (const width of [390, 1280]) {
  test(`at ${width} px the search page has one search box`, async ({ page }) => {
    await page.setViewportSize({ width, height: PHONE_HEIGHT });
    await page.goto("/papers?q=compression");
    await expect(page.getByRole("status")).toContainText("for “compression”");
    await expect(page.locator('input[type="search"]:visible')).toHaveCount(1);
    await expect(page.getByRole("searchbox", { name: "Search terms" })).toBeVisible();
  });
}

test("a week's and a month's papers are paged fifty at a time, as a day's are", async ({ page, request }) => {
  await page.goto("/papers/week/2026-W13");
  await expect(page.getByText("Papers 1–50 of 58, ranked by upvotes")).toBeVisible();
  const pager = page.getByRole("navigation", { name: /^Pages of papers/ });
  await pager.getByRole("link", { name: /Papers 51–58/ }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2026-W13\?p=1$/);
  await expect(page).toHaveTitle(/\(page 2\)/);
  await expect(page.getByText("Papers 51–58 of 58, ranked by upvotes")).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(8);
  await expect(page.getByRole("article").first().getByRole("heading")).toHaveText(/^Rank 51: /);
  await pager.getByRole("link", { name: /Papers 1–50/ }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2026-W13$/);

  await page.goto("/papers/month/2026-03?p=2");
  await expect(page.getByText("Papers 101–145 of 145, ranked by upvotes")).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(45);
  // Past the last page is a 404, as it is for a day.
  for (const path of ["/papers/date/2026-03-24?p=1", "/papers/week/2026-W13?p=2", "/papers/month/2026-03?p=3"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});
