/** `npm run db:migrate`: applies pending migrations to the store the environment names. */
import { closeDb, engine, getDb, migratePostgres } from "@/db";
import { EmbeddedStoreLockedError } from "@/db/embedded-lock";
import { env } from "@/lib/env";

try {
  if (env.DATABASE_URL) {
    await migratePostgres(env.DATABASE_URL);
  } else {
    // Opening the embedded store migrates it.
    await getDb();
    await closeDb();
  }
  console.log(`migrations applied (${engine})`);
} catch (error) {
  if (!(error instanceof EmbeddedStoreLockedError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
