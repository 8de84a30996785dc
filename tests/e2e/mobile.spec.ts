import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/test";

const PAGES = ["/", "/papers/local-89e8c5e4fbb1", "/papers?q=compression", "/signin"];

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The header's parts that are on screen: logo, search (on a phone, the icon the box opens from), site links or their menu, account. */
async function headerParts(page: Page): Promise<[string, Box][]> {
  const header = page.getByRole("banner");
  const parts: [string, Locator][] = [
    ["logo", header.getByRole("link", { name: "Daily Papers" })],
    ["search", header.locator("label.header-search-icon")],
    ["menu", header.getByText("Menu", { exact: true })],
    ["latest", header.getByRole("link", { name: "Latest" })],
    ["trending", header.getByRole("link", { name: "Trending" })],
    ["account", header.getByRole("link", { name: "Sign in" })],
  ];
  const boxes: [string, Box][] = [];
  for (const [name, locator] of parts) {
    if (!(await locator.isVisible())) continue;
    const box = await locator.boundingBox();
    if (box) boxes.push([name, box]);
  }
  return boxes;
}

for (const width of [390, 320]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });

    for (const path of PAGES) {
      test(`${path}: the header fits with nothing overlapping, and nothing scrolls sideways`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
        const parts = await headerParts(page);
        // The search page has a box of its own, and the header none.
        const expected = path.startsWith("/papers?") ? ["logo", "menu", "account"] : ["logo", "search", "menu", "account"];
        expect(parts.map(([name]) => name)).toEqual(expect.arrayContaining(expected));
        for (let i = 0; i < parts.length; i += 1) {
          for (let j = i + 1; j < parts.length; j += 1) {
            expect(overlap(parts[i]![1], parts[j]![1]), `${parts[i]![0]} overlaps ${parts[j]![0]}`).toBe(false);
          }
          const [name, box] = parts[i]!;
          expect(box.x + box.width, `${name} is cut off`).toBeLessThanOrEqual(width + 0.5);
        }
        const scroll = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        expect(scroll.scroll).toBeLessThanOrEqual(scroll.client);
      });
    }

    test("the menu opens to the site's links, each big enough for a thumb", async ({ page }) => {
      await page.goto("/");
      await page.getByRole("banner").getByText("Menu", { exact: true }).click();
      const trending = page.getByRole("banner").getByRole("link", { name: "Trending" });
      await expect(trending).toBeVisible();
      expect((await trending.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await trending.click();
      await expect(page).toHaveURL(/\/papers\/trending$/);
    });

    test("controls on a day page are at least 44 px tall", async ({ page }) => {
      await page.goto("/papers/date/2026-03-23");
      const controls = [
        page.getByRole("link", { name: "Previous day" }),
        page.getByRole("link", { name: "Next day" }),
        page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Week" }),
        page.getByLabel("Jump to date"),
        page
          .getByRole("article")
          .first()
          .getByRole("button", { name: /^Upvote/ }),
        page.getByRole("article").first().getByRole("button", { name: "Show more" }),
      ];
      for (const control of controls)
        expect((await control.boundingBox())!.height, await control.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
    });
  });
}
