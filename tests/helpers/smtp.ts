import { simpleParser, type ParsedMail } from "mailparser";
import { listenSmtp } from "./smtp-listen";

export interface ReceivedMail {
  to: string;
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on a free local port for a test file: every message it accepts is kept, and
 * `refuse` makes it refuse the messages after some count (to play a mail server that gives out).
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  let refuseAfter: number | null = null;
  let accepted = 0;
  const server = await listenSmtp(0, async ({ to, raw }) => {
    if (refuseAfter !== null && accepted >= refuseAfter) {
      throw Object.assign(new Error("Mailbox unavailable, try again later"), { responseCode: 451 });
    }
    accepted += 1;
    received.push({ to, raw, parsed: await simpleParser(raw) });
  });
  return {
    url: `smtp://127.0.0.1:${server.port}`,
    received,
    /** Refuse every message after the next `n` (null: accept all again). */
    refuseAfter(n: number | null) {
      refuseAfter = n === null ? null : accepted + n;
    },
    clear() {
      received.length = 0;
    },
    to(address: string) {
      return received.filter((m) => m.to === address);
    },
    close: server.close,
  };
}
