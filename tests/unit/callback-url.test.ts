import { describe, expect, it } from "vitest";
import { safeCallbackUrl, withoutForeignCallbackCookies } from "@/lib/callback-url";

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
