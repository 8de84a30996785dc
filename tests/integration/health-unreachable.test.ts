import { afterAll, expect, it, vi } from "vitest";

const saved = process.env.DATABASE_URL;
afterAll(() => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
});

it("answers 503 when the database cannot be reached", async () => {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/nothing";
  vi.resetModules();
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const { GET } = await import("@/app/api/health/route");
  const res = await GET();
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ status: "unavailable", engine: "postgres", reachable: false });
  expect(errors).toHaveBeenCalled();
  errors.mockRestore();
});
