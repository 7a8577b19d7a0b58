import { randomUUID } from "node:crypto";
import type { Database, Queryable } from "@/db";
import packageInfo from "@/package.json";
import { AppError } from "@/server/errors";
import { refusedCompanyFile } from "./company-file";
import { authDelayMs, clearAuthFailures, currentCredentialsId, recordAuthFailure, verifyQbwcCredentials } from "./credentials";
import type { EngineSession, SessionEnding } from "./engine";
import { handshakeRequest, readHandshake, unsupportedQuickBooks, type Handshake } from "./handshake";
import { connectionFailedMessage, requestFailedMessage } from "./hresults";
import type { QbwcOptions } from "./options";
import { pausedMessage, syncPause } from "./pause";
import {
  endSession,
  expiredMessage,
  findSession,
  isExpired,
  openSession,
  recordRefusedSession,
  TAKEN_OVER_MESSAGE,
  updateSession,
  type EndedStatus,
  type QbwcSession,
  type SessionChanges,
} from "./sessions";
import { qwcIds } from "./settings";

/** The eight Web Connector methods with their wire arguments, already checked (soap.ts). */
export interface QbwcService {
  serverVersion(): Promise<string>;
  clientVersion(strVersion: string): Promise<string>;
  authenticate(strUserName: string, strPassword: string): Promise<[ticket: string, answer: string]>;
  sendRequestXML(args: SendRequestArgs): Promise<string>;
  receiveResponseXML(args: ReceiveResponseArgs): Promise<number>;
  connectionError(args: ConnectionErrorArgs): Promise<string>;
  getLastError(ticket: string): Promise<string>;
  closeConnection(ticket: string): Promise<string>;
}

export interface SendRequestArgs {
  ticket: string;
  strHCPResponse: string;
  strCompanyFileName: string;
  qbXMLCountry: string;
  qbXMLMajorVers: number;
  qbXMLMinorVers: number;
}

export interface ReceiveResponseArgs {
  ticket: string;
  response: string;
  hresult: string;
  message: string;
}

export interface ConnectionErrorArgs {
  ticket: string;
  hresult: string;
  message: string;
}

export const SERVER_VERSION = `Ledgerbridge ${packageInfo.version}`;

export const NOT_VALID_USER_MESSAGE = "The Web Connector user name or password is wrong.";
export const UNKNOWN_TICKET_MESSAGE =
  "Ledgerbridge does not recognise this session; it may have been started before the server's data was reset. Click Update Selected to start a new one.";
const INTERNAL_MESSAGE =
  "Ledgerbridge hit an unexpected error and stopped this session. The details are in the server log; click Update Selected to try again.";

export function createQbwcService(db: Database, options: QbwcOptions): QbwcService {
  const deps: Deps = { db, options };
  return {
    serverVersion: async () => SERVER_VERSION,
    clientVersion: async (version) => clientVersionAnswer(version),
    authenticate: (username, password) => authenticate(deps, username, password),
    sendRequestXML: (args) => inOneTransaction(deps, (call) => sendRequestXml(call, args)),
    receiveResponseXML: (args) => inOneTransaction(deps, (call) => receiveResponseXml(call, args)),
    connectionError: (args) => inOneTransaction(deps, (call) => connectionError(call, args)),
    getLastError: (ticket) => getLastError(deps, ticket),
    closeConnection: (ticket) => inOneTransaction(deps, (call) => closeConnection(call, ticket)),
  };
}

interface Deps {
  db: Queryable;
  options: QbwcOptions;
}

/**
 * A call within a session is one database transaction: the session's bookkeeping and the engine's work (nested as a
 * savepoint) are written together, with one commit, and no other call or instance interleaves with it. authenticate
 * is not: it may wait out a throttle and checks a password hash, which must not hold the write lock.
 */
function inOneTransaction<T>(deps: Deps, call: (deps: Deps) => Promise<T>): Promise<T> {
  return deps.db.transaction((tx) => call({ ...deps, db: tx }));
}

/** "" lets any Web Connector 2.x carry on; older ones get a warning they may dismiss. */
export function clientVersionAnswer(version: string): string {
  const major = Number.parseInt(version, 10);
  if (Number.isFinite(major) && major < 2) {
    return `W:Ledgerbridge is tested with QuickBooks Web Connector 2.x and this is ${version}. If anything goes wrong, install the current Web Connector from Intuit.`;
  }
  return "";
}

