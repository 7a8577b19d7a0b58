import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { qbwcOptions } from "@/server/qbwc/options";
import { setPublicUrl } from "@/server/qbwc/settings";
import {
  authenticateStrings,
  callQbwc,
  faultStringOf,
  parseXml,
  postSoap,
  qbwcEnvelope,
  QBWC_NS,
  resultOf,
  type SoapReply,
} from "./support/qbwc-client";
import { QBWC_PASSWORD, QBWC_USERNAME, useQbwcEndpoint } from "./support/qbwc-endpoint";
import { handshakeOnlyEngine } from "./support/qbwc-engine";

const REFERENCE_WSDL = readFileSync(path.resolve(__dirname, "..", "..", "shared", "reference", "qbwc", "QBWebConnectorSvc.wsdl"), "utf8");
const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
const MAX_BODY_BYTES = 64 * 1024;

const qbwc = useQbwcEndpoint({ maxBodyBytes: MAX_BODY_BYTES });
/** Every reply of this file, checked at the end for anything a stranger should not see. */
const replies: SoapReply[] = [];

async function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const reply = await postSoap(qbwc.url, body, headers);
  replies.push(reply);
  return reply;
}

/** A SOAP 1.1 fault: HTTP 500, text/xml; charset=utf-8, faultcode + one-sentence faultstring, nothing else. */
function expectFault(reply: SoapReply, faultstring: string | RegExp) {
  expect(reply.status).toBe(500);
  expect(reply.contentType).toBe("text/xml; charset=utf-8");
  const fault = reply.document.getElementsByTagNameNS(SOAP_ENV, "Fault")[0];
  expect(fault, reply.body).toBeDefined();
  const children = Array.from(fault!.childNodes)
    .filter((node) => node.nodeType === 1)
    .map((node) => (node as Element).tagName);
  expect(children).toEqual(["faultcode", "faultstring"]);
  expect(faultStringOf(reply)).toMatch(faultstring);
  expect(faultStringOf(reply)).toMatch(/^[A-Z].*\.$/);
}

async function expectStillAnswering() {
  const reply = await callQbwc(qbwc.url, "serverVersion");
  replies.push(reply);
  expect(reply.status).toBe(200);
  expect(resultOf(reply, "serverVersion")).toMatch(/^Ledgerbridge /);
}

describe("the WSDL", () => {
  it("declares the same operations, messages, types and SOAPActions as Intuit's, in the Web Connector namespace", async () => {
    const response = await fetch(`${qbwc.url}?wsdl`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    const ours = describeWsdl(await response.text());
    const reference = describeWsdl(REFERENCE_WSDL);
    expect(Object.keys(ours.operations).sort()).toEqual([
      "authenticate",
      "clientVersion",
      "closeConnection",
      "connectionError",
      "getLastError",
      "receiveResponseXML",
      "sendRequestXML",
      "serverVersion",
    ]);
    expect(ours.operations.sendRequestXML?.soapAction).toBe(`${QBWC_NS}sendRequestXML`);
    expect({ ...ours, address: null }).toEqual({ ...reference, address: null });
  });

  it("points soap:address at this server as the request reached it when no public URL is set", async () => {
    expect(describeWsdl(await (await fetch(`${qbwc.url}?wsdl`)).text()).address).toBe(`${qbwc.url}`);
    const proxied = await fetch(`${qbwc.url}?WSDL`, { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "sync.example.test" } });
    expect(describeWsdl(await proxied.text()).address).toBe("https://sync.example.test/qbwc");
  });

  it("points soap:address at the public URL once one is set", async () => {
    await setPublicUrl(qbwc.db, { publicUrl: "https://books.example.test/ledgerbridge/" });
    try {
      expect(describeWsdl(await (await fetch(`${qbwc.url}?wsdl`)).text()).address).toBe("https://books.example.test/ledgerbridge/qbwc");
    } finally {
      await setPublicUrl(qbwc.db, { publicUrl: null });
    }
  });
});

