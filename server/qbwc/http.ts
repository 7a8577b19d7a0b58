import "server-only";

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Database } from "@/db";
import { AppError } from "@/server/errors";
import { problemOf, soapFault, XML_CONTENT_TYPE, type SoapProblem } from "./faults";
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

/** One HTTP request as the endpoint needs it, from whichever server received it. */
export interface QbwcHttpRequest {
  method: string;
  /** The URL the request reached this server at (its origin is the fallback for the WSDL's address). */
  url: URL;
  /** A request header by its lower-case name; repeated headers joined with ", ". */
  header: (name: string) => string | null | undefined;
  /** The body as it arrives; the endpoint stops reading as soon as it has seen enough to refuse it. */
  body: AsyncIterable<Uint8Array> | null;
  /** The connection's peer, when the server can see it (a Next route handler cannot). */
  remoteAddress?: string;
}

/** The endpoint's answer; the body is text (SOAP, the WSDL or a sentence). */
export interface QbwcHttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The Web Connector endpoint over HTTP, whichever server carries it: GET ?wsdl serves the WSDL, POST runs one SOAP
 * call. Every failure answers with a SOAP 1.1 fault whose faultstring is one plain sentence; the next request is
 * served as usual. Each answer says in a Server-Timing header how long the server worked on it (reading the body
 * included), which is what `npm run bench` compares.
 */
export async function answerQbwcHttp(db: Database, request: QbwcHttpRequest, given: QbwcOptionsInput): Promise<QbwcHttpAnswer> {
  const started = performance.now();
  const answer = await answerRequest(db, request, given);
  answer.headers["Server-Timing"] = serverTiming(performance.now() - started);
  return answer;
}

async function answerRequest(db: Database, request: QbwcHttpRequest, given: QbwcOptionsInput): Promise<QbwcHttpAnswer> {
  const options = qbwcOptions({ clientAddress: clientAddressOf(request), ...given });
  try {
    if (request.method === "POST") return await answerSoapCall(db, request, options);
    if (request.method === "GET" || request.method === "HEAD") return await answerGet(db, request, options);
    return {
      status: 405,
      headers: { Allow: "GET, HEAD, POST", "Content-Type": "text/plain; charset=utf-8" },
      body: "The Web Connector endpoint answers GET ?wsdl and SOAP POSTs.",
    };
  } catch (error) {
    return faultAnswer(problemOf(error, `${request.method} /qbwc`));
  }
}

/** The Server-Timing header value for a call the server worked on for `ms` milliseconds. */
export function serverTiming(ms: number): string {
  return `qbwc;desc="Web Connector call";dur=${ms.toFixed(3)}`;
}

/** The endpoint for a fetch-style handler (the /qbwc route under `next dev`, and tests). */
export async function handleQbwcHttp(db: Database, request: Request, given: QbwcOptionsInput): Promise<Response> {
  const answer = await answerQbwcHttp(
    db,
    {
      method: request.method,
      url: new URL(request.url),
      header: (name) => request.headers.get(name),
      body: request.body ? chunksOf(request.body) : null,
    },
    given,
  );
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** Whether a Node request's target is the endpoint: the path /qbwc exactly, with or without a query. */
export function isQbwcRequest(request: IncomingMessage): boolean {
  const target = request.url ?? "";
  return target === QBWC_PATH || target.startsWith(`${QBWC_PATH}?`);
}

const QBWC_PATH = "/qbwc";

/** The endpoint on a plain Node HTTP server, answered without building any Web Request or Response. */
export async function serveQbwcNode(
  db: Database,
  request: IncomingMessage,
  response: ServerResponse,
  given: QbwcOptionsInput,
): Promise<void> {
  const socket = request.socket;
  const answer = await answerQbwcHttp(
    db,
    {
      method: request.method ?? "GET",
      url: new URL(request.url ?? "/", `http://${hostForUrl(socket.localAddress)}:${socket.localPort ?? 80}`),
      header: (name) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value.join(", ") : value;
      },
      // Not destroyed when the endpoint stops reading early: the rest is drained below, so the answer still goes out.
      body: request.iterator({ destroyOnReturn: false }),
      remoteAddress: socket.remoteAddress,
    },
    given,
  );
  if (!request.readableEnded) request.resume();
  response.writeHead(answer.status, { ...answer.headers, "Content-Length": Buffer.byteLength(answer.body) });
  response.end(answer.body);
}

