import { createServer, type IncomingMessage, type Server } from "node:http";
import { listen } from "soap";
import { openDatabase } from "@/db";
import { contacts } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { PORT_NAME, QBWC_METHODS, qbwcWsdl, SERVICE_NAME, type QbwcMethod } from "@/server/qbwc/wsdl";
import { nameKey } from "@/server/records/fields";
import { approveCandidates } from "@/server/sync/approval";
import { discoverLocalChanges } from "@/server/sync/discovery";
import { freePort, startAppServer } from "./app-server";
import { SimulatedCompany, SimulatedWebConnector, type CallRecord } from "./simulator";

// Measure 7: Web Connector sessions over HTTP against the production server (`npm start`'s), the way QBWC plays them (the simulator's client),
// beside two servers measured in the same run with the same client: a minimal node-soap server with the same WSDL
// (canned answers, no database) as the baseline, and a bare HTTP server that answers without parsing (the harness
// floor: client, loopback and fetch, subtracted from every figure).

const USER = { username: "bench-pc", password: "bench web connector secret" };
const BENCH_USER: SessionUser = { id: 1, email: "bench@example.com", name: "Benchmark", role: "admin" };
const IDLE_SESSIONS = 150;
const WARM_UP_SESSIONS = 10;
const EXPORTS = 1_000;

export type Report = (measure: string, value: string, target: string, met: boolean) => void;

type Timings = Map<QbwcMethod, number[]>;

/** The request a minimal server hands out: one cheap query, so QuickBooks' answer is small. */
const CANNED_REQUEST =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError"><HostQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>';

const CANNED_RESULTS: Record<QbwcMethod, unknown> = {
  serverVersion: "",
  clientVersion: "",
  authenticate: { string: ["00000000-0000-4000-8000-000000000000", ""] },
  sendRequestXML: CANNED_REQUEST,
  receiveResponseXML: 100,
  connectionError: "done",
  getLastError: "",
  closeConnection: "OK",
};

