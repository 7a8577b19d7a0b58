import "server-only";

import type { Database } from "@/db";
import { AppError } from "@/server/errors";
import { problemOf, soapFault, XML_CONTENT_TYPE } from "./faults";
import { qbwcOptions, type QbwcOptions, type QbwcOptionsInput } from "./options";
import { requestBaseUrl } from "./public-url";
import { webConnectorUrls } from "./qwc";
import { createQbwcService } from "./service";
import { configuredPublicUrl } from "./settings";
import { callQbwcService } from "./soap";
import { findSession } from "./sessions";
import { bodyElementName, bodyIsEmpty, elementText, findStartTag } from "./soap-scan";
import { isQbwcMethod, QBWC_NAMESPACE, qbwcWsdl, type QbwcMethod } from "./wsdl";
import { refuseDoctype } from "./xml-guard";

/**
 * The Web Connector endpoint over HTTP: GET ?wsdl serves the WSDL, POST runs one SOAP call. Every failure
 * answers with a SOAP 1.1 fault whose faultstring is one plain sentence; the next request is served as usual.
 */
export async function handleQbwcHttp(db: Database, request: Request, given: QbwcOptionsInput): Promise<Response> {
  const options = qbwcOptions({ clientAddress: clientAddressOf(request), ...given });
  try {
    if (request.method === "POST") return await answerSoapCall(db, request, options);
    if (request.method === "GET" || request.method === "HEAD") return await answerGet(db, request, options);
    return new Response("The Web Connector endpoint answers GET ?wsdl and SOAP POSTs.", {
      status: 405,
      headers: { Allow: "GET, HEAD, POST", "Content-Type": "text/plain; charset=utf-8" },
    });
  } catch (error) {
    return soapFault(problemOf(error, `${request.method} /qbwc`));
  }
}

async function answerSoapCall(db: Database, request: Request, options: QbwcOptions): Promise<Response> {
  const xml = await readBody(request, options.maxBodyBytes);
  refuseDoctype(xml);
  if (!xml.trim()) {
    throw new AppError("BAD_INPUT", "The request is empty. The Web Connector sends a SOAP envelope in the body of a POST.");
  }
  // The envelope's and the Body's start tags open every Web Connector message; a body without them in its first
  // 64 kB is refused before the whole of it is parsed (a hostile 20 MB would hold the server for a second).
  const head = xml.slice(0, SHAPE_WINDOW);
  if (!findStartTag(head, "Envelope") || !findStartTag(head, "Body")) throw new AppError("BAD_INPUT", unreadableMessage(head));
  const action = methodOfSoapAction(request.headers.get("soapaction"));
  const element = bodyElementName(head);
  if (element && !isQbwcMethod(element)) {
    throw new AppError(
      "BAD_INPUT",
      `Ledgerbridge does not offer the method ${shorten(element)}; it answers the eight QuickBooks Web Connector methods.`,
    );
  }
  if (element && action && element !== action) {
    throw new AppError("BAD_INPUT", `The SOAPAction header asks for ${action}, but the SOAP Body holds ${element}.`);
  }
  // Only an open session's QuickBooks answers are large: a large body of anything else is refused before it is parsed.
  if (xml.length > SHAPE_WINDOW) await refuseLargeWithoutSession(db, element ?? action, head);
  const reply = await callQbwcService(createQbwcService(db, options), xml, action);
  if (reply.ok) return new Response(reply.xml, { status: 200, headers: { "Content-Type": XML_CONTENT_TYPE } });
  return soapFault(reply.problem ?? { fault: "Client", message: unreadableMessage(head) });
}

const SHAPE_WINDOW = 64 * 1024;

async function refuseLargeWithoutSession(db: Database, method: string | undefined, head: string): Promise<void> {
  if (method !== "receiveResponseXML") {
    throw new AppError("BAD_INPUT", `The request is larger than any Web Connector ${method ?? "call"} sends, so it was not read.`);
  }
  // The ticket is the call's first parameter, so it sits in the head.
  const ticket = elementText(head, "ticket");
  const session = ticket ? await findSession(db, ticket) : undefined;
  if (session?.status !== "active") {
    throw new AppError(
      "BAD_INPUT",
      "This large response is not for an open Web Connector session, so it was not read. Click Update Selected in the Web Connector to start one.",
    );
  }
}

async function answerGet(db: Database, request: Request, options: QbwcOptions): Promise<Response> {
  const wantsWsdl = [...new URL(request.url).searchParams.keys()].some((key) => key.toLowerCase() === "wsdl");
  if (!wantsWsdl) {
    return new Response(
      "This is Ledgerbridge's QuickBooks Web Connector endpoint. Add it to the Web Connector with the .qwc file from Settings; /qbwc?wsdl describes the service.",
      { headers: { "Content-Type": "text/plain; charset=utf-8" } },
    );
  }
  const base = (await configuredPublicUrl(db, options.envPublicUrl))?.url ?? requestBaseUrl(request);
  return new Response(qbwcWsdl(webConnectorUrls(base).appUrl), { headers: { "Content-Type": XML_CONTENT_TYPE } });
}

/** Reads the body as UTF-8, refusing it as soon as it is known to be over the limit (before any parsing). */
async function readBody(request: Request, limit: number): Promise<string> {
  const tooLarge = () =>
    new AppError(
      "BAD_INPUT",
      `The request is larger than ${formatBytes(limit)}, the most Ledgerbridge accepts. If QuickBooks really sends this much, ask the administrator to raise QBWC_MAX_BODY_BYTES.`,
    );
  if (Number(request.headers.get("content-length")) > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

/** The method a SOAPAction header names; none when it is absent or empty, an AppError when it is not ours. */
function methodOfSoapAction(header: string | null): QbwcMethod | undefined {
  const action = (header ?? "")
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim();
  if (!action) return undefined;
  const method = action.startsWith(QBWC_NAMESPACE) ? action.slice(QBWC_NAMESPACE.length) : "";
  if (isQbwcMethod(method)) return method;
  throw new AppError(
    "BAD_INPUT",
    `Ledgerbridge does not offer the SOAP action "${shorten(action)}". The Web Connector's actions look like ${QBWC_NAMESPACE}authenticate.`,
  );
}

/**
 * Where a call came from. Behind the TLS proxy the README asks for, the last X-Forwarded-For entry is the address that
 * proxy saw (it appends it, so a caller cannot choose it). A route handler cannot see the connection itself, so without
 * a proxy every caller is "direct" and shares one count.
 */
function clientAddressOf(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || request.headers.get("x-real-ip")?.trim() || "direct";
}

/** The sentence for a request node-soap could not read, from what it visibly lacks. */
function unreadableMessage(xml: string): string {
  if (!findStartTag(xml, "Envelope")) {
    return "The request is not a SOAP envelope. The Web Connector sends SOAP 1.1 messages to this address.";
  }
  if (!findStartTag(xml, "Body")) return "The SOAP envelope has no Body, so there is no method to call.";
  if (bodyIsEmpty(xml)) return "The SOAP Body is empty, so there is no method to call.";
  return "The request is not well-formed SOAP 1.1, so Ledgerbridge could not tell which method to call.";
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}
