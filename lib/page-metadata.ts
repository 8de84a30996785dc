/**
 * A page's metadata for people and for link previews, built in one place for every listing and
 * paper page: title, description, canonical URL, Open Graph and Twitter card. Every URL is
 * absolute on the public URL (lib/site-url.ts), never taken from the request.
 */
import type { Metadata } from "next";
import { siteUrlOrPath } from "@/lib/site-url";

export const SITE_NAME = "Daily Papers";

/** The share images' size (server/share-images/draw.tsx): what link previews show large. */
export const SHARE_IMAGE = { width: 1200, height: 630 } as const;

/** The share images the app draws: a paper's and a day's (app/og/). */
export const shareImagePath = {
  paper: (id: string) => `/og/papers/${id}.png`,
  day: (day: string) => `/og/days/${day}.png`,
};

/** Page `page` (from 0) of a listing at `path`: `?p=N`, as search pages are numbered; page 0 has no parameter. */
export function pagePath(path: string, page: number): string {
  return page === 0 ? path : `${path}${path.includes("?") ? "&" : "?"}p=${page}`;
}

/** The page a route's `/page/N` names (0 without one): a whole number up to `max` (as many digits at most), else null. */
export function routePageNumber(raw: string | undefined, max: number): number | null {
  if (raw === undefined) return 0;
  return new RegExp(`^\\d{1,${String(max).length}}$`).test(raw) && Number(raw) <= max ? Number(raw) : null;
}

export interface PageMetadata {
  /** The page's title; the root layout's template adds the site's name unless it is `absolute`. */
  title: string | { absolute: string };
  description: string;
  /** The canonical path, `/papers/2501.00001`. */
  path: string;
  /** A share image the app draws (`shareImagePath`), and its alt text. */
  image?: { path: string; alt: string };
  /** Personal pages and searches: no use in a search engine's index. */
  noindex?: boolean;
  type?: "website" | "article";
}

/**
 * Metadata for a page; `extra` is merged in (its `alternates` beside the canonical URL, so a
 * page's feeds can be listed there too).
 */
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
