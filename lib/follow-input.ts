import { z } from "zod";
import { MAX_QUERY_LENGTH, parseQuery } from "./search/syntax";

export const CATEGORY = /^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/;
const ORGANIZATION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const singleLine = (max: number) =>
  z
    .string()
    .transform((s) =>
      s
        .replace(/[\p{Cc}\p{Cf}]/gu, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .pipe(z.string().min(1, "must not be empty").max(max, `must be at most ${max} characters`));

export const topicQuerySchema = singleLine(MAX_QUERY_LENGTH).refine(
  (q) => parseQuery(q).groups.length > 0,
  "must hold a word to search for",
);

export const followInputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("query"),
    value: topicQuerySchema,
  }),
  z.object({ kind: z.literal("author"), value: singleLine(300) }),
  z.object({ kind: z.literal("organization"), value: z.string().trim().regex(ORGANIZATION, "not an organization name") }),
  z.object({ kind: z.literal("category"), value: z.string().trim().regex(CATEGORY, "not an arXiv category, expected e.g. cs.CL").max(40) }),
]);
