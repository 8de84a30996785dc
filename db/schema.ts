import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** An organization that submits papers (a Hugging Face org on the source site). */
export const organizations = pgTable("organizations", {
  name: text("name").primaryKey(),
  fullname: text("fullname"),
  avatar: text("avatar"),
  ...timestamps,
});

export const papers = pgTable(
  "papers",
  {
    /** The arXiv id where there is one (`2501.01234`), else a stable local id (`local-…`). */
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    abstract: text("abstract").notNull().default(""),
    /** Author names in paper order; empty when the source did not name them. */
    authors: text("authors").array().notNull().default(sql`'{}'::text[]`),
    /** Known even when names are not (the sample corpus only has counts). */
    authorCount: integer("author_count"),
    organizationName: text("organization_name").references(() => organizations.name, {
      onUpdate: "cascade",
      onDelete: "set null",
    }),
    publishedAt: date("published_at", { mode: "string" }),
    /** The Daily Papers day the paper is listed on. */
    listedOn: date("listed_on", { mode: "string" }),
    sourceUpvotes: integer("source_upvotes").notNull().default(0),
    /** Upvotes cast by this site's users, kept in step with their vote rows. */
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
    ...timestamps,
  },
  (t) => [
    // A day's (or a week's) ranking: listed_on range, then upvotes, then newest.
    index("papers_listed_rank_idx").on(
      t.listedOn,
      t.upvotes.desc(),
      t.publishedAt.desc().nullsLast(),
      t.id,
    ),
    index("papers_published_idx").on(t.publishedAt.desc().nullsLast()),
    index("papers_organization_idx").on(t.organizationName),
  ],
);

export type Paper = typeof papers.$inferSelect;
export type NewPaper = typeof papers.$inferInsert;
export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;
