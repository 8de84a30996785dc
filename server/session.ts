import "server-only";
import { getDb } from "@/db";
import { getSessionUser, type SessionUser } from "@/db/queries/sessions";
import { safeDecode } from "@/lib/decode";
import { ApiError } from "@/lib/errors";

// Auth.js names its cookie with the __Secure- prefix when the site is served over https.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];
const MAX_TOKEN_LENGTH = 512;
/** Auth.js makes tokens of printable ASCII; anything else (a NUL the store would refuse) is no session. */
const TOKEN = /^[\x21-\x7e]+$/;

export const isSessionToken = (token: string) => token.length <= MAX_TOKEN_LENGTH && TOKEN.test(token);

function readCookie(header: string | null, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    // A value that is not valid percent-encoding is no session of ours: signed out, not an error.
    if (key === name) return safeDecode(value.join("="));
  }
  return null;
}

export function requestSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  for (const name of SESSION_COOKIES) {
    const token = readCookie(header, name);
    if (token && isSessionToken(token)) return token;
  }
  return null;
}

/** Route handlers call this themselves: no middleware is trusted to have checked. */
export async function getRequestUser(request: Request): Promise<SessionUser | null> {
  const token = requestSessionToken(request);
  return token ? getSessionUser(await getDb(), { token }) : null;
}

export async function requireRequestUser(request: Request, surface: string, why: string): Promise<SessionUser> {
  const user = await getRequestUser(request);
  if (!user) throw new ApiError(`unauthorized:${surface}`, why);
  return user;
}
