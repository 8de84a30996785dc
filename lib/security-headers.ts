/**
 * The security headers of every response. Pure (no imports): next.config.ts and `npm start`'s
 * edge (server/http/edge.ts) both use it, through lib/response-headers.ts.
 *
 * `script-src` keeps 'unsafe-inline': every page carries its React Server Components payload in
 * inline scripts that differ per page, and pages are cached HTML shared by all visitors, so they
 * can carry neither per-request nonces nor a fixed set of hashes. What the policy does rule out:
 * scripts, frames, plugins and form posts from any other origin, and being framed by one.
 * `style-src` needs 'unsafe-inline' for KaTeX, whose rendered math positions glyphs with inline
 * styles. Images come from any https host (thumbnails and avatars from the source's CDN).
 */
export interface SecurityHeaderOptions {
  /** The public origin; https adds Strict-Transport-Security and upgrades insecure requests. */
  publicOrigin: string | null;
  /** `next dev`: React's dev tools need eval, and hot reload a WebSocket. */
  dev: boolean;
  /** Origins a form may post to, besides this one (OAuth providers' authorize pages). */
  formTargets?: string[];
}

export function contentSecurityPolicy({ publicOrigin, dev, formTargets = [] }: SecurityHeaderOptions): string {
  const https = publicOrigin?.startsWith("https://") ?? false;
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...formTargets],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (options.publicOrigin?.startsWith("https://")) {
    headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  }
  return headers;
}
