// Handles (db/queries/profiles.ts, lib/handles.ts): unique ignoring case, reserved words refused, old handles leading
// to new ones and held for a while, and two people taking one handle at once.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { assignHandle, findByHandle, HANDLE_KEPT_DAYS, setHandle } from "@/db/queries/profiles";
import { users } from "@/db/schema";
import { resetDatabase } from "../helpers/db";

beforeEach(async () => {
  await resetDatabase();
});
afterAll(async () => {
  await closeDb();
});

async function account(email: string, name: string | null = null): Promise<string> {
  const [user] = await (await getDb()).insert(users).values({ email, name }).returning({ id: users.id });
  return user!.id;
}

const DAY = 86_400_000;

describe("handles", () => {
  it("gives each handle to one account, ignoring case, and refuses reserved and malformed ones", async () => {
    const db = await getDb();
    const ada = await account("ada@example.com");
    const grace = await account("grace@example.com");
    expect(await setHandle(db, { userId: ada, handle: "Ada" })).toEqual({ ok: true, handle: "Ada" });
    expect(await setHandle(db, { userId: grace, handle: "ada" })).toEqual({ ok: false, reason: "That handle is taken." });
    expect(await setHandle(db, { userId: grace, handle: "admin" })).toMatchObject({ ok: false, reason: expect.stringMatching(/reserved/) });
    expect(await setHandle(db, { userId: grace, handle: "grace hopper" })).toMatchObject({ ok: false });
    // Changing one's own handle's case is no change of owner.
    expect(await setHandle(db, { userId: ada, handle: "ada" })).toEqual({ ok: true, handle: "ada" });
    expect(await findByHandle(db, { handle: "ADA" })).toMatchObject({ userId: ada, handle: "ada", redirect: true });
    expect(await findByHandle(db, { handle: "ada" })).toMatchObject({ userId: ada, redirect: false });
    for (const odd of ["", "a/b", "%E0%A4%A", "x".repeat(300)]) expect(await findByHandle(db, { handle: odd })).toBeNull();
  });

  it("leads an old handle to the new one and keeps it from others for a while", async () => {
    const db = await getDb();
    const ada = await account("ada@example.com");
    const grace = await account("grace@example.com");
    const then = new Date("2026-12-01T00:00:00Z");
    await setHandle(db, { userId: ada, handle: "ada", now: then });
    await setHandle(db, { userId: ada, handle: "lovelace", now: then });
    expect(await findByHandle(db, { handle: "ada", now: then })).toMatchObject({ userId: ada, handle: "lovelace", redirect: true });
    expect(await setHandle(db, { userId: grace, handle: "ada", now: then })).toMatchObject({ ok: false });
    const later = new Date(then.getTime() + (HANDLE_KEPT_DAYS + 1) * DAY);
    expect(await findByHandle(db, { handle: "ada", now: later })).toBeNull();
    expect(await setHandle(db, { userId: grace, handle: "ada", now: later })).toEqual({ ok: true, handle: "ada" });
    // Its owner may take an old handle back at any time.
    await setHandle(db, { userId: ada, handle: "countess", now: later });
    expect(await setHandle(db, { userId: ada, handle: "lovelace", now: later })).toEqual({ ok: true, handle: "lovelace" });
  });

  it("assigns the first free suggestion at first sign-in, numbered when taken, and keeps a chosen one", async () => {
    const db = await getDb();
    const first = await account("ada@example.com");
    const second = await account("ada@example.org");
    expect(await assignHandle(db, { userId: first, candidates: [null, "ada"] })).toBe("ada");
    expect(await assignHandle(db, { userId: second, candidates: [null, "ADA"] })).toBe("ADA-2");
    expect(await assignHandle(db, { userId: first, candidates: ["someone-else"] })).toBe("ada");
  });

  it("gives a handle wanted by two at once to one of them", async () => {
    const db = await getDb();
    const ids = await Promise.all(["a@example.com", "b@example.com", "c@example.com"].map((e) => account(e)));
    const results = await Promise.all(ids.map((userId) => setHandle(db, { userId, handle: "turing" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "That handle is taken.")).toBe(true);
  });
});
