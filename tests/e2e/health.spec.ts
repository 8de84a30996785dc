import { expect, test } from "./support/test";

test("the health route reports a reachable database as JSON", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  const body = (await res.json()) as { status: string; engine: string; reachable: boolean };
  expect(body.reachable).toBe(true);
  expect(body.status).toBe("ok");
  // The server inherits DATABASE_URL from the runner, so it uses the same engine as the run.
  expect(body.engine).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
});
