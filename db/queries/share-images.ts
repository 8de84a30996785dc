import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/db";
import { shareImages } from "@/db/schema";

export async function getShareImage(db: Db, { subject }: { subject: string }): Promise<{ face: string; png: Uint8Array } | null> {
  const [row] = await db.select({ face: shareImages.face, png: shareImages.png }).from(shareImages).where(eq(shareImages.subject, subject));
  return row ?? null;
}

export async function getShareImageFaces(db: Db, { subjects }: { subjects: string[] }): Promise<Map<string, string>> {
  if (subjects.length === 0) return new Map();
  const rows = await db
    .select({ subject: shareImages.subject, face: shareImages.face })
    .from(shareImages)
    .where(inArray(shareImages.subject, subjects));
  return new Map(rows.map((r) => [r.subject, r.face]));
}

export async function putShareImage(db: Db, { subject, face, png }: { subject: string; face: string; png: Uint8Array }): Promise<void> {
  await db
    .insert(shareImages)
    .values({ subject, face, png, bytes: png.byteLength })
    .onConflictDoUpdate({ target: shareImages.subject, set: { face, png, bytes: png.byteLength, updatedAt: sql`now()` } });
}

export async function pruneShareImages(db: Db, { maxBytes }: { maxBytes: number }): Promise<number> {
  const result = await db.execute(sql`
    delete from share_images where subject in (
      select subject from (
        select subject, sum(bytes) over (order by updated_at desc, subject) as total from share_images
      ) kept where total > ${maxBytes}
    ) returning subject`);
  return rowsOf(result).length;
}
