import { sql, type SQL } from "drizzle-orm";

/** Raw SQL is safe here: a whole number we computed, never user text. */
export const sqlCount = (n: number) => sql.raw(String(Math.max(0, Math.floor(n))));

/** `cheap` reads only columns papers_walk_idx holds, so a walk never leaves the index for rows it rules out. */
export interface Test {
  cheap: SQL;
  document: SQL | null;
}

export function both(a: Test, b: Test): Test {
  const document = a.document && b.document ? sql`${a.document} and ${b.document}` : (a.document ?? b.document);
  return { cheap: sql`${a.cheap} and ${b.cheap}`, document };
}

export const whole = ({ cheap, document }: Test): SQL => (document ? sql`${cheap} and ${document}` : cheap);

/** Values as bound parameters for `in (…)`. */
export function sqlList<T>(values: T[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}
