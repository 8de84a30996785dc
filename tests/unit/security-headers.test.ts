import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security-headers";

describe("security headers", () => {
  it("has the policy's required directives and no eval in production", () => {
    const csp = contentSecurityPolicy({ publicOrigin: "http://localhost:3000", dev: false });
    for (const directive of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "default-src 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ publicOrigin: null, dev: true })).toContain("'unsafe-eval'");
  });

  it("lets forms post to configured OAuth providers only", () => {
    expect(contentSecurityPolicy({ publicOrigin: null, dev: false, formTargets: ["https://github.com"] })).toContain(
      "form-action 'self' https://github.com",
    );
  });

  it("sends Strict-Transport-Security only when the public URL is https", () => {
    expect(securityHeaders({ publicOrigin: "https://papers.example.org", dev: false })["Strict-Transport-Security"]).toMatch(
      /^max-age=\d+/,
    );
    expect(securityHeaders({ publicOrigin: "https://papers.example.org", dev: false })["Content-Security-Policy"]).toContain(
      "upgrade-insecure-requests",
    );
    expect(securityHeaders({ publicOrigin: "http://localhost:3000", dev: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ publicOrigin: null, dev: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("sets the other headers on every response", () => {
    const headers = securityHeaders({ publicOrigin: null, dev: false });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Permissions-Policy"]).toContain("geolocation=()");
  });
});
