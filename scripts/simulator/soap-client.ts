import { escapeText, parseXml, type XmlNode } from "./xml";

export type { QbwcMethod, SoapAnswer };
export { callQbwc, WebConnectorError };

const QBWC_NAMESPACE = "http://developer.intuit.com/";
const SOAP_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/";

type QbwcMethod =
  | "serverVersion"
  | "clientVersion"
  | "authenticate"
  | "sendRequestXML"
  | "receiveResponseXML"
  | "connectionError"
  | "getLastError"
  | "closeConnection";

/**
 * The text of <methodResult>, or for authenticate the <string> items of its array; and the time the server says it
 * worked on the call (its Server-Timing header), when it says.
 */
type SoapAnswer = { readonly text: string; readonly strings: readonly string[]; readonly serverMs?: number };

/** A call that got no usable answer: the server is down, answered with a fault, or sent something unreadable. */
class WebConnectorError extends Error {
  readonly kind: "unreachable" | "fault" | "http" | "unreadable";

  constructor(kind: WebConnectorError["kind"], message: string) {
    super(message);
    this.name = "WebConnectorError";
    this.kind = kind;
  }
}

/**
 * One SOAP 1.1 call as QBWC's .NET client makes it: POST, text/xml; charset=utf-8, the quoted SOAPAction
 * "http://developer.intuit.com/<method>", and a document/literal body in the Web Connector namespace.
 */
async function callQbwc(
  url: string,
  method: QbwcMethod,
  params: readonly (readonly [string, string | number])[],
  timeoutMs: number,
): Promise<SoapAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${QBWC_NAMESPACE}${method}"` },
      body: envelope(method, params),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new WebConnectorError("unreachable", `Could not reach ${url} (${describeNetworkError(error)}). Is Ledgerbridge running there?`);
  }
  const body = await response.text();
  const root = parseXml(body);
  const soapBody = root?.children.find((child) => child.name === "Body");
  const fault = soapBody?.children.find((child) => child.name === "Fault");
  if (fault) {
    const text = fault.children.find((child) => child.name === "faultstring")?.text ?? "(no faultstring)";
    throw new WebConnectorError("fault", `${method} answered with a SOAP fault (HTTP ${response.status}): ${text}`);
  }
  if (!response.ok) throw new WebConnectorError("http", `${method} answered HTTP ${response.status}: ${body.slice(0, 200)}`);
  const result = soapBody?.children
    .find((child) => child.name === `${method}Response`)
    ?.children.find((child) => child.name === `${method}Result`);
  if (!result) throw new WebConnectorError("unreadable", `${method} answered without a ${method}Result: ${body.slice(0, 200)}`);
  return { text: result.text, strings: stringsOf(result), serverMs: serverMsOf(response.headers.get("server-timing")) };
}

/** The sum of the durations a Server-Timing header reports ("name;dur=1.5, other;dur=0.2"), or none without one. */
function serverMsOf(header: string | null): number | undefined {
  const durations = [...(header ?? "").matchAll(/(?:^|;)\s*dur=([\d.]+)/g)].map((match) => Number(match[1]));
  return durations.length > 0 ? durations.reduce((sum, ms) => sum + ms, 0) : undefined;
}

function stringsOf(result: XmlNode): string[] {
  return result.children.filter((child) => child.name === "string").map((child) => child.text);
}

/**
 * The envelope as QBWC's .NET client writes it. Written by hand: xmlbuilder2's txt() leaves text that looks
 * like an entity ("&quot;") unescaped, which would corrupt a qbXML response carried inside as a string.
 */
function envelope(method: QbwcMethod, params: readonly (readonly [string, string | number])[]): string {
  const children = params
    .map(([name, value]) => (value === "" ? `<${name} />` : `<${name}>${escapeText(String(value))}</${name}>`))
    .join("");
  const call = children ? `<${method} xmlns="${QBWC_NAMESPACE}">${children}</${method}>` : `<${method} xmlns="${QBWC_NAMESPACE}" />`;
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_NAMESPACE}" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<soap:Body>${call}</soap:Body></soap:Envelope>`
  );
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND") return "no such host";
  if (error instanceof Error && error.name === "TimeoutError") return "no answer in time";
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
