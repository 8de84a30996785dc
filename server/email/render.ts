import "server-only";
import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

/** Renders once and converts with React Email's own selectors, as render's plainText option does. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}
