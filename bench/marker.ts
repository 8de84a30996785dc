/** A bench database's COMMENT, written after a complete load only: a later run reuses the database when the comment says it holds what that run would load. */
import postgres from "postgres";
import { parseUrl } from "./load-papers";

function admin(server: string) {
  return postgres({ ...parseUrl(server), database: "postgres", onnotice: () => {}, max: 1 });
}

export async function readMarker<T>(server: string, name: string): Promise<T | null> {
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
export async function clearMarker(server: string, name: string): Promise<void> {
  const sql = admin(server);
  try {
    const [exists] = await sql`select 1 from pg_database where datname = ${name}`;
    if (exists) await sql.unsafe(`comment on database "${name}" is null`);
  } finally {
    await sql.end();
  }
}

export async function writeMarker(server: string, name: string, marker: object): Promise<void> {
  const sql = admin(server);
  try {
    await sql.unsafe(`comment on database "${name}" is '${JSON.stringify(marker).replace(/'/g, "''")}'`);
  } finally {
    await sql.end();
  }
}
