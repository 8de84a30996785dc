import { sql } from "drizzle-orm";
import {
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  real,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { AdapterAccountType } from "next-auth/adapters";
import { DIGEST_FREQUENCIES } from "@/lib/digest";
import { FOLLOW_KINDS } from "@/lib/follows";
import { MAX_TITLE_LENGTH } from "@/lib/ingest/limits";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const organizations = pgTable("organizations", {
  name: text("name").primaryKey(),
  fullname: text("fullname"),
  avatar: text("avatar"),
  ...timestamps,
});

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export { MAX_TITLE_LENGTH };

export const papers = pgTable(
  "papers",
  {
    /** The arXiv id where there is one, else a stable local id (`local-…`). */
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    abstract: text("abstract").notNull().default(""),
    authors: text("authors")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Known even when names are not (the sample corpus only has counts). */
    authorCount: integer("author_count"),
    organizationName: text("organization_name").references(() => organizations.name, {
      onUpdate: "cascade",
      onDelete: "set null",
    }),
    publishedAt: date("published_at", { mode: "string" }),
    listedOn: date("listed_on", { mode: "string" }),
    sourceUpvotes: integer("source_upvotes").notNull().default(0),
    /** Site users' upvotes as of the last fold (server/vote-fold.ts), so a vote never rewrites this wide, much-indexed row. */
    voteCount: integer("vote_count").notNull().default(0),
    upvotes: integer("upvotes")
      .notNull()
      .generatedAlwaysAs(sql`source_upvotes + vote_count`),
    numComments: integer("num_comments"),
    thumbnail: text("thumbnail"),
    githubRepo: text("github_repo"),
    githubStars: integer("github_stars"),
    projectPage: text("project_page"),
    aiSummary: text("ai_summary"),
    aiKeywords: text("ai_keywords").array(),
    categories: text("categories").array(),
    primaryCategory: text("primary_category"),
    pdfUrl: text("pdf_url"),
    /** When arXiv last answered, so re-runs do not ask again. */
    arxivFetchedAt: timestamp("arxiv_fetched_at", { withTimezone: true }),
    submittedOnDailyAt: timestamp("submitted_on_daily_at", { withTimezone: true }),
    submittedByName: text("submitted_by_name"),
    submittedByFullname: text("submitted_by_fullname"),
    submittedByAvatar: text("submitted_by_avatar"),
    // papers_search_document() is an IMMUTABLE SQL function (migration 0002): title A, authors and keywords B, abstract C.
    searchVector: tsvector("search_vector").generatedAlwaysAs(sql`papers_search_document(title, authors, ai_keywords, abstract)`),
    titleVector: tsvector("title_vector").generatedAlwaysAs(sql`to_tsvector('english'::regconfig, title)`),
    /** hashtext() of every lexeme: an in-row "has these words" test that spares reading the out-of-line document. */
    searchHashes: integer("search_hashes")
      .array()
      .generatedAlwaysAs(sql`papers_search_hashes(papers_search_document(title, authors, ai_keywords, abstract))`),
    ...timestamps,
  },
  (t) => [
    index("papers_listed_rank_idx").on(t.listedOn.desc().nullsLast(), t.upvotes.desc(), t.publishedAt.desc().nullsLast(), t.id),
    index("papers_published_idx").on(t.publishedAt.desc().nullsLast()),
    index("papers_submitter_idx")
      .on(t.submittedByName, t.listedOn.desc().nullsLast(), t.upvotes.desc(), t.publishedAt.desc().nullsLast(), t.id)
      .where(sql`${t.submittedByName} is not null`),
    index("papers_organization_idx").on(t.organizationName),
    index("papers_primary_category_idx").on(t.primaryCategory),
    // Upvote order is served by papers_walk_idx (migrations 0004, 0005): drizzle cannot express INCLUDE.
    index("papers_categories_idx").using("gin", t.categories),
    index("papers_authors_idx").using("gin", t.authors),
    index("papers_search_idx").using("gin", t.searchVector),
    index("papers_title_search_idx").using("gin", t.titleVector),
    // Titles are in papers_walk_idx, whose rows must stay under 2.7 KB; real ones are under 300.
    check("papers_title_length", sql`char_length(${t.title}) <= ${sql.raw(String(MAX_TITLE_LENGTH))}`),
  ],
);

const bytea = customType<{ data: Uint8Array }>({
  dataType: () => "bytea",
  // postgres.js reads a Buffer, PGlite a Uint8Array.
  fromDriver: (value) => new Uint8Array(value as Uint8Array),
});

/** Compared byte by byte, so a btree serves prefix ranges whatever the database locale. */
const textC = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

/** Every word of the search documents with its paper count, for completions and corrections; kept by triggers (migration 0004). */
export const searchWords = pgTable(
  "search_words",
  {
    word: textC("word").primaryKey(),
    papers: integer("papers").notNull(),
    ...timestamps,
  },
  (t) => [index("search_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`)],
);

/**
 * The ranked-retrieval index (docs/search.md, "Ranked retrieval"): per stem, its papers in chunks by falling impact (the
 * saturated BM25F weight of the stem in the paper), built whole by search_index_rebuild() (db/sql/search.sql).
 */
export const searchPostings = pgTable(
  "search_postings",
  {
    lexeme: textC("lexeme").notNull(),
    chunk: integer("chunk").notNull(),
    /** The chunk's highest impact: what any paper of this and later chunks can add at most. */
    top: real("top").notNull(),
    /** Papers holding the stem when the index was built. */
    df: integer("df").notNull(),
    /** int4 per paper (search_docs.doc) and float4 per impact, big-endian: two values to read, not two thousand. */
    docs: bytea("docs").notNull(),
    impacts: bytea("impacts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.lexeme, t.chunk] })],
);

/** The build's numbers for papers, so postings are 4 bytes a paper and a search adds scores in an array. */
export const searchDocs = pgTable("search_docs", {
  doc: integer("doc").primaryKey(),
  paperId: text("paper_id").notNull().unique(),
});

/** The writing transaction: a build drops what its snapshot saw, and keeps what was written after it. */
const writtenBy = customType<{ data: string }>({ dataType: () => "xid8" });

/** Postings of papers written since the index was built, kept by a trigger until the next build folds them in. */
export const searchPostingsRecent = pgTable(
  "search_postings_recent",
  {
    lexeme: textC("lexeme").notNull(),
    paperId: text("paper_id").notNull(),
    impact: real("impact").notNull(),
    xid: writtenBy("xid")
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [primaryKey({ columns: [t.lexeme, t.paperId] }), index("search_postings_recent_paper_idx").on(t.paperId)],
);

/** Papers whose text changed since the build: their built postings are ignored, their recent ones count. */
export const searchPostingsStale = pgTable("search_postings_stale", {
  paperId: text("paper_id").primaryKey(),
  xid: writtenBy("xid")
    .notNull()
    .default(sql`pg_current_xact_id()`),
});

/** One row: when the index was built and the mean field lengths its impacts were computed with. */
export const searchIndexState = pgTable("search_index_state", {
  id: integer("id").primaryKey().default(1),
  builtAt: timestamp("built_at", { withTimezone: true }),
  papers: integer("papers").notNull().default(0),
  chunkSize: integer("chunk_size").notNull().default(1000),
  /** Title, authors and keywords, abstract: stems per paper. */
  meanLengths: real("mean_lengths")
    .array()
    .notNull()
    .default(sql`'{10,12,150}'::real[]`),
  /** When the related words were learned, and from how many papers the store then held. */
  relatedAt: timestamp("related_at", { withTimezone: true }),
  relatedPapers: integer("related_papers").notNull().default(0),
});

/** Per stem, the stems used in the same contexts, most similar first (docs/search.md, "Related words"); learned by the search-index job. */
export const searchRelated = pgTable("search_related", {
  lexeme: textC("lexeme").primaryKey(),
  related: text("related").array().notNull(),
  similarity: real("similarity").array().notNull(),
});

export const jobStatuses = ["running", "succeeded", "partial", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const jobTriggers = ["cron", "cli", "startup", "schedule"] as const;
export type JobTrigger = (typeof jobTriggers)[number];

export interface IngestionDayResult {
  date: string;
  fetched: number;
  inserted: number;
  updated: number;
  rejected: number;
  rejections?: string[];
  adjusted?: number;
  adjustments?: string[];
  error?: string;
  warning?: string;
}

/** One run of a background job (server/jobs/registry.ts); `params` and `result` are the job's own. */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    job: text("job").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    status: text("status", { enum: jobStatuses }).notNull().default("running"),
    trigger: text("trigger", { enum: jobTriggers }).notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    result: jsonb("result")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    error: text("error"),
    ...timestamps,
  },
  (t) => [
    index("job_runs_job_started_idx").on(t.job, t.startedAt.desc()),
    index("job_runs_started_idx").on(t.startedAt.desc()),
    check("job_runs_status_check", sql`${t.status} in ('running', 'succeeded', 'partial', 'failed')`),
    check("job_runs_trigger_check", sql`${t.trigger} in ('cron', 'cli', 'startup', 'schedule')`),
  ],
);

// In the shape the Auth.js drizzle adapter reads (its property names, our SQL names).

export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    /** The display name. */
    name: text("name"),
    email: text("email").unique(),
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
    image: text("image"),
    /** The public handle (`/u/{handle}`, lib/handles.ts), unique ignoring case; null until chosen. */
    handle: text("handle"),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_handle_key").on(sql`lower(${t.handle})`)],
);

/** Handles given up: they lead to their account's new handle, and no one else takes them, for a while (db/queries/profiles.ts). */
export const handleHistory = pgTable("handle_history", {
  /** lower(handle). */
  handleKey: text("handle_key").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("accounts_user_idx").on(t.userId)],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Magic-link tokens: deleted when used, so each link works once. */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const upvotes = pgTable(
  "upvotes",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    paperId: text("paper_id")
      .notNull()
      .references(() => papers.id, { onDelete: "cascade" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.paperId] }),
    index("upvotes_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("upvotes_created_idx").on(t.createdAt.desc(), t.paperId),
    index("upvotes_paper_idx").on(t.paperId),
  ],
);

/** Each paper's vote rows, counted by triggers on upvotes, so a vote changes this narrow row, not papers; `folded` is what papers.vote_count holds. */
export const paperVotes = pgTable(
  "paper_votes",
  {
    paperId: text("paper_id")
      .primaryKey()
      .references(() => papers.id, { onDelete: "cascade" }),
    count: integer("count").notNull().default(0),
    folded: integer("folded").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index("paper_votes_unfolded_idx")
      .on(t.paperId)
      .where(sql`${t.count} <> ${t.folded}`),
  ],
);

/** Moves on every write to papers (a statement trigger): the search cache's key; a sequence, so writers take no lock. */
export const papersVersion = pgSequence("papers_version");

/** Share images as drawn, replaced when `face` (a hash of what they show) changes; bounded in bytes, least recently drawn go first. */
export const shareImages = pgTable(
  "share_images",
  {
    subject: text("subject").primaryKey(),
    face: text("face").notNull(),
    png: bytea("png").notNull(),
    bytes: integer("bytes").notNull(),
    ...timestamps,
  },
  (t) => [index("share_images_updated_at_idx").on(t.updatedAt)],
);

export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    count: integer("count").notNull().default(0),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export type Paper = typeof papers.$inferSelect;
export type NewPaper = typeof papers.$inferInsert;
export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;
export type JobRun = typeof jobRuns.$inferSelect;
export type User = typeof users.$inferSelect;

export const follows = pgTable(
  "follows",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: FOLLOW_KINDS }).notNull(),
    value: text("value").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex("follows_user_topic_idx").on(t.userId, t.kind, t.value),
    // The distinct topics of a digest run.
    index("follows_topic_idx").on(t.kind, t.value),
    check("follows_kind_check", sql`${t.kind} in ('query', 'author', 'organization', 'category')`),
  ],
);

export const subscriptionStatuses = ["pending", "active", "paused", "unsubscribed"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** Signed-out subscribers confirm their address first (double opt-in, `pending` until then). */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    email: text("email").notNull().unique(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    frequency: text("frequency", { enum: DIGEST_FREQUENCIES }).notNull(),
    status: text("status", { enum: subscriptionStatuses }).notNull().default("pending"),
    // The one working confirmation link and what it sets: only the address's owner, following it, can reactivate the row or tie it to an account.
    confirmNonce: text("confirm_nonce"),
    confirmExpires: timestamp("confirm_expires", { withTimezone: true, mode: "date" }),
    confirmFrequency: text("confirm_frequency", { enum: DIGEST_FREQUENCIES }),
    /** Only ever the account whose own address this is. */
    confirmUserId: text("confirm_user_id").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    index("subscriptions_recipients_idx").on(t.status, t.frequency),
    index("subscriptions_user_idx").on(t.userId),
    check("subscriptions_frequency_check", sql`${t.frequency} in ('daily', 'weekly')`),
    check("subscriptions_status_check", sql`${t.status} in ('pending', 'active', 'paused', 'unsubscribed')`),
    check("subscriptions_confirm_frequency_check", sql`${t.confirmFrequency} in ('daily', 'weekly')`),
  ],
);

export const deliveryStatuses = ["claimed", "sent", "failed"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** Claimed before sending, marked after, so no run sends twice; an unmarked claim is not resent, a failed one is retried a few times. */
export const digestDeliveries = pgTable(
  "digest_deliveries",
  {
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    status: text("status", { enum: deliveryStatuses }).notNull().default("claimed"),
    attempts: integer("attempts").notNull().default(1),
    messageId: text("message_id").notNull(),
    error: text("error"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.period] }),
    index("digest_deliveries_period_idx").on(t.period, t.status),
    check("digest_deliveries_status_check", sql`${t.status} in ('claimed', 'sent', 'failed')`),
  ],
);

export const digestPapers = pgTable(
  "digest_papers",
  {
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    paperId: text("paper_id")
      .notNull()
      .references(() => papers.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.paperId] }), index("digest_papers_paper_idx").on(t.paperId)],
);

export type Follow = typeof follows.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;

/** The feed URL's secret is an HMAC of `selector` (server/feeds/token.ts): it can be shown again, while a database copy alone opens no feed. */
export const feedTokens = pgTable("feed_tokens", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  selector: text("selector").notNull().unique(),
  ...timestamps,
});

export type FeedToken = typeof feedTokens.$inferSelect;
