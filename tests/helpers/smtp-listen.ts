import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface SmtpMessage {
  /** The envelope's recipients, comma-separated. */
  to: string;
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 (`port` 0: a free one) that hands every message to `accept`.
 * An error thrown by `accept` refuses the message, with the error's `responseCode` if it has one.
 */
export async function listenSmtp(port: number, accept: (message: SmtpMessage) => void | Promise<void>) {
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const message = { to: session.envelope.rcptTo.map((r) => r.address).join(","), raw: Buffer.concat(chunks).toString("utf8") };
        Promise.resolve()
          .then(() => accept(message))
          .then(
            () => callback(),
            (error: Error) => callback(error),
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
