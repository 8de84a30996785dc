import { describe, expect, it } from "vitest";
import { isCallbackOnSite, safeCallbackUrl, withoutForeignCallbackCookies } from "@/lib/callback-url";

const ORIGIN = "https://papers.example.org";

describe("withoutForeignCallbackCookies", () => {
  it("keeps a callback-url cookie that is a path or a URL on this site, and every other cookie", () => {
    const header = `a=1; authjs.callback-url=${encodeURIComponent(`${ORIGIN}/papers`)}; __Secure-authjs.callback-url=%2Fsettings; b=%E0%A4%A`;
    expect(withoutForeignCallbackCookies(header, ORIGIN)).toBe(header);
  });

  it("drops one that is badly encoded, holds a control character, or points elsewhere", () => {
    for (const value of ["%E0%A4%A", "%00", "%2F%00", "javascript:alert(1)", "https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example"]) {
      expect(withoutForeignCallbackCookies(`a=1; authjs.callback-url=${value}; b=2`, ORIGIN), value).toBe("a=1; b=2");
      expect(withoutForeignCallbackCookies(`__Secure-authjs.callback-url=${value}`, ORIGIN), value).toBe("");
    }
  });
});

describe("safeCallbackUrl", () => {
  it("refuses a path holding a control character", () => {
    expect(safeCallbackUrl("/papers\u0000")).toBe("/");
    expect(safeCallbackUrl("/papers?q=a")).toBe("/papers?q=a");
  });
});

describe("isCallbackOnSite", () => {
  // Next.js hands Auth.js every loopback host as `localhost`.
  it("takes loopback names for one host, on the same scheme and port only", () => {
    const site = "http://127.0.0.1:3000";
    for (const url of ["http://localhost:3000/papers", "http://127.0.0.1:3000/", "http://[::1]:3000/a", "http://127.0.0.2:3000/"]) {
      expect(isCallbackOnSite(url, site), url).toBe(true);
    }
    for (const url of [
      "http://localhost:3001/papers",
      "https://localhost:3000/",
      "http://evil.example:3000/",
      "http://localhost.evil.example:3000/",
    ]) {
      expect(isCallbackOnSite(url, site), url).toBe(false);
    }
    expect(isCallbackOnSite("http://localhost/", ORIGIN)).toBe(false);
  });
});
