// Document type declarations are refused, so no entity can expand into anything unexpected.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(message: string, position: number) {
    super(`${message} at offset ${position}`);
    this.name = "XmlError";
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string, position: number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
      throw new XmlError(`invalid character reference ${whole}`, position);
    }
    const named = NAMED_ENTITIES[ref];
    if (named === undefined) throw new XmlError(`unknown entity ${whole}`, position);
    return named;
  });
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTRIBUTE = /\s*([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

function tagEnd(input: string, start: number): number {
  let quote: string | null = null;
  for (let i = start; i < input.length; i += 1) {
    const c = input[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ">") {
      return i;
    }
  }
  throw new XmlError("unterminated tag", start);
}

function parseAttributes(source: string, position: number): Record<string, string> {
  const attributes: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    ATTRIBUTE.lastIndex = index;
    const match = ATTRIBUTE.exec(source);
    if (!match || match[1] === undefined) throw new XmlError("malformed attribute", position);
    attributes[match[1]] = decodeEntities(match[2] ?? match[3] ?? "", position);
    index = ATTRIBUTE.lastIndex;
  }
  return attributes;
}

export function parseXml(input: string): XmlElement {
  const root: XmlElement = { name: "#document", attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;

  while (i < input.length) {
    const current = stack[stack.length - 1]!;
    const lt = input.indexOf("<", i);
    if (lt === -1 || lt > i) {
      const text = input.slice(i, lt === -1 ? input.length : lt);
      if (stack.length > 1) current.children.push(decodeEntities(text, i));
      else if (text.trim() !== "") throw new XmlError("text outside the root element", i);
      if (lt === -1) break;
      i = lt;
      continue;
    }

    if (input.startsWith("<?", i)) {
      const end = input.indexOf("?>", i);
      if (end === -1) throw new XmlError("unterminated processing instruction", i);
      i = end + 2;
    } else if (input.startsWith("<!--", i)) {
      const end = input.indexOf("-->", i);
      if (end === -1) throw new XmlError("unterminated comment", i);
      i = end + 3;
    } else if (input.startsWith("<![CDATA[", i)) {
      const end = input.indexOf("]]>", i);
      if (end === -1) throw new XmlError("unterminated CDATA section", i);
      current.children.push(input.slice(i + 9, end));
      i = end + 3;
    } else if (input.startsWith("<!", i)) {
      throw new XmlError("document type declarations are not accepted", i);
    } else if (input.startsWith("</", i)) {
      const end = tagEnd(input, i);
      const name = input.slice(i + 2, end).trim();
      if (stack.length < 2 || current.name !== name) {
        throw new XmlError(`unexpected closing tag </${name}>`, i);
      }
      stack.pop();
      i = end + 1;
    } else {
      const end = tagEnd(input, i);
      let body = input.slice(i + 1, end);
      const selfClosing = body.endsWith("/");
      if (selfClosing) body = body.slice(0, -1);
      const name = NAME.exec(body)?.[0];
      if (!name) throw new XmlError("malformed tag", i);
      if (stack.length === 1 && root.children.length > 0) throw new XmlError("more than one root element", i);
      const element: XmlElement = { name, attributes: parseAttributes(body.slice(name.length), i), children: [] };
      current.children.push(element);
      if (!selfClosing) stack.push(element);
      i = end + 1;
    }
  }

  if (stack.length > 1) throw new XmlError(`unclosed element <${stack[stack.length - 1]!.name}>`, input.length);
  const [document] = root.children;
  if (!document || typeof document === "string") throw new XmlError("no root element", 0);
  return document;
}

/** Atom readers match on local names. */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((node): node is XmlElement => typeof node !== "string" && localName(node.name) === name);
}

export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return childElements(element, name)[0];
}

export function textContent(node: XmlNode): string {
  return typeof node === "string" ? node : node.children.map(textContent).join("");
}
