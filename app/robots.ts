import type { MetadataRoute } from "next";
import { hasPublicUrl, siteUrl } from "@/lib/site-url";

// Built at run time: the sitemap's absolute URL comes from the environment the server runs with.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    // Personal pages, the API and sign-in are of no use in an index (the share images at /og/ must
    // stay open: link previews fetch them as crawlers do).
    rules: { userAgent: "*", allow: "/", disallow: ["/api/", "/settings/", "/admin/", "/signin", "/feeds/me/"] },
    ...(hasPublicUrl() ? { sitemap: siteUrl("/sitemap.xml") } : {}),
  };
}
