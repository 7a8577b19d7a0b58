import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { migrateDatabase, openDatabase, type Database } from "@/db";
import { contacts, qbwcSessions } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { QBWC_METHODS, type QbwcMethod } from "@/server/qbwc/wsdl";
import { nameKey } from "@/server/records/fields";
import { approveCandidates } from "@/server/sync/approval";
import { discoverLocalChanges } from "@/server/sync/discovery";
import { freePort, startAppServer } from "./app-server";
import { CANNED_RESULTS } from "./bench-soap-baseline";
import { SimulatedCompany, SimulatedWebConnector, type CallRecord } from "./simulator";

// Measure 7: Web Connector sessions over HTTP against the production server (`npm start`'s), the way QBWC plays them
// (the simulator's client), beside a minimal node-soap server with the same WSDL (canned answers, no database, in a
// process of its own) as the baseline. Server time is what each server reports in its Server-Timing header, from the
// request to its answer. What the client sees is printed too, less a bare HTTP server's time for the same calls (the
// harness floor: client, loopback and fetch); it also carries the client's own pauses, so it reads a little higher.

const USER = { username: "bench-pc", password: "bench web connector secret" };
const BENCH_USER: SessionUser = { id: 1, email: "bench@example.com", name: "Benchmark", role: "admin" };
const IDLE_SESSIONS = 150;
const WARM_UP_SESSIONS = 10;
const EXPORTS = 1_000;
const EXPORT_RUNS = 3;
const FLOOR_CALLS = 2_000;

export type Report = (measure: string, value: string, target: string, met: boolean) => void;

type Timings = Map<QbwcMethod, number[]>;

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
    console.log(
      `  ${IDLE_SESSIONS} idle sessions each (after ${WARM_UP_SESSIONS} warm-up). Server time: what each server reports (Server-Timing).` +
        ` As the client sees it: call time less the harness floor.`,
    );
    console.log(
      `  ${"method".padEnd(20)} ${"Ledgerbridge".padEnd(24)} ${"node-soap baseline".padEnd(24)} ${"ratio".padEnd(7)} as the client sees it (Ledgerbridge, node-soap; floor)`,
    );
    for (const method of [
      "serverVersion",
      "clientVersion",
      "authenticate",
      "sendRequestXML",
      "receiveResponseXML",
      "closeConnection",
    ] as const) {
      const mine = stats(serverTimes(ours.calls).get(method) ?? []);
      const theirs = stats(serverTimes(soap.calls).get(method) ?? []);
      const floorMedian = median(callTimes(bare.calls).get(method) ?? []);
      const seenMine = stats(callTimes(ours.calls).get(method) ?? [], floorMedian);
      const seenTheirs = stats(callTimes(soap.calls).get(method) ?? [], floorMedian);
      console.log(
        `  ${method.padEnd(20)} ${spread(mine).padEnd(24)} ${spread(theirs).padEnd(24)} ${ratio(mine.median, theirs.median).padEnd(7)} ` +
          `${fmt(seenMine.median)}, ${fmt(seenTheirs.median)}; ${fmt(floorMedian)}`,
      );
    }
    const ourExchange = stats(pairSums(serverTimes(ours.calls)));
    const soapExchange = stats(pairSums(serverTimes(soap.calls)));
    const floorPair = median(pairSums(callTimes(bare.calls)));
    const seenExchange = stats(pairSums(callTimes(ours.calls)), floorPair);
    const seenSoapExchange = stats(pairSums(callTimes(soap.calls)), floorPair);
    console.log(
      `  idle exchange (sendRequestXML + receiveResponseXML): Ledgerbridge ${spread(ourExchange)}, node-soap ${spread(soapExchange)}, ` +
        `ratio ${ratio(ourExchange.median, soapExchange.median)}; as the client sees it ${fmt(seenExchange.median)} and ${fmt(seenSoapExchange.median)}`,
    );
    const least = await leastStatefulCall();
    console.log(
      `  the least a call keeping its session in the database costs here (one transaction reading and writing the session row,` +
        ` drizzle + libSQL, this disk): ${spread(least)}; two such calls make ${fmt(2 * least.median)}, against 2 x node-soap's exchange, ${fmt(2 * soapExchange.median)}`,
    );
    report("7. Exchanges in a session with nothing to do", String(ours.exchanges), "1", ours.exchanges === 1);
    report(
      "7. Idle exchange over HTTP, server time (median)",
      `${fmt(ourExchange.median)} vs node-soap ${fmt(soapExchange.median)} (${ratio(ourExchange.median, soapExchange.median)})`,
      "<= 2x node-soap",
      ourExchange.median <= 2 * soapExchange.median,
    );
    const serverVersion = stats(serverTimes(ours.calls).get("serverVersion") ?? []);
    const soapServerVersion = stats(serverTimes(soap.calls).get("serverVersion") ?? []);
    report(
      "7. serverVersion over HTTP, server time (median)",
      `${fmt(serverVersion.median)} vs node-soap ${fmt(soapServerVersion.median)} (${ratio(serverVersion.median, soapServerVersion.median)})`,
      "<= 2x node-soap",
      serverVersion.median <= 2 * soapServerVersion.median,
    );

    // Runs sending 1,000 approved customers each, 50 to a message; several, so the median stands on more exchanges.
    // The first warms the server up, as the warm-up sessions do for the idle figures: printed, not counted.
    const batches: number[] = [];
    const seenBatches: number[] = [];
    for (let run = 0; run <= EXPORT_RUNS; run++) {
      const exported = await exportRun(app.url, db, company, floor, run);
      if (run === 0) continue;
      batches.push(...exported.batches);
      seenBatches.push(...exported.seenBatches);
    }
    const server = stats(batches);
    const seen = stats(seenBatches);
    console.log(
      `  export runs: ${EXPORT_RUNS} of ${EXPORTS} customers, ${batches.length} 50-item exchanges; per exchange ${spread(server)}; as the client sees it ${spread(seen)}`,
    );
    report(
      "7. 50-item export exchange over HTTP, server time (median)",
      `${fmt(server.median)} (client sees ${fmt(seen.median)})`,
      "<= 15 ms",
      server.median <= 15,
    );
    db.$client.close();
  } finally {
    await Promise.all([app.stop(), baseline.stop(), close(floor.server)]);
  }
}

