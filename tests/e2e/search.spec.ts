import { expect, test } from "./support/test";

test("search from the header, refine as you type, and open a result", async ({ page }) => {
  await page.goto("/");
  const headerBox = page.getByRole("combobox", { name: "Search papers" });
  // `/` focuses the header box once the page is interactive.
  await expect(async () => {
    await page.locator("body").press("/");
    await expect(headerBox).toBeFocused({ timeout: 500 });
  }).toPass();
  await headerBox.fill("kv cache");
  await headerBox.press("Enter");
  await expect(page).toHaveURL(/\/papers\?q=kv\+cache/);
  await expect(page.getByRole("status")).toContainText("for “kv cache”");

  // Results follow typing (the last word as a prefix), and the address bar follows the results.
  const box = page.getByRole("searchbox", { name: "Search terms" });
  await box.fill("FastKV prefill decod");
  await expect(page).toHaveURL(/q=FastKV\+prefill\+decod/);
  const result = page.getByRole("link", { name: /^FastKV: Decoupling of Context Reduction/ });
  await expect(result).toBeVisible();
  await expect(result.locator("mark").first()).toHaveText("FastKV");

  await result.click();
  await expect(page).toHaveURL(/\/papers\/[^?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("FastKV: Decoupling of Context Reduction");
});

test("a misspelled query shows results for the corrected one", async ({ page }) => {
  await page.goto("/papers?q=compresion+bottlenek");
  const notice = page.getByText(/No papers match “compresion bottlenek”\. Showing results for/);
  await expect(notice).toBeVisible();
  const corrected = notice.getByRole("link", { name: "compression bottleneck" });
  await expect(corrected).toBeVisible();
  await expect(page.getByRole("listitem").first().locator("mark").first()).toHaveText(/compress|bottleneck/i);

  // Following the correction searches for it, exactly.
  await corrected.click();
  await expect(page).toHaveURL(/q=compression\+bottleneck/);
  await expect(page.getByRole("status")).toContainText("for “compression bottleneck”");
  await expect(page.getByText(/Showing results for/)).toHaveCount(0);
});

test("the header box suggests matches while typing; arrows and Enter open one, Enter on the text shows all", async ({ page }) => {
  await page.goto("/papers/date/2026-03-24");
  const box = page.getByRole("combobox", { name: "Search papers" });
  await box.fill("fastkv");
  const list = page.getByRole("listbox", { name: "Matching papers" });
  await expect(list.getByRole("option").first()).toContainText("FastKV");
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await box.press("ArrowDown");
  await expect(list.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await box.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("FastKV: Decoupling of Context Reduction");

  await box.fill("kv cache");
  await expect(list.getByRole("option")).not.toHaveCount(0);
  await box.press("Escape");
  await expect(list).toBeHidden();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/papers\?q=kv\+cache$/);
  await expect(page.getByRole("status")).toContainText(/papers? match/);
});

test("past the last page the results page says so and links to the last page", async ({ page }) => {
  for (const p of ["499", "100000"]) {
    await page.goto(`/papers?q=model&p=${p}`);
    await expect(page.getByRole("status")).toHaveText("There are no more results.");
    const last = page.getByRole("link", { name: /Go to the last page of results \(page \d+\)/ });
    await last.click();
    await expect(page.getByRole("article")).not.toHaveCount(0);
    await expect(page.getByRole("status")).toContainText("papers match");
    await expect(page.getByRole("link", { name: "More results →" })).toHaveCount(0);
  }
});

test("a query over 250 characters is refused in words and stays in the box to shorten", async ({ page }) => {
  const long = "compression ".repeat(26).trim();
  await page.goto(`/papers?q=${encodeURIComponent(long)}`);
  await expect(page.getByRole("alert").filter({ hasText: "Your search" })).toHaveText(
    `Your search is ${long.length} characters long; searches can be at most 250. Shorten it and try again.`,
  );
  const box = page.getByRole("searchbox", { name: "Search terms" });
  await expect(box).toHaveValue(long);
  await expect(page.getByRole("article")).toHaveCount(0);

  // Shortened within the limits, it searches as typed.
  await box.fill("compression");
  await expect(page.getByRole("alert").filter({ hasText: "Your search" })).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText("for “compression”");
  await expect(page.getByRole("article")).not.toHaveCount(0);
});
