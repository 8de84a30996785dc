import { z } from "zod";
import { ApiError, parseOr400 } from "@/lib/errors";

/** Unknown parameters are rejected so that typos (`?dat=`) don't silently return something else. */
export function parseSearchParams<S extends z.ZodObject>(params: URLSearchParams, schema: S, surface: string): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    // PostgreSQL refuses a NUL in text: one is bad input, named here, not a failed query.
    if (key.includes("\u0000") || value.includes("\u0000"))
      throw new ApiError(`bad_request:${surface}`, `Parameter "${key.replaceAll("\u0000", "\\0")}" holds a NUL character.`);
    if (key in raw) throw new ApiError(`bad_request:${surface}`, `Parameter "${key}" is given more than once.`);
    raw[key] = value;
  }
  return parseOr400(schema.strict(), raw, surface) as z.infer<S>;
}

export function integerParam({ min, max, fallback }: { min: number; max: number; fallback: number }) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message })
    .default(fallback);
}

/** For pages, which parse without parseSearchParams. */
export const withoutNul = (schema: z.ZodString) => schema.refine((value) => !value.includes("\u0000"), "must not hold a NUL character");
