import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { rawRequest } from "./support/http";
import { signIn, waitForMail } from "./support/sign-in";
import { expect, test } from "./support/test";

const mailDir = process.env.E2E_MAIL_DIR!;
const CRON = { Authorization: "Bearer test-cron-secret" };

/** Digests carry the one-click unsubscribe header; no other mail does. */
const isDigest = (mail: string) => /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m.test(mail);

/** A header of the newest raw message to `address`, unfolded. */
function rawHeaderOfLatest(address: string, name: string): string | null {
  const files = readdirSync(mailDir)
    .sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b))
    .reverse();
  for (const file of files) {
    const raw = readFileSync(path.join(mailDir, file), "utf8");
    if (!raw.startsWith(`X-Envelope-To: ${address}\r\n`)) continue;
    const head = raw.split("\r\n\r\n")[0]!.replace(/\r\n[ \t]+/g, " ");
    const line = head.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    return line ? line.slice(name.length + 1).trim() : null;
  }
  return null;
}

/**
 * Runs `action` and waits for the API write it starts: the UI shows the change at once
 * (optimistically), before the server has it, and a navigation would cancel the request.
 */
async function saved(page: Page, method: string, action: () => Promise<void>): Promise<void> {
  const response = page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.startsWith("/api/"));
  await action();
  expect((await response).ok()).toBe(true);
}

test("follow a search from its results, see the following feed, remove the topic in settings", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2Fpapers%3Fq%3Dcompression");
  await signIn(page, `follower-${Date.now()}@example.org`);
  await expect(page).toHaveURL(/\/papers\?q=compression$/);

  const follow = page.getByRole("button", { name: /^Follow this search: “compression”/ });
  await saved(page, "POST", () => follow.click());
  await expect(page.getByRole("button", { name: /^Following this search/ })).toHaveAttribute("aria-pressed", "true");

  await page.goto("/papers/following");
  await expect(page.getByRole("heading", { name: "Papers on my topics" })).toBeVisible();
  const cards = page.getByRole("article");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThan(1);
  await expect(cards.first()).toContainText("Matches “compression”");

  await page.goto("/settings/topics");
  const topics = page.getByRole("list", { name: "My topics" });
  await expect(topics).toContainText("Search");
  await expect(topics).toContainText("“compression”");
  await saved(page, "DELETE", () => page.getByRole("button", { name: "Stop following “compression”" }).click());
  await expect(page.getByText("You follow no topics.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("You follow no topics.")).toBeVisible();
});

test("signed out, a follow button leads to sign-in and back, and the follow happens", async ({ page }) => {
  await page.goto("/papers/org/amazon");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Follow Amazon" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fpapers%2Forg%2Famazon$/);
  await signIn(page, `returning-${Date.now()}@example.org`);
  await expect(page).toHaveURL(/\/papers\/org\/amazon$/);
  await expect(page.getByRole("status").filter({ hasText: "You now follow Amazon." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Following Amazon" })).toHaveAttribute("aria-pressed", "true");
});

test("subscribe signed out: only a confirmation until the link's button is pressed; one-click unsubscribe from the digest's header", async ({
  page,
}) => {
  const address = `inbox-${Date.now()}@example.org`;
  await page.goto("/");
  await page.getByRole("complementary", { name: "Email digest" }).getByRole("link", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Get trending papers in your email inbox" })).toBeVisible();
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("status")).toContainText("confirmation email is on its way");

  const confirmation = await waitForMail(address, (m) => m.includes("/subscribe/confirm?token="));
  const link = /https?:\/\/[^\s"<>]+\/subscribe\/confirm\?token=[A-Za-z0-9._%-]+/.exec(confirmation)![0].replace(/&amp;/g, "&");
  // Before confirming, a digest run sends this address nothing.
  const early = await page.request.get("/api/cron/digest?frequency=daily", { headers: CRON });
  expect(early.status()).toBe(200);
  expect(
    readdirSync(mailDir).filter((f) => readFileSync(path.join(mailDir, f), "utf8").startsWith(`X-Envelope-To: ${address}\r\n`)),
  ).toHaveLength(1);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your subscription" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(page.getByRole("heading", { name: "You are subscribed" })).toBeVisible();

  // The digest: its List-Unsubscribe URL unsubscribes with one POST, no redirect, no sign-in.
  expect((await page.request.get("/api/cron/digest?frequency=daily", { headers: CRON })).status()).toBe(200);
  await waitForMail(address, isDigest);
  const unsubscribe = /^<(.+)>$/.exec(rawHeaderOfLatest(address, "List-Unsubscribe") ?? "")?.[1];
  expect(unsubscribe).toMatch(/\/unsubscribe\?token=/);
  expect(rawHeaderOfLatest(address, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

  // A GET (what link scanners do) changes nothing: it shows the button.
  await page.goto(unsubscribe!);
  await expect(page.getByRole("heading", { name: "Unsubscribe from the digest?" })).toBeVisible();
  const oneClick = await rawRequest(unsubscribe!, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  expect(oneClick.status).toBe(200);
  expect(oneClick.headers.location).toBeUndefined();
  expect(oneClick.body).toContain("You are unsubscribed");
  await page.reload();
  await expect(page.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();

  // An altered token: a 4xx page that says so, for a GET and a POST alike.
  const forged = unsubscribe!.replace(
    /token=([^.]+)\.(.*)$/,
    (_, payload: string, sig: string) => `token=${payload}.${sig.slice(0, -2)}xx`,
  );
  const forgedPost = await rawRequest(forged, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  expect(forgedPost.status).toBe(400);
  const forgedPage = await page.goto(forged);
  expect(forgedPage?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This unsubscribe link is not valid" })).toBeVisible();
});

test("subscribe signed in with one click, get the digest, unsubscribe from settings", async ({ page }) => {
  const address = `member-${Date.now()}@example.org`;
  await page.goto("/signin?callbackUrl=%2Fsubscribe");
  await signIn(page, address);
  await expect(page).toHaveURL(/\/subscribe$/);
  await expect(page.getByText(`The digest goes to your account’s address, ${address}`)).toBeVisible();
  await page.getByRole("radio", { name: /^Weekly/ }).check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("status")).toContainText(`Subscribed: the weekly digest goes to ${address}.`);

  await page.goto("/settings/email");
  await expect(page.getByRole("status")).toContainText(`Subscribed, to ${address}`);
  // A click, not check(): the choice is the query cache's, which TanStack Query re-renders a
  // task after the click; check() reads the radio at once and failed once on a busy machine.
  await saved(page, "PATCH", () => page.getByRole("radio", { name: /^Daily/ }).click());
  await expect(page.getByRole("radio", { name: /^Daily/ })).toBeChecked();
  const run = await page.request.post("/api/cron/digest?frequency=daily", { headers: CRON });
  expect(run.status()).toBe(200);
  expect(await run.json()).toMatchObject({ period: "day:2026-03-24" });
  const digest = await waitForMail(address, isDigest);
  expect(digest).toContain("/papers/local-");

  await saved(page, "PATCH", () => page.getByRole("button", { name: "Pause" }).click());
  await expect(page.getByRole("status")).toContainText("Paused");
  await saved(page, "PATCH", () => page.getByRole("button", { name: "Unsubscribe" }).click());
  await expect(page.getByRole("status")).toContainText("Unsubscribed");
  await page.reload();
  await expect(page.getByRole("status")).toContainText("Unsubscribed");
});
