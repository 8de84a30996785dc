// Public handles (`/u/{handle}`): what one may be, and one suggested from what a sign-in knows. No imports: forms in the
// browser check with these too.

export const HANDLE_MIN = 2;
/** GitHub's limit, so a GitHub login always fits. */
export const HANDLE_MAX = 39;

const HANDLE = /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/i;

/** The site's own paths and words that would pass for the site speaking. */
const RESERVED = new Set([
  "about",
  "account",
  "admin",
  "administrator",
  "anonymous",
  "api",
  "assets",
  "collections",
  "daily-papers",
  "dailypapers",
  "feeds",
  "former-member",
  "health",
  "help",
  "login",
  "logout",
  "me",
  "metrics",
  "moderator",
  "mods",
  "new",
  "notifications",
  "null",
  "og",
  "official",
  "papers",
  "register",
  "robots",
  "root",
  "search",
  "settings",
  "signin",
  "signout",
  "sitemaps",
  "staff",
  "static",
  "submit",
  "subscribe",
  "support",
  "system",
  "u",
  "undefined",
  "unsubscribe",
  "user",
  "users",
  "www",
]);

/** Handles are unique ignoring case. */
export const handleKey = (handle: string) => handle.toLowerCase();

/** Why a handle cannot be had, in words for the person choosing it; null when it can. */
export function handleProblem(handle: string): string | null {
  if (handle.length < HANDLE_MIN || handle.length > HANDLE_MAX) {
    return `A handle has ${HANDLE_MIN} to ${HANDLE_MAX} characters; this one has ${handle.length}.`;
  }
  if (!HANDLE.test(handle)) {
    return "A handle has letters, digits, hyphens and underscores only, and starts and ends with a letter or digit.";
  }
  if (RESERVED.has(handleKey(handle))) return `"${handle}" is reserved for the site.`;
  return null;
}

/** A candidate made into a handle (accents dropped, other characters to hyphens), or null when nothing usable is left. */
export function asHandle(candidate: string | null | undefined): string | null {
  if (!candidate) return null;
  const made = candidate
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/[-_]{2,}/g, "-")
    .slice(0, HANDLE_MAX)
    .replace(/^[-_]+|[-_]+$/g, "");
  return handleProblem(made) === null ? made : null;
}

/** The first candidate that makes a handle (a provider's login, then the email's local part), else "reader". */
export function suggestHandle(candidates: (string | null | undefined)[]): string {
  for (const c of candidates) {
    const handle = asHandle(c);
    if (handle) return handle;
  }
  return "reader";
}

/** The n-th alternative to a taken handle: `ada-2`, `ada-3`…, cut to fit. */
export function withSuffix(handle: string, n: number): string {
  const suffix = `-${n}`;
  return `${handle.slice(0, HANDLE_MAX - suffix.length).replace(/[-_]+$/, "")}${suffix}`;
}
