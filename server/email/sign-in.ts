import "server-only";
import { env, publicOrigin, runtime } from "@/lib/env";
import { onPublicUrl } from "@/lib/site-url";
import { sendMail } from "./mailer";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const logsLinks = () => runtime.devServer || env.LOG_SIGN_IN_LINKS === "1";

/** Needs the public URL (links are built from it alone) and a delivery: SMTP_URL, or the server log where allowed. */
export function emailSignInProblem(): string | null {
  if (!publicOrigin) {
    return "Email sign-in is off: set AUTH_URL to this site's public address (e.g. https://papers.example.org), from which sign-in links are built.";
  }
  if (!env.SMTP_URL && !logsLinks()) {
    return "Email sign-in is off: set SMTP_URL to a mail server (e.g. smtp://user:pass@mail.example.org:587), or LOG_SIGN_IN_LINKS=1 to print sign-in links to the server log.";
  }
  return null;
}

export class ForeignLinkError extends Error {
  constructor(url: string) {
    super(`refused to send a sign-in link to ${URL.canParse(url) ? new URL(url).origin : "a malformed URL"}: this site is ${publicOrigin}`);
    this.name = "ForeignLinkError";
  }
}

/** A link for any origin but the public URL is never sent: it could only come from a forged Host header. */
export async function sendSignInEmail({ to, url: link }: { to: string; url: string }): Promise<void> {
  const url = onPublicUrl(link);
  if (!url) throw new ForeignLinkError(link);
  const problem = emailSignInProblem();
  if (problem) throw new Error(problem);
  if (!env.SMTP_URL) {
    console.log(`\n[daily-papers] SIGN-IN LINK for ${to} (SMTP_URL is not set, so it is printed here instead of emailed):\n${url}\n`);
    return;
  }
  const host = new URL(url).host;
  await sendMail({
    to,
    subject: `Sign in to Daily Papers (${host})`,
    text: `Sign in to Daily Papers on ${host}:\n\n${url}\n\nThe link works once and expires in 15 minutes. If you did not ask for it, ignore this email.\n`,
    html: `<p>Sign in to Daily Papers on ${escapeHtml(host)}:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once and expires in 15 minutes. If you did not ask for it, ignore this email.</p>`,
  });
}
