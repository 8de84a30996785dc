import { paperPath } from "@/lib/display";
import { publicOrigin } from "@/lib/env";

export class NoPublicUrlError extends Error {
  constructor() {
    super("This server has no public URL: set AUTH_URL to the address people use, e.g. https://papers.example.org");
    this.name = "NoPublicUrlError";
  }
}

export function hasPublicUrl(): boolean {
  return publicOrigin !== null;
}

/** Never from a request's Host or X-Forwarded-Host, which a client can set to anything. */
export function siteUrl(path = "/"): string {
  if (!publicOrigin) throw new NoPublicUrlError();
  return new URL(path, publicOrigin).href;
}

export function siteUrlOrPath(path: string): string {
  return publicOrigin ? siteUrl(path) : path;
}

/** To print where a link cannot be followed (share images). */
export function publicHost(): string | null {
  return publicOrigin ? new URL(publicOrigin).host : null;
}

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Next.js names every loopback host `localhost` in request URLs, so a loopback AUTH_URL meets its links under another name. */
export function isSameOrigin(a: URL, b: URL): boolean {
  if (a.origin === b.origin) return true;
  return a.protocol === b.protocol && a.port === b.port && LOOPBACK_HOST.test(a.hostname) && LOOPBACK_HOST.test(b.hostname);
}

/** The same page on `origin`, for a URL of that origin (loopback names as one); null for any other. */
export function onOrigin(url: string, origin: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return isSameOrigin(parsed, new URL(origin)) ? new URL(`${parsed.pathname}${parsed.search}${parsed.hash}`, origin).href : null;
}

export function onPublicUrl(url: string): string | null {
  return publicOrigin ? onOrigin(url, publicOrigin) : null;
}

export function paperUrl(id: string): string {
  return siteUrl(paperPath(id));
}