/** One run sending 1,000 newly approved customers: each 50-item exchange's server time, and as the client saw it. */
async function exportRun(url: string, db: Database, company: SimulatedCompany, floor: Floor, run: number) {
  const names = Array.from({ length: EXPORTS }, (_, index) => `Exported Customer ${run}-${String(index + 1).padStart(5, "0")}`);
  await db
    .insert(contacts)
    .values(names.map((name) => ({ kind: "customer" as const, name, nameKey: nameKey(name), phone: "919-555-0100", billCity: "Raleigh" })));
  await discoverLocalChanges(db, new Date());
  await approveCandidates(db, { checked: { filter: { section: "export" } }, uncheckedRule: "keep" }, BENCH_USER);
  const calls: CallRecord[] = [];
  const sent: string[] = [];
  const log = await session(
    url,
    company,
    (call) => calls.push(call),
    (xml) => sent.push(xml),
  );
  // The floor for these exchanges plays the same messages (a fresh company answers them the same way), so the
  // client's own work on bodies of this size is subtracted too.
  const floorCalls: CallRecord[] = [];
  floor.replay(sent);
  await session(floor.url, SimulatedCompany.seed({ customers: 40, vendors: 5, items: 10 }), (call) => floorCalls.push(call));
  const floorPairs = pairSums(callTimes(floorCalls));
  const seen = pairSums(callTimes(calls)).map((value, index) => value - (floorPairs[index] ?? median(floorPairs)));
  // Only messages of 50 customers count: the one that empties the queue carries the discovery queries too, and later
  // runs read the earlier runs' customers back in pages of their own.
  const full = sent.map((xml) => (xml.match(/<CustomerAddRq\b/g) ?? []).length === 50 && !xml.includes("QueryRq"));
  const batches = pairSums(serverTimes(calls)).filter((_, index) => full[index]);
  console.log(
    `  export run ${run === 0 ? "0 (warm-up)" : run}: ${log.exchanges.length} exchanges, ${batches.length} of 50 customers alone; per such exchange ${spread(stats(batches))}` +
      ` (the same messages against the floor: ${fmt(median(floorPairs))} per exchange, subtracted from what the client sees)`,
  );
  return { batches, seenBatches: seen.filter((_, index) => full[index]) };
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

async function idleSessions(url: string, company: SimulatedCompany): Promise<{ calls: CallRecord[]; exchanges: number }> {
  for (let i = 0; i < WARM_UP_SESSIONS; i++) await session(url, company);
  const calls: CallRecord[] = [];
  let exchanges = 0;
  for (let i = 0; i < IDLE_SESSIONS; i++)
    exchanges = Math.max(exchanges, (await session(url, company, (call) => calls.push(call))).exchanges.length);
  return { calls, exchanges };
}

/** Each method's call times as the client measured them. */
function callTimes(calls: readonly CallRecord[]): Timings {
  return timingsOf(calls, (call) => call.ms);
}

/** Each method's times as the server reported them (Server-Timing). */
function serverTimes(calls: readonly CallRecord[]): Timings {
  return timingsOf(calls, (call) => call.serverMs);
}

function timingsOf(calls: readonly CallRecord[], timeOf: (call: CallRecord) => number | undefined): Timings {
  const timings: Timings = new Map();
  for (const call of calls) {
    const ms = timeOf(call);
    if (ms === undefined) continue;
    const list = timings.get(call.method) ?? [];
    list.push(ms);
    timings.set(call.method, list);
  }
  return timings;
}

/**
 * The least a call that keeps its session in the database can cost with this stack on this disk: one write
 * transaction (as each of Ledgerbridge's calls is) that reads the session row by its ticket and writes it back.
 */
async function leastStatefulCall(): Promise<{ median: number; p95: number }> {
  const folder = mkdtempSync(path.join(tmpdir(), "ledgerbridge-bench-"));
  const db = openDatabase(`file:${path.join(folder, "least.db")}`);
  try {
    await migrateDatabase(db);
    const now = new Date();
    await db
      .insert(qbwcSessions)
      .values({ ticketHash: "bench", username: USER.username, status: "active", startedAt: now, lastCallAt: now });
    const call = () =>
      db.transaction(async (tx) => {
        const [row] = await tx.select().from(qbwcSessions).where(eq(qbwcSessions.ticketHash, "bench"));
        await tx
          .update(qbwcSessions)
          .set({ lastCallAt: new Date(), requestsSent: row!.requestsSent + 1 })
          .where(eq(qbwcSessions.id, row!.id));
      });
    for (let i = 0; i < FLOOR_CALLS / 10; i++) await call();
    const times: number[] = [];
    for (let i = 0; i < FLOOR_CALLS; i++) {
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
    return stats(times);
  } finally {
    db.$client.close();
    rmSync(folder, { recursive: true, force: true });
  }
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

function stats(values: readonly number[], floor = 0) {
  return { median: Math.max(0, median(values) - floor), p95: Math.max(0, quantile(values, 0.95) - floor) };
}

const spread = (figures: { median: number; p95: number }) => `${fmt(figures.median)} (p95 ${fmt(figures.p95)})`;

const fmt = (ms: number) => (Number.isNaN(ms) ? "-" : `${ms.toFixed(2)} ms`);
const ratio = (mine: number, theirs: number) => (theirs > 0 ? `${(mine / theirs).toFixed(1)}x` : "-");

/** The baseline in a process of its own (scripts/bench-soap-baseline.ts), as the server it is compared with. */
function startBaseline(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = fork(path.join(__dirname, "bench-soap-baseline.ts"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill();
    });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`The node-soap baseline exited with code ${code} before it listened.`)));
    child.once("message", (message) => resolve({ url: (message as { url: string }).url, stop }));
  });
}

/**
 * Answers each call with a fixed envelope, without parsing it: the cost of the client and the loopback alone. Given
 * messages to replay, sendRequestXML hands them out in turn (and receiveResponseXML says 100 after the last).
 */
interface Floor {
  server: Server;
  url: string;
  replay: (messages: readonly string[]) => void;
}

async function startFloor(): Promise<Floor> {
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
