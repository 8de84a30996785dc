import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listenSmtp } from "../../helpers/smtp-listen";

/**
 * A real SMTP server for the e2e run: the app sends its sign-in mail here, and each message is
 * written to `dir` as a file that specs read. Runs in Playwright's main process (global setup).
 */
export async function startMailSink({ port, dir }: { port: number; dir: string }): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = await listenSmtp(port, ({ to, raw }) => {
    n += 1;
    writeFileSync(path.join(dir, `${Date.now()}-${n}.eml`), `X-Envelope-To: ${to}\r\n${raw}`);
  });
  return server.close;
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The newest message sent to `address`, or null. */
export function latestMailTo(dir: string, address: string): string | null {
  const files = readdirSync(dir).sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
  for (const file of files.reverse()) {
    const raw = readFileSync(path.join(dir, file), "utf8");
    if (raw.startsWith(`X-Envelope-To: ${address}\r\n`)) return decodeQuotedPrintable(raw);
  }
  return null;
}

/** The sign-in link in a message. */
export function signInLink(message: string): string {
  const match = /https?:\/\/[^\s"<>]+\/api\/auth\/callback\/nodemailer\?[^\s"<>]+/.exec(message);
  if (!match) throw new Error("no sign-in link in the message");
  return match[0].replace(/&amp;/g, "&");
}

/** How many messages were sent to `address`. */
export function countMailTo(dir: string, address: string): number {
  return readdirSync(dir).filter((file) => readFileSync(path.join(dir, file), "utf8").startsWith(`X-Envelope-To: ${address}\r\n`)).length;
}
