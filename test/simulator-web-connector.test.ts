import { beforeEach, describe, expect, it } from "vitest";
import { listRuns } from "@/server/qbwc/sessions";
import { syncEngine } from "@/server/sync/engine";
import { parseQbxmlResponse } from "@/server/qbxml";
import { SimulatedCompany, SimulatedWebConnector, type SessionFault, type WebConnectorOptions } from "@/scripts/simulator";
import { freePort } from "@/scripts/app-server";
import { serveFetchHandler } from "./support/fetch-server";
import { QBWC_PASSWORD, QBWC_USERNAME, useQbwcEndpoint } from "./support/qbwc-endpoint";
import { qbxmlRequest, scriptedEngine } from "./support/qbwc-engine";
import { validateQbxml } from "./support/qbxml-schema";

const clock = { now: new Date("2025-03-03T09:00:00Z") };
const qbwc = useQbwcEndpoint({ now: () => new Date(clock.now), sleep: async () => {} });

beforeEach(() => {
  // A day apart, so a session a test left open has long been taken over.
  clock.now = new Date(clock.now.getTime() + 24 * 3600_000);
});

function connector(company: SimulatedCompany, options: Partial<WebConnectorOptions> = {}) {
  return new SimulatedWebConnector({
    url: qbwc.url,
    username: QBWC_USERNAME,
    password: QBWC_PASSWORD,
    company,
    noOpDelayMs: 0,
    ...options,
  });
}

async function latestRun() {
  return (await listRuns(qbwc.db, { pageSize: 1 })).rows[0]!;
}

