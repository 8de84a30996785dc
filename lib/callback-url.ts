import { safeDecode } from "@/lib/decode";
import { isSameOrigin } from "@/lib/site-url";

/** `//evil.example`, `/\evil` and absolute URLs fall back to the home page. */
export function safeCallbackUrl(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) && !/[\u0000-\u001f\u007f]/.test(value) && value.length <= 2000
    ? value
    : "/";
}

export function isCallbackOnSite(value: string, origin: string): boolean {
  if (value.length > 2000 || /[\u0000-\u001f\u007f]/.test(value)) return false;
  if (value.startsWith("/")) return safeCallbackUrl(value) === value;
  return URL.canParse(value) && isSameOrigin(new URL(value), new URL(origin));
}

const CALLBACK_COOKIES = new Set(["authjs.callback-url", "__Secure-authjs.callback-url"]);

/** Auth.js answers a malformed callback-url cookie with a 500 on every request, so one is dropped as if never sent. */
export function withoutForeignCallbackCookies(header: string, origin: string): string {
  const kept = header.split(";").filter((pair) => {
    const eq = pair.indexOf("=");
    if (eq < 0 || !CALLBACK_COOKIES.has(pair.slice(0, eq).trim())) return true;
    const value = safeDecode(
      pair
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1"),
    );
    return value !== null && isCallbackOnSite(value, origin);
  });
  return kept.join(";").trim();
}