async function authenticate(deps: Deps, username: string, password: string): Promise<[string, string]> {
  const { db, options } = deps;
  const source = { username, address: options.clientAddress };
  const delay = await authDelayMs(db, source, options.now());
  if (delay > 0) await options.sleep(delay);
  const now = options.now();
  if (!(await verifyQbwcCredentials(db, username, password))) {
    await recordAuthFailure(db, source, now);
    await recordRefusedSession(db, { username, status: "not_valid_user", now, lastError: NOT_VALID_USER_MESSAGE });
    return ["", "nvu"];
  }
  await clearAuthFailures(db, source);
  const pause = await syncPause(db);
  if (pause) {
    // A paused sync opens no session: nothing is bound, read or sent. The ticket only lets closeConnection say why.
    const ticket = randomUUID();
    await recordRefusedSession(db, { username, status: "nothing_to_do", now, lastError: pausedMessage(pause), ticket });
    return [ticket, "none"];
  }

  const opened = await openSession(db, username, now, await currentCredentialsId(db));
  for (const old of opened.abandoned) {
    await tellEngine(deps, old, { kind: "abandoned", reason: "taken_over", unansweredRequest: old.awaiting !== null }, now);
  }
  if (opened.kind === "busy") return [opened.ticket, "busy"];
  try {
    const plan = await options.engine.beginSession(engineSession(deps, opened.session, now));
    if (plan === "nothing") {
      await endSession(db, opened.session, "nothing_to_do", now);
      return [opened.ticket, "none"];
    }
    return [opened.ticket, ""];
  } catch (error) {
    // Leave no active session behind to answer "busy" for the next minute.
    await failInternally(deps, opened.session, "authenticate", error, now);
    throw new AppError("CONFLICT", INTERNAL_MESSAGE);
  }
}

async function sendRequestXml(deps: Deps, args: SendRequestArgs): Promise<string> {
  const call = await sessionForCall(deps, args.ticket);
  if (call.kind !== "active") return "";
  const { now } = call;
  let session = call.session;
  try {
    // Paused while this run was under way: it stops here; what waits stays for when syncing resumes.
    const pause = await syncPause(deps.db);
    if (pause) return await failWith(deps, session, pausedMessage(pause), now, {}, "");
    const changes: SessionChanges = {};
    if (session.requestsSent === 0) {
      // What QBWC says about the open company comes only with the first call of a session.
      Object.assign(changes, {
        companyFile: args.strCompanyFileName || null,
        country: args.qbXMLCountry || null,
        qbxmlMajor: args.qbXMLMajorVers,
        qbxmlMinor: args.qbXMLMinorVers,
      });
    }
    let handshake = storedHandshake(session);
    if (args.strHCPResponse.trim()) {
      const read = tryReadHandshake(args.strHCPResponse);
      if ("problem" in read) return await failWith(deps, session, read.problem, now, changes, "");
      handshake = read.handshake;
      Object.assign(changes, handshakeColumns(read.handshake));
    }
    const problem = unsupportedQuickBooks(handshake, processorVersion({ ...session, ...changes }));
    if (problem) return await failWith(deps, session, problem, now, changes, "");
    if (session.requestsSent === 0) {
      const opened = { path: args.strCompanyFileName, companyName: handshake?.company?.companyName ?? null, sessionId: session.id, now };
      const refusal = await refusedCompanyFile(deps.db, opened);
      if (refusal) return await failWith(deps, session, refusal, now, changes, "");
    }
    // Written with the request below: the engine sees what QuickBooks said about itself before it is stored.
    session = { ...session, ...changes };

    const next = await chooseRequest(deps, session, now);
    if (!next) {
      return await failWith(deps, session, "QuickBooks asked for a new request before answering the last one.", now, changes, "");
    }
    if (next.prepared) {
      // The last answer's call prepared this request and recorded it as sent: handing it out writes nothing, and a
      // sendRequestXML repeated before its answer gets the same request again.
      if (Object.keys(changes).length > 0) await stillActive(updateSession(deps.db, session, { ...changes, lastCallAt: now }));
      return next.xml;
    }
    await stillActive(
      updateSession(deps.db, session, {
        ...changes,
        lastCallAt: now,
        requestsSent: session.requestsSent + 1,
        awaiting: next.awaiting,
      }),
    );
    return next.xml;
  } catch (error) {
    if (error instanceof EndedMeanwhile) return "";
    await failInternally(deps, session, "sendRequestXML", error, now);
    return "";
  }
}