describe("the simulated Web Connector against the real SOAP endpoint", () => {
  it("runs a session in QBWC's call order, hands over the handshake, and the server completes it at 100%", async () => {
    const company = SimulatedCompany.seed({ customers: 5 });
    const log = await connector(company, {
      // The server's requests are checked against the schema, as QuickBooks' parser would.
      validateRequest: async (xml) => [...(await validateQbxml([{ name: "request", xml }]))].flatMap(([, verdict]) => verdict.errors),
    }).run();

    expect(log.outcome).toBe("completed");
    expect(log.calls.map((call) => call.method)).toEqual([
      "serverVersion",
      "clientVersion",
      "authenticate",
      "sendRequestXML",
      "receiveResponseXML",
      "closeConnection",
    ]);
    expect(log.serverVersion).toMatch(/^Ledgerbridge /);
    expect(log.clientVersionAnswer).toBe("");
    expect(log.authenticate).toEqual([expect.any(String), ""]);
    expect(log.percents).toEqual([100]);
    expect(log.exchanges[0]).toMatchObject({ requests: ["HostQuery", "CompanyQuery", "PreferencesQuery"], percent: 100 });
    expect(log.exchanges[0]!.hresult).toBeUndefined();
    expect(log.closeMessage).toBe("Done. Ledgerbridge exchanged 1 message with Harbor Light Wholesale.");
    expect(await latestRun()).toMatchObject({
      status: "completed",
      username: QBWC_USERNAME,
      companyName: "Harbor Light Wholesale",
      companyFile: company.info.companyFile,
      productName: "QuickBooks Pro 2024",
      country: "US",
      qbxmlMajor: 13,
      qbxmlMinor: 0,
      percentDone: 100,
      lastError: null,
    });
  });

  it("reports QuickBooks not running through connectionError, and the run log shows a connection error", async () => {
    const log = await connector(new SimulatedCompany(), { faults: [{ kind: "qb-not-running" }] }).run();
    expect(log.outcome).toBe("connection-error");
    expect(log.calls.map((call) => call.method)).toEqual([
      "serverVersion",
      "clientVersion",
      "authenticate",
      "connectionError",
      "closeConnection",
    ]);
    expect(log.calls[3]!.sent).toContain("hresult=0x80040408, message=Could not start QuickBooks.");
    expect(log.connectionErrorAnswer).toBe("done");
    expect(await latestRun()).toMatchObject({ status: "connection_error", lastError: expect.stringContaining("0x80040408") });
  });

  it("gets nvu for a wrong password and closes the connection", async () => {
    const log = await connector(new SimulatedCompany(), { password: "not the password" }).run();
    expect(log.outcome).toBe("not-valid-user");
    expect(log.authenticate?.[1]).toBe("nvu");
    expect(log.calls.at(-1)?.method).toBe("closeConnection");
  });

  it("says plainly when nothing answers at the address", async () => {
    const closed = `http://127.0.0.1:${await freePort()}/qbwc`;
    const log = await new SimulatedWebConnector({
      url: closed,
      username: QBWC_USERNAME,
      password: QBWC_PASSWORD,
      company: new SimulatedCompany(),
    }).run();
    expect(log.outcome).toBe("unreachable");
    expect(log.error).toBe(`Could not reach ${closed} (connection refused). Is Ledgerbridge running there?`);
  });

  it("loses the response of an Add that QuickBooks applied, and the company keeps it for the next session", async () => {
    const add = qbxmlRequest(`<CustomerAddRq requestID="add-1"><CustomerAdd><Name>Quarry Road Deli</Name></CustomerAdd></CustomerAddRq>`);
    const first = scriptedEngine({
      requests: [qbxmlRequest(`<CustomerQueryRq requestID="q"><MaxReturned>1</MaxReturned></CustomerQueryRq>`), add],
    });
    qbwc.engine = first;
    const company = SimulatedCompany.seed({ customers: 3 });
    const faults: SessionFault[] = [{ kind: "lost-response" }];
    const log = await connector(company, { faults }).run();

    expect(log.outcome).toBe("lost-response");
    expect(log.calls.at(-1)?.method).toBe("sendRequestXML");
    expect(log.exchanges.at(-1)).toMatchObject({ requests: ["CustomerAdd"], statuses: [expect.objectContaining({ code: 0 })] });
    // QBWC handed over the handshake, so the server heard only the query's answer, never the Add's.
    expect(first.responses).toHaveLength(1);
    expect(company.find("Customer", "Quarry Road Deli")).toBeDefined();

    // The next run, a day later, takes over the silent session; QuickBooks still has the customer.
    clock.now = new Date(clock.now.getTime() + 24 * 3600_000);
    qbwc.engine = scriptedEngine({ requests: [add] });
    const next = await connector(company).run();
    expect(next.outcome).toBe("completed");
    expect(next.exchanges.at(-1)!.statuses).toEqual([expect.objectContaining({ code: 3100, requestId: "add-1" })]);
  });

  // The 3391 message quotes the iteratorID: it must survive the SOAP envelope's escaping intact.
  it("finds an iterator started in one session invalid (3391) in the next", async () => {
    const company = SimulatedCompany.seed({ customers: 12 });
    const first = scriptedEngine({
      requests: [qbxmlRequest(`<CustomerQueryRq requestID="p1" iterator="Start"><MaxReturned>5</MaxReturned></CustomerQueryRq>`)],
    });
    qbwc.engine = first;
    expect((await connector(company).run()).outcome).toBe("completed");
    const page = parseQbxmlResponse(first.responses.at(-1)!.xml)[0]!;
    expect(page.iterator?.remainingCount).toBeGreaterThan(0);

    clock.now = new Date(clock.now.getTime() + 24 * 3600_000);
    const second = scriptedEngine({
      requests: [
        qbxmlRequest(
          `<CustomerQueryRq requestID="p2" iterator="Continue" iteratorID="${page.iterator!.id}"><MaxReturned>5</MaxReturned></CustomerQueryRq>`,
        ),
      ],
    });
    qbwc.engine = second;
    await connector(company).run();
    expect(parseQbxmlResponse(second.responses.at(-1)!.xml)[0]).toMatchObject({ requestId: "p2", statusCode: 3391 });
  });

  it("passes an unparsable request back as HRESULT 0x80040400, and the server stops the session", async () => {
    qbwc.engine = scriptedEngine({ requests: [qbxmlRequest(`<CustomerQueryRq/>`)] });
    const log = await connector(SimulatedCompany.seed({ customers: 2 }), { faults: [{ kind: "parse-error", exchange: 1 }] }).run();
    expect(log.outcome).toBe("failed");
    expect(log.exchanges.at(-1)).toMatchObject({ number: 1, hresult: "0x80040400", percent: -1 });
    expect(log.lastError).toContain("0x80040400");
    expect(log.calls.map((call) => call.method).slice(-2)).toEqual(["getLastError", "closeConnection"]);
  });

  it("runs a whole sync with the engine Ledgerbridge ships to 100%", async () => {
    qbwc.engine = syncEngine;
    const log = await connector(SimulatedCompany.seed({ customers: 30, vendors: 3, items: 6 })).run();
    expect(log.outcome).toBe("completed");
    expect(log.percents.at(-1)).toBe(100);
    // Nothing to send and every list under one page: all of QuickBooks is read in one message.
    expect(log.exchanges).toHaveLength(1);
    expect(log.exchanges[0]!.requests).toEqual(
      expect.arrayContaining([
        "PaymentMethodQuery",
        "StandardTermsQuery",
        "CustomerQuery",
        "VendorQuery",
        "InvoiceQuery",
        "ReceivePaymentQuery",
        "ListDeletedQuery",
        "TxnDeletedQuery",
      ]),
    );
  });
});

/**
 * A Web Connector service reduced to a script of answers, for the paths Ledgerbridge's own service does not
 * take (NoOp, a clientVersion warning or refusal, a server that never finishes).
 */
