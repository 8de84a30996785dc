// Every URL is absolute on the public URL (lib/site-url.ts), never taken from the request.
import type { Metadata } from "next";
import { siteUrlOrPath } from "@/lib/site-url";

export const SITE_NAME = "Daily Papers";

/** server/share-images/draw.tsx draws this size. */
export const SHARE_IMAGE = { width: 1200, height: 630 } as const;

export const shareImagePath = {
  paper: (id: string) => `/og/papers/${id}.png`,
  day: (day: string) => `/og/days/${day}.png`,
};

export function pagePath(path: string, page: number): string {
  return page === 0 ? path : `${path}${path.includes("?") ? "&" : "?"}p=${page}`;
}

export function routePageNumber(raw: string | undefined, max: number): number | null {
  if (raw === undefined) return 0;
  return new RegExp(`^\\d{1,${String(max).length}}$`).test(raw) && Number(raw) <= max ? Number(raw) : null;
}

export interface PageMetadata {
  /** The root layout's template adds the site's name unless it is `absolute`. */
  title: string | { absolute: string };
  description: string;
  path: string;
  image?: { path: string; alt: string };
  noindex?: boolean;
  type?: "website" | "article";
}

export function pageMetadata(
  { title, description, path, image, noindex = false, type = "website" }: PageMetadata,
  extra: Metadata = {},
): Metadata {
  const url = siteUrlOrPath(path);
  const shareTitle = typeof title === "string" ? title : title.absolute;
  const images = image ? [{ url: siteUrlOrPath(image.path), ...SHARE_IMAGE, alt: image.alt, type: "image/png" }] : undefined;
  return {
    ...extra,
    title,
    description,
    alternates: { ...extra.alternates, canonical: url },
    openGraph: { title: shareTitle, description, url, siteName: SITE_NAME, type, ...(images ? { images } : {}) },
    twitter: images
      ? { card: "summary_large_image", title: shareTitle, description, images }
      : { card: "summary", title: shareTitle, description },
    ...(noindex ? { robots: { index: false } } : {}),
  };
}
