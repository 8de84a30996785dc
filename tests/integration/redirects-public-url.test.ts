import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// This file's modules see a public URL whose host is not the socket's: lib/env.ts reads the environment once, on import.
vi.stubEnv("AUTH_URL", "https://papers.example.org");
const { GET: datePicker } = await import("@/app/papers/date/route");
const { GET: emailPreview } = await import("@/app/settings/email/preview/route");
const { POST: confirm } = await import("@/app/api/subscriptions/confirm/route");
const { GET: authGet, POST: authPost } = await import("@/app/api/auth/[...nextauth]/route");
const { resetDatabase } = await import("../helpers/db");

const SOCKET = "http://localhost:4101";
const PUBLIC = "https://papers.example.org";

beforeAll(async () => {
  await resetDatabase();
});
afterAll(() => {
  vi.unstubAllEnvs();
});

/** A redirect's target is on the public URL: absolute there, or a path (resolved against it by the browser). */
function expectOnPublicUrl(location: string | null) {
  expect(location).not.toBeNull();
  if (!location!.startsWith("/")) expect(new URL(location!).origin).toBe(PUBLIC);
  expect(location!.startsWith("//")).toBe(false);
}

describe("with AUTH_URL=https://papers.example.org, served on localhost:4101", () => {
  it("the date picker's fallback redirects to the day on the public URL", async () => {
    const res = await datePicker(new NextRequest(`${SOCKET}/papers/date?date=2026-03-20`));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${PUBLIC}/papers/date/2026-03-20`);
    const home = await datePicker(new NextRequest(`${SOCKET}/papers/date`));
    expect(home.headers.get("location")).toBe(`${PUBLIC}/`);

    // Every other redirect, too.
    const preview = await emailPreview(new Request(`${SOCKET}/settings/email/preview`));
    expect(preview.status).toBe(303);
    expectOnPublicUrl(preview.headers.get("location"));

    const csrf = await authGet(new NextRequest(`${SOCKET}/api/auth/csrf`, { headers: { "x-forwarded-for": "198.51.100.9" } }));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await authPost(
      new NextRequest(`${SOCKET}/api/auth/signin/nodemailer`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": "198.51.100.9",
          cookie: csrf.headers
            .getSetCookie()
            .map((c) => c.split(";")[0])
            .join("; "),
        },
        body: new URLSearchParams({ email: "redirect@example.org", csrfToken, callbackUrl: "/papers" }),
      }),
    );
    expect(signIn.status).toBe(302);
    expectOnPublicUrl(signIn.headers.get("location"));

    const confirmed = await confirm(new NextRequest(`${SOCKET}/api/subscriptions/confirm?token=bad`, { method: "POST" }));
    expect(confirmed.status).toBe(400);
  });
});
