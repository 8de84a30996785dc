/** Only paths on this site: `//evil.example`, `/\evil` and absolute URLs fall back to the home page. */
export function safeCallbackUrl(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : "/";
}
