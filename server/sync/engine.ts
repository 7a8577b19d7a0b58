import "server-only";

import { and, eq, inArray, ne, or, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems } from "@/db/schema";
import type { QbwcEngine, QbwcResponse, ResponseOutcome, SessionEnding } from "@/server/qbwc/engine";
import { buildQbxml, parseQbxmlResponse, QbxmlParseError, type QbxmlRequest, type QbxmlResponse } from "@/server/qbxml";
import { autoApprove } from "./auto-approve";
import { discoverLocalChanges } from "./discovery";
import { DISCOVERY_STEP_COUNT, discoveryRequests, handleDiscovery, unreadSteps } from "./discovery-steps";
import { drainBatch, handleItemResponses, lookupBatch, probeQueue, type DrainContext } from "./drain";
import { mappedAdapterSource } from "./policies";
import { advance, loadRun, newRunState, percentOf, saveRun, type RunState } from "./run-state";
import { syncSettings } from "./settings";
import { moveItems } from "./state";
import { takeSyncRequests } from "./sync-requests";

/**
 * The sync engine behind the Web Connector. Each run: look up exports whose fate is unknown (lost answers,
 * Clear ID, stale EditSequence); drain approved items in batches, parents before children; then ask QuickBooks
 * what changed since the last checkpoint, every list in one message, and raise import candidates page by page.
 * The discovery queries ride with the batch that empties the queue, after its requests, so they see its writes;
 * a run with nothing to send over an unchanged company is one exchange. State lives in sync_runs.
 */
export const syncEngine: QbwcEngine = {
  async beginSession(session) {
    const { db, now } = session;
    await db.transaction(async (tx) => {
      await settleOtherSessions(tx, session.id, now);
      await moveItems(tx, eq(syncItems.state, "retry"), "pending", {}, now);
      await moveItems(tx, eq(syncItems.state, "waiting"), "pending", { waitingReason: null }, now);
    });
    await discoverLocalChanges(db, now);
    await autoApprove(db, now); // Local changes matching an automatic approval rule are approved before this run drains.
    await takeSyncRequests(db, session.id); // This run honours the Sync now and selective sync asked before it began.
    const queued = await db
      .select({ direction: syncItems.direction, n: sql<number>`count(*)` })
      .from(syncItems)
      .where(inArray(syncItems.state, ["pending", "in_doubt"]))
      .groupBy(syncItems.direction);
    const count = (direction: "import" | "export") => Number(queued.find((row) => row.direction === direction)?.n ?? 0);
    await saveRun(db, session.id, newRunState(unreadSteps(), { exports: count("export"), imports: count("import") }), now);
    return "work";
  },

  async nextRequest(session) {
    const { db, now } = session;
    return db.transaction(async (tx) => {
      const settings = await syncSettings(tx);
      const run = (await loadRunOf(tx, session.id)) ?? newRunState(unreadSteps(), { exports: 0, imports: 0 });
      const ctx = { db: tx, sessionId: session.id, now, adapter: mappedAdapterSource(settings) };
      const xml = await nextMessage(ctx, run, settings.batchSize);
      await saveRun(tx, session.id, run, now);
      return xml;
    });
  },

  async handleResponse(session, response) {
    const { db, now } = session;
    const parsed = readResponse(response);
    return db.transaction(async (tx): Promise<ResponseOutcome> => {
      const run = await loadRunOf(tx, session.id);
      if (!run?.sent) return { percentDone: run ? percentOf(run) : 0 };
      if ("error" in parsed) return { error: parsed.error };
      const ctx = { db: tx, sessionId: session.id, now, adapter: mappedAdapterSource(await syncSettings(tx)) };
      const sent = run.sent;
      if (sent.kind !== "discover") {
        const handled = await handleItemResponses(ctx, sent.ids, parsed.responses, sent.kind);
        advance(run, "sending", handled.exports);
        advance(run, "applying", handled.imports);
      }
      // Discovery answers come after the items' in the message, as QuickBooks ran them: our own writes are linked first.
      if (sent.kind !== "lookup") await handleDiscovery(tx, run, sent.steps ?? [], parsed.responses, now, session.id);
      run.sent = null;
      await saveRun(tx, session.id, run, now);
      return { percentDone: percentOf(run) };
    });
  },

  async sessionEnded(session, _ending: SessionEnding) {
    await session.db.transaction((tx) => settleSession(tx, session.id, session.now));
  },
};

