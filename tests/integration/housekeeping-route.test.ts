import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/cron/housekeeping/route";
import { getDb } from "@/db";
import { listJobRuns } from "@/db/queries/job-runs";
import { sessions, users } from "@/db/schema";
import { env } from "@/lib/env";
import { resetDatabase } from "../helpers/db";

const saved = env.CRON_SECRET;
afterAll(() => {
  env.CRON_SECRET = saved;
});
beforeEach(async () => {
  await resetDatabase();
  env.CRON_SECRET = "test-cron-secret";
});

const call = (handler: typeof GET, query = "", token = "test-cron-secret") =>
  handler(
    new Request(`http://localhost/api/cron/housekeeping${query}`, {
      method: handler === POST ? "POST" : "GET",
      headers: { authorization: `Bearer ${token}` },
    }),
  );

describe("/api/cron/housekeeping", () => {
  it("purges expired sessions, records the run and answers what it purged", async () => {
    const db = await getDb();
    const [user] = await db.insert(users).values({ email: "old@example.org" }).returning();
    await db.insert(sessions).values({ sessionToken: "gone", userId: user!.id, expires: new Date(Date.now() - 1000) });

    const res = await call(POST);

    expect(res.status).toBe(200);
    const body = (await res.json()) as { runId: number; status: string; purged: Record<string, number> };
    expect(body).toMatchObject({ status: "succeeded", purged: { sessions: 1, verificationTokens: 0 } });
    const [run] = await listJobRuns(db, { job: "housekeeping" });
    expect(run).toMatchObject({ id: body.runId, trigger: "cron", status: "succeeded" });
    expect(await db.select().from(sessions)).toEqual([]);
  });

  it("refuses a wrong secret and unknown parameters", async () => {
    expect((await call(GET, "", "wrong")).status).toBe(401);
    const bad = await call(GET, "?days=3");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("bad_request:housekeeping");
  });
});
