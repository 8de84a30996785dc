/**
 * `npm run db:sql`: for each SQL source (db/sql/*.sql) that differs from the newest migration
 * installing it, a new migration installing it (drizzle-kit makes the empty migration and its
 * journal entry; this fills it). Applied migrations are never edited: a change is a new one.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { installingMigration, migrationsFolder, migrationTags, migrationText, sourceText, SQL_SOURCES } from "@/db/sql/sources";

for (const name of SQL_SOURCES) {
  const text = migrationText(name, sourceText(name));
  const installed = installingMigration(name);
  if (installed?.text === text) {
    console.log(`db/sql/${name}.sql: installed by ${installed.tag}`);
    continue;
  }
  execFileSync("npx", ["drizzle-kit", "generate", "--custom", "--name", `${name}_sql`], { stdio: "inherit" });
  const tag = migrationTags().at(-1)!;
  writeFileSync(path.join(migrationsFolder, `${tag}.sql`), text);
  console.log(`db/sql/${name}.sql: installed by the new migration ${tag}`);
}
