/** Every PostgreSQL advisory lock the app takes, in one place: no two uses may share an id. */
export const LOCKS = {
  /** Migrations, so that starting instances never migrate at once (db/index.ts). */
  migrate: 7_245_301,
  /** Loading the sample corpus into an empty store. */
  sampleLoad: 7_245_302,
  /** Background jobs, one lock each (server/jobs/registry.ts). */
  ingest: 7_245_303,
  housekeeping: 7_245_304,
  digest: 7_245_305,
  votes: 7_245_306,
  shareImages: 7_245_307,
  searchIndex: 7_245_308,
} as const;

export type LockName = keyof typeof LOCKS;
