import { ApiError } from "@/lib/errors";

/** decodeURIComponent that answers null for malformed input (`%E0%A4%A`, a lone `%`). */
export function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The caller validates it either way, so malformed escapes simply match nothing (a 404). */
export function routeParam(value: string): string {
  return safeDecode(value) ?? value;
}

/** No route has this path, so Next.js answers it with the site's own 404 page, header and all. */
export const MALFORMED_PATH = "/_malformed-path";

/** Next.js cannot route a path that is not valid percent-encoding: without an answer first, a bare 400 or 500. */
export function isMalformedPath(path: string): boolean {
  return safeDecode(path) === null;
}

export function malformedApiPath(): Response {
  return new ApiError("not_found:path", "The path is not valid percent-encoding.").toResponse();
}
