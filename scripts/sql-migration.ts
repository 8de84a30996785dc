/** `npm run db:sql`: a new migration for each db/sql/*.sql source that changed, since applied migrations are never edited. */
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
