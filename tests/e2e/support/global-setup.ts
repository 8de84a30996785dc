import { startMailSink } from "./mail-sink";

/** Starts the SMTP sink the server mails sign-in links to; Playwright calls the returned teardown. */
export default async function globalSetup() {
  return startMailSink({ port: Number(process.env.E2E_SMTP_PORT), dir: process.env.E2E_MAIL_DIR! });
}
