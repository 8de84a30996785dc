import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db";
import { installingMigration, migrationsFolder, sourceText } from "@/db/sql/sources";

const source = sourceText("votes");
const functions = [...source.matchAll(/CREATE OR REPLACE FUNCTION (\w+)\([\s\S]*?AS \$\$([\s\S]*?)\$\$;/g)].map(([, name, body]) => ({
  name: name!,
  body: body!,
}));
const triggers = [...source.matchAll(/CREATE OR REPLACE TRIGGER (\w+) (.*);/g)].map(([, name, rest]) => ({ name: name!, rest: rest! }));

/** The vote's functions (whole definitions) and the triggers on upvotes, as a store holds them. */
async function voteDefinitions(query: (text: string) => Promise<Record<string, string>[]>) {
  const names = functions.map((f) => `'${f.name}'`).join(", ");
  return {
    functions: await query(`select proname, pg_get_functiondef(oid) as def from pg_proc where proname in (${names}) order by proname`),
    triggers: await query(
      `select tgname, pg_get_triggerdef(oid) as def from pg_trigger where not tgisinternal and tgrelid = 'upvotes'::regclass order by tgname`,
    ),
  };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** An embedded store migrated with `folders` in turn (each a migrations folder). */
async function migratedStore(folders: string[]) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create({ extensions: { pg_trgm } });
  for (const folder of folders) await migrate(drizzle({ client }), { migrationsFolder: folder });
  const definitions = await voteDefinitions(async (text) => (await client.query<Record<string, string>>(text)).rows);
  await client.close();
  return definitions;
}

/** A copy of the migrations folder whose journal ends just before the migration `tag`. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "daily-papers-migrations-"));
  dirs.push(dir);
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === tag),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe("the vote's SQL (db/sql/votes.sql)", () => {
  it("is what the store runs: each function's body and each trigger as the source defines them", async () => {
    expect(functions.map((f) => f.name)).toEqual(["paper_votes_count", "cast_vote", "vote_in_session"]);
    const db = await getDb();
    const bodies = rowsOf<{ proname: string; prosrc: string }>(
      await db.execute(sql`select proname, prosrc from pg_proc where proname in ${functions.map((f) => f.name)}`),
    );
    expect(Object.fromEntries(bodies.map((b) => [b.proname, b.prosrc]))).toEqual(
      Object.fromEntries(functions.map((f) => [f.name, f.body])),
    );
    const defs = rowsOf<{ tgname: string; def: string }>(
      await db.execute(
        sql`select tgname, pg_get_triggerdef(oid) as def from pg_trigger where not tgisinternal and tgrelid = 'upvotes'::regclass`,
      ),
    );
    expect(Object.fromEntries(defs.map((d) => [d.tgname, d.def]))).toEqual(
      Object.fromEntries(
        triggers.map((t) => [t.name, `CREATE TRIGGER ${t.name} ${t.rest.replace(" ON upvotes ", " ON public.upvotes ")}`]),
      ),
    );
  });

  it("leaves a fresh store and a store migrated before it was installed with the same functions and triggers", async () => {
    const tag = installingMigration("votes")!.tag;
    const fresh = await migratedStore([migrationsFolder]);
    const existing = await migratedStore([migrationsBefore(tag), migrationsFolder]);
    expect(fresh.functions.map((f) => f.proname)).toEqual(["cast_vote", "paper_votes_count", "vote_in_session"]);
    expect(fresh.triggers.map((t) => t.tgname)).toEqual(["upvotes_count_delete", "upvotes_count_insert"]);
    expect(existing).toEqual(fresh);
  });
});
