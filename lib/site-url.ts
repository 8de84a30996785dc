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

export function isSiteUrl(url: string): boolean {
  try {
    return publicOrigin !== null && new URL(url).origin === publicOrigin;
  } catch {
    return false;
  }
}

export function paperUrl(id: string): string {
  return siteUrl(paperPath(id));
}
