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
  let held: Promise<void> | null = null;
  const server = await listenSmtp(0, async ({ to, raw }) => {
    // A held message is not answered (nor kept) until released: a slow mail server.
    await held;
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
    /** The messages to `address` once there are `count` (mail sent after a response comes a little later). */
    async waitFor(address: string, count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.filter((m) => m.to === address).length < count) {
        if (Date.now() > deadline)
          throw new Error(`${address} got ${received.filter((m) => m.to === address).length} of ${count} messages`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received.filter((m) => m.to === address);
    },
    /** Holds every message until the returned function is called. */
    hold() {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = null;
        release();
      };
    },
    close: server.close,
  };
}
