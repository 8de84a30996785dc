/** `tsx scripts/test-db.ts create [label]` prints a throwaway daily_papers_test_* database's URL; `drop <url>` drops only such a one. */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { env } from "@/lib/env";

const PREFIX = "daily_papers_test_";

function fail(message: string): never {
  console.error(`test-db: ${message}`);
  process.exit(2);
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(name)}`;
  return next.toString();
}

async function onServer<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  if (!env.DATABASE_URL) fail("DATABASE_URL is not set");
  const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function create(label: string): Promise<void> {
  if (!/^[a-z0-9_]{0,20}$/.test(label)) fail(`label must be [a-z0-9_], at most 20 characters: ${label}`);
  const name = `${PREFIX}${label ? `${label}_` : ""}${randomBytes(6).toString("hex")}`;
  await onServer((sql) => sql`create database ${sql(name)}`);
  console.log(withDatabase(env.DATABASE_URL!, name));
}

async function drop(url: string | undefined): Promise<void> {
  if (!url) fail("usage: test-db.ts drop <url>");
  const name = databaseOf(url);
  // The prefix check is what guarantees this can never drop a user's own database.
  if (!name.startsWith(PREFIX)) fail(`refusing to drop ${name}: not a ${PREFIX}* database`);
  if (env.DATABASE_URL && databaseOf(env.DATABASE_URL) === name) fail(`refusing to drop ${name}: DATABASE_URL names it`);
  // `with (force)` ends sessions a killed test run may have left behind (PostgreSQL 13+).
  await onServer((sql) => sql`drop database if exists ${sql(name)} with (force)`);
}

const [command, arg] = process.argv.slice(2);
if (command === "create") await create(arg ?? "");
else if (command === "drop") await drop(arg);
else fail("usage: test-db.ts create [label] | drop <url>");
