import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { handlers } from "@/server/auth";
import { resetDatabase } from "../helpers/db";

beforeAll(async () => {
  await resetDatabase();
});

describe("an Auth.js callback-url cookie that is not a path on this site is ignored", () => {
  const bad = ["%E0%A4%A", "%00", "javascript:alert(1)", "/%00", "https://evil.example/"];
  for (const value of bad) {
    for (const path of ["session", "csrf", "providers"]) {
      it(`${value} on /api/auth/${path}`, async () => {
        const res = await handlers.GET(new NextRequest(`http://localhost:3000/api/auth/${path}`, { headers: { cookie: `authjs.callback-url=${value}` } }));
        console.log(value, path, res.status, await res.text());
        expect(res.status).toBeLessThan(500);
      });
    }
  }
});