async function scriptedServer(answers: { clientVersion?: string; requests: string[]; percents?: number[]; lastErrors?: string[] }) {
  const calls: string[] = [];
  const requests = [...answers.requests];
  const percents = [...(answers.percents ?? [])];
  const lastErrors = [...(answers.lastErrors ?? [])];
  const result = (method: string, inner: string) =>
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
    `<${method}Response xmlns="http://developer.intuit.com/"><${method}Result>${inner}</${method}Result></${method}Response></soap:Body></soap:Envelope>`;
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const server = await serveFetchHandler(async (request) => {
    const method = (request.headers.get("soapaction") ?? "").replace(/"/g, "").replace("http://developer.intuit.com/", "");
    await request.text();
    calls.push(method);
    const inner: Record<string, () => string> = {
      serverVersion: () => "Scripted 1.0",
      clientVersion: () => escape(answers.clientVersion ?? ""),
      authenticate: () => "<string>ticket-1</string><string></string>",
      sendRequestXML: () => escape(requests.shift() ?? ""),
      receiveResponseXML: () => String(percents.shift() ?? 100),
      getLastError: () => escape(lastErrors.shift() ?? "Something went wrong."),
      closeConnection: () => "OK",
    };
    return new Response(result(method, inner[method]?.() ?? ""), { headers: { "Content-Type": "text/xml; charset=utf-8" } });
  });
  return { url: `${server.url}/qbwc`, calls, close: () => server.close() };
}

describe("the simulated Web Connector's side of the protocol", () => {
  const query = qbxmlRequest(`<CustomerQueryRq><MaxReturned>1</MaxReturned></CustomerQueryRq>`);

  it("waits after a NoOp and asks again, as QBWC does", async () => {
    const server = await scriptedServer({ requests: ["", query], lastErrors: ["NoOp"] });
    const sleeps: number[] = [];
    const log = await new SimulatedWebConnector({
      url: server.url,
      username: "u",
      password: "p",
      company: SimulatedCompany.seed({ customers: 2 }),
      sleep: async (ms) => void sleeps.push(ms),
    }).run();
    await server.close();
    expect(log.outcome).toBe("completed");
    expect(server.calls).toEqual([
      "serverVersion",
      "clientVersion",
      "authenticate",
      "sendRequestXML",
      "getLastError",
      "sendRequestXML",
      "receiveResponseXML",
      "closeConnection",
    ]);
    expect(sleeps).toEqual([5000]);
  });

  it("shows getLastError and closes when sendRequestXML answers nothing", async () => {
    const server = await scriptedServer({ requests: [""], lastErrors: ["Ledgerbridge is being upgraded."] });
    const log = await new SimulatedWebConnector({ url: server.url, username: "u", password: "p", company: new SimulatedCompany() }).run();
    await server.close();
    expect(log).toMatchObject({ outcome: "failed", lastError: "Ledgerbridge is being upgraded.", closeMessage: "OK" });
  });

  it("carries on after a clientVersion warning and stops at a refusal", async () => {
    const warned = await scriptedServer({ clientVersion: "W:Please upgrade soon.", requests: [query] });
    const company = SimulatedCompany.seed({ customers: 2 });
    expect((await new SimulatedWebConnector({ url: warned.url, username: "u", password: "p", company }).run()).outcome).toBe("completed");
    await warned.close();
    const refused = await scriptedServer({ clientVersion: "E:This Web Connector is too old.", requests: [query] });
    const log = await new SimulatedWebConnector({ url: refused.url, username: "u", password: "p", company }).run();
    await refused.close();
    expect(log.outcome).toBe("client-version-refused");
    expect(refused.calls).toEqual(["serverVersion", "clientVersion"]);
  });

  it("abandons a session without closeConnection, waits for a slow QuickBooks, and fails the next Add with 3180", async () => {
    const add = qbxmlRequest(`<CustomerAddRq><CustomerAdd><Name>Busy Day</Name></CustomerAdd></CustomerAddRq>`);
    const server = await scriptedServer({ requests: [add, query, query], percents: [30, 60, 100] });
    const sleeps: number[] = [];
    const company = SimulatedCompany.seed({ customers: 2 });
    const log = await new SimulatedWebConnector({
      url: server.url,
      username: "u",
      password: "p",
      company,
      faults: [
        { kind: "abandon", after: 2 },
        { kind: "slow", ms: 750 },
        { kind: "in-use", count: 1 },
      ],
      sleep: async (ms) => void sleeps.push(ms),
    }).run();
    await server.close();
    expect(log.outcome).toBe("abandoned");
    expect(server.calls.at(-1)).toBe("receiveResponseXML");
    expect(log.percents).toEqual([30, 60]);
    expect(sleeps).toEqual([750, 750]);
    expect(log.exchanges[0]!.statuses).toEqual([expect.objectContaining({ type: "CustomerAdd", code: 3180 })]);
    expect(company.find("Customer", "Busy Day")).toBeUndefined();
  });

  it("gives up on a server that never finishes", async () => {
    const server = await scriptedServer({ requests: [query, query, query], percents: [10, 20, 30] });
    const log = await new SimulatedWebConnector({
      url: server.url,
      username: "u",
      password: "p",
      company: new SimulatedCompany(),
      maxExchanges: 3,
    }).run();
    await server.close();
    expect(log.outcome).toBe("protocol-error");
    expect(log.error).toContain("after 3 exchanges");
    expect(server.calls.at(-1)).toBe("closeConnection");
  });
});
