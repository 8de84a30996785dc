import katex from "katex";
import "katex/dist/katex.min.css";
import { parseAbstract } from "@/lib/abstract";

function renderMath(tex: string, display: boolean): string {
  // An unescaped `%` in an abstract's math means per cent, never the comment KaTeX would read it as.
  const source = tex.replace(/(?<!\\)((?:\\\\)*)%/g, "$1\\%");
  // KaTeX escapes everything it is given; `trust: false` keeps \href and friends disabled.
  return katex.renderToString(source, {
    displayMode: display,
    throwOnError: false,
    trust: false,
    strict: "ignore",
    output: "htmlAndMathml",
  });
}

/** An abstract with its TeX read: emphasis, links and math typeset by KaTeX; the data is never used as HTML. */
export function RichAbstract({ text }: { text: string }) {
  return (
    <p className="leading-relaxed whitespace-pre-line text-gray-800 dark:text-gray-200">
      {parseAbstract(text).map((segment, i) => {
        if (segment.type === "text") {
          const words = segment.em ? <em key={i}>{segment.value}</em> : segment.value;
          return segment.strong ? <strong key={i}>{words}</strong> : words;
        }
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