/**
 * The handshake comes first when QBWC did not pass it. QBWC ends a session cleanly only when
 * receiveResponseXML returns 100, so a session whose engine has nothing to send still makes one
 * read-only round trip: it asks for the handshake (again) and finishes when it arrives.
 */
async function chooseRequest(
  deps: Deps,
  session: QbwcSession,
  now: Date,
): Promise<{ xml: string; awaiting: "handshake" | "engine"; prepared: boolean } | null> {
  const askForHandshake = async () => ({
    xml: handshakeRequest((await qwcIds(deps.db)).ownerId),
    awaiting: "handshake" as const,
    prepared: false,
  });
  if (session.handshake === null) return askForHandshake();
  if (session.nextRequest !== null) return { xml: session.nextRequest, awaiting: "engine", prepared: true };
  if (session.requestsSent > 0) return null;
  const first = await deps.options.engine.nextRequest(engineSession(deps, session, now));
  return first ? { xml: first, awaiting: "engine", prepared: false } : askForHandshake();
}

async function receiveResponseXml(deps: Deps, args: ReceiveResponseArgs): Promise<number> {
  const call = await sessionForCall(deps, args.ticket);
  if (call.kind !== "active") return -1;
  const { now } = call;
  let session = call.session;
  // The answer as the session records it, written once with whatever this call ends in.
  let answered: SessionChanges = { responsesReceived: session.responsesReceived + 1, awaiting: null, nextRequest: null, lastCallAt: now };
  try {
    if (!session.awaiting) {
      return await failWith(deps, session, "Ledgerbridge received a QuickBooks response it had not asked for.", now, {}, -1);
    }
    const response = { xml: args.response, hresult: args.hresult.trim(), message: args.message.trim() };
    let percent = session.percentDone;

    if (session.awaiting === "handshake") {
      if (response.hresult) return await failWith(deps, session, requestFailedMessage(response), now, answered, -1);
      const read = tryReadHandshake(response.xml);
      const problem = "problem" in read ? read.problem : unsupportedQuickBooks(read.handshake, processorVersion(session));
      if ("handshake" in read) answered = { ...answered, ...handshakeColumns(read.handshake) };
      if (problem) return await failWith(deps, session, problem, now, answered, -1);
      session = { ...session, ...answered };
    } else {
      session = { ...session, ...answered };
      const outcome = await deps.options.engine.handleResponse(engineSession(deps, session, now), response);
      // A request processor that threw means the request failed, whatever the engine made of it.
      if (response.hresult) return await failWith(deps, session, requestFailedMessage(response), now, answered, -1);
      if ("error" in outcome) return await failWith(deps, session, outcome.error, now, answered, -1);
      percent = outcome.percentDone;
    }
    // The answer is recorded; a run paused meanwhile sends nothing more.
    const pause = await syncPause(deps.db);
    if (pause) return await failWith(deps, session, pausedMessage(pause), now, answered, -1);

    const next = await deps.options.engine.nextRequest(engineSession(deps, session, now));
    if (next === null) {
      await finish(deps, session, { kind: "completed" }, now, { ...answered, percentDone: 100 });
      return 100;
    }
    // Only "nothing left to send" is 100: QBWC stops calling at 100.
    const percentDone = Number.isFinite(percent) ? Math.min(99, Math.max(0, Math.round(percent))) : 0;
    // The next request counts as sent from here: the engine has marked what it carries in flight, and sendRequestXML
    // only hands it out.
    await stillActive(
      updateSession(deps.db, session, {
        ...answered,
        nextRequest: next,
        awaiting: "engine",
        requestsSent: session.requestsSent + 1,
        percentDone,
      }),
    );
    return percentDone;
  } catch (error) {
    if (error instanceof EndedMeanwhile) return -1;
    await failInternally(deps, session, "receiveResponseXML", error, now, answered);
    return -1;
  }
}

