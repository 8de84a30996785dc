import { afterEach, expect, it } from "vitest";
import { isAdminEmail } from "@/server/admin";
import { env } from "@/lib/env";

const saved = env.ADMIN_EMAILS;
afterEach(() => {
  env.ADMIN_EMAILS = saved;
});

it("recognises admin emails case-insensitively and nobody else", () => {
  env.ADMIN_EMAILS = ["ops@example.org"];
  expect(isAdminEmail("Ops@Example.org")).toBe(true);
  expect(isAdminEmail("someone@example.org")).toBe(false);
  expect(isAdminEmail(null)).toBe(false);
  env.ADMIN_EMAILS = [];
  expect(isAdminEmail("ops@example.org")).toBe(false);
});
