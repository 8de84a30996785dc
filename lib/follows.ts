/**
 * Followed topics: what each kind of follow means as a paper query, how it is written in a URL
 * and named. Pure and free of zod (client code reads it; lib/follow-input.ts checks input).
 */
import type { PaperFilters } from "./search/filters";

export const FOLLOW_KINDS = ["query", "author", "organization", "category"] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

/** A follow as the API shows it (`GET /api/follows`). */
export interface FollowJson {
  id: string;
  kind: FollowKind;
  value: string;
  createdAt: string;
}

/** At most this many follows per account. */
export const MAX_FOLLOWS = 100;

/** What a topic finds: a query in search syntax (empty for the others) under filters. */
export function topicQuery({ kind, value }: { kind: FollowKind; value: string }): { query: string; filters: PaperFilters } {
  switch (kind) {
    case "query":
      return { query: value, filters: {} };
    case "author":
      return { query: "", filters: { author: value } };
    case "organization":
      return { query: "", filters: { organization: value } };
    case "category":
      return { query: "", filters: { category: value } };
  }
}

/** The page that lists a topic's papers. */
export function topicPath({ kind, value }: { kind: FollowKind; value: string }): string {
  switch (kind) {
    case "query":
      return `/papers?${new URLSearchParams({ q: value })}`;
    case "author":
      return `/papers/author/${encodeURIComponent(value)}`;
    case "organization":
      return `/papers/org/${encodeURIComponent(value)}`;
    case "category":
      return `/papers/category/${encodeURIComponent(value)}`;
  }
}

const KIND_LABELS: Record<FollowKind, string> = { query: "Search", author: "Author", organization: "Organization", category: "Category" };

export function kindLabel(kind: FollowKind): string {
  return KIND_LABELS[kind];
}

/** `“kv cache” (search)`, `Ada Lovelace`, …: how a topic is named on cards and in email. */
export function topicLabel({ kind, value }: { kind: FollowKind; value: string }, organizationName?: string | null): string {
  if (kind === "query") return `“${value}”`;
  if (kind === "organization") return organizationName ?? value;
  return value;
}

/** A topic listing's heading: papers by an author, from an organization, in a category. */
export function topicHeading(topic: { kind: FollowKind; value: string }, organizationName?: string | null): string {
  const name = topicLabel(topic, organizationName);
  if (topic.kind === "author") return `Papers by ${name}`;
  if (topic.kind === "organization") return `Papers from ${name}`;
  return `Papers in ${name}`;
}

/** The key of a topic, for maps and React lists. */
export const topicKey = ({ kind, value }: { kind: FollowKind; value: string }) => `${kind}:${value}`;
