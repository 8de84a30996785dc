import "server-only";
import { getDb } from "@/db";
import { countFollows, createFollow, deleteFollow, listFollows } from "@/db/queries/follows";
import { organizationNames } from "@/db/queries/organizations";
import type { Follow } from "@/db/schema";
import { ApiError, parseOr400 } from "@/lib/errors";
import { followInputSchema } from "@/lib/follow-input";
import { kindLabel, MAX_FOLLOWS, type FollowJson } from "@/lib/follows";
import { limitRate } from "./rate-limit";
import { findTopic } from "./topics";

export const followJson = ({ id, kind, value, createdAt }: Follow): FollowJson => ({ id, kind, value, createdAt: createdAt.toISOString() });

export async function myFollows(userId: string): Promise<Follow[]> {
  return listFollows(await getDb(), { userId });
}

export async function followedOrganizationNames(follows: Follow[]): Promise<Record<string, string>> {
  const names = follows.flatMap((f) => (f.kind === "organization" ? [f.value] : []));
  return Object.fromEntries(await organizationNames(await getDb(), { names }));
}

export async function followTopic(userId: string, input: unknown): Promise<{ follow: Follow; created: boolean }> {
  const asked = parseOr400(followInputSchema, input, "follow");
  await limitRate("followChange", userId);
  const db = await getDb();
  const topic = await findTopic(db, asked);
  if (!topic) throw new ApiError("not_found:follow", `No ${kindLabel(asked.kind).toLowerCase()} named “${asked.value}” is known here.`);
  const existing = await listFollows(db, { userId });
  const same = existing.find((f) => f.kind === topic.kind && f.value === topic.value);
  if (same) return { follow: same, created: false };
  if (existing.length >= MAX_FOLLOWS) {
    throw new ApiError("conflict:follow", `You follow ${MAX_FOLLOWS} topics, the most there can be; remove one to follow another.`);
  }
  const result = await createFollow(db, { userId, kind: topic.kind, value: topic.value });
  // Two requests at once could each pass the check above: the later one takes its follow back.
  if (result.created && (await countFollows(db, { userId })) > MAX_FOLLOWS) {
    await deleteFollow(db, { userId, id: result.follow.id });
    throw new ApiError("conflict:follow", `You follow ${MAX_FOLLOWS} topics, the most there can be; remove one to follow another.`);
  }
  return result;
}

export async function unfollow(userId: string, id: string): Promise<void> {
  await limitRate("followChange", userId);
  const removed = /^[0-9a-f-]{36}$/i.test(id) && (await deleteFollow(await getDb(), { userId, id }));
  if (!removed) throw new ApiError("not_found:follow", "You have no follow with that id.");
}
