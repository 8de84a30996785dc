import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { latestMailTo, signInLink } from "./support/mail-sink";

const mailDir = process.env.E2E_MAIL_DIR!;

async function waitForLink(address: string): Promise<string> {
  let link: string | null = null;
  await expect
    .poll(
      () => {
        const mail = latestMailTo(mailDir, address);
        link = mail ? signInLink(mail) : null;
        return link;
      },
      { timeout: 15_000 },
    )
    .not.toBeNull();
  return link!;
}

const firstUpvote = (page: Page) =>
  page
    .getByRole("article")
    .first()
    .getByRole("button", { name: /^Upvote/ });

test("sign in by email, upvote, keep it across a reload, remove it, sign out", async ({ page }) => {
  const address = `reader-${Date.now()}@example.org`;
  await page.goto("/papers/date/2026-03-24");
  await page.waitForLoadState("networkidle");

  // Signed out, the upvote button leads to sign-in and back.
  await firstUpvote(page).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fpapers%2Fdate%2F2026-03-24$/);
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const link = await waitForLink(address);
  await page.goto(link);
  await expect(page).toHaveURL(/\/papers\/date\/2026-03-24$/);
  await expect(page.getByText(address, { exact: true })).toBeVisible(); // the account menu

  const button = firstUpvote(page);
  const before = Number(await button.innerText().then((t) => t.replace(/\D/g, "")));
  await expect(button).toHaveAttribute("aria-pressed", "false");
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await expect(button).toContainText(String(before + 1));

  await page.reload();
  await expect(firstUpvote(page)).toHaveAttribute("aria-pressed", "true");
  await expect(firstUpvote(page)).toContainText(String(before + 1));

  const title = await page.getByRole("article").first().getByRole("heading").innerText();
  await page.goto("/settings/papers");
  await expect(page.getByRole("heading", { name: "My upvotes" })).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(1);
  await expect(page.getByRole("article").first()).toContainText(title.replace(/^Rank \d+: /, ""));

  await page.goto("/papers/date/2026-03-24");
  await firstUpvote(page).click();
  await expect(firstUpvote(page)).toHaveAttribute("aria-pressed", "false");
  await expect(firstUpvote(page)).toContainText(String(before));
  await page.reload();
  await expect(firstUpvote(page)).toHaveAttribute("aria-pressed", "false");

  // The magic link works once.
  await page.goto(link);
  await expect(page).toHaveURL(/\/signin\?error=Verification/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("expired or was already used");

  await page.getByText(address, { exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/settings/papers");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Fpapers$/);
});
