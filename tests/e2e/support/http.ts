import { request as httpRequest } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  setCookies: string[];
}

/**
 * A request from a chosen local address (127.0.0.2 and up act as other clients), with headers
 * exactly as given: what a browser or Playwright's request API cannot do.
 */
export function rawRequest(
  url: string,
  {
    method = "GET",
    headers = {},
    body,
    localAddress,
    path,
  }: { method?: string; headers?: Record<string, string>; body?: Buffer | string; localAddress?: string; path?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // `path` overrides the URL's, for request targets a URL cannot hold (`*`).
    const req = httpRequest(url, { method, headers, localAddress, ...(path ? { path } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          setCookies: res.headers["set-cookie"] ?? [],
        }),
      );
    });
    req.on("error", reject);
    req.setTimeout(20_000, () => req.destroy(new Error(`timed out: ${method} ${url}`)));
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** A FormData as the bytes and Content-Type a browser would send. */
export async function multipart(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type")! };
}

const cookiePairs = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).join("; ");

/**
 * Submits the sign-in form as a browser without JavaScript would: the page's server action, posted
 * as multipart form data. Returns where the server sends the browser next.
 */
export async function signInThroughForm(
  baseURL: string,
  email: string,
  { localAddress, headers = {} }: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<string | undefined> {
  const page = await rawRequest(`${baseURL}/signin`, { localAddress, headers });
  const actionField = /name="(\$ACTION_ID_[^"]+)"/.exec(page.body)?.[1];
  if (!actionField) throw new Error("the sign-in page has no server action form");
  const form = new FormData();
  form.set(actionField, "");
  form.set("callbackUrl", "/");
  form.set("email", email);
  const { body, contentType } = await multipart(form);
  const res = await rawRequest(`${baseURL}/signin`, {
    method: "POST",
    localAddress,
    headers: { origin: baseURL, ...headers, "content-type": contentType, cookie: cookiePairs(page.setCookies) },
    body,
  });
  return res.headers.location as string | undefined;
}

/** Asks for a sign-in link through the Auth.js route, as its own client page would. */
export async function signInThroughRoute(
  baseURL: string,
  email: string,
  { localAddress, headers = {} }: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<string | undefined> {
  const csrf = await rawRequest(`${baseURL}/api/auth/csrf`, { localAddress, headers });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await rawRequest(`${baseURL}/api/auth/signin/nodemailer`, {
    method: "POST",
    localAddress,
    headers: {
      ...headers,
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiePairs(csrf.setCookies),
    },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: "/" }).toString(),
  });
  return res.headers.location as string | undefined;
}
