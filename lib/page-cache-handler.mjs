// @ts-check
/**
 * The page cache (ISR) of the production server: Next.js's own file-system cache, with two
 * changes, so that requests for URLs that do not exist cost nothing.
 *
 * - Rendered pages stay in memory (an LRU bounded by `cacheMaxMemorySize`, next.config.ts) and
 *   are never written to disk, so no stream of requests (unknown ids, the thousands of valid but
 *   empty days) can fill the disk or outlive a restart. Pages prerendered by `next build` are
 *   still read from the build.
 * - A 404 (or any error status) is never stored at all, so it cannot push real pages out either.
 *
 * JavaScript, not TypeScript: Next.js imports this file by path with plain Node, both while
 * building and at run time, and Node 20 cannot load TypeScript.
 */
import fileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";

/** @type {any} */
const FileSystemCache = /** @type {any} */ (fileSystemCache).default ?? fileSystemCache;

export default class PageCacheHandler extends FileSystemCache {
  /** @param {any} context */
  constructor(context) {
    super({ ...context, flushToDisk: false });
  }

  /**
   * @param {string} key
   * @param {any} data
   * @param {any} context
   */
  async set(key, data, context) {
    const status = data && typeof data.status === "number" ? data.status : 200;
    if (status >= 400) return;
    return super.set(key, data, context);
  }
}
