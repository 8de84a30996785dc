import katex from "katex";
import "katex/dist/katex.min.css";
import { parseAbstract } from "@/lib/abstract";

function renderMath(tex: string, display: boolean): string {
  // KaTeX escapes everything it is given; `trust: false` keeps \href and friends disabled.
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, strict: "ignore", output: "htmlAndMathml" });
}

/** An abstract as text with rendered LaTeX and linked URLs; the data is never used as HTML. */
export function RichAbstract({ text }: { text: string }) {
  return (
    <p className="leading-relaxed whitespace-pre-line text-gray-800 dark:text-gray-200">
      {parseAbstract(text).map((segment, i) => {
        if (segment.type === "text") return segment.value;
        if (segment.type === "link") {
          return (
            <a
              key={i}
              href={segment.href}
              rel="noopener noreferrer nofollow"
              className="break-all text-brand-700 underline dark:text-brand-500"
            >
              {segment.value}
            </a>
          );
        }
        return <span key={i} dangerouslySetInnerHTML={{ __html: renderMath(segment.tex, segment.display) }} />;
      })}
    </p>
  );
}