async function connectionError(deps: Deps, args: ConnectionErrorArgs): Promise<string> {
  const call = await sessionForCall(deps, args.ticket);
  if (call.kind === "active") {
    const ending = { kind: "connection_error", hresult: args.hresult.trim(), message: args.message.trim() } as const;
    await finish(deps, call.session, ending, call.now);
  }
  // The guide advises against retrying: QBWC shows our getLastError text and the user runs it again.
  return "done";
}

async function getLastError(deps: Deps, ticket: string): Promise<string> {
  const call = await sessionForCall(deps, ticket);
  if (call.kind === "unknown") return UNKNOWN_TICKET_MESSAGE;
  return call.session.lastError ?? "Ledgerbridge has no error to report for this session.";
}

async function closeConnection(deps: Deps, ticket: string): Promise<string> {
  const call = await sessionForCall(deps, ticket);
  if (call.kind === "unknown") return "Ledgerbridge does not know this session, so there was nothing to close.";
  let session = call.session;
  if (call.kind === "active") {
    const error = "The Web Connector closed the session before Ledgerbridge had finished.";
    const ending = { kind: "failed", error, unansweredRequest: session.awaiting !== null } as const;
    session = (await finish(deps, session, ending, call.now)) ?? session;
  }
  return closingMessage(session);
}

function closingMessage(session: QbwcSession): string {
  switch (session.status) {
    case "completed": {
      const company = session.companyName ?? "QuickBooks";
      return `Done. Ledgerbridge exchanged ${plural(session.responsesReceived, "message")} with ${company}.`;
    }
    case "nothing_to_do":
      return session.lastError ?? "Ledgerbridge has nothing to sync right now.";
    case "busy":
      return "Another Web Connector session is running; Ledgerbridge will sync on the next run.";
    default:
      return `Stopped: ${session.lastError ?? "the session did not finish."}`;
  }
}

type CallSession = { kind: "active"; session: QbwcSession; now: Date } | { kind: "ended"; session: QbwcSession } | { kind: "unknown" };

const CREDENTIALS_CHANGED_MESSAGE =
  "The Web Connector's user name or password was changed in Ledgerbridge's settings during this session, so the session was ended. Enter the new password in the Web Connector and run it again.";

/** Looks up the ticket of a call and ends the session if it sat idle too long or its credentials changed since it opened. */
async function sessionForCall(deps: Deps, ticket: string): Promise<CallSession> {
  const now = deps.options.now();
  const session = await findSession(deps.db, ticket);
  if (!session) return { kind: "unknown" };
  if (session.status === "active" && isExpired(session, now, deps.options.idleMinutes)) {
    const ending = { kind: "abandoned", reason: "expired", unansweredRequest: session.awaiting !== null } as const;
    await finish(deps, session, ending, now);
  } else if (
    session.status === "active" &&
    session.credentialsId !== null &&
    session.credentialsId !== (await currentCredentialsId(deps.db))
  ) {
    await finish(deps, session, { kind: "failed", error: CREDENTIALS_CHANGED_MESSAGE, unansweredRequest: session.awaiting !== null }, now);
  } else if (session.status === "active") {
    // The call is noted (lastCallAt) by the write that records what it did, in the same transaction.
    return { kind: "active", session, now };
  } else {
    return { kind: "ended", session };
  }
  // It ended just now, here or on another instance: read how.
  return { kind: "ended", session: (await findSession(deps.db, ticket)) ?? session };
}

const ENDED_STATUS: Record<SessionEnding["kind"], EndedStatus> = {
  completed: "completed",
  failed: "failed",
  abandoned: "abandoned",
  connection_error: "connection_error",
};

/** Ends an active session and, if this call is the one that ended it, tells the engine. */
async function finish(
  deps: Deps,
  session: QbwcSession,
  ending: SessionEnding,
  now: Date,
  changes: SessionChanges = {},
): Promise<QbwcSession | null> {
  const ended = await endSession(deps.db, session, ENDED_STATUS[ending.kind], now, {
    ...changes,
    lastError: endingMessage(ending, deps.options.idleMinutes),
  });
  if (ended) await tellEngine(deps, ended, ending, now);
  return ended;
}

