import "server-only";
import { getDb } from "@/db";
import { getLatestListedPapers, getPapersByIds, type PaperWithOrg } from "@/db/queries/papers";
import { ApiError } from "@/lib/errors";
import { followInputSchema } from "@/lib/follow-input";
import type { FeedRef } from "@/lib/feeds";
import { topicLabel, topicPath } from "@/lib/follows";
import { loadTrending } from "@/server/papers";
import { findTopic, loadFollowedPapers, topicHead, type Topic } from "@/server/topics";
import { feedTokenUser } from "./token";

export interface FeedContent {
  ref: FeedRef;
  title: string;
  description: string;
  pagePath: string;
  papers: PaperWithOrg[];
}

const SITE = "Daily Papers";

export async function loadFeed(ref: FeedRef, limit: number, client: string | null = null): Promise<FeedContent> {
  switch (ref.kind) {
    case "daily":
      return {
        ref,
        title: SITE,
        description: "The papers of the latest listing days on Daily Papers, the most upvoted first within each day.",
        pagePath: "/",
        papers: await getLatestListedPapers(await getDb(), { limit }),
      };
    case "trending":
      return {
        ref,
        title: `Trending papers · ${SITE}`,
        description: "Papers with momentum on Daily Papers, ranked by recent upvotes: a vote counts half as much every three days.",
        pagePath: "/papers/trending",
        papers: await loadTrending({ limit }),
      };
    case "search":
      return {
        ref,
        title: `“${ref.q}” · ${SITE}`,
        description: `The newest papers on Daily Papers matching “${ref.q}”.`,
        pagePath: topicPath({ kind: "query", value: ref.q }),
        papers: await topicPapers({ kind: "query", value: ref.q }, limit, client),
      };
    case "me":
      return loadPrivateFeed(ref.token, limit, client);
    default:
      return loadTopicFeed(ref.kind, ref.value, limit);
  }
}

async function topicPapers(topic: Pick<Topic, "kind" | "value">, limit: number, client: string | null = null): Promise<PaperWithOrg[]> {
  const db = await getDb();
  return getPapersByIds(db, { ids: await topicHead(db, { topic, count: limit, client }) });
}

const notFound = (message: string) => new ApiError("not_found:feed", message);

async function loadTopicFeed(kind: "organization" | "author" | "category", value: string, limit: number): Promise<FeedContent> {
  const parsed = followInputSchema.safeParse({ kind, value });
  const topic = parsed.success ? await findTopic(await getDb(), parsed.data) : null;
  if (!topic)
    throw notFound(
      kind === "category" ? `No paper here is in the arXiv category “${value}”.` : `No organization named “${value}” is known here.`,
    );
  const papers = await topicPapers(topic, limit);
  // Any name is an author's page; a feed of nobody's papers is a typo to say so about.
  if (kind === "author" && papers.length === 0) throw notFound(`No papers by “${topic.value}” are listed here.`);
  const name = topicLabel(topic, topic.organization?.fullname);
  const heading = kind === "author" ? `Papers by ${name}` : kind === "organization" ? `Papers from ${name}` : `Papers in ${name}`;
  return {
    ref: { kind, value: topic.value },
    title: `${heading} · ${SITE}`,
    description:
      kind === "category"
        ? `The newest ${name} papers on Daily Papers.`
        : `The newest papers on Daily Papers ${kind === "author" ? "by" : "from"} ${name}.`,
    pagePath: topicPath(topic),
    papers,
  };
}

async function loadPrivateFeed(token: string, limit: number, client: string | null): Promise<FeedContent> {
  const userId = await feedTokenUser(token);
  if (!userId) throw notFound("There is no feed at this address: it may have been reset. Find your feed’s address under My topics.");
  return {
    ref: { kind: "me", token },
    title: `My topics · ${SITE}`,
    description:
      "The newest papers of the topics you follow on Daily Papers. This address is private: anyone who has it can read the feed.",
    pagePath: "/papers/following",
    papers: (await loadFollowedPapers({ userId, limit, client })).map((item) => item.paper),
  };
}
