import { create } from "xmlbuilder2";

export const QBWC_NS = "http://developer.intuit.com/";
const SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

export interface SoapReply {
  status: number;
  contentType: string | null;
  body: string;
  document: Document;
}

/** A SOAP envelope written the way QBWC's .NET client writes one. */
export function qbwcEnvelope(method: string, params: Record<string, string | number> = {}): string {
  const children = Object.entries(params)
    .map(([name, value]) => (value === "" ? `<${name} />` : `<${name}>${escapeXml(String(value))}</${name}>`))
    .join("");
  const call = children ? `<${method} xmlns="${QBWC_NS}">${children}</${method}>` : `<${method} xmlns="${QBWC_NS}" />`;
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_NS}" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<soap:Body>${call}</soap:Body></soap:Envelope>`
  );
}

/** POSTs raw text to the endpoint with QBWC's headers (or the ones given). */
export async function postSoap(
  url: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<SoapReply> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "text/xml; charset=utf-8", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type"), body: text, document: parseXml(text) };
}

/** Calls one Web Connector method as QBWC does, with its SOAPAction header. */
export function callQbwc(url: string, method: string, params: Record<string, string | number> = {}): Promise<SoapReply> {
  return postSoap(url, qbwcEnvelope(method, params), { SOAPAction: `"${QBWC_NS}${method}"` });
}

/** The text of <method>Result, which must sit in the Web Connector namespace. */
export function resultOf(reply: SoapReply, method: string): string {
  const result = reply.document.getElementsByTagNameNS(QBWC_NS, `${method}Result`)[0];
  if (!result) throw new Error(`No ${method}Result in: ${reply.body}`);
  return result.textContent ?? "";
}

/** The <string> children of authenticateResult, in order. */
export function authenticateStrings(reply: SoapReply): string[] {
  const result = reply.document.getElementsByTagNameNS(QBWC_NS, "authenticateResult")[0];
  if (!result) throw new Error(`No authenticateResult in: ${reply.body}`);
  return Array.from(result.childNodes)
    .filter((node) => node.nodeType === 1)
    .map((node) => {
      const element = node as Element;
      if (element.localName !== "string" || element.namespaceURI !== QBWC_NS) throw new Error(`Unexpected ${element.tagName}`);
      return element.textContent ?? "";
    });
}

export function faultStringOf(reply: SoapReply): string | null {
  return reply.document.getElementsByTagName("faultstring")[0]?.textContent ?? null;
}

export function parseXml(text: string): Document {
  try {
    return create(text).node as unknown as Document;
  } catch {
    return create("<unparsable/>").node as unknown as Document;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
