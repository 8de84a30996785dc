/**
 * Share images are drawn once per face and kept in share_images. Drawing costs 50–140 ms of CPU, so it is bounded: the newest
 * days are drawn ahead (./ahead.ts), a client may cause SHARE_IMAGE_DRAW_LIMIT drawings a minute, and a process draws one at
 * a time with a short queue (503 past it).
 */
import "server-only";
import { LRUCache } from "lru-cache";
import { getDb, type Db } from "@/db";
import { getShareImage, pruneShareImages, putShareImage } from "@/db/queries/share-images";
import { ApiError } from "@/lib/errors";
import { warnOnce } from "@/lib/log-once";
import { parseDay } from "@/lib/dates";
import { publicHost } from "@/lib/site-url";
import { loadPaper } from "@/server/papers";
import { loadPeriodSummary } from "@/server/periods";
import { limitRate } from "@/server/rate-limit";
import { dayFace, drawShareImage, faceHash, paperFace, type ShareFace } from "./draw";

/** The store keeps at most this many bytes of images (about 5,000 paper images); the least recently drawn go first. */
export const SHARE_IMAGE_STORE_BYTES = 256 * 1024 * 1024;
const PRUNE_EVERY = 16;
/** Bytes of images this process keeps in memory besides the store (reading 50 KB from PGlite costs ~8 ms of CPU). */
const MEMORY_BYTES = 32 * 1024 * 1024;
const MAX_WAITING = 4;

const HEADERS = {
  "Content-Type": "image/png",
  "Cache-Control": "public, s-maxage=3600, stale-while-revalidate=86400",
};

export const shareImageDraws = { count: 0 };

// Each drawing starts from a fresh turn of the event loop (setImmediate), so requests arriving meanwhile are answered between.
class DrawingSlot {
  private busy = false;
  private waiting: Array<() => void> = [];

  async run<T>(work: () => Promise<T>, { mayRefuse }: { mayRefuse: boolean }): Promise<T> {
    if (this.busy) {
      if (mayRefuse && this.waiting.length >= MAX_WAITING) {
        throw new ApiError("unavailable:share-image", "Too many share images are being drawn; try again in a moment.", {
          "Retry-After": "5",
        });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.busy = true;
    try {
      return await work();
    } finally {
      setImmediate(() => {
        const next = this.waiting.shift();
        if (next) next();
        else this.busy = false;
      });
    }
  }
}

const slot = new DrawingSlot();
const recent = new LRUCache<string, Uint8Array>({ maxSize: MEMORY_BYTES, sizeCalculation: (png) => png.byteLength });
export function forgetRecentShareImages(): void {
  recent.clear();
}

const drawing = new Map<string, Promise<Uint8Array>>();
let drawsSincePrune = 0;

async function draw(
  db: Db,
  { subject, face, hash, mayRefuse }: { subject: string; face: ShareFace; hash: string; mayRefuse: boolean },
): Promise<Uint8Array> {
  const png = await slot.run(() => drawShareImage(face), { mayRefuse });
  shareImageDraws.count += 1;
  recent.set(`${subject} ${hash}`, png);
  try {
    await putShareImage(db, { subject, face: hash, png });
    if (++drawsSincePrune >= PRUNE_EVERY) {
      drawsSincePrune = 0;
      await pruneShareImages(db, { maxBytes: SHARE_IMAGE_STORE_BYTES });
    }
  } catch (error) {
    warnOnce("share-image-store", "could not store a share image (it is served, and drawn again next time)", error);
  }
  return png;
}

async function serve({
  subject,
  face,
  client,
  request,
}: {
  subject: string;
  face: ShareFace;
  client: string;
  request: Request;
}): Promise<Response> {
  const hash = faceHash(face);
  const etag = `"${hash}"`;
  const headers = { ...HEADERS, ETag: etag };
  if (
    request.headers
      .get("if-none-match")
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return new Response(null, { status: 304, headers });
  const key = `${subject} ${hash}`;
  const kept = recent.get(key);
  if (kept) return new Response(kept as BodyInit, { headers });
  const db = await getDb();
  const stored = await getShareImage(db, { subject });
  if (stored?.face === hash) {
    recent.set(key, stored.png);
    return new Response(stored.png as BodyInit, { headers });
  }
  if (!drawing.has(key)) await limitRate("shareImageDraw", client);
  const png = await drawOnce(db, { subject, face, hash, mayRefuse: true });
  return new Response(png as BodyInit, { headers });
}

export function drawOnce(db: Db, image: { subject: string; face: ShareFace; hash: string; mayRefuse: boolean }): Promise<Uint8Array> {
  const key = `${image.subject} ${image.hash}`;
  let png = drawing.get(key);
  if (!png) {
    png = draw(db, image).finally(() => drawing.delete(key));
    drawing.set(key, png);
  }
  return png;
}

const notFound = (message: string) =>
  new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function paperShareImage({ file, client, request }: { file: string; client: string; request: Request }): Promise<Response> {
  const paper = file.endsWith(".png") ? await loadPaper(file.slice(0, -".png".length)) : null;
  if (!paper) return notFound("No such paper.\n");
  return serve({ subject: `paper:${paper.id}`, face: paperFace(paper, { site: publicHost() }), client, request });
}

export async function dayShareImage({ file, client, request }: { file: string; client: string; request: Request }): Promise<Response> {
  const day = file.endsWith(".png") ? parseDay(file.slice(0, -".png".length)) : null;
  const summary = day ? await loadPeriodSummary("day", day) : null;
  if (!summary || summary.count === 0) return notFound("No papers were listed on this day.\n");
  return serve({ subject: `day:${summary.period.key}`, face: dayFace(summary, { site: publicHost() }), client, request });
}