function hostForUrl(address: string | undefined): string {
  if (!address) return "localhost";
  return address.includes(":") ? `[${address}]` : address;
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopping early (a body over the limit) cancels the rest instead of reading it.
    await reader.cancel().catch(() => {});
  }
}

function faultAnswer(problem: SoapProblem): QbwcHttpAnswer {
  return { status: 500, headers: { "Content-Type": XML_CONTENT_TYPE }, body: soapFault(problem) };
}

function xmlAnswer(xml: string): QbwcHttpAnswer {
  return { status: 200, headers: { "Content-Type": XML_CONTENT_TYPE }, body: xml };
}

async function answerSoapCall(db: Database, request: QbwcHttpRequest, options: QbwcOptions): Promise<QbwcHttpAnswer> {
  const xml = await readBody(request, options.maxBodyBytes);
  refuseDoctype(xml);
  if (!xml.trim()) {
    throw new AppError("BAD_INPUT", "The request is empty. The Web Connector sends a SOAP envelope in the body of a POST.");
  }
  // The envelope's and the Body's start tags open every Web Connector message; a body without them in its first
  // 64 kB is refused before the whole of it is parsed (a hostile 20 MB would hold the server for a second).
  const head = xml.slice(0, SHAPE_WINDOW);
  if (!findStartTag(head, "Envelope") || !findStartTag(head, "Body")) throw new AppError("BAD_INPUT", unreadableMessage(head));
  const action = methodOfSoapAction(request.header("soapaction"));
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
  if (reply.ok) return xmlAnswer(reply.xml);
  return faultAnswer(reply.problem ?? { fault: "Client", message: unreadableMessage(head) });
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

async function answerGet(db: Database, request: QbwcHttpRequest, options: QbwcOptions): Promise<QbwcHttpAnswer> {
  const wantsWsdl = [...request.url.searchParams.keys()].some((key) => key.toLowerCase() === "wsdl");
  if (!wantsWsdl) {
    return {
      status: 200,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: "This is Ledgerbridge's QuickBooks Web Connector endpoint. Add it to the Web Connector with the .qwc file from Settings; /qbwc?wsdl describes the service.",
    };
  }
  const base = (await configuredPublicUrl(db, options.envPublicUrl))?.url ?? requestBaseUrl(request.url, request.header);
  return xmlAnswer(qbwcWsdl(webConnectorUrls(base).appUrl));
}

/** Reads the body as UTF-8, refusing it as soon as it is known to be over the limit (before any parsing). */
async function readBody(request: QbwcHttpRequest, limit: number): Promise<string> {
  const tooLarge = () =>
    new AppError(
      "BAD_INPUT",
      `The request is larger than ${formatBytes(limit)}, the most Ledgerbridge accepts. If QuickBooks really sends this much, ask the administrator to raise QBWC_MAX_BODY_BYTES.`,
    );
  if (Number(request.header("content-length")) > limit) throw tooLarge();
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    // Leaving the loop stops the reading: the rest is never buffered.
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

/** The method a SOAPAction header names; none when it is absent or empty, an AppError when it is not ours. */
function methodOfSoapAction(header: string | null | undefined): QbwcMethod | undefined {
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
 * proxy saw (it appends it, so a caller cannot choose it), then X-Real-IP. Without a proxy, the connection's own peer
 * address when the server can see it (the Node server can; a Next route handler cannot, and there every such caller
 * is "direct" and shares one count).
 */
function clientAddressOf(request: QbwcHttpRequest): string {
  const forwarded = request.header("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || request.header("x-real-ip")?.trim() || request.remoteAddress || "direct";
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
