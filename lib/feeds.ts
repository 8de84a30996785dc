// Free of zod: pages import it.
import { MAX_QUERY_LENGTH, parseQuery } from "./search/syntax";

export const FEED_FORMATS = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

const EXTENSIONS: Record<FeedFormat, string> = { rss: "xml", atom: "atom", json: "json" };

export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

const FORMAT_LABELS: Record<FeedFormat, string> = { rss: "RSS", atom: "Atom", json: "JSON Feed" };

export const FEED_ITEMS = 50;
export const MAX_FEED_ITEMS = 100;

export type FeedRef =
  | { kind: "daily" }
  | { kind: "trending" }
  | { kind: "search"; q: string }
  | { kind: "organization" | "author" | "category"; value: string }
  | { kind: "me"; token: string };

const TOPIC_SEGMENTS = { organization: "org", author: "author", category: "category" } as const;

export function splitFeedName(segment: string): { name: string; format: FeedFormat } | null {
  const dot = segment.lastIndexOf(".");
  if (dot <= 0) return null;
  const extension = segment.slice(dot + 1);
  const format = FEED_FORMATS.find((f) => EXTENSIONS[f] === extension);
  return format ? { name: segment.slice(0, dot), format } : null;
}

export function feedPath(feed: FeedRef, format: FeedFormat): string {
  const ext = EXTENSIONS[format];
  switch (feed.kind) {
    case "daily":
    case "trending":
      return `/feeds/${feed.kind}.${ext}`;
    case "search":
      return `/feeds/search.${ext}?${new URLSearchParams({ q: feed.q })}`;
    case "me":
      return `/feeds/me/${feed.token}.${ext}`;
    default:
      return `/feeds/${TOPIC_SEGMENTS[feed.kind]}/${encodeURIComponent(feed.value)}.${ext}`;
  }
}

export function feedAlternates(feed: FeedRef, title: string): Record<string, { title: string; url: string }[]> {
  return Object.fromEntries(
    FEED_FORMATS.map((f) => [FEED_MEDIA_TYPES[f], [{ title: `${title} (${FORMAT_LABELS[f]})`, url: feedPath(feed, f) }]]),
  );
}

export function searchFeedAlternates(q: string): Record<string, { title: string; url: string }[]> | undefined {
  const query = q.trim();
  if (query.length > MAX_QUERY_LENGTH || parseQuery(query).groups.length === 0) return undefined;
  return feedAlternates({ kind: "search", q: query }, `Daily Papers: “${query}”`);
}

// XML 1.0 cannot write these even as references, and a lone surrogate is no character: one would make the whole feed unreadable.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function feedText(text: string): string {
  return text.replace(NOT_XML, "");
}
