import type { Database } from "@/db";
import type { EngineSession } from "@/server/qbwc/engine";
import type { SimulatedCompany } from "@/scripts/simulator";
import type { ApproveInput } from "@/server/sync/approval";
import { syncEngine } from "@/server/sync/engine";

let sessionIds = 1000;

export interface RunResult {
  /** The engine session's id (sync_runs.session_id). */
  sessionId: number;
  requests: number;
  /** The request documents of the run, in the order they were sent. */
  sent: string[];
  percents: number[];
}

/**
 * Drives the sync engine through one Web Connector session in-process, answering with `answer`
 * (the fake or the simulator's SimulatedCompany.handle). `loseAnswerOf` drops QuickBooks' answer to that
 * request (1-based) and ends the session as QBWC would after a broken connection.
 */
export async function runSync(db: Database, answer: (xml: string) => string, options: { loseAnswerOf?: number } = {}): Promise<RunResult> {
  sessionIds += 1;
  const session: EngineSession = { db, id: sessionIds, now: new Date(), quickBooks: null, requestsSent: 0, responsesReceived: 0 };
  const result: RunResult = { sessionId: session.id, requests: 0, sent: [], percents: [] };
  await syncEngine.beginSession(session);
  for (;;) {
    const request = await syncEngine.nextRequest({ ...session, now: new Date() });
    if (request === null) break;
    result.requests += 1;
    result.sent.push(request);
    const response = answer(request);
    if (options.loseAnswerOf === result.requests) {
      await syncEngine.sessionEnded(session, { kind: "failed", error: "The connection dropped.", unansweredRequest: true });
      return result;
    }
    const outcome = await syncEngine.handleResponse({ ...session, now: new Date() }, { xml: response, hresult: "", message: "" });
    if ("error" in outcome) throw new Error(outcome.error);
    result.percents.push(outcome.percentDone);
  }
  await syncEngine.sessionEnded(session, { kind: "completed" });
  return result;
}

/** One Web Connector session answered by the simulated company, which forgets its iterators when it ends. */
export async function syncWith(db: Database, company: SimulatedCompany, options: { loseAnswerOf?: number } = {}): Promise<RunResult> {
  try {
    return await runSync(db, (xml) => company.handle(xml), options);
  } finally {
    company.endSession();
  }
}

/** The first import as the office does it: a run reads QuickBooks, every import is approved, a run applies them. */
export async function firstImport(
  db: Database,
  caller: { sync: { approve: (input: ApproveInput) => Promise<unknown> } },
  company: SimulatedCompany,
) {
  await syncWith(db, company);
  await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
  await syncWith(db, company);
}