async function failWith<T>(deps: Deps, session: QbwcSession, error: string, now: Date, changes: SessionChanges, answer: T): Promise<T> {
  const ending = { kind: "failed", error, unansweredRequest: false } as const;
  await finish(deps, session, ending, now, changes);
  return answer;
}

async function failInternally(deps: Deps, session: QbwcSession, method: string, error: unknown, now: Date, changes: SessionChanges = {}) {
  console.error(`Web Connector ${method} failed for session ${session.id}:`, error);
  const ending = { kind: "failed", error: INTERNAL_MESSAGE, unansweredRequest: session.awaiting !== null } as const;
  await finish(deps, session, ending, now, changes).catch((cause: unknown) => {
    console.error(`Web Connector session ${session.id} could not be marked failed:`, cause);
  });
}

function endingMessage(ending: SessionEnding, idleMinutes: number): string | null {
  switch (ending.kind) {
    case "completed":
      return null;
    case "failed":
      return ending.error;
    case "abandoned":
      return ending.reason === "taken_over" ? TAKEN_OVER_MESSAGE : expiredMessage(idleMinutes);
    case "connection_error":
      return connectionFailedMessage(ending);
  }
}

/** The engine hears about every ending; its failure to listen must not break the protocol. */
async function tellEngine(deps: Deps, session: QbwcSession, ending: SessionEnding, now: Date): Promise<void> {
  try {
    await deps.options.engine.sessionEnded(engineSession(deps, session, now), ending);
  } catch (error) {
    console.error(`The sync engine failed to handle the end of Web Connector session ${session.id}:`, error);
  }
}

function engineSession(deps: Deps, session: QbwcSession, now: Date): EngineSession {
  const known = session.companyFile !== null || session.qbxmlMajor !== null || session.handshake !== null;
  return {
    db: deps.db,
    id: session.id,
    now,
    quickBooks: known
      ? {
          companyFile: session.companyFile,
          country: session.country,
          qbxmlVersion: processorVersion(session),
          handshake: storedHandshake(session),
        }
      : null,
    requestsSent: session.requestsSent,
    responsesReceived: session.responsesReceived,
  };
}

function processorVersion(session: Pick<QbwcSession, "qbxmlMajor" | "qbxmlMinor">) {
  return session.qbxmlMajor === null || session.qbxmlMajor === undefined
    ? null
    : { major: session.qbxmlMajor, minor: session.qbxmlMinor ?? 0 };
}

/** The handshake is stored as JSON and read on every call of a session, so the last one read is kept (frozen, shared). */
let lastHandshake: { json: string; handshake: Handshake } | null = null;

function storedHandshake(session: QbwcSession): Handshake | null {
  if (!session.handshake) return null;
  if (lastHandshake?.json !== session.handshake) {
    lastHandshake = { json: session.handshake, handshake: deepFreeze(JSON.parse(session.handshake) as Handshake) };
  }
  return lastHandshake.handshake;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

function tryReadHandshake(xml: string): { handshake: Handshake } | { problem: string } {
  try {
    return { handshake: readHandshake(xml) };
  } catch (error) {
    if (error instanceof AppError) return { problem: error.message };
    console.error("QuickBooks' Host/Company/Preferences response could not be read:", error);
    return { problem: "Ledgerbridge could not read QuickBooks' description of itself. Run the Web Connector again." };
  }
}

/** The run-log columns a handshake fills; a field QuickBooks left out keeps what was recorded before. */
function handshakeColumns(handshake: Handshake): SessionChanges {
  const { host, company } = handshake;
  const columns: SessionChanges = { handshake: JSON.stringify(handshake) };
  if (host?.productName) columns.productName = host.productName;
  if (host?.majorVersion) columns.productVersion = [host.majorVersion, host.minorVersion].filter(Boolean).join(".");
  if (host?.country) columns.country = host.country;
  if (company?.companyName) columns.companyName = company.companyName;
  return columns;
}

/** Thrown when a session was ended by another call or instance while this call was working on it. */
class EndedMeanwhile extends Error {}

async function stillActive(update: Promise<QbwcSession | null>): Promise<QbwcSession> {
  const session = await update;
  if (!session) throw new EndedMeanwhile("The session ended while this call was handled.");
  return session;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
