import "server-only";
import { engine, getBackgroundDb } from "@/db";
import { loadSampleIfEmpty } from "@/db/queries/sample";
import { emailSignInProblem } from "@/server/email/sign-in";
import { papersWritten } from "@/server/papers-written";

const log = (line: string) => console.log(`[daily-papers] ${line}`);

export async function prepareStore(): Promise<void> {
  const db = await getBackgroundDb();
  const loaded = await loadSampleIfEmpty(db);
  if (loaded > 0) {
    await papersWritten(db);
    log(`empty ${engine} store: loaded ${loaded} sample papers`);
  }
  const problem = emailSignInProblem();
  if (problem) log(problem);
}
