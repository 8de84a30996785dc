import "server-only";
import { getDb } from "@/db";
import { getListedMonths, getListedPaperStamps } from "@/db/queries/sitemap";
import { parseMonth, periodOf, periodPath } from "@/lib/dates";
import { paperPath } from "@/lib/display";
import { PAPER_PAGE_ID_PATTERN } from "@/lib/paper-id";
import { siteUrl } from "@/lib/site-url";
import { SITEMAP_MAX_URLS, sitemapIndexXml, urlSetXml, type SitemapEntry } from "@/lib/sitemap-xml";

/** Papers whose id makes a page path (old-style arXiv ids hold a slash, and have no page). */
const PAGE_ID = new RegExp(`^(?:${PAPER_PAGE_ID_PATTERN})$`);

export const monthSitemapPath = (month: string) => `/sitemaps/${month}.xml`;

export async function sitemapIndex(): Promise<string> {
  const months = await getListedMonths(await getDb());
  return sitemapIndexXml(months.map(({ month, updatedAt }) => ({ loc: siteUrl(monthSitemapPath(month)), lastmod: updatedAt })));
}

export async function monthSitemap(month: string): Promise<string | null> {
  const period = parseMonth(month);
  if (!period) return null;
  // A month has at most 31 day pages and its own; the rest of the protocol's 50,000 are papers.
  const papers = await getListedPaperStamps(await getDb(), { start: period.start, end: period.end, limit: SITEMAP_MAX_URLS - 32 });
  if (papers.length === 0) return null;
  const days = new Map<string, Date>();
  for (const p of papers) {
    const seen = days.get(p.listedOn);
    if (!seen || seen < p.updatedAt) days.set(p.listedOn, p.updatedAt);
  }
  const latest = [...days.values()].reduce((a, b) => (a > b ? a : b));
  const urls: SitemapEntry[] = [
    { loc: siteUrl(periodPath(period)), lastmod: latest },
    ...[...days].map(([day, lastmod]) => ({ loc: siteUrl(periodPath(periodOf("day", day))), lastmod })),
    ...papers.filter((p) => PAGE_ID.test(p.id)).map((p) => ({ loc: siteUrl(paperPath(p.id)), lastmod: p.updatedAt })),
  ];
  return urlSetXml(urls);
}