export async function measureWebConnectorOverHttp(report: Report): Promise<void> {
  console.log(
    `\n[7] Web Connector sessions over HTTP: Ledgerbridge (npm start's server) beside a minimal node-soap server and the harness floor`,
  );
  const app = await startAppServer({ QBWC_USERNAME: USER.username, QBWC_PASSWORD: USER.password, BCRYPT_COST: "12" });
  const baseline = await startBaseline();
  const floor = await startFloor();
  try {
    const company = SimulatedCompany.seed({ customers: 40, vendors: 5, items: 10 });
    const db = openDatabase(app.databaseUrl);
    // The first run reads the company; its candidates are approved and applied, so later runs have nothing to do.
    await session(app.url, company);
    await approveCandidates(db, { checked: { filter: {} }, uncheckedRule: "keep" }, BENCH_USER);
    await session(app.url, company);

    const ours = await idleSessions(app.url, company);
    const soap = await idleSessions(baseline.url, company);
    const bare = await idleSessions(floor.url, company);
    const exchangesPerIdle = ours.exchanges;
    console.log(`  ${IDLE_SESSIONS} idle sessions each (after ${WARM_UP_SESSIONS} warm-up); server time = call time - harness floor`);
    console.log(`  ${"method".padEnd(20)} ${"Ledgerbridge".padEnd(24)} ${"node-soap baseline".padEnd(24)} ${"floor".padEnd(18)} ratio`);
    for (const method of [
      "serverVersion",
      "clientVersion",
      "authenticate",
      "sendRequestXML",
      "receiveResponseXML",
      "closeConnection",
    ] as const) {
      const [a, b, f] = [ours.timings, soap.timings, bare.timings].map((timings) => timings.get(method) ?? []);
      const floorMedian = median(f!);
      const mine = stats(a!, floorMedian);
      const theirs = stats(b!, floorMedian);
      console.log(
        `  ${method.padEnd(20)} ${`${fmt(mine.median)} (p95 ${fmt(mine.p95)})`.padEnd(24)} ${`${fmt(theirs.median)} (p95 ${fmt(theirs.p95)})`.padEnd(24)} ${fmt(floorMedian).padEnd(18)} ${ratio(mine.median, theirs.median)}`,
      );
    }
    const exchange = (timings: Timings, floorTimings: Timings) =>
      pairSums(timings).map((value, index) => value - (pairSums(floorTimings)[index] ?? median(pairSums(floorTimings))));
    const ourExchange = stats(exchange(ours.timings, bare.timings), 0);
    const soapExchange = stats(exchange(soap.timings, bare.timings), 0);
    console.log(
      `  idle exchange (sendRequestXML + receiveResponseXML): Ledgerbridge ${fmt(ourExchange.median)} (p95 ${fmt(ourExchange.p95)}), ` +
        `node-soap ${fmt(soapExchange.median)} (p95 ${fmt(soapExchange.p95)}), ratio ${ratio(ourExchange.median, soapExchange.median)}`,
    );
    report("7. Exchanges in a session with nothing to do", String(exchangesPerIdle), "1", exchangesPerIdle === 1);
    report(
      "7. Idle exchange over HTTP, server time (median)",
      `${fmt(ourExchange.median)} vs node-soap ${fmt(soapExchange.median)} (${ratio(ourExchange.median, soapExchange.median)})`,
      "<= 2x node-soap",
      ourExchange.median <= 2 * soapExchange.median,
    );
    const serverVersion = stats(ours.timings.get("serverVersion") ?? [], median(bare.timings.get("serverVersion") ?? []));
    const soapServerVersion = stats(soap.timings.get("serverVersion") ?? [], median(bare.timings.get("serverVersion") ?? []));
    report(
      "7. serverVersion over HTTP, server time (median)",
      `${fmt(serverVersion.median)} vs node-soap ${fmt(soapServerVersion.median)} (${ratio(serverVersion.median, soapServerVersion.median)})`,
      "<= 2x node-soap",
      serverVersion.median <= 2 * soapServerVersion.median,
    );

    // A run sending 1,000 approved customers, 50 to a message.
    const names = Array.from({ length: EXPORTS }, (_, index) => `Exported Customer ${String(index + 1).padStart(5, "0")}`);
    await db
      .insert(contacts)
      .values(
        names.map((name) => ({ kind: "customer" as const, name, nameKey: nameKey(name), phone: "919-555-0100", billCity: "Raleigh" })),
      );
    await discoverLocalChanges(db, new Date());
    await approveCandidates(db, { checked: { filter: { section: "export" } }, uncheckedRule: "keep" }, BENCH_USER);
    const calls: CallRecord[] = [];
    const sent: string[] = [];
    const log = await session(
      app.url,
      company,
      (call) => calls.push(call),
      (xml) => sent.push(xml),
    );
    // The floor for these exchanges plays the same messages (a fresh company answers them the same way), so the
    // client's own work on bodies of this size is subtracted too.
    const floorCalls: CallRecord[] = [];
    floor.replay(sent);
    await session(floor.url, SimulatedCompany.seed({ customers: 40, vendors: 5, items: 10 }), (call) => floorCalls.push(call));
    const floorPairs = pairSums(timingsOf(floorCalls));
    const exports = pairSums(timingsOf(calls)).map((value, index) => value - (floorPairs[index] ?? median(floorPairs)));
    // The last message carries the discovery queries too; the others are pure 50-customer batches.
    const batches = stats(exports.slice(0, -1), 0);
    console.log(
      `  export run: ${log.exchanges.length} exchanges for ${EXPORTS} customers; per 50-item exchange median ${fmt(batches.median)}, p95 ${fmt(batches.p95)}` +
        ` (the same messages against the floor: ${fmt(median(floorPairs))} per exchange, subtracted)`,
    );
    report("7. 50-item export exchange over HTTP (median)", fmt(batches.median), "<= 15 ms", batches.median <= 15);
    db.$client.close();
  } finally {
    await Promise.all([app.stop(), close(baseline.server), close(floor.server)]);
  }
}

async function session(url: string, company: SimulatedCompany, onCall?: (call: CallRecord) => void, onRequest?: (xml: string) => void) {
  const validateRequest = onRequest
    ? (xml: string) => {
        onRequest(xml);
        return [];
      }
    : undefined;
  const log = await new SimulatedWebConnector({ url: `${url}/qbwc`, ...USER, company, noOpDelayMs: 0, onCall, validateRequest }).run();
  if (log.outcome !== "completed" && log.outcome !== "nothing-to-do")
    throw new Error(`A benchmark session ended "${log.outcome}": ${log.error ?? log.lastError ?? ""}`);
  return log;
}

