import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

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
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuseAfter !== null && accepted >= refuseAfter) {
          const error = new Error("Mailbox unavailable, try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        accepted += 1;
        const raw = Buffer.concat(chunks).toString("utf8");
        void simpleParser(raw).then((parsed) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw, parsed });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
