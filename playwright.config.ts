import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// This file is read by the runner and again by every worker. Values made here are stored in
// process.env, which workers inherit, so they are made once per run.
const env = process.env;
const port = Number(env.E2E_PORT || 3100);
// localhost, not 127.0.0.1: Next.js builds its own absolute URLs (Auth.js redirects) on localhost,
// and a sign-in cookie set on one host name is not sent to the other.
const baseURL = `http://localhost:${port}`;

// Without DATABASE_URL the server uses the embedded store: give it a fresh, empty one, never the
// user's ./.data. scripts/test.sh makes these directories itself and removes them afterwards.
if (!env.DATABASE_URL && !env.E2E_DATA_DIR) {
  env.E2E_DATA_DIR = mkdtempSync(path.join(tmpdir(), "daily-papers-e2e-"));
}
// The server sends mail to an SMTP sink on this port, which writes each message into E2E_MAIL_DIR
// for specs to read; the sink is started by the global setup.
const smtpPort = Number(env.E2E_SMTP_PORT || port + 1);
env.E2E_MAIL_DIR ||= mkdtempSync(path.join(tmpdir(), "daily-papers-e2e-mail-"));
env.E2E_SMTP_PORT = String(smtpPort);
const globalSetup = "./tests/e2e/support/global-setup.ts";

const systemChromium = "/usr/bin/chromium";
const executablePath = env.CHROMIUM_PATH || (existsSync(systemChromium) ? systemChromium : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: existsSync(path.resolve(globalSetup)) ? globalSetup : undefined,
  outputDir: "test-results",
  fullyParallel: false,
  forbidOnly: Boolean(env.CI),
  retries: 0,
  // Two cores: the Next.js server and one browser already keep both busy.
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // `npm start`'s server: the one that knows each client's address and sets the security headers.
    command: `npm start -- -p ${port} -H 127.0.0.1`,
    // Answers 200 only once the store is open, migrated and seeded.
    url: `${baseURL}/api/health`,
    reuseExistingServer: !env.CI,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...(env.DATABASE_URL ? {} : { DATA_DIR: env.E2E_DATA_DIR! }),
      AUTH_SECRET: "e2e-test-secret-not-for-production",
      AUTH_URL: baseURL,
      INGEST_ON_START: "0",
      CRON_SECRET: "test-cron-secret",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    },
  },
});
