// For route answers a person may see (one-click unsubscribe); self-contained: no scripts, no style sheet.
import { escapeHtml } from "@/lib/search/highlight";

export function plainPage({
  status,
  title,
  message,
  links = [],
  headers = {},
}: {
  status: number;
  title: string;
  message: string;
  links?: { href: string; label: string }[];
  headers?: Record<string, string>;
}): Response {
  const items = links.map((l) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`).join(" · ");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Daily Papers</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #111827">
<p style="color: #8f5400; font-weight: 600; margin: 0">Daily Papers</p>
<h1 style="font-size: 1.5rem; margin: 0.25rem 0 0.75rem">${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
${items ? `<p>${items}</p>` : ""}
</body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}
