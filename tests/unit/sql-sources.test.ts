import { describe, expect, it } from "vitest";
import { installingMigration, migrationTags, migrationText, sourceText, SQL_SOURCES } from "@/db/sql/sources";

describe("SQL sources (db/sql/)", () => {
  it.each(SQL_SOURCES)("db/sql/%s.sql is what the newest migration installing it holds (npm run db:sql writes a new one)", (name) => {
    const installed = installingMigration(name);
    expect(installed, `no migration installs db/sql/${name}.sql`).not.toBeNull();
    expect(installed!.text).toBe(migrationText(name, sourceText(name)));
  });

  it.each(SQL_SOURCES)(
    "db/sql/%s.sql holds only definitions that replace themselves (and drops of old signatures, and rebuilds), so installing it again is harmless",
    (name) => {
      const statements = sourceText(name)
        .split("--> statement-breakpoint")
        .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
        .filter(Boolean);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements)
        expect(statement).toMatch(/^(CREATE OR REPLACE (FUNCTION|TRIGGER) |DROP FUNCTION IF EXISTS |SELECT search_index_rebuild\(\);$)/);
    },
  );

  it("the migrations installing a source come after the migrations it replaces definitions of", () => {
    const tags = migrationTags();
    expect(tags.indexOf(installingMigration("votes")!.tag)).toBeGreaterThan(tags.indexOf("0012_vote_in_session"));
    expect(tags.indexOf(installingMigration("search")!.tag)).toBeGreaterThan(tags.indexOf("0017_search_postings"));
  });
});
