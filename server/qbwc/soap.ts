import { AsyncLocalStorage } from "node:async_hooks";
import { createServerless, type Server } from "soap";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { problemOf, XML_CONTENT_TYPE, type SoapProblem } from "./faults";
import type { QbwcService } from "./service";
import { PORT_NAME, QBWC_METHODS, qbwcWsdl, SERVICE_NAME, soapActionOf, type QbwcMethod } from "./wsdl";

export type SoapReply = { ok: true; xml: string } | { ok: false; problem: SoapProblem | undefined };

/**
 * Runs one SOAP call through node-soap, which parses the envelope and writes the response. A reply that is
 * not a 200 is never passed on (node-soap's own faults are SOAP 1.2-shaped and carry library error text);
 * the caller answers with our fault instead, using the problem recorded here when there is one.
 */
export async function callQbwcService(service: QbwcService, xml: string, action: QbwcMethod | undefined): Promise<SoapReply> {
  const server = await soapServer();
  const call: SoapCall = { service };
  const headers: Record<string, string> = { "content-type": XML_CONTENT_TYPE };
  if (action) headers.soapaction = `"${soapActionOf(action)}"`;
  const reply = await calls.run(call, () => server.processRequest(xml, { url: "/qbwc", method: "POST", headers }));
  if (reply.statusCode === 200 && !call.problem) return { ok: true, xml: reply.body };
  return { ok: false, problem: call.problem };
}

/** The service and problem of the call in progress: node-soap's server is shared, the call is not. */
interface SoapCall {
  service: QbwcService;
  problem?: SoapProblem;
}
const calls = new AsyncLocalStorage<SoapCall>();

let server: Promise<Server> | undefined;

/** node-soap's server, built once per process from our WSDL; a failed build is retried on the next call. */
function soapServer(): Promise<Server> {
  server ??= new Promise<Server>((resolve, reject) => {
    createServerless({
      path: "/qbwc",
      services: { [SERVICE_NAME]: { [PORT_NAME]: soapMethods() } },
      // node-soap only uses the address to pick a port; the WSDL we serve carries the real one.
      xml: qbwcWsdl("http://localhost/qbwc"),
      suppressStack: true,
      enableChunkedEncoding: false,
      callback: (error: unknown, created: Server) => (error ? reject(error) : resolve(created)),
    }).catch(reject);
  }).then((created) => created.on("request", refuseMismatchedAction));
  server.catch(() => {
    server = undefined;
  });
  return server;
}

function soapMethods() {
  return Object.fromEntries(
    QBWC_METHODS.map((method) => [
      method,
      async (args: unknown) => {
        const call = calls.getStore();
        if (!call) throw new Error("A Web Connector method ran outside a call.");
        try {
          return await BINDINGS[method](call.service, args ?? {});
        } catch (error) {
          call.problem = problemOf(error, method);
          throw error;
        }
      },
    ]),
  );
}

/** node-soap picks the method from SOAPAction when there is one; the body must then name the same method. */
function refuseMismatchedAction(envelope: { Body?: Record<string, unknown> }, method: string) {
  const element = Object.keys(envelope.Body ?? {}).find((key) => key !== "attributes");
  if (element === method) return;
  const call = calls.getStore();
  if (call)
    call.problem = {
      fault: "Client",
      message: `The SOAPAction header asks for ${method}, but the SOAP Body holds ${element ?? "nothing"}.`,
    };
  throw new Error("SOAPAction and body disagree.");
}

// node-soap gives "" for an empty element, and null or an object for xsi:nil; both mean "".
const text = z.unknown().transform((value) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : ""));
const wholeNumber = z.unknown().transform((value, context) => {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() ? Number(value) : Number.NaN;
  if (Number.isInteger(number)) return number;
  context.addIssue({ code: "custom", message: "must be a whole number" });
  return z.NEVER;
});

const argsOf = {
  clientVersion: z.object({ strVersion: text }),
  authenticate: z.object({ strUserName: text, strPassword: text }),
  sendRequestXML: z.object({
    ticket: text,
    strHCPResponse: text,
    strCompanyFileName: text,
    qbXMLCountry: text,
    qbXMLMajorVers: wholeNumber,
    qbXMLMinorVers: wholeNumber,
  }),
  receiveResponseXML: z.object({ ticket: text, response: text, hresult: text, message: text }),
  connectionError: z.object({ ticket: text, hresult: text, message: text }),
  ticketOnly: z.object({ ticket: text }),
};

function parse<T extends z.ZodType>(method: QbwcMethod, schema: T, args: unknown): z.output<T> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError(
    "BAD_INPUT",
    `The ${method} call is not valid: ${issue?.path.join(".") || "its arguments"} ${issue?.message ?? "are wrong"}.`,
  );
}

/** Each method's arguments checked and its result wrapped as the WSDL's <method>Result. */
const BINDINGS: Record<QbwcMethod, (service: QbwcService, args: unknown) => Promise<Record<string, unknown>>> = {
  serverVersion: async (service) => ({ serverVersionResult: await service.serverVersion() }),
  clientVersion: async (service, args) => ({
    clientVersionResult: await service.clientVersion(parse("clientVersion", argsOf.clientVersion, args).strVersion),
  }),
  authenticate: async (service, args) => {
    const { strUserName, strPassword } = parse("authenticate", argsOf.authenticate, args);
    // Every element is serialised, including an empty second one (qbwc.md; checked in test/qbwc-soap.test.ts).
    return { authenticateResult: { string: await service.authenticate(strUserName, strPassword) } };
  },
  sendRequestXML: async (service, args) => ({
    sendRequestXMLResult: await service.sendRequestXML(parse("sendRequestXML", argsOf.sendRequestXML, args)),
  }),
  receiveResponseXML: async (service, args) => ({
    receiveResponseXMLResult: await service.receiveResponseXML(parse("receiveResponseXML", argsOf.receiveResponseXML, args)),
  }),
  connectionError: async (service, args) => ({
    connectionErrorResult: await service.connectionError(parse("connectionError", argsOf.connectionError, args)),
  }),
  getLastError: async (service, args) => ({
    getLastErrorResult: await service.getLastError(parse("getLastError", argsOf.ticketOnly, args).ticket),
  }),
  closeConnection: async (service, args) => ({
    closeConnectionResult: await service.closeConnection(parse("closeConnection", argsOf.ticketOnly, args).ticket),
  }),
};