async function idleSessions(url: string, company: SimulatedCompany): Promise<{ timings: Timings; exchanges: number }> {
  for (let i = 0; i < WARM_UP_SESSIONS; i++) await session(url, company);
  const calls: CallRecord[] = [];
  let exchanges = 0;
  for (let i = 0; i < IDLE_SESSIONS; i++)
    exchanges = Math.max(exchanges, (await session(url, company, (call) => calls.push(call))).exchanges.length);
  return { timings: timingsOf(calls), exchanges };
}

function timingsOf(calls: readonly CallRecord[]): Timings {
  const timings: Timings = new Map();
  for (const call of calls) timings.set(call.method, [...(timings.get(call.method) ?? []), call.ms]);
  return timings;
}

/** sendRequestXML + receiveResponseXML, exchange by exchange. */
function pairSums(timings: Timings): number[] {
  const sends = timings.get("sendRequestXML") ?? [];
  const receives = timings.get("receiveResponseXML") ?? [];
  return sends.slice(0, receives.length).map((value, index) => value + receives[index]!);
}

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function stats(values: readonly number[], floor: number) {
  return { median: Math.max(0, median(values) - floor), p95: Math.max(0, quantile(values, 0.95) - floor) };
}

const fmt = (ms: number) => (Number.isNaN(ms) ? "-" : `${ms.toFixed(2)} ms`);
const ratio = (mine: number, theirs: number) => (theirs > 0 ? `${(mine / theirs).toFixed(1)}x` : "-");

/** node-soap serving our WSDL with canned answers: what a Web Connector server costs with nothing behind it. */
async function startBaseline(): Promise<{ server: Server; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = createServer((_request, response) => {
    // node-soap answers the requests it owns; anything else reaching here is not a SOAP call.
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const methods = Object.fromEntries(QBWC_METHODS.map((method) => [method, () => ({ [`${method}Result`]: CANNED_RESULTS[method] })]));
  listen(server, { path: "/qbwc", services: { [SERVICE_NAME]: { [PORT_NAME]: methods } }, xml: qbwcWsdl(`${url}/qbwc`) });
  return { server, url };
}

/**
 * Answers each call with a fixed envelope, without parsing it: the cost of the client and the loopback alone. Given
 * messages to replay, sendRequestXML hands them out in turn (and receiveResponseXML says 100 after the last).
 */
async function startFloor(): Promise<{ server: Server; url: string; replay: (messages: readonly string[]) => void }> {
  const port = await freePort();
  const envelopes = new Map(QBWC_METHODS.map((method) => [method, cannedEnvelope(method)]));
  let replaying: string[] = [];
  const answer = (method: QbwcMethod | undefined): string => {
    if (method === "sendRequestXML" && replaying.length > 0) return cannedEnvelope(method, replaying.shift()!);
    if (method === "receiveResponseXML" && replaying.length > 0) return cannedEnvelope(method, 50);
    return method ? envelopes.get(method)! : "";
  };
  const server = createServer((request: IncomingMessage, response) => {
    const method = /developer\.intuit\.com\/(\w+)/.exec(String(request.headers.soapaction ?? ""))?.[1] as QbwcMethod | undefined;
    request.resume();
    request.on("end", () => {
      response.setHeader("Content-Type", "text/xml; charset=utf-8");
      response.end(answer(method));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${port}`, replay: (messages) => (replaying = [...messages]) };
}

function cannedEnvelope(method: QbwcMethod, value: unknown = CANNED_RESULTS[method]): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const result =
    typeof value === "object" && value !== null
      ? (value as { string: string[] }).string.map((item) => `<string>${escape(item)}</string>`).join("")
      : escape(String(value));
  return (
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soap:Body><${method}Response xmlns="http://developer.intuit.com/"><${method}Result>${result}</${method}Result></${method}Response></soap:Body></soap:Envelope>`
  );
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
