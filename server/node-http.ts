/**
 * Between Node's HTTP server and the web's Request/Response, for the few handlers `npm start`'s
 * server calls itself, ahead of Next.js (scripts/start.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * `req` as a web Request with its headers and no body: the handlers called this way read none (a
 * body a client sent anyway is discarded by Node's server once the response ends). `null` if a
 * header cannot be carried over.
 */
export function toBodilessRequest(req: IncomingMessage): Request | null {
  const headers = new Headers();
  try {
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
  } catch {
    return null;
  }
  // The path was matched already; the origin is not used (the handlers read Host or the public URL).
  return new Request(new URL(req.url ?? "/", "http://localhost"), { method: req.method, headers });
}

/** Sends `response` (status, headers, its whole body) on `res`, keeping headers already set there. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  res.setHeader("Content-Length", body.length);
  res.end(body);
}
