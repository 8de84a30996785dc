/** A bench database's COMMENT, written after a complete load only: a later run reuses the database when the comment says it holds what that run would load. */
import postgres from "postgres";
import { parseUrl } from "./load-papers";

export interface LoadRequest {
  server: string;
  papers: number;
  seed: number;
  reload: boolean;
}

function admin(server: string) {
  return postgres({ ...parseUrl(server), database: "postgres", onnotice: () => {}, max: 1 });
}

async function readMarker<T>(server: string, name: string): Promise<T | null> {
  const sql = admin(server);
  try {
    const [row] = await sql<
      { comment: string | null }[]
    >`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${name}`;
    return row?.comment ? (JSON.parse(row.comment) as T) : null;
  } catch {
    return null;
  } finally {
    await sql.end();
  }
}

/** A load that fails half-way must not look complete. */
async function clearMarker(server: string, name: string): Promise<void> {
  const sql = admin(server);
  try {
    const [exists] = await sql`select 1 from pg_database where datname = ${name}`;
    if (exists) await sql.unsafe(`comment on database "${name}" is null`);
  } finally {
    await sql.end();
  }
}

export interface LoadTime {
  loadSeconds: number;
  loadedAt: string;
}

export async function writeMarker<T extends object>(server: string, name: string, marker: T, started: number): Promise<T & LoadTime> {
  const done = { ...marker, loadSeconds: Math.round((Date.now() - started) / 100) / 10, loadedAt: new Date().toISOString() };
  const sql = admin(server);
  try {
    await sql.unsafe(`comment on database "${name}" is '${JSON.stringify(done).replace(/'/g, "''")}'`);
  } finally {
    await sql.end();
  }
  return done;
}

/** The database `name` on `server`, and the load it holds when its marker has every value of `wanted`; otherwise its marker is cleared, for a new load. */
export async function findLoad<T extends object>({
  server,
  name,
  wanted,
  reload,
}: {
  server: string;
  name: string;
  wanted: Partial<T>;
  reload: boolean;
}): Promise<{ url: string; held: T | null }> {
  const url = `${server.replace(/\/+$/, "")}/${name}`;
  const marker = reload ? null : await readMarker<T>(server, name);
  if (marker && Object.entries(wanted).every(([key, value]) => (marker as Record<string, unknown>)[key] === value))
    return { url, held: marker };
  await clearMarker(server, name);
  return { url, held: null };
}
