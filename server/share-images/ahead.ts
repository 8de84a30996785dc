/** Drawn off the request path, so people sharing today's papers never wait for a drawing nor spend their draw limit on it. */
import "server-only";
import type { Db } from "@/db";
import { getLatestListedDays, getListedPapers } from "@/db/queries/papers";
import { getShareImageFaces, pruneShareImages } from "@/db/queries/share-images";
import { getVoteStates } from "@/db/queries/votes";
import { warnOnce } from "@/lib/log-once";
import { publicHost } from "@/lib/site-url";
import type { Job } from "@/server/jobs/job";
import { loadPeriodSummary } from "@/server/periods";
import { dayFace, faceHash, paperFace, type ShareFace } from "./draw";
import { drawOnce, SHARE_IMAGE_STORE_BYTES } from "./serve";

const DAYS_AHEAD = 2;
/** A day of the source site lists 30–120. */
const PAPERS_PER_DAY = 200;

interface Image {
  subject: string;
  face: ShareFace;
  hash: string;
}

async function outdatedImages(db: Db): Promise<Image[]> {
  const site = publicHost();
  const images: Image[] = [];
  for (const day of await getLatestListedDays(db, { limit: DAYS_AHEAD })) {
    const summary = await loadPeriodSummary("day", day);
    const listed = await getListedPapers(db, { start: day, end: day, limit: PAPERS_PER_DAY });
    // Live votes, as a request for the image reads them (loadPaper), so the faces agree.
    const live = await getVoteStates(db, { paperIds: listed.map((p) => p.id), userId: null });
    const faces: Array<{ subject: string; face: ShareFace }> = [
      { subject: `day:${day}`, face: dayFace(summary, { site }) },
      ...listed.map((p) => ({ subject: `paper:${p.id}`, face: paperFace({ ...p, upvotes: live[p.id]?.upvotes ?? p.upvotes }, { site }) })),
    ];
    const stored = await getShareImageFaces(db, { subjects: faces.map((f) => f.subject) });
    for (const f of faces) {
      const hash = faceHash(f.face);
      if (stored.get(f.subject) !== hash) images.push({ ...f, hash });
    }
  }
  return images;
}

export async function shareImagesDue(db: Db): Promise<boolean> {
  return (await outdatedImages(db)).length > 0;
}

export interface ShareImagesResult extends Record<string, unknown> {
  drawn: number;
  failed: number;
}

export const shareImagesJob: Job<Record<string, never>, ShareImagesResult> = {
  name: "share-images",
  lock: "shareImages",
  recordParams: () => ({}),
  async run(_params, { db }) {
    let drawn = 0;
    let failed = 0;
    for (const image of await outdatedImages(db)) {
      try {
        await drawOnce(db, { ...image, mayRefuse: false });
        drawn += 1;
      } catch (error) {
        // One image that cannot be drawn is drawn on request (or fails there, alone).
        failed += 1;
        warnOnce(`share-image-ahead-${image.subject}`, `could not draw the share image of ${image.subject} ahead`, error);
      }
    }
    if (drawn > 0) await pruneShareImages(db, { maxBytes: SHARE_IMAGE_STORE_BYTES });
    return { status: failed === 0 ? "succeeded" : drawn > 0 ? "partial" : "failed", result: { drawn, failed } };
  },
};