/** Lookups go alone; a batch of items takes the discovery queries along when it empties the queue. */
async function nextMessage(ctx: DrainContext, run: RunState, batchSize: number): Promise<string | null> {
  const queue = await probeQueue(ctx.db);
  const lookups = queue.lookups ? await lookupBatch(ctx, batchSize) : null;
  if (lookups) {
    run.sent = { kind: "lookup", ids: lookups.ids };
    return buildQbxml(lookups.requests, { onError: "continueOnError" });
  }
  const items = queue.pendingTypes.size > 0 ? await drainBatch(ctx, batchSize, queue.pendingTypes) : null;
  const discovery = items && (await queueHasWork(ctx.db)) ? { steps: [], requests: [] } : await discoveryRequests(ctx.db, run);
  const requests: QbxmlRequest[] = [...(items?.requests ?? []), ...discovery.requests];
  if (requests.length === 0) {
    run.sent = null;
    return null;
  }
  run.sent = items ? { kind: "items", ids: items.ids, steps: discovery.steps } : { kind: "discover", steps: discovery.steps };
  return buildQbxml(requests, { onError: "continueOnError" });
}

/** Approved items still waiting to be sent or applied, besides those in flight. */
async function queueHasWork(db: Queryable): Promise<boolean> {
  const [row] = await db
    .select({ id: syncItems.id })
    .from(syncItems)
    .where(inArray(syncItems.state, ["pending", "in_doubt"]))
    .limit(1);
  return row !== undefined;
}

/** A run stored before discovery was batched, or by a version with other steps: it reads every list again from its checkpoint. */
async function loadRunOf(db: Queryable, sessionId: number): Promise<RunState | undefined> {
  const run = await loadRun(db, sessionId);
  if (run && (!Array.isArray(run.steps) || run.steps.length !== DISCOVERY_STEP_COUNT)) run.steps = unreadSteps();
  return run;
}

function readResponse(response: QbwcResponse): { responses: QbxmlResponse[] } | { error: string } {
  if (response.hresult) return { error: `QuickBooks could not process the request (${response.hresult}): ${response.message}` };
  try {
    return { responses: parseQbxmlResponse(response.xml) };
  } catch (error) {
    if (error instanceof QbxmlParseError) return { error: error.message };
    throw error;
  }
}

/**
 * Items this session sent without an answer: an export may or may not be in QuickBooks, so it is looked up
 * before anything is sent again (never an Add twice blind); a read is simply asked again.
 */
async function settleSession(db: Queryable, sessionId: number, now: Date): Promise<void> {
  const mine = and(eq(syncItems.state, "in_flight"), eq(syncItems.sessionId, sessionId));
  await moveItems(db, and(mine, eq(syncItems.direction, "export")), "in_doubt", { lookupFirst: true }, now);
  await moveItems(db, and(mine, eq(syncItems.direction, "import")), "pending", {}, now);
}

/** After a crash or restart no sessionEnded may have come: anything still in flight from another session is settled. */
async function settleOtherSessions(db: Queryable, sessionId: number, now: Date): Promise<void> {
  const others = and(eq(syncItems.state, "in_flight"), or(isNull(syncItems.sessionId), ne(syncItems.sessionId, sessionId)));
  await moveItems(db, and(others, eq(syncItems.direction, "export")), "in_doubt", { lookupFirst: true }, now);
  await moveItems(db, and(others, eq(syncItems.direction, "import")), "pending", {}, now);
}
