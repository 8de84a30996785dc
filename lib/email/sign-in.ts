import { createTransport } from "nodemailer";
import { env } from "@/lib/env";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * Mails a magic link. Without SMTP_URL (the embedded default) the link goes to the server log,
 * so a local user can sign in with no mail server.
 */
export async function sendSignInEmail({ to, url }: { to: string; url: string }): Promise<void> {
  if (!env.SMTP_URL) {
    console.log(
      `\n[daily-papers] SIGN-IN LINK for ${to} (SMTP_URL is not set, so it is printed here instead of emailed):\n${url}\n`,
    );
    return;
  }
  const host = new URL(url).host;
  const transport = createTransport(env.SMTP_URL);
  await transport.sendMail({
    to,
    from: env.EMAIL_FROM,
    subject: `Sign in to Daily Papers (${host})`,
    text: `Sign in to Daily Papers on ${host}:\n\n${url}\n\nThe link works once and expires in 15 minutes. If you did not ask for it, ignore this email.\n`,
    html: `<p>Sign in to Daily Papers on ${escapeHtml(host)}:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once and expires in 15 minutes. If you did not ask for it, ignore this email.</p>`,
  });
}
