import type { Page } from "@playwright/test";
import { expect } from "./test";
import { latestMailTo, signInLink } from "./mail-sink";

const mailDir = process.env.E2E_MAIL_DIR!;

/** The newest message to `address` that `matches`, once the sink has it. */
export async function waitForMail(address: string, matches: (mail: string) => boolean): Promise<string> {
  let found: string | null = null;
  await expect
    .poll(
      () => {
        const mail = latestMailTo(mailDir, address);
        found = mail && matches(mail) ? mail : null;
        return found;
      },
      { timeout: 15_000 },
    )
    .not.toBeNull();
  return found!;
}

/** Signs in through the form, from wherever the page is (its sign-in link keeps the way back). */
export async function signIn(page: Page, address: string) {
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await waitForMail(address, (m) => m.includes("/api/auth/callback/nodemailer"));
  await page.goto(signInLink(mail));
}
