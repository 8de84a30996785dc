import { engine } from "@/db";
import { loadSampleIfEmpty } from "@/db/queries/sample";

/** Opens and migrates the store, and gives an empty one the sample corpus. Runs once per process. */
export async function prepareStore(): Promise<void> {
  const loaded = await loadSampleIfEmpty();
  if (loaded > 0) console.log(`[daily-papers] empty ${engine} store: loaded ${loaded} sample papers`);
}
