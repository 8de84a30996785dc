// drizzle's migrator runs migration files only, so a db/sql/ source reaches a store as a migration holding it verbatim (docs/votes.md).
import { readFileSync } from "node:fs";
import path from "node:path";

export const SQL_SOURCES = ["votes", "search"] as const;
export type SqlSource = (typeof SQL_SOURCES)[number];

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function sourceText(name: SqlSource): string {
  return readFileSync(path.join(process.cwd(), "db", "sql", `${name}.sql`), "utf8");
}

function header(name: SqlSource): string {
  return `-- Installs db/sql/${name}.sql (written by scripts/sql-migration.ts: edit that file, not this one).\n`;
}

export function migrationText(name: SqlSource, source: string): string {
  return header(name) + source;
}

export function migrationTags(): string[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

export function installingMigration(name: SqlSource): { tag: string; text: string } | null {
  for (const tag of migrationTags().toReversed()) {
    const text = readFileSync(path.join(migrationsFolder, `${tag}.sql`), "utf8");
    if (text.startsWith(header(name))) return { tag, text };
  }
  return null;
}
