import "server-only";
import { createTransport, type Transporter } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { env } from "@/lib/env";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  messageId?: string;
}

/** Headers DKIM signs: nodemailer's defaults do not include List-Unsubscribe-Post (RFC 8058 wants it signed). */
const SIGNED_HEADERS =
  "From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:List-Id:List-Unsubscribe:List-Unsubscribe-Post";

export function dkimOptions() {
  if (!env.DKIM_DOMAIN || !env.DKIM_SELECTOR || !env.DKIM_PRIVATE_KEY) return undefined;
  return {
    domainName: env.DKIM_DOMAIN,
    keySelector: env.DKIM_SELECTOR,
    // A key in one environment line has its line breaks written as \n.
    privateKey: env.DKIM_PRIVATE_KEY.replace(/\\n/g, "\n"),
    headerFieldNames: SIGNED_HEADERS,
  };
}

const state = globalThis as unknown as { __dailyPapersMailer?: { url: string; transport: Transporter } };

export function mailTransport(): Transporter {
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set: no mail can be sent.");
  if (state.__dailyPapersMailer?.url !== env.SMTP_URL) {
    state.__dailyPapersMailer?.transport.close();
    state.__dailyPapersMailer = {
      url: env.SMTP_URL,
      // A pool: a digest run sends thousands of messages over a few connections.
      transport: createTransport({ ...parseConnectionUrl(env.SMTP_URL), pool: true, maxConnections: 4, dkim: dkimOptions() }),
    };
  }
  return state.__dailyPapersMailer.transport;
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  await mailTransport().sendMail({
    from: env.EMAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: mail.messageId ? `<${mail.messageId}>` : undefined,
  });
}
