import { describe, expect, it } from "vitest";
import { asHandle, handleKey, handleProblem, HANDLE_MAX, suggestHandle, withSuffix } from "@/lib/handles";

describe("handles", () => {
  it("takes letters, digits, inner hyphens and underscores, 2 to 39 characters", () => {
    for (const ok of ["ak", "Ada", "ada-lovelace", "ada_l", "a1", "x".repeat(HANDLE_MAX)]) expect(handleProblem(ok), ok).toBeNull();
    for (const bad of ["a", "x".repeat(HANDLE_MAX + 1), "-ada", "ada-", "_ada", "ada lovelace", "ada.l", "ädä", "a/b", "<script>", ""])
      expect(handleProblem(bad), bad).not.toBeNull();
  });

  it("refuses the site's own words, whatever their case", () => {
    for (const word of ["admin", "API", "papers", "Settings", "former-member"]) expect(handleProblem(word)).toMatch(/reserved/);
  });

  it("compares ignoring case", () => {
    expect(handleKey("AdaLovelace")).toBe(handleKey("adalovelace"));
  });

  it("suggests from a provider's login, then the email's local part, making each a handle", () => {
    expect(suggestHandle(["akhaliq", "ak@example.com"])).toBe("akhaliq");
    expect(suggestHandle([null, "ada.lovelace+papers"])).toBe("ada-lovelace-papers");
    expect(suggestHandle(["Zoë Ünal"])).toBe("Zoe-Unal");
    expect(suggestHandle(["admin", "!!", "grace"])).toBe("grace");
    expect(suggestHandle(["!!", undefined, "a"])).toBe("reader");
    expect(asHandle("x".repeat(60))).toBe("x".repeat(HANDLE_MAX));
  });

  it("numbers the alternatives to a taken handle within the length", () => {
    expect(withSuffix("ada", 2)).toBe("ada-2");
    const long = withSuffix("x".repeat(HANDLE_MAX), 12);
    expect(long).toHaveLength(HANDLE_MAX);
    expect(handleProblem(long)).toBeNull();
  });
});
