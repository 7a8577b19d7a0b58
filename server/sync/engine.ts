import { and, eq, inArray, ne, or, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems } from "@/db/schema";
import type { QbwcEngine, QbwcResponse, ResponseOutcome, SessionEnding } from "@/server/qbwc/engine";
import {
  buildQbxml,
  listDeletedQueryRq,
  parseQbxmlResponse,
  txnDeletedQueryRq,
  QbxmlParseError,
  type ListDelType,
  type QbxmlResponse,
  type TxnDelType,
} from "@/server/qbxml";
import { autoApprove } from "./auto-approve";
import { advanceCheckpoint, newer } from "./checkpoints";
import { discoverLocalChanges, raiseDeletion, raiseImports } from "./discovery";
import { drainBatch, handleItemResponses, lookupBatch, type Batch } from "./drain";
import { ADAPTERS, adapterFor, type DiscoveryQuery, type EntityAdapter, type EntityType } from "./entities";
import { countFirstImportMatches, discoveryCompleted } from "./first-import";
import { mappedAdapterSource } from "./policies";
import { advance, loadRun, newRunState, percentOf, saveRun, type RunState } from "./run-state";
import { DISCOVERY_PAGE_SIZE, syncSettings } from "./settings";
import { moveItems } from "./state";
import { markFullRead } from "./summary";
import { discoveryFrom, discoveryKeys, syncRequestsDone, takeSyncRequests } from "./sync-requests";

type DiscoveryStep = { kind: "modified"; adapter: EntityAdapter; query: DiscoveryQuery } | { kind: "deleted"; key: "ListDeleted" | "TxnDeleted" };

const DELETED_TYPES: Record<string, EntityType> = {
  PaymentMethod: "paymentMethod",
  StandardTerms: "terms",
  ItemService: "item",
  ItemNonInventory: "item",
  Customer: "customer",
  Vendor: "vendor",
};

const DELETED_TXN_TYPES: Partial<Record<TxnDelType, EntityType>> = {
  Invoice: "invoice",
  ReceivePayment: "payment",
};

// ADAPTERS is in drain order, so lists (customers, items) are read before the invoices and payments that use them.
const DISCOVERY_STEPS: DiscoveryStep[] = [
  ...ADAPTERS.flatMap((adapter) => adapter.discovery.map((query) => ({ kind: "modified" as const, adapter, query }))),
  { kind: "deleted", key: "ListDeleted" },
  { kind: "deleted", key: "TxnDeleted" },
];

