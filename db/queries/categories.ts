import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";

/**
 * The primary arXiv categories papers have, alphabetically: one index probe per category (a loose scan of
 * papers_primary_category_idx), so it costs the same at a million papers.
 */
export async function listPrimaryCategories(db: Db, { limit = 200 }: { limit?: number } = {}): Promise<string[]> {
  const rows = rowsOf<{ category: string }>(
    await db.execute(sql`
      with recursive found(category) as (
        (select primary_category from papers where primary_category is not null order by primary_category limit 1)
        union all
        select (select p.primary_category from papers p where p.primary_category > found.category order by p.primary_category limit 1)
        from found where found.category is not null
      )
      select category from found where category is not null limit ${limit}`),
  );
  return rows.map((r) => r.category);
}
