import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import { lockEmbeddedStore } from "./embedded-lock";
import { LOCKS } from "./lock-ids";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = "pglite" | "postgres";

interface Store {
  db: Db;
  backgroundDb: Db;
  engine: Engine;
  close: () => Promise<void>;
}

export const engine: Engine = env.DATABASE_URL ? "postgres" : "pglite";
const migrationsFolder = path.join(process.cwd(), "db", "migrations");

async function openPglite(): Promise<Store> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  let dataDir = env.DATA_DIR;
  if (!dataDir.startsWith("memory://")) {
    mkdirSync(dataDir, { recursive: true });
    lockEmbeddedStore(dataDir);
    dataDir = path.resolve(dataDir, "pgdata");
    mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder });
  // PGlite has no timer to cancel a statement with: statement_timeout never fires (docs/votes.md).
  return { db: db as unknown as Db, backgroundDb: db as unknown as Db, engine: "pglite", close: () => client.close() };
}

async function openPostgres(url: string): Promise<Store> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  await migratePostgres(url);
  // JIT never pays off for these short reads; on, search's forced plans spend ~200 ms compiling.
  const connection = { jit: "off" } as const;
  // So that no request holds the database for long; lib/errors.ts turns the cancellation into a 503.
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { ...connection, statement_timeout: env.STATEMENT_TIMEOUT_MS } });
  const background = postgres(url, { max: 4, idle_timeout: 60, onnotice: () => {}, connection });
  return {
    db: drizzle({ client, schema }) as unknown as Db,
    backgroundDb: drizzle({ client: background, schema }) as unknown as Db,
    engine: "postgres",
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), background.end({ timeout: 5 })]);
    },
  };
}

export async function migratePostgres(url: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // One connection, so the session-level advisory lock covers the whole migration.
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${LOCKS.migrate})`;
    await migrate(drizzle({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${LOCKS.migrate})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

const cache = globalThis as unknown as { __dailyPapersStore?: Promise<Store> };

function store(): Promise<Store> {
  if (!cache.__dailyPapersStore) {
    const opening = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite();
    // A failed open must not be cached, or the process could never recover.
    opening.catch(() => {
      if (cache.__dailyPapersStore === opening) cache.__dailyPapersStore = undefined;
    });
    cache.__dailyPapersStore = opening;
  }
  return cache.__dailyPapersStore;
}

export async function getDb(): Promise<Db> {
  return (await store()).db;
}

export async function getBackgroundDb(): Promise<Db> {
  return (await store()).backgroundDb;
}

export async function closeDb(): Promise<void> {
  const opening = cache.__dailyPapersStore;
  cache.__dailyPapersStore = undefined;
  if (opening) await (await opening).close();
}

/** The two drivers' results differ. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