/**
 * The sync engine behind the Web Connector. Each run: look up exports whose fate is unknown (lost answers,
 * Clear ID, stale EditSequence); drain approved items in batches, parents before children; then ask QuickBooks
 * what changed since the last checkpoint and raise import candidates page by page. State lives in sync_runs.
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
    await autoApprove(db, now); // Policy 16: local changes matching a rule are approved before this run drains.
    await takeSyncRequests(db, session.id); // Policy 15: this run honours the Sync now and selective sync asked before it began.
    const queued = await db
      .select({ direction: syncItems.direction, n: sql<number>`count(*)` })
      .from(syncItems)
      .where(inArray(syncItems.state, ["pending", "in_doubt"]))
      .groupBy(syncItems.direction);
    const count = (direction: "import" | "export") => Number(queued.find((row) => row.direction === direction)?.n ?? 0);
    await saveRun(db, session.id, newRunState({ discoverySteps: DISCOVERY_STEPS.length, exports: count("export"), imports: count("import") }), now);
    return "work";
  },

  async nextRequest(session) {
    const { db, now } = session;
    const settings = await syncSettings(db);
    const batchSize = settings.batchSize;
    return db.transaction(async (tx) => {
      const run = (await loadRun(tx, session.id)) ?? newRunState({ discoverySteps: DISCOVERY_STEPS.length, exports: 0, imports: 0 });
      const ctx = { db: tx, sessionId: session.id, now, adapter: mappedAdapterSource(settings) };
      const lookups = await lookupBatch(ctx, batchSize);
      const items = lookups ? null : await drainBatch(ctx, batchSize);
      const xml = lookups
        ? sendBatch(run, "lookup", lookups)
        : items
          ? sendBatch(run, "items", items)
          : await sendDiscovery(tx, run);
      await saveRun(tx, session.id, run, now);
      return xml;
    });
  },

  async handleResponse(session, response) {
    const { db, now } = session;
    const parsed = readResponse(response);
    return db.transaction(async (tx): Promise<ResponseOutcome> => {
      const run = await loadRun(tx, session.id);
      if (!run?.sent) return { percentDone: run ? percentOf(run) : 0 };
      if ("error" in parsed) return { error: parsed.error };
      const ctx = { db: tx, sessionId: session.id, now, adapter: mappedAdapterSource(await syncSettings(tx)) };
      if (run.sent.kind === "discover") {
        await handleDiscovery(tx, run, parsed.responses, now);
      } else {
        const handled = await handleItemResponses(ctx, run.sent.ids, parsed.responses, run.sent.kind);
        advance(run, "sending", handled.exports);
        advance(run, "applying", handled.imports);
      }
      run.sent = null;
      await saveRun(tx, session.id, run, now);
      return { percentDone: percentOf(run) };
    });
  },

  async sessionEnded(session, _ending: SessionEnding) {
    await session.db.transaction((tx) => settleSession(tx, session.id, session.now));
  },
};

function sendBatch(run: RunState, kind: "lookup" | "items", batch: Batch): string {
  run.sent = { kind, ids: batch.ids };
  return buildQbxml(batch.requests, { onError: "continueOnError" });
}

async function sendDiscovery(db: Queryable, run: RunState): Promise<string | null> {
  await skipUnrequested(db, run);
  const step = DISCOVERY_STEPS[run.discoverStep];
  if (!step) return null;
  const key = step.kind === "modified" ? step.query.key : step.key;
  const from = await discoveryFrom(db, key);
  const requestId = `d${run.discoverStep}`;
  run.sent = { kind: "discover", step: run.discoverStep };
  if (step.kind === "deleted" && step.key === "TxnDeleted") {
    const request = txnDeletedQueryRq(
      { txnDelTypes: Object.keys(DELETED_TXN_TYPES) as TxnDelType[], deletedDateRange: from === undefined ? undefined : { from } },
      { requestId },
    );
    return buildQbxml(request);
  }
  if (step.kind === "deleted") {
    const request = listDeletedQueryRq(
      { listDelTypes: Object.keys(DELETED_TYPES) as ListDelType[], deletedDateRange: from === undefined ? undefined : { from } },
      { requestId },
    );
    return buildQbxml(request);
  }
  const options = step.query.iterates
    ? run.iteratorId
      ? { requestId, iterator: "Continue" as const, iteratorId: run.iteratorId }
      : { requestId, iterator: "Start" as const }
    : { requestId };
  return buildQbxml(step.query.build(from, DISCOVERY_PAGE_SIZE, options));
}

/** One page of a discovery query: candidates are written now, so a run cut short keeps what it received. */
async function handleDiscovery(db: Queryable, run: RunState, responses: QbxmlResponse[], now: Date): Promise<void> {
  const step = DISCOVERY_STEPS[run.discoverStep]!;
  const response = responses.find((candidate) => candidate.requestId === `d${run.discoverStep}`);
  const key = step.kind === "modified" ? step.query.key : step.key;
  if (response?.statusCode === 3391 && run.restarts < 1) {
    // The iterator died with an earlier QuickBooks session: start this list again from its checkpoint.
    Object.assign(run, { iteratorId: null, newestSeen: null, restarts: run.restarts + 1 });
    return;
  }
  const ok = response !== undefined && response.statusSeverity !== "Error";
  if (ok && step.kind === "modified") {
    const found = await raiseImports(db, step.adapter, response.records, now);
    if (found.linked + found.matched > 0) {
      const matches = run.matches ?? { linked: 0, differing: 0 };
      run.matches = { linked: matches.linked + found.linked, differing: matches.differing + found.matched };
      await countFirstImportMatches(db, found.linked, found.matched);
    }
    for (const record of response.records) {
      if ("timeModified" in record) run.newestSeen = newer(run.newestSeen, record.timeModified);
    }
  } else if (ok) {
    for (const record of response.records) {
      if (record.kind === "TxnDeleted" && record.txnId && record.txnDelType) {
        const type = DELETED_TXN_TYPES[record.txnDelType as TxnDelType];
        const label = record.txnDelType === "Invoice" ? `Invoice ${record.refNumber ?? record.txnId}` : `Payment ${record.refNumber ?? record.txnId}`;
        if (type) await raiseDeletion(db, adapterFor(type), record.txnId, label, now);
        run.newestSeen = newer(run.newestSeen, record.timeDeleted);
        continue;
      }
      if (record.kind !== "ListDeleted" || !record.listId || !record.listDelType) continue;
      const type = DELETED_TYPES[record.listDelType];
      if (type) await raiseDeletion(db, adapterFor(type), record.listId, record.fullName, now);
      run.newestSeen = newer(run.newestSeen, record.timeDeleted);
    }
  }
  const remaining = ok && response.iterator ? response.iterator.remainingCount : 0;
  if (remaining > 0) {
    const expected = Math.ceil(remaining / DISCOVERY_PAGE_SIZE);
    advance(run, "discovery", 1, Math.max(0, expected - run.pagesExpected));
    run.pagesExpected = expected;
    run.iteratorId = response!.iterator!.id;
    return;
  }
  // Only a list read to the end moves its checkpoint; an error leaves it for the next run.
  if (ok && run.newestSeen !== null) await advanceCheckpoint(db, key, run.newestSeen, await discoveryFrom(db, key), now);
  if (!ok) run.failedSteps = (run.failedSteps ?? 0) + 1;
  Object.assign(run, { discoverStep: run.discoverStep + 1, iteratorId: null, newestSeen: null, restarts: 0, pagesExpected: 0 });
  await skipUnrequested(db, run);
  advance(run, "discovery", 1);
  if (run.discoverStep < DISCOVERY_STEPS.length) return;
  // Automatic approval first, so that imports a rule approved count as decided for the first import.
  await autoApprove(db, now);
  // A list QuickBooks could not answer was not read: the first import and the requests wait for a full run.
  if ((run.failedSteps ?? 0) > 0) return;
  await discoveryCompleted(db, now);
  await syncRequestsDone(db);
  await markFullRead(db, now);
}

/** Selective sync (policy 15): steps of lists this run was not asked to read are passed over; their checkpoints stay. */
async function skipUnrequested(db: Queryable, run: RunState): Promise<void> {
  const keys = await discoveryKeys(db);
  if (!keys || run.iteratorId !== null) return;
  for (;;) {
    const step = DISCOVERY_STEPS[run.discoverStep];
    if (!step || keys.has(step.kind === "modified" ? step.query.key : step.key)) return;
    run.discoverStep += 1;
    advance(run, "discovery", 1);
  }
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
