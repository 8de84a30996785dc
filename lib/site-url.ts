import { paperPath } from "@/lib/display";
import { publicOrigin } from "@/lib/env";

export class NoPublicUrlError extends Error {
  constructor() {
    super("This server has no public URL: set AUTH_URL to the address people use, e.g. https://papers.example.org");
    this.name = "NoPublicUrlError";
  }
}

/** Whether absolute links can be made (the public URL is configured, or implied in development). */
export function hasPublicUrl(): boolean {
  return publicOrigin !== null;
}

/**
 * An absolute URL on this site, built from the configured public URL and never from a request's
 * Host or X-Forwarded-Host, which a client can set to anything.
 */
export function siteUrl(path = "/"): string {
  if (!publicOrigin) throw new NoPublicUrlError();
  return new URL(path, publicOrigin).href;
}

/** `siteUrl(path)` when the public URL is known, else the path itself (a production server without AUTH_URL). */
export function siteUrlOrPath(path: string): string {
  return publicOrigin ? siteUrl(path) : path;
}

/** The public host (`papers.example.org`), to print where a link cannot be followed (share images); null without one. */
export function publicHost(): string | null {
  return publicOrigin ? new URL(publicOrigin).host : null;
}

/** Whether `url` points at this site (its origin is the public one). */
export function isSiteUrl(url: string): boolean {
  try {
    return publicOrigin !== null && new URL(url).origin === publicOrigin;
  } catch {
    return false;
  }
}

/** A paper's page as an absolute URL on the public site (feeds, email, Open Graph). */
export function paperUrl(id: string): string {
  return siteUrl(paperPath(id));
}
