/** React Email to the two parts of a message: the HTML, and plain text made from it. */
import "server-only";
import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

/**
 * Renders once and converts that HTML to text with React Email's own selectors (no images, no
 * preview line, links as `text https://…`), which is what render's plainText option does too.
 */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}
