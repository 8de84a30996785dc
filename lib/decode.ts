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
