/** decodeURIComponent that answers null for malformed input (`%E0%A4%A`, a lone `%`). */
export function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * A dynamic route segment as Next.js hands it over: decoded when it could be, else as sent. Either
 * way the caller validates it, so `%`, `%E0%A4%A` and the like simply match nothing (a 404).
 */
export function routeParam(value: string): string {
  return safeDecode(value) ?? value;
}
