import { z } from "zod";
import { integerParam, withoutNul } from "@/lib/api/params";
import { describeZodError } from "@/lib/errors";
import { parseDay } from "@/lib/dates";
import { searchSorts } from "./query-string";
import { MAX_QUERY_LENGTH, queryLimitProblem, queryRefusal } from "./syntax";

export { searchQueryString, searchSorts, type SearchSort } from "./query-string";

/** A plain GET form sends empty fields (`from=&org=`). */
const blankIsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const day = z.string().transform((value, ctx) => {
  const parsed = parseDay(value);
  if (parsed === null) {
    ctx.addIssue({ code: "custom", message: "not a valid day, expected e.g. 2026-03-09" });
    return z.NEVER;
  }
  return parsed;
});

/** Deep pages cost a read of every result before them (docs/search.md, "Limits"): 120 pages of 20. */
export const MAX_RESULT_DEPTH = 2400;
export const MAX_PAGE = MAX_RESULT_DEPTH - 1;

export function lastPageFor(limit: number): number {
  return Math.floor(MAX_RESULT_DEPTH / limit) - 1;
}

export const searchQuery = withoutNul(z.string()).superRefine((q, ctx) => {
  // Terms are counted in the first 250 characters only: past the length, that count would mislead.
  const problem =
    q.length > MAX_QUERY_LENGTH ? `must be at most ${MAX_QUERY_LENGTH} characters, this query has ${q.length}` : queryLimitProblem(q);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const searchParamsSchema = z
  .object({
    q: searchQuery.default(""),
    limit: integerParam({ min: 1, max: 120, fallback: 20 }),
    p: integerParam({ min: 0, max: MAX_PAGE, fallback: 0 }),
    from: blankIsUnset(day),
    to: blankIsUnset(day),
    org: blankIsUnset(withoutNul(z.string().trim().max(100))),
    category: blankIsUnset(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z-]+(\.[A-Za-z-]+)?$/, "not an arXiv category, expected e.g. cs.CL")
        .max(40),
    ),
    sort: blankIsUnset(z.enum(searchSorts)).transform((s) => s ?? "relevance"),
    exact: blankIsUnset(z.enum(["1"], "expected 1 (search the query as typed, without spelling correction)")).transform((v) => v === "1"),
  })
  .superRefine(({ p, limit }, ctx) => {
    if (p > lastPageFor(limit)) {
      ctx.addIssue({
        code: "custom",
        path: ["p"],
        message: `pages reach at most the first ${MAX_RESULT_DEPTH} results: with limit=${limit}, p is at most ${lastPageFor(limit)}`,
      });
    }
  });

export type SearchParams = z.infer<typeof searchParamsSchema>;

export function isSearch(params: SearchParams): boolean {
  return Boolean(params.q.trim() || params.from || params.to || params.org || params.category);
}

export interface SearchPageParams {
  params: SearchParams;
  /** Options that were not understood, and ignored. */
  problem: string | null;
  /** A query over the limits, kept as typed with why in words: nothing is searched for it. */
  refused: { q: string; message: string } | null;
}

/** The proxy counts searches by the same reading. */
export function readSearchPageParams(raw: Record<string, string | string[] | undefined>): SearchPageParams {
  const first = Object.fromEntries(
    Object.entries(raw).flatMap(([key, value]) => {
      const v = Array.isArray(value) ? value[0] : value;
      return v === undefined ? [] : [[key, v]];
    }),
  );
  const limit = /^\d{1,3}$/.test(first.limit ?? "") && Number(first.limit) >= 1 && Number(first.limit) <= 120 ? Number(first.limit) : 20;
  const farPage = /^\d{1,9}$/.test(first.p ?? "") && Number(first.p) > lastPageFor(limit) ? Number(first.p) : null;
  const typed = typeof first.q === "string" ? first.q : "";
  const message = queryRefusal(typed);
  const refused = message ? { q: typed, message } : null;
  const parsed = searchParamsSchema.safeParse({
    ...first,
    ...(farPage === null ? {} : { p: undefined }),
    ...(refused ? { q: undefined } : {}),
  });
  if (parsed.success) return { params: farPage === null ? parsed.data : { ...parsed.data, p: farPage }, problem: null, refused };
  const kept = searchParamsSchema.safeParse({ q: refused ? "" : typed.slice(0, MAX_QUERY_LENGTH) });
  return { params: kept.success ? kept.data : searchParamsSchema.parse({}), problem: describeZodError(parsed.error), refused };
}
