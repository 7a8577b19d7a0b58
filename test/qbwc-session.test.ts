import { readFileSync } from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";
import { beforeEach, describe, expect, it } from "vitest";
import { setQbwcCredentials } from "@/server/qbwc/credentials";
import { handleQbwcHttp } from "@/server/qbwc/http";
import { listRuns } from "@/server/qbwc/sessions";
import { callerFor, createTestUser } from "./support/callers";
import { serveFetchHandler } from "./support/fetch-server";
import { authenticateStrings, callQbwc, postSoap, qbwcEnvelope, QBWC_NS, resultOf } from "./support/qbwc-client";
import { QBWC_PASSWORD, QBWC_USERNAME, useQbwcEndpoint } from "./support/qbwc-endpoint";
import { qbxmlRequest, scriptedEngine } from "./support/qbwc-engine";

const SHARED = path.resolve(__dirname, "..", "..", "shared", "reference");
const HCP_RESPONSE = readFileSync(path.join(SHARED, "qbxml", "examples", "response-host-company-preferences-query.xml"), "utf8");
/** The same answer from a QuickBooks that stops at qbXML 12.0 (QuickBooks 2013). */
const OLD_HCP_RESPONSE = HCP_RESPONSE.replace(/<SupportedQBXMLVersion>(1[3-9]|[2-9]\d)\.\d<\/SupportedQBXMLVersion>\s*/g, "").replace(
  "QuickBooks Pro 2024",
  "QuickBooks Pro 2013",
);

/** One company file for every session: the first run binds Ledgerbridge to it (test/company-file.test.ts). */
const COMPANY_FILE = "C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Harbor Light.QBW";
const clock = { now: new Date("2025-03-03T09:00:00Z") };
const sleeps: number[] = [];
const qbwc = useQbwcEndpoint({
  now: () => new Date(clock.now),
  sleep: async (ms) => {
    sleeps.push(ms);
  },
});

function advance(ms: number) {
  clock.now = new Date(clock.now.getTime() + ms);
}

beforeEach(() => {
  // A day apart, whatever an earlier test left active has long expired.
  advance(24 * 3600_000);
  sleeps.length = 0;
});

async function authenticate(username = QBWC_USERNAME, password = QBWC_PASSWORD): Promise<string[]> {
  return authenticateStrings(await callQbwc(qbwc.url, "authenticate", { strUserName: username, strPassword: password }));
}

async function startSession(): Promise<string> {
  const [ticket, answer] = await authenticate();
  expect(answer).toBe("");
  return ticket!;
}

function sendRequestXML(ticket: string, strHCPResponse = "", major = 13) {
  return callQbwc(qbwc.url, "sendRequestXML", {
    ticket,
    strHCPResponse,
    strCompanyFileName: COMPANY_FILE,
    qbXMLCountry: "US",
    qbXMLMajorVers: major,
    qbXMLMinorVers: 0,
  }).then((reply) => resultOf(reply, "sendRequestXML"));
}

function receiveResponseXML(ticket: string, response: string, hresult = "", message = "") {
  return callQbwc(qbwc.url, "receiveResponseXML", { ticket, response, hresult, message }).then((reply) =>
    Number(resultOf(reply, "receiveResponseXML")),
  );
}

async function lastError(ticket: string) {
  return resultOf(await callQbwc(qbwc.url, "getLastError", { ticket }), "getLastError");
}

async function latestRun() {
  return (await listRuns(qbwc.db, { pageSize: 1 })).rows[0]!;
}

