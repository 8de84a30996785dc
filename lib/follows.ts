// Free of zod: client code reads it; lib/follow-input.ts checks input.
import type { PaperFilters } from "./search/filters";

export const FOLLOW_KINDS = ["query", "author", "organization", "category"] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

export interface FollowJson {
  id: string;
  kind: FollowKind;
  value: string;
  createdAt: string;
}

export const MAX_FOLLOWS = 100;

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

export function topicLabel({ kind, value }: { kind: FollowKind; value: string }, organizationName?: string | null): string {
  if (kind === "query") return `“${value}”`;
  if (kind === "organization") return organizationName ?? value;
  return value;
}

export function topicHeading(topic: { kind: FollowKind; value: string }, organizationName?: string | null): string {
  const name = topicLabel(topic, organizationName);
  if (topic.kind === "author") return `Papers by ${name}`;
  if (topic.kind === "organization") return `Papers from ${name}`;
  return `Papers in ${name}`;
}

export const topicKey = ({ kind, value }: { kind: FollowKind; value: string }) => `${kind}:${value}`;
