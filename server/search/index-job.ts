/** The search-index job: rebuilds the ranked-retrieval index (db/sql/search.sql) and learns the related words again (./related.ts) when due. */
import "server-only";
import type { Db } from "@/db";
import { rebuildSearchIndex, writtenSinceBuild } from "@/db/queries/search/postings";
import { isSerializationFailure } from "@/lib/errors";
import type { Job } from "@/server/jobs/job";
import { relatedWordsDue, trainRelatedWords } from "./related";

/** Every search reads the list of papers written since the build, so it is kept short. */
export const REBUILD_AFTER_WRITTEN = 2_000;
/** Impacts use the build's mean field lengths: a day's new papers are folded in within a day. */
const REBUILD_AFTER_MS = 24 * 3_600_000;

const BUILD_ATTEMPTS = 3;

export interface SearchIndexResult extends Record<string, unknown> {
  /** Papers indexed, or null when nothing was written since the last build. */
  papers: number | null;
  written: number;
  /** Stems given related words, or null when they were not learned again. */
  relatedWords: number | null;
}

export async function searchIndexDue(db: Db, now = Date.now()): Promise<boolean> {
  const { written, builtAt } = await writtenSinceBuild(db);
  if (written >= REBUILD_AFTER_WRITTEN) return true;
  if (written > 0 && (builtAt === null || now - Date.parse(builtAt) >= REBUILD_AFTER_MS)) return true;
  return relatedWordsDue(db, now);
}

/** Ingestion and votes write on meanwhile; a write to a row the build drops fails it, and it starts again. */
async function rebuild(db: Db): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await rebuildSearchIndex(db, { whileWriting: true });
    } catch (error) {
      if (!isSerializationFailure(error) || attempt === BUILD_ATTEMPTS) throw error;
    }
  }
}

export const searchIndexJob: Job<Record<string, never>, SearchIndexResult> = {
  name: "search-index",
  lock: "searchIndex",
  recordParams: () => ({}),
  async run(_params, { db }) {
    const { written, builtAt } = await writtenSinceBuild(db);
    const papers = written > 0 || builtAt === null ? await rebuild(db) : null;
    const relatedWords = (await relatedWordsDue(db)) ? (await trainRelatedWords(db)).words : null;
    return { status: "succeeded", result: { papers, written, relatedWords } };
  },
};
