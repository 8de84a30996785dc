/** A counting SMTP sink in its own process, so parsing SMTP does not take the digest run's CPU; reports `{ port }`, then `{ accepted, bytes }` on "stats". */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

let accepted = 0;
let bytes = 0;
const sink = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on("data", (c: Buffer) => (bytes += c.length));
    stream.on("end", () => {
      accepted += 1;
      callback();
    });
  },
});
sink.listen(0, "127.0.0.1", () => process.send!({ port: (sink.server.address() as AddressInfo).port }));
process.on("message", (message) => {
  if (message === "stats") process.send!({ accepted, bytes });
  if (message === "stop") sink.close(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));
