// @ts-check
/** Pages stay in memory (bounded, next.config.ts) and error statuses are never stored, so requests for unknown URLs cannot fill the disk. Plain JS: Next.js loads it with Node. */
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
