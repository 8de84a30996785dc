import "server-only";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb, type Db } from "@/db";
import { listFollows } from "@/db/queries/follows";
import { getOrganization } from "@/db/queries/organizations";
import { getPapersByIds, hasCategory, type PaperWithOrg } from "@/db/queries/papers";
import { findPaperIds, prepareFind, type MatchCount } from "@/server/search/plan";
import type { Follow } from "@/db/schema";
import { routeParam } from "@/lib/decode";
import { CATEGORY, followInputSchema } from "@/lib/follow-input";
import { feedAlternates } from "@/lib/feeds";
import { topicHeading, topicLabel, topicPath, topicQuery, type FollowKind } from "@/lib/follows";
import { pageMetadata, pagePath, routePageNumber } from "@/lib/page-metadata";
import { parseQuery } from "@/lib/search/syntax";
import { cachedSearch } from "./search/cache";
import { limitSearchRate } from "./search/limit";

export const TOPIC_PAGE_SIZE = 30;
/** Deeper pages would make the window read grow past sense. */
export const MAX_TOPIC_PAGE = 199;
export const MAX_FOLLOWING_PAGE = 49;

export type ListingKind = Exclude<FollowKind, "query">;

export interface Topic {
  kind: FollowKind;
  value: string;
  organization?: { name: string; fullname: string | null; avatar: string | null };
}

export interface TopicPage {
  topic: Topic;
  papers: PaperWithOrg[];
  page: number;
  hasMore: boolean;
  total: MatchCount;
}

/** Any author name is a topic (the page says when there are no papers); an organization or category must be known. */
export const resolveTopic = cache(async (kind: ListingKind, raw: string): Promise<Topic> => {
  const value = routeParam(raw);
  const parsed = followInputSchema.safeParse({ kind, value });
  if (!parsed.success) notFound();
  const topic = await findTopic(await getDb(), parsed.data);
  if (!topic) notFound();
  return topic;
});

export async function findTopic(db: Db, { kind, value }: { kind: FollowKind; value: string }): Promise<Topic | null> {
  if (kind === "organization") {
    const organization = await getOrganization(db, { name: value });
    return organization ? { kind, value: organization.name, organization } : null;
  }
  if (kind === "category") return CATEGORY.test(value) && (await hasCategory(db, { category: value })) ? { kind, value } : null;
  return { kind, value };
}

export async function loadTopicPage(topic: Topic, page: number): Promise<TopicPage> {
  const db = await getDb();
  const { query, filters } = topicQuery(topic);
  const finder = await prepareFind(db, { query: parseQuery(query), filters, order: "listed" });
  const from = page * TOPIC_PAGE_SIZE;
  const [ids, total] = await Promise.all([finder.window(from, from + TOPIC_PAGE_SIZE + 1), finder.count()]);
  return {
    topic,
    papers: await getPapersByIds(db, { ids: ids.slice(0, TOPIC_PAGE_SIZE) }),
    page,
    hasMore: ids.length > TOPIC_PAGE_SIZE,
    total,
  };
}

export function topicPageNumber(raw: string | undefined): number {
  return routePageNumber(raw, MAX_TOPIC_PAGE) ?? notFound();
}

export async function loadTopicRoute(kind: ListingKind, name: string, rawPage: string | undefined): Promise<TopicPage> {
  const topic = await resolveTopic(kind, name);
  return loadTopicPage(topic, topicPageNumber(rawPage));
}

export async function topicMetadata(kind: ListingKind, name: string, rawPage: string | undefined): Promise<Metadata> {
  const topic = await resolveTopic(kind, name);
  const page = topicPageNumber(rawPage);
  const heading = topicHeading(topic, topic.organization?.fullname);
  return pageMetadata(
    {
      title: `${heading}${page > 0 ? ` (page ${page + 1})` : ""}`,
      description: `The ${topic.kind === "category" ? `${topic.value} ` : ""}papers on Daily Papers${topic.kind === "category" ? "" : ` ${topic.kind === "author" ? "by" : "from"} ${topicLabel(topic, topic.organization?.fullname)}`}, newest first.`,
      path: pagePath(topicPath(topic), page),
    },
    { alternates: { types: feedAlternates({ kind, value: topic.value }, heading) } },
  );
}

export interface FollowingItem {
  paper: PaperWithOrg;
  topics: Follow[];
}

export interface FollowingPage {
  follows: Follow[];
  items: FollowingItem[];
  page: number;
  hasMore: boolean;
}

function listedOrder(a: PaperWithOrg, b: PaperWithOrg): number {
  const day = (p: PaperWithOrg) => p.listedOn ?? "";
  const published = (p: PaperWithOrg) => p.publishedAt ?? "";
  return (
    day(b).localeCompare(day(a)) ||
    b.upvotes - a.upvotes ||
    published(b).localeCompare(published(a)) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A search topic read for a client counts against its search budget (the other kinds are index lookups). */
export async function topicHead(
  db: Db,
  { topic, count, client }: { topic: Pick<Topic, "kind" | "value">; count: number; client: string | null },
): Promise<string[]> {
  const asked = { topic: topic.kind, value: topic.value, order: "listed", limit: count };
  if (client && topic.kind === "query") await limitSearchRate({ client, surface: "search", asked });
  return cachedSearch(
    db,
    asked,
    () => findPaperIds(db, { ...topicQuery(topic), order: "listed", window: { offset: 0, limit: count } }),
    (ids) => Math.ceil(ids.length / 20),
  );
}

// Each topic's first `count` is read in listing order and merged: the first n of the union are among the first n of some
// topic, and a paper in that window matches a topic exactly when that topic's head holds it.
async function mergeFollowed(db: Db, follows: Follow[], count: number, client: string | null): Promise<FollowingItem[]> {
  const heads = await Promise.all(follows.map(async (follow) => ({ follow, ids: await topicHead(db, { topic: follow, count, client }) })));
  const matched = new Map<string, Follow[]>();
  for (const { follow, ids } of heads) for (const id of ids) matched.set(id, [...(matched.get(id) ?? []), follow]);
  const ordered = (await getPapersByIds(db, { ids: [...matched.keys()] })).sort(listedOrder).slice(0, count);
  return ordered.map((paper) => ({ paper, topics: matched.get(paper.id)! }));
}

export async function loadFollowingPage({
  userId,
  page,
  client,
}: {
  userId: string;
  page: number;
  client: string;
}): Promise<FollowingPage> {
  const db = await getDb();
  const follows = await listFollows(db, { userId });
  if (follows.length === 0) return { follows, items: [], page, hasMore: false };
  const from = page * TOPIC_PAGE_SIZE;
  const merged = await mergeFollowed(db, follows, from + TOPIC_PAGE_SIZE + 1, client);
  return { follows, items: merged.slice(from, from + TOPIC_PAGE_SIZE), page, hasMore: merged.length > from + TOPIC_PAGE_SIZE };
}

export async function loadFollowedPapers({
  userId,
  limit,
  client,
}: {
  userId: string;
  limit: number;
  client: string | null;
}): Promise<FollowingItem[]> {
  const db = await getDb();
  const follows = await listFollows(db, { userId });
  return follows.length === 0 ? [] : mergeFollowed(db, follows, limit, client);
}
