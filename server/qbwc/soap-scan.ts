/**
 * Reading a SOAP request's shape before node-soap parses it (to word a refusal), in one pass over the text: a hostile
 * body costs time in proportion to its length. Regular expressions with an open-ended run before a delimiter ("[^>]*>")
 * try every start position to the end of the text and took seconds on 100 kB of "<Body".
 */

const NAME_CHAR = /[\w.:-]/;

interface StartTag {
  /** The index just after the tag's ">". */
  end: number;
  selfClosing: boolean;
}

/** The first start tag whose local name (after any "prefix:") is `localName`, or undefined. */
export function findStartTag(xml: string, localName: string): StartTag | undefined {
  let from = 0;
  for (;;) {
    const open = xml.indexOf("<", from);
    if (open < 0) return undefined;
    const name = readName(xml, open + 1);
    from = open + 1 + Math.max(name.length, 0);
    if (localPart(name) !== localName) continue;
    // Once no ">" follows, no later tag can be complete either: stop rather than look again from every "<".
    const close = xml.indexOf(">", from);
    if (close < 0) return undefined;
    return { end: close + 1, selfClosing: xml[close - 1] === "/" };
  }
}

/** The local name of the first element inside the SOAP Body (the method called), or undefined. */
export function bodyElementName(xml: string): string | undefined {
  const body = findStartTag(xml, "Body");
  if (!body || body.selfClosing) return undefined;
  const open = skipSpace(xml, body.end);
  if (xml[open] !== "<") return undefined;
  const name = localPart(readName(xml, open + 1));
  return /^[A-Za-z_]/.test(name) ? name : undefined;
}

/** Whether the SOAP Body holds nothing: "<Body/>" or "<Body></Body>". */
export function bodyIsEmpty(xml: string): boolean {
  const body = findStartTag(xml, "Body");
  if (!body) return false;
  if (body.selfClosing) return true;
  const next = skipSpace(xml, body.end);
  return xml.startsWith("</", next);
}

/** The text of the first element with this local name (a ticket, say), or undefined; entities are not expanded. */
export function elementText(xml: string, localName: string): string | undefined {
  const tag = findStartTag(xml, localName);
  if (!tag || tag.selfClosing) return undefined;
  const end = xml.indexOf("<", tag.end);
  return end < 0 ? undefined : xml.slice(tag.end, end).trim();
}

function readName(xml: string, start: number): string {
  let end = start;
  while (end < xml.length && NAME_CHAR.test(xml[end]!)) end++;
  return xml.slice(start, end);
}

function localPart(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

function skipSpace(xml: string, start: number): number {
  let index = start;
  while (index < xml.length && (xml[index] === " " || xml[index] === "\n" || xml[index] === "\r" || xml[index] === "\t")) index++;
  return index;
}