describe("timing", () => {
  it("says in a Server-Timing header how long it worked on each answer, faults and the WSDL included", async () => {
    const call = (body: string) =>
      fetch(qbwc.url, {
        method: "POST",
        headers: { "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${QBWC_NS}serverVersion"` },
        body,
      });
    const answers = [await call(qbwcEnvelope("serverVersion", {})), await call("<not-soap/>"), await fetch(`${qbwc.url}?wsdl`)];
    for (const answer of answers) {
      expect(answer.headers.get("server-timing")).toMatch(/^qbwc;desc="Web Connector call";dur=\d+\.\d{3}$/);
      await answer.text();
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 500, 200]);
  });
});

describe("bad input", () => {
  it("answers malformed XML with a fault and keeps serving", async () => {
    const reply = await post(`<soap:Envelope xmlns:soap="${SOAP_ENV}"><soap:Body><serverVersion xmlns="${QBWC_NS}"></soap:Body>`, {
      SOAPAction: `"${QBWC_NS}serverVersion"`,
    });
    expectFault(reply, "The request is not well-formed SOAP 1.1, so Ledgerbridge could not tell which method to call.");
    await expectStillAnswering();
  });

  it("answers a missing body, a missing SOAP Body and an empty SOAP Body with faults that say so", async () => {
    expectFault(await post(""), "The request is empty. The Web Connector sends a SOAP envelope in the body of a POST.");
    expectFault(
      await post("<hello>world</hello>"),
      "The request is not a SOAP envelope. The Web Connector sends SOAP 1.1 messages to this address.",
    );
    expectFault(
      await post(`<?xml version="1.0"?><soap:Envelope xmlns:soap="${SOAP_ENV}"></soap:Envelope>`),
      "The SOAP envelope has no Body, so there is no method to call.",
    );
    expectFault(
      await post(`<?xml version="1.0"?><soap:Envelope xmlns:soap="${SOAP_ENV}"><soap:Body/></soap:Envelope>`),
      "The SOAP Body is empty, so there is no method to call.",
    );
    await expectStillAnswering();
  });

  it("refuses an unknown method, an unknown SOAPAction and a SOAPAction that disagrees with the body", async () => {
    expectFault(
      await post(qbwcEnvelope("deleteEverything", { ticket: "x" }), { SOAPAction: `"${QBWC_NS}deleteEverything"` }),
      /^Ledgerbridge does not offer the SOAP action "http:\/\/developer\.intuit\.com\/deleteEverything"\./,
    );
    expectFault(
      await post(qbwcEnvelope("deleteEverything", { ticket: "x" })),
      "Ledgerbridge does not offer the method deleteEverything; it answers the eight QuickBooks Web Connector methods.",
    );
    expectFault(
      await post(qbwcEnvelope("serverVersion"), { SOAPAction: '"urn:something-else"' }),
      /^Ledgerbridge does not offer the SOAP action "urn:something-else"/,
    );
    expectFault(
      await post(qbwcEnvelope("getLastError", { ticket: "x" }), { SOAPAction: `"${QBWC_NS}closeConnection"` }),
      "The SOAPAction header asks for closeConnection, but the SOAP Body holds getLastError.",
    );
    await expectStillAnswering();
  });

  it("refuses a DOCTYPE at once without reading the file an external entity names", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "ledgerbridge-xxe-"));
    const secretFile = path.join(folder, "secret.txt");
    writeFileSync(secretFile, "TOP-SECRET-MARKER-4711");
    const body =
      `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file://${secretFile}">]>` +
      qbwcEnvelope("clientVersion", { strVersion: "PLACEHOLDER" })
        .replace(/^<\?xml[^>]*\?>/, "")
        .replace("PLACEHOLDER", "&xxe;");
    const started = performance.now();
    const reply = await post(body, { SOAPAction: `"${QBWC_NS}clientVersion"` });
    expect(performance.now() - started).toBeLessThan(500);
    expectFault(reply, "Ledgerbridge does not accept XML with a DOCTYPE or ENTITY declaration; the Web Connector never sends one.");
    expect(reply.body).not.toContain("TOP-SECRET-MARKER");
    expect(reply.body).not.toContain(folder);
    await expectStillAnswering();
  });

  it("refuses nested entities (the billion laughs) before they can expand", async () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const body = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]>${qbwcEnvelope("clientVersion", { strVersion: "&lol10;" }).replace(/^<\?xml[^>]*\?>/, "")}`;
    const started = performance.now();
    expectFault(await post(body.replace("&amp;lol10;", "&lol10;")), /DOCTYPE or ENTITY/);
    expect(performance.now() - started).toBeLessThan(500);
    await expectStillAnswering();
  });

  it("refuses a body over the limit, whether or not it declares its length", async () => {
    const oversized = qbwcEnvelope("receiveResponseXML", { ticket: "x", response: "A".repeat(MAX_BODY_BYTES), hresult: "", message: "" });
    expectFault(
      await post(oversized),
      "The request is larger than 64 KB, the most Ledgerbridge accepts. If QuickBooks really sends this much, ask the administrator to raise QBWC_MAX_BODY_BYTES.",
    );
    const chunks = [oversized.slice(0, 40_000), oversized.slice(40_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    expectFault(await post(stream), /^The request is larger than 64 KB/);
    expect(qbwcOptions({ engine: qbwc.engine }).maxBodyBytes).toBe(20 * 1024 * 1024);
    await expectStillAnswering();
  });

  it("refuses arguments of the wrong type with a sentence naming the argument", async () => {
    const reply = await post(
      qbwcEnvelope("sendRequestXML", {
        ticket: "x",
        strHCPResponse: "",
        strCompanyFileName: "",
        qbXMLCountry: "US",
        qbXMLMajorVers: "thirteen",
        qbXMLMinorVers: 0,
      }),
      { SOAPAction: `"${QBWC_NS}sendRequestXML"` },
    );
    expectFault(reply, "The sendRequestXML call is not valid: qbXMLMajorVers must be a whole number.");
  });

  it("answers an engine failure during authenticate with a plain fault and leaves no session blocking the next one", async () => {
    qbwc.engine = {
      ...handshakeOnlyEngine,
      beginSession: async () => {
        throw new Error("ECONNREFUSED /var/lib/secret/engine.sock at Object.connect (net.js:1:1)");
      },
    };
    const serverLog = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const reply = await callQbwc(qbwc.url, "authenticate", { strUserName: QBWC_USERNAME, strPassword: QBWC_PASSWORD });
      replies.push(reply);
      expectFault(reply, /^Ledgerbridge hit an unexpected error and stopped this session\. The details are in the server log/);
      expect(reply.body).not.toContain("secret");
      expect(serverLog).toHaveBeenCalledWith(expect.stringContaining("authenticate failed"), expect.any(Error));
    } finally {
      qbwc.engine = handshakeOnlyEngine;
      serverLog.mockRestore();
    }
    const retry = await callQbwc(qbwc.url, "authenticate", { strUserName: QBWC_USERNAME, strPassword: QBWC_PASSWORD });
    expect(authenticateStrings(retry)[1]).toBe("");
  });

  it("answers a plain GET with a note, and other HTTP methods with 405", async () => {
    const page = await fetch(qbwc.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/QuickBooks Web Connector endpoint/);
    const put = await fetch(qbwc.url, { method: "PUT", body: "x" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST");
  });

  it("never shows a stack trace, a file path or library error text in any reply", () => {
    expect(replies.length).toBeGreaterThan(15);
    for (const reply of replies) {
      expect(reply.body).not.toMatch(/\bat \S+ \(|node_modules|\/work\/|\.ts:\d|TypeError|Error:|Cannot read|sax|Unexpected close tag/);
      expect(reply.body).not.toMatch(/soap:Code|soap:Reason|Security/);
    }
  });
});

interface WsdlDescription {
  targetNamespace: string | null;
  schema: { targetNamespace: string | null; elementFormDefault: string | null };
  elements: Record<string, string[]>;
  types: Record<string, string[]>;
  messages: Record<string, string | null>;
  operations: Record<
    string,
    { input: string | null; output: string | null; soapAction: string | null; style: string | null; use: string[] }
  >;
  binding: { style: string | null; transport: string | null };
  address: string | null;
}

/** The parts of a WSDL that matter on the wire, with prefixes dropped so two spellings compare equal. */
function describeWsdl(text: string): WsdlDescription {
  const WSDL = "http://schemas.xmlsoap.org/wsdl/";
  const SOAP = "http://schemas.xmlsoap.org/wsdl/soap/";
  const XSD = "http://www.w3.org/2001/XMLSchema";
  const doc = parseXml(text);
  const local = (qname: string | null) => (qname ? qname.slice(qname.indexOf(":") + 1) : null);
  const children = (parent: Element, ns: string, name: string) =>
    Array.from(parent.childNodes).filter(
      (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === name,
    );
  const fields = (parent: Element) =>
    Array.from(parent.getElementsByTagNameNS(XSD, "element")).map(
      (field) =>
        `${field.getAttribute("name")}:${local(field.getAttribute("type"))}:${field.getAttribute("minOccurs") ?? "1"}..${field.getAttribute("maxOccurs") ?? "1"}${field.getAttribute("nillable") === "true" ? ":nillable" : ""}`,
    );
  const definitions = doc.documentElement;
  const schema = doc.getElementsByTagNameNS(XSD, "schema")[0]!;
  const binding = children(definitions, WSDL, "binding")[0]!;
  const operations: WsdlDescription["operations"] = {};
  for (const operation of children(children(definitions, WSDL, "portType")[0]!, WSDL, "operation")) {
    const name = operation.getAttribute("name")!;
    const bound = children(binding, WSDL, "operation").find((candidate) => candidate.getAttribute("name") === name);
    const soapOperation = bound ? children(bound, SOAP, "operation")[0] : undefined;
    operations[name] = {
      input: local(children(operation, WSDL, "input")[0]?.getAttribute("message") ?? null),
      output: local(children(operation, WSDL, "output")[0]?.getAttribute("message") ?? null),
      soapAction: soapOperation?.getAttribute("soapAction") ?? null,
      style: soapOperation?.getAttribute("style") ?? null,
      use: bound ? Array.from(bound.getElementsByTagNameNS(SOAP, "body")).map((body) => body.getAttribute("use") ?? "") : [],
    };
  }
  const soapBinding = children(binding, SOAP, "binding")[0];
  return {
    targetNamespace: definitions.getAttribute("targetNamespace"),
    schema: { targetNamespace: schema.getAttribute("targetNamespace"), elementFormDefault: schema.getAttribute("elementFormDefault") },
    elements: Object.fromEntries(children(schema, XSD, "element").map((element) => [element.getAttribute("name"), fields(element)])),
    types: Object.fromEntries(children(schema, XSD, "complexType").map((type) => [type.getAttribute("name"), fields(type)])),
    messages: Object.fromEntries(
      children(definitions, WSDL, "message").map((message) => [
        message.getAttribute("name"),
        local(children(message, WSDL, "part")[0]?.getAttribute("element") ?? null),
      ]),
    ),
    operations,
    binding: { style: soapBinding?.getAttribute("style") ?? null, transport: soapBinding?.getAttribute("transport") ?? null },
    address: doc.getElementsByTagNameNS(SOAP, "address")[0]?.getAttribute("location") ?? null,
  };
}