describe("a Web Connector session", () => {
  it("runs in QBWC's call order, asks for host, company and preferences, and ends at 100% with the company logged", async () => {
    const version = await callQbwc(qbwc.url, "serverVersion");
    expect(version.status).toBe(200);
    expect(version.contentType).toBe("text/xml; charset=utf-8");
    expect(resultOf(version, "serverVersion")).toMatch(/^Ledgerbridge \d+\.\d+\.\d+$/);
    expect(resultOf(await callQbwc(qbwc.url, "clientVersion", { strVersion: "2.3.0.36" }), "clientVersion")).toBe("");

    const ticket = await startSession();
    const request = await sendRequestXML(ticket);
    expect(request).toContain('<?qbxml version="13.0"?>');
    for (const query of ["HostQueryRq", "CompanyQueryRq", "PreferencesQueryRq"]) expect(request).toContain(`<${query}`);

    expect(await receiveResponseXML(ticket, HCP_RESPONSE)).toBe(100);
    const close = await callQbwc(qbwc.url, "closeConnection", { ticket });
    expect(resultOf(close, "closeConnection")).toBe("Done. Ledgerbridge exchanged 1 message with Harbor Light Wholesale.");

    expect(await latestRun()).toMatchObject({
      status: "completed",
      username: QBWC_USERNAME,
      companyFile: expect.stringContaining("Harbor Light.QBW"),
      companyName: "Harbor Light Wholesale",
      productName: "QuickBooks Pro 2024",
      productVersion: "34.0",
      country: "US",
      qbxmlMajor: 13,
      qbxmlMinor: 0,
      requestsSent: 1,
      responsesReceived: 1,
      percentDone: 100,
      lastError: null,
      endedAt: clock.now,
    });
  });

  it("asks for the handshake in schema-valid qbXML 13.0 with our OwnerID", async () => {
    const ticket = await startSession();
    const request = await sendRequestXML(ticket);
    expect(request).toMatch(/<OwnerID>\{[0-9A-F-]{36}\}<\/OwnerID>/);
    const xsd = (name: string) => ({
      fileName: name,
      contents: readFileSync(path.join(SHARED, "qbxml", "13.0", name), "utf8"),
    });
    const validation = await validateXML({
      xml: [{ fileName: "handshake.xml", contents: request }],
      schema: [xsd("qbxmlops130.xsd")],
      preload: [xsd("qbxmltypes130.xsd"), xsd("qbxml130.xsd"), xsd("qbxmlso130.xsd")],
    });
    expect(validation.errors).toEqual([]);
  });

  it("records the handshake QBWC passes on the first call and still finishes at 100% after one read-only round trip", async () => {
    const ticket = await startSession();
    const request = await sendRequestXML(ticket, HCP_RESPONSE);
    expect(request).toContain("<HostQueryRq");
    expect(await latestRun()).toMatchObject({ status: "active", companyName: "Harbor Light Wholesale", requestsSent: 1 });
    expect(await receiveResponseXML(ticket, HCP_RESPONSE)).toBe(100);
    expect(await latestRun()).toMatchObject({ status: "completed", percentDone: 100 });
  });

  it("answers authenticate with exactly two <string> elements, the second one empty, when the user is valid", async () => {
    const reply = await callQbwc(qbwc.url, "authenticate", { strUserName: QBWC_USERNAME, strPassword: QBWC_PASSWORD });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe("text/xml; charset=utf-8");
    const strings = authenticateStrings(reply);
    expect(strings).toHaveLength(2);
    expect(strings[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(strings[1]).toBe("");
    expect(reply.body).toMatch(/<string>[0-9a-f-]{36}<\/string><string><\/string>/);
  });

  it("answers nvu for a wrong password or an unknown user name, and logs the attempt", async () => {
    expect(await authenticate(QBWC_USERNAME, "wrong password!")).toEqual(["", "nvu"]);
    expect(await authenticate("someone-else", QBWC_PASSWORD)).toEqual(["", "nvu"]);
    expect(await latestRun()).toMatchObject({
      status: "not_valid_user",
      username: "someone-else",
      lastError: "The Web Connector user name or password is wrong.",
    });
    expect(resultOf(await callQbwc(qbwc.url, "closeConnection", { ticket: "" }), "closeConnection")).toContain("nothing to close");
  });

  it("holds authenticate back longer after each repeated failure and forgets the failures after a success", async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) await authenticate(QBWC_USERNAME, "guess number " + attempt);
    expect(sleeps).toEqual([1000, 2000]);
    await startSession();
    expect(sleeps).toEqual([1000, 2000, 4000]);
    advance(24 * 3600_000);
    sleeps.length = 0;
    await authenticate(QBWC_USERNAME, "one more wrong guess");
    expect(sleeps).toEqual([]);
  });

  it("slows a stranger's flood of wrong passwords without holding back the office's Web Connector from its own address", async () => {
    const from = (address: string, password: string) =>
      postSoap(qbwc.url, qbwcEnvelope("authenticate", { strUserName: QBWC_USERNAME, strPassword: password }), {
        SOAPAction: `"${QBWC_NS}authenticate"`,
        "X-Forwarded-For": `10.0.0.8, ${address}`,
      }).then(authenticateStrings);
    for (let attempt = 0; attempt < 8; attempt += 1) expect((await from("203.0.113.9", `guess ${attempt}`))[1]).toBe("nvu");
    expect(sleeps.length).toBeGreaterThan(0);
    sleeps.length = 0;
    const [, answer] = await from("198.51.100.7", QBWC_PASSWORD);
    expect(answer).toBe("");
    expect(sleeps).toEqual([]);
    // The stranger's address stays slowed down, whatever it claims before the proxy's entry.
    await from("203.0.113.9", "another guess");
    expect(sleeps.length).toBe(1);
  });

  it("answers busy while another session has had a call within the last minute", async () => {
    const first = await startSession();
    await sendRequestXML(first);
    advance(59_000);
    const [ticket, answer] = await authenticate();
    expect(answer).toBe("busy");
    expect(ticket).not.toBe("");
    expect(resultOf(await callQbwc(qbwc.url, "closeConnection", { ticket: ticket! }), "closeConnection")).toBe(
      "Another Web Connector session is running; Ledgerbridge will sync on the next run.",
    );
    expect(await receiveResponseXML(first, HCP_RESPONSE)).toBe(100);
  });

  it("lets only one of two simultaneous authenticates start a session", async () => {
    const answers = await Promise.all([authenticate(), authenticate()]);
    expect(answers.map(([, answer]) => answer).sort()).toEqual(["", "busy"]);
  });

  it("continues a session on another instance: every call may reach a different server", async () => {
    const other = await serveFetchHandler((request) =>
      handleQbwcHttp(qbwc.db, request, { engine: qbwc.engine, now: () => new Date(clock.now) }),
    );
    try {
      const ticket = await startSession();
      const request = await callQbwc(`${other.url}/qbwc`, "sendRequestXML", {
        ticket,
        strHCPResponse: "",
        strCompanyFileName: COMPANY_FILE,
        qbXMLCountry: "US",
        qbXMLMajorVers: 13,
        qbXMLMinorVers: 0,
      });
      expect(resultOf(request, "sendRequestXML")).toContain("<HostQueryRq");
      expect(await receiveResponseXML(ticket, HCP_RESPONSE)).toBe(100);
    } finally {
      await other.close();
    }
  });

  it("takes over a session silent for more than a minute and tells the engine it was abandoned with a request unanswered", async () => {
    const recorder = scriptedEngine();
    qbwc.engine = recorder;
    const first = await startSession();
    await sendRequestXML(first);
    advance(61_000);
    const second = await startSession();
    expect(second).not.toBe(first);
    expect(recorder.endings).toEqual([
      { sessionId: expect.any(Number), ending: { kind: "abandoned", reason: "taken_over", unansweredRequest: true } },
    ]);
    expect(await receiveResponseXML(first, HCP_RESPONSE)).toBe(-1);
    expect(await lastError(first)).toBe(
      "A newer Web Connector session took over after this one had been silent for more than a minute. Click Update Selected to run again.",
    );
    const runs = (await listRuns(qbwc.db, { pageSize: 2 })).rows;
    expect(runs.map((run) => run.status)).toEqual(["active", "abandoned"]);
  });

  it("refuses a ticket idle past the expiry: sendRequestXML returns nothing and getLastError says it expired", async () => {
    const ticket = await startSession();
    advance(31 * 60_000);
    expect(await sendRequestXML(ticket)).toBe("");
    expect(await lastError(ticket)).toBe(
      "This session expired after 30 minutes without a call from the Web Connector. Click Update Selected to start a new one.",
    );
    expect(await receiveResponseXML(ticket, HCP_RESPONSE)).toBe(-1);
    expect(await latestRun()).toMatchObject({ status: "abandoned" });
  });

  it("ends an open session when an admin changes the Web Connector user, and says why at its next call", async () => {
    const ticket = await startSession();
    await setQbwcCredentials(qbwc.db, { username: "front-desk-pc", password: QBWC_PASSWORD });
    try {
      expect(await sendRequestXML(ticket)).toBe("");
      expect(await lastError(ticket)).toBe(
        "The Web Connector's user name or password was changed in Ledgerbridge's settings during this session, so the session was ended. Enter the new password in the Web Connector and run it again.",
      );
      expect(await latestRun()).toMatchObject({ status: "failed" });
      // The old name is no longer a Web Connector user.
      expect((await authenticate())[1]).toBe("nvu");
    } finally {
      await setQbwcCredentials(qbwc.db, { username: QBWC_USERNAME, password: QBWC_PASSWORD });
    }
  });

  it("refuses an unknown ticket in every call and says why in words", async () => {
    const ticket = "3b8f0d2e-5c1a-4e7b-9d0f-1a2b3c4d5e6f";
    expect(await sendRequestXML(ticket)).toBe("");
    expect(await receiveResponseXML(ticket, HCP_RESPONSE)).toBe(-1);
    expect(await lastError(ticket)).toBe(
      "Ledgerbridge does not recognise this session; it may have been started before the server's data was reset. Click Update Selected to start a new one.",
    );
    expect(resultOf(await callQbwc(qbwc.url, "connectionError", { ticket, hresult: "0x80040408", message: "x" }), "connectionError")).toBe(
      "done",
    );
  });

  it("records a connectionError with QuickBooks' HRESULT and advice, and tells the engine", async () => {
    const recorder = scriptedEngine();
    qbwc.engine = recorder;
    const ticket = await startSession();
    const reply = await callQbwc(qbwc.url, "connectionError", {
      ticket,
      hresult: "0x80040408",
      message: "Could not start QuickBooks.",
    });
    expect(resultOf(reply, "connectionError")).toBe("done");
    const expected =
      "The Web Connector could not open QuickBooks (0x80040408: Could not start QuickBooks.). Start QuickBooks on this computer and open the company file, then run the Web Connector again.";
    expect(await lastError(ticket)).toBe(expected);
    expect(await latestRun()).toMatchObject({ status: "connection_error", lastError: expected });
    expect(recorder.endings.map((end) => end.ending)).toEqual([
      { kind: "connection_error", hresult: "0x80040408", message: "Could not start QuickBooks." },
    ]);
    expect(resultOf(await callQbwc(qbwc.url, "closeConnection", { ticket }), "closeConnection")).toBe(`Stopped: ${expected}`);
  });

  it("stops with a clear message when QuickBooks does not support qbXML 13.0", async () => {
    const ticket = await startSession();
    expect(await sendRequestXML(ticket, OLD_HCP_RESPONSE)).toBe("");
    const expected =
      "QuickBooks Pro 2013 supports qbXML up to 12.0, but Ledgerbridge needs qbXML 13.0. Update QuickBooks Desktop to 2014 or later, then run the Web Connector again.";
    expect(await lastError(ticket)).toBe(expected);
    expect(await latestRun()).toMatchObject({ status: "failed", productName: "QuickBooks Pro 2013", lastError: expected });
  });

  it("stops with a sentence when the handshake QBWC passes is not qbXML or carries a DOCTYPE", async () => {
    const first = await startSession();
    expect(await sendRequestXML(first, "<html><body>Proxy error</body></html>")).toBe("");
    expect(await lastError(first)).toMatch(/instead of <QBXML>, so it is not a qbXML response\.$/);
    advance(24 * 3600_000);
    const second = await startSession();
    expect(await sendRequestXML(second, `<!DOCTYPE QBXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>${HCP_RESPONSE}`)).toBe("");
    expect(await lastError(second)).toBe(
      "Ledgerbridge does not accept XML with a DOCTYPE or ENTITY declaration; the Web Connector never sends one.",
    );
  });

  it("stops when the request processor is older than qbXML 13.0, before sending anything", async () => {
    const ticket = await startSession();
    expect(await sendRequestXML(ticket, "", 12)).toBe("");
    expect(await lastError(ticket)).toMatch(/^QuickBooks offers qbXML 12\.0, but Ledgerbridge needs qbXML 13\.0\./);
    expect(await latestRun()).toMatchObject({ requestsSent: 0, qbxmlMajor: 12 });
  });

  it("fails the session when QuickBooks' request processor answers with an HRESULT", async () => {
    const ticket = await startSession();
    await sendRequestXML(ticket);
    expect(await receiveResponseXML(ticket, "", "0x80040400", "QuickBooks found an error when parsing the provided XML text stream.")).toBe(
      -1,
    );
    expect(await lastError(ticket)).toMatch(/^QuickBooks could not process Ledgerbridge's request \(0x80040400: QuickBooks found an error/);
  });

  it("sends the engine's requests, reports its progress below 100 and finishes when it has no more", async () => {
    const customers = qbxmlRequest('<CustomerQueryRq requestID="1"/>');
    const vendors = qbxmlRequest('<VendorQueryRq requestID="2"/>');
    const recorder = scriptedEngine({ requests: [customers, vendors], percents: [50, 100] });
    qbwc.engine = recorder;
    const ticket = await startSession();
    expect(await sendRequestXML(ticket, HCP_RESPONSE)).toBe(customers);
    expect(await receiveResponseXML(ticket, "<QBXML>customers</QBXML>")).toBe(50);
    // The next request is prepared with the answer and counts as sent from then; sendRequestXML only hands it out,
    // the same one again if QBWC asks twice, without asking the engine again.
    expect(await latestRun()).toMatchObject({ status: "active", requestsSent: 2, responsesReceived: 1 });
    const asked = recorder.sessionsSeen.length;
    expect(await sendRequestXML(ticket)).toBe(vendors);
    expect(await sendRequestXML(ticket)).toBe(vendors);
    expect(recorder.sessionsSeen).toHaveLength(asked);
    expect(await receiveResponseXML(ticket, "<QBXML>vendors</QBXML>")).toBe(100);
    expect(recorder.responses.map((response) => response.xml)).toEqual(["<QBXML>customers</QBXML>", "<QBXML>vendors</QBXML>"]);
    expect(recorder.endings.map((end) => end.ending)).toEqual([{ kind: "completed" }]);
    expect(recorder.sessionsSeen.at(-1)?.quickBooks).toMatchObject({
      companyFile: expect.stringContaining("Harbor Light.QBW"),
      qbxmlVersion: { major: 13, minor: 0 },
      handshake: { company: { companyName: "Harbor Light Wholesale" }, host: { supportedQbxmlVersions: expect.arrayContaining(["13.0"]) } },
    });
    expect(await latestRun()).toMatchObject({ status: "completed", requestsSent: 2, responsesReceived: 2 });
  });

  it("answers none when the engine has nothing to do", async () => {
    qbwc.engine = scriptedEngine({ begin: "nothing" });
    const [ticket, answer] = await authenticate();
    expect(answer).toBe("none");
    expect(resultOf(await callQbwc(qbwc.url, "closeConnection", { ticket: ticket! }), "closeConnection")).toBe(
      "Ledgerbridge has nothing to sync right now.",
    );
    expect(await latestRun()).toMatchObject({ status: "nothing_to_do" });
  });

  it("records a session QBWC closes before it finished as failed", async () => {
    const ticket = await startSession();
    await sendRequestXML(ticket);
    expect(resultOf(await callQbwc(qbwc.url, "closeConnection", { ticket }), "closeConnection")).toBe(
      "Stopped: The Web Connector closed the session before Ledgerbridge had finished.",
    );
    expect(await latestRun()).toMatchObject({ status: "failed" });
  });

  it("lists runs for signed-in people, newest first, one page at a time", async () => {
    const staff = await createTestUser(qbwc.db, "staff");
    const caller = callerFor(qbwc.db, staff);
    const all = await caller.webConnector.runs({ pageSize: 200 });
    expect(all.total).toBeGreaterThan(3);
    const ids = all.rows.map((run) => run.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const second = await caller.webConnector.runs({ page: 2, pageSize: 2 });
    expect(second.rows.map((run) => run.id)).toEqual(ids.slice(2, 4));
    expect(all.rows[0]).not.toHaveProperty("ticketHash");
    await expect(callerFor(qbwc.db, null).webConnector.runs({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
