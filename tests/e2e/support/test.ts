import { expect, test as base } from "@playwright/test";

/**
 * Playwright's `test`, whose pages fail the test on any Content-Security-Policy violation: the
 * browser's console message, or a `securitypolicyviolation` event the page saw.
 */
export const test = base.extend({
  page: async ({ page }, provide) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      const text = message.text();
      if (/Content Security Policy|Content-Security-Policy/i.test(text)) violations.push(text);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(
          `Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber}:${event.columnNumber})`,
        );
      });
    });
    await provide(page);
    expect(violations, "CSP violations in the browser console").toEqual([]);
  },
});

export { expect };
