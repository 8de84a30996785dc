import type { IncomingMessage, ServerResponse } from "node:http";

/** No body: these handlers read none, and Node's server discards a body sent anyway once the response ends. */
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

export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

function refuseBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): void {
  if (!res.headersSent) {
    const body = JSON.stringify({ error: { code: "payload_too_large:request", message: `The request body is over ${maxBytes} bytes.` } });
    res.writeHead(413, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      Connection: "close",
    });
    res.end(body, () => req.socket.destroy());
  } else {
    req.socket.destroy();
  }
}

/** A declared Content-Length over `maxBytes` is refused at once; a chunked body is counted as it arrives and cut at 413. */
export function capRequestBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): boolean {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > maxBytes) {
    refuseBody(req, res, maxBytes);
    return false;
  }
  let received = 0;
  let refused = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (refused) return false;
    if (chunk !== null && chunk !== undefined) {
      received += (chunk as Buffer).length;
      if (received > maxBytes) {
        refused = true;
        refuseBody(req, res, maxBytes);
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return true;
}

/** RFC 9110's `OPTIONS *`, which Next.js cannot route (it is not a path). True if answered. */
export function answerAsteriskTarget(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== "*") return false;
  if (req.method === "OPTIONS") {
    res.writeHead(204, { Allow: "GET, HEAD, POST, DELETE, OPTIONS", "Cache-Control": "no-store" });
    res.end();
  } else {
    const body = JSON.stringify({ error: { code: "bad_request:target", message: "The request target * is for OPTIONS only." } });
    res.writeHead(400, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
    res.end(body);
  }
  return true;
}
