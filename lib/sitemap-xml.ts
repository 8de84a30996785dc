export interface SitemapEntry {
  loc: string;
  lastmod?: Date;
}

/** The protocol's limit. */
export const SITEMAP_MAX_URLS = 50_000;

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

function entries(tag: "sitemap" | "url", items: SitemapEntry[]): string {
  return items
    .map(
      ({ loc, lastmod }) => `<${tag}><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""}</${tag}>`,
    )
    .join("\n");
}

const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

export function sitemapIndexXml(sitemaps: SitemapEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex ${NS}>\n${entries("sitemap", sitemaps)}\n</sitemapindex>\n`;
}

export function urlSetXml(urls: SitemapEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${NS}>\n${entries("url", urls.slice(0, SITEMAP_MAX_URLS))}\n</urlset>\n`;
}
