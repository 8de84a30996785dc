/**
 * Followed topics: what each kind of follow means as a paper query, how it is written in a URL,
 * and how it is checked. Pure: the API, the pages and the digest share it.
 */
import { z } from "zod";
import type { PaperFilters } from "./search/filters";
import { MAX_QUERY_LENGTH, parseQuery } from "./search/syntax";

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

export const CATEGORY = /^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/;
const ORGANIZATION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const singleLine = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/[\p{Cc}\p{Cf}]/gu, " ").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, "must not be empty").max(max, `must be at most ${max} characters`));

/** A follow as an API call gives it: checked, and written the one way it is stored. */
export const followInputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("query"),
    value: singleLine(MAX_QUERY_LENGTH).refine((q) => parseQuery(q).groups.length > 0, "must hold a word to search for"),
  }),
  z.object({ kind: z.literal("author"), value: singleLine(300) }),
  z.object({ kind: z.literal("organization"), value: z.string().trim().regex(ORGANIZATION, "not an organization name") }),
  z.object({ kind: z.literal("category"), value: z.string().trim().regex(CATEGORY, "not an arXiv category, expected e.g. cs.CL").max(40) }),
]);
export type FollowInput = z.infer<typeof followInputSchema>;

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

/** The key of a topic, for maps and React lists. */
export const topicKey = ({ kind, value }: { kind: FollowKind; value: string }) => `${kind}:${value}`;
