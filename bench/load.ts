/**
 * Loads N synthetic papers into a PostgreSQL database (created if missing, migrated with the
 * app's migrations). The indexes on papers are dropped during the COPY and rebuilt from their own
 * definitions afterwards, and the vocabulary (search_words) is counted once at the end, which is
 * several times faster than maintaining them row by row.
 *
 *   tsx bench/load.ts --url postgres://postgres@127.0.0.1:55433/bench_1m --n 1000000 [--seed 42]
 */
import { finished } from "node:stream/promises";
import postgres from "postgres";
import { migratePostgres } from "@/db";
import { ORGANIZATIONS, syntheticPaper } from "./corpus";
import { arg } from "./args";

const url = arg("url");
const n = Number(arg("n"));
const seed = Number(arg("seed", "42"));
if (!Number.isInteger(n) || n <= 0) throw new Error("--n must be a positive integer");
const STREAMS = 2;

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is null. */
const copyText = (v: string) => v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
const copyArray = (values: string[]) => copyText(`{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`);

async function ensureDatabase(): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`database name ${name} must be [a-z0-9_]+`);
  const admin = postgres({ ...parseUrl(url), database: "postgres", onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database ${name}`);
  await admin.end();
}

function parseUrl(value: string) {
  const u = new URL(value);
  return { host: u.hostname, port: Number(u.port || 5432), username: decodeURIComponent(u.username) || "postgres", password: decodeURIComponent(u.password) || undefined };
}

/** The secondary indexes on papers as the migrations left them, to drop and rebuild identically. */
async function paperIndexes(sql: postgres.Sql): Promise<{ name: string; ddl: string }[]> {
  return sql<{ name: string; ddl: string }[]>`
    select i.indexname as name, i.indexdef as ddl from pg_indexes i
    join pg_class c on c.relname = i.indexname and c.relnamespace = (select oid from pg_namespace where nspname = i.schemaname)
    join pg_index x on x.indexrelid = c.oid
    where i.schemaname = current_schema() and i.tablename = 'papers' and not x.indisprimary`;
}

async function copyRange(sql: postgres.Sql, from: number, to: number, onRow: () => void): Promise<void> {
  const columns = "id, title, abstract, authors, author_count, organization_name, published_at, listed_on, source_upvotes, ai_keywords, categories, primary_category";
  const stream = await sql.unsafe(`copy papers (${columns}) from stdin`).writable();
  let buffer = "";
  for (let i = from; i < to; i += 1) {
    const p = syntheticPaper(seed, i);
    buffer +=
      [
        p.id,
        copyText(p.title),
        copyText(p.abstract),
        copyArray(p.authors),
        String(p.authors.length),
        p.organizationName ?? "\\N",
        p.publishedAt,
        p.publishedAt,
        String(p.sourceUpvotes),
        copyArray(p.aiKeywords),
        copyArray(p.categories),
        p.categories[0] ?? "\\N",
      ].join("\t") + "\n";
    if (buffer.length > 1 << 20) {
      if (!stream.write(buffer)) await new Promise((r) => stream.once("drain", r));
      buffer = "";
    }
    onRow();
  }
  stream.end(buffer);
  await finished(stream);
}

const started = Date.now();
await ensureDatabase();
await migratePostgres(url);
const sql = postgres(url, { max: STREAMS + 1, onnotice: () => {} });
await sql`truncate papers, organizations, search_words cascade`;
await sql`insert into organizations ${sql(ORGANIZATIONS.map((name) => ({ name, fullname: name.toUpperCase() })))}`;
const indexes = await paperIndexes(sql);
for (const { name } of indexes) await sql.unsafe(`drop index if exists "${name}"`);
// The vocabulary is counted once at the end rather than statement by statement.
await sql`alter table papers disable trigger papers_search_words_insert`;

let done = 0;
const progress = setInterval(() => console.log(`  ${done.toLocaleString("en-US")} / ${n.toLocaleString("en-US")} rows, ${((Date.now() - started) / 1000).toFixed(0)} s`), 15_000);
const share = Math.ceil(n / STREAMS);
await Promise.all(
  Array.from({ length: STREAMS }, (_, s) => copyRange(sql, s * share, Math.min(n, (s + 1) * share), () => (done += 1))),
);
clearInterval(progress);
const loaded = Date.now();
console.log(`copied ${n.toLocaleString("en-US")} papers in ${((loaded - started) / 1000).toFixed(1)} s`);

// Rebuild two at a time on two connections; each gets the memory a big GIN build wants.
const queue = [...indexes];
await Promise.all(
  Array.from({ length: 2 }, () =>
    sql.begin(async (tx) => {
      await tx`set local maintenance_work_mem = '512MB'`;
      for (let next = queue.shift(); next; next = queue.shift()) await tx.unsafe(next.ddl);
    }),
  ),
);
// CREATE TABLE AS may use parallel workers, where INSERT … SELECT may not.
await sql`drop table if exists search_words_load`;
await sql`create unlogged table search_words_load as
  select word, count(*)::integer as papers from papers, unnest(papers_search_words(title, authors, ai_keywords, abstract)) as word
  group by word`;
await sql`insert into search_words (word, papers) select word, papers from search_words_load`;
await sql`drop table search_words_load`;
await sql`alter table papers enable trigger papers_search_words_insert`;
await sql`vacuum analyze papers`;
await sql`vacuum analyze search_words`;
console.log(`indexes and statistics in ${((Date.now() - loaded) / 1000).toFixed(1)} s; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
await sql.end();
