import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { organizations, papers, type NewOrganization, type NewPaper } from "@/db/schema";
import { backgroundTasksSettled } from "@/server/after-response";
import { rateLeases } from "@/server/rate-lease";
import { forgetCountedSearches } from "@/server/search/limit";
import { forgetRecentShareImages } from "@/server/share-images/serve";

/**
 * Empties every application table (migrations stay applied), once the mail of earlier tests is
 * sent, and forgets this process's rate-limit leases, counted searches and share images.
 */
export async function resetDatabase(): Promise<void> {
  await backgroundTasksSettled();
  const db = await getDb();
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`),
  ).map((t) => t.name);
  if (tables.length > 0) await db.execute(sql.raw(`truncate ${tables.join(", ")} restart identity cascade`));
  rateLeases.reset();
  forgetCountedSearches();
  forgetRecentShareImages();
}

let counter = 0;

/** A complete paper row with sensible defaults; override what the test is about. */
export function makePaper(overrides: Partial<NewPaper> = {}): NewPaper {
  counter += 1;
  return {
    id: `2601.${String(10000 + counter)}`,
    title: `Test paper ${counter}`,
    abstract: `Abstract of test paper ${counter}.`,
    authors: ["Ada Lovelace", "Alan Turing"],
    authorCount: 2,
    publishedAt: "2026-01-05",
    listedOn: "2026-01-05",
    sourceUpvotes: 0,
    ...overrides,
  };
}

export async function insertPapers(rows: NewPaper[], orgs: NewOrganization[] = []): Promise<void> {
  const db = await getDb();
  if (orgs.length > 0) await db.insert(organizations).values(orgs).onConflictDoNothing();
  if (rows.length > 0) await db.insert(papers).values(rows);
}
