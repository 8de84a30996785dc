import { sql, type SQL } from "drizzle-orm";

/** SQL pieces the search modules share. */

/** A row count as an SQL literal (LIMIT, OFFSET): a whole number we computed, never user text. */
export const sqlCount = (n: number) => sql.raw(String(Math.max(0, Math.floor(n))));

/**
 * A row test in two parts: `cheap` reads only columns papers_walk_idx holds (so a walk never
 * leaves the index for rows it rules out), `document` (or null) reads the row's search document,
 * and only for rows that pass `cheap`.
 */
export interface Test {
  cheap: SQL;
  document: SQL | null;
}

export function both(a: Test, b: Test): Test {
  const document = a.document && b.document ? sql`${a.document} and ${b.document}` : (a.document ?? b.document);
  return { cheap: sql`${a.cheap} and ${b.cheap}`, document };
}

/** The whole test as one condition, for reads that have the row anyway. */
export const whole = ({ cheap, document }: Test): SQL => (document ? sql`${cheap} and ${document}` : cheap);
