import { ApiError, handleErrors } from "@/lib/errors";
import { hasPublicUrl } from "@/lib/site-url";
import { monthSitemap, sitemapIndex } from "@/server/sitemaps";

// `/sitemap.xml` is rewritten to `/sitemaps/index.xml` (next.config.ts), so that it too is cached
// (ISR) without reading the database at build time. Refreshed at most hourly; a 404 is never cached.
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

const XML = { "Content-Type": "application/xml; charset=utf-8" };

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ name: string }> }) => {
  if (!hasPublicUrl()) throw new ApiError("unavailable:sitemap", "Sitemaps need the public URL: set AUTH_URL.");
  const { name } = await params;
  if (name === "index.xml") return new Response(await sitemapIndex(), { headers: XML });
  const month = /^(\d{4}-\d{2})\.xml$/.exec(name)?.[1];
  const xml = month ? await monthSitemap(month) : null;
  if (!xml) throw new ApiError("not_found:sitemap", "No such sitemap: they are /sitemap.xml and the months it lists.");
  return new Response(xml, { headers: XML });
});
