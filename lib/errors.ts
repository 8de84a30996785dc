import type { z, ZodError } from "zod";

const statusOfKind = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorKind = keyof typeof statusOfKind;
export type ErrorCode = `${ErrorKind}:${string}`;

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = statusOfKind[code.split(":")[0] as ErrorKind];
  }

  toResponse(): Response {
    return Response.json(
      { error: { code: this.code, message: this.message } },
      { status: this.status, headers: { "Cache-Control": "no-store", ...this.headers } },
    );
  }
}

export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}

/** The one place external input meets its schema. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, surface: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError(`bad_request:${surface}`, describeZodError(parsed.error));
  return parsed.data;
}

/** SQLSTATE of a cancelled statement: here, one past the statement timeout (db/index.ts). */
const QUERY_CANCELED = "57014";

/** SQLSTATE of a REPEATABLE READ transaction that met a concurrent write: run it again. */
const SERIALIZATION_FAILURE = "40001";

/** Drizzle puts the driver's error in `cause`. */
function hasSqlState(error: unknown, code: string): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

export const isStatementTimeout = (error: unknown) => hasSqlState(error, QUERY_CANCELED);
export const isSerializationFailure = (error: unknown) => hasSqlState(error, SERIALIZATION_FAILURE);

/** The database is busy, not broken. */
export function statementTimeoutError(): ApiError {
  return new ApiError("unavailable:database", "The database took too long to answer; try again in a moment.", { "Retry-After": "5" });
}

export function handleErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ApiError) return error.toResponse();
      if (isStatementTimeout(error)) return statementTimeoutError().toResponse();
      console.error("[daily-papers] unhandled error", error);
      return Response.json(
        { error: { code: "internal", message: "Something went wrong on our side." } },
        { status: 500, headers: { "Cache-Control": "no-store" } },
      );
    }
  };
}
