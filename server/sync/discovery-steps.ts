import type { Queryable } from "@/db";
import {
  listDeletedQueryRq,
  txnDeletedQueryRq,
  type ListDelType,
  type QbxmlRequest,
  type QbxmlResponse,
  type TxnDelType,
} from "@/server/qbxml";
import { autoApprove } from "./auto-approve";
import { BALANCE_PAGE_SIZE, BALANCE_QUERIES, balancesRead, saveBalances, type BalanceQuery } from "./balances";
import { advanceCheckpoint, newer, readCheckpoints } from "./checkpoints";
import { raiseDeletion, raiseImports } from "./discovery";
import { readStoredForMessage, storedKey, type StoredForMessage } from "./matching";
import { ADAPTERS, adapterFor, type DiscoveryQuery, type EntityAdapter, type EntityType } from "./entities";
import { countFirstImportMatches, discoveryCompleted } from "./first-import";
import { advance, type DiscoveryStepState, type RunState } from "./run-state";
import { DISCOVERY_PAGE_SIZE } from "./settings";
import { markFullRead } from "./summary";
import { discoveryKeys, discoveryStarts, syncRequestsDone } from "./sync-requests";

type DiscoveryStep =
  | { kind: "modified"; key: string; adapter: EntityAdapter; query: DiscoveryQuery }
  | { kind: "deleted"; key: "ListDeleted" | "TxnDeleted" }
  | { kind: "balance"; key: string; query: BalanceQuery };

const DELETED_TYPES: Record<string, EntityType> = {
  PaymentMethod: "paymentMethod",
  StandardTerms: "terms",
  SalesTaxCode: "salesTaxCode",
  ItemSalesTax: "salesTaxItem",
  ItemSalesTaxGroup: "salesTaxGroup",
  ItemService: "item",
  ItemNonInventory: "item",
  Customer: "customer",
  Vendor: "vendor",
  Account: "account",
};

const DELETED_TXN_TYPES: Partial<Record<TxnDelType, EntityType>> = {
  Invoice: "invoice",
  ReceivePayment: "payment",
  PurchaseOrder: "purchaseOrder",
  Bill: "bill",
  BillPaymentCheck: "billPayment",
};

// ADAPTERS is in drain order, so lists (customers, items) come before the invoices and payments that use them.
const DISCOVERY_STEPS: readonly DiscoveryStep[] = [
  ...ADAPTERS.flatMap((adapter) => adapter.discovery.map((query) => ({ kind: "modified" as const, key: query.key, adapter, query }))),
  { kind: "deleted", key: "ListDeleted" },
  { kind: "deleted", key: "TxnDeleted" },
  // Balances change without TimeModified: every run reads the non-zero ones (server/sync/balances.ts); a selective sync
  // reads only the lists it chose, so it passes them over.
  ...BALANCE_QUERIES.map((query) => ({ kind: "balance" as const, key: query.key, query })),
];

export const DISCOVERY_STEP_COUNT = DISCOVERY_STEPS.length;

export function unreadSteps(): DiscoveryStepState[] {
  return DISCOVERY_STEPS.map(() => ({ status: "unread", from: null, iteratorId: null, newestSeen: null, restarts: 0, pagesExpected: 0 }));
}

/**
 * A transaction read while a list it refers to is still being paged through would be judged against half a list
 * (its customer "not being imported"), so it waits for the lists of lower drain levels. Deleted-record queries wait
 * for nothing: a deletion is matched by QuickBooks ID alone.
 */
function waitsFor(step: DiscoveryStep, other: DiscoveryStep): boolean {
  return step.kind === "modified" && other.kind === "modified" && other.adapter.level < step.adapter.level;
}

function blockedByReading(steps: readonly DiscoveryStepState[], index: number): boolean {
  const step = DISCOVERY_STEPS[index]!;
  return DISCOVERY_STEPS.some((other, otherIndex) => steps[otherIndex]!.status === "reading" && waitsFor(step, other));
}

/**
 * The discovery queries for the next message: every list's and transaction type's "changed since" query that is
 * not read yet, in one document, so a run over an unchanged company is a single exchange. Iterators that have more
 * pages continue in the following messages. Lists this run was not asked to read (a selective sync) are passed over
 * and keep their checkpoints.
 */
export async function discoveryRequests(db: Queryable, run: RunState): Promise<{ steps: number[]; requests: QbxmlRequest[] }> {
  const steps: number[] = [];
  const requests: QbxmlRequest[] = [];
  if (!run.steps.some((state) => state.status === "unread" || state.status === "reading")) return { steps, requests };
  const [keys, startOf] = await Promise.all([discoveryKeys(db), discoveryStarts(db)]);
  for (const [index, step] of DISCOVERY_STEPS.entries()) {
    const state = run.steps[index]!;
    if (state.status === "unread" && keys && !keys.has(step.key)) {
      state.status = "skipped";
      advance(run, "discovery", 1);
      continue;
    }
    if (state.status === "reading" || (state.status === "unread" && !blockedByReading(run.steps, index))) {
      if (state.status === "unread") state.from = startOf(step.key) ?? null;
      steps.push(index);
      requests.push(stepRequest(index, state));
    }
  }
  return { steps, requests };
}

/**
 * A step's request depends only on where it reads from and its iterator, which stay the same from run to run while
 * nothing changes: the built requests are kept, so an idle run does not build its twenty-odd queries again.
 */
const builtRequests = new Map<string, QbxmlRequest>();
const KEPT_REQUESTS = 256;

function stepRequest(index: number, state: DiscoveryStepState): QbxmlRequest {
  const key = `${index}\u0000${state.from ?? ""}\u0000${state.iteratorId ?? ""}`;
  const kept = builtRequests.get(key);
  if (kept) return kept;
  if (builtRequests.size >= KEPT_REQUESTS) builtRequests.clear();
  const request = buildStepRequest(index, state);
  builtRequests.set(key, request);
  return request;
}

function buildStepRequest(index: number, state: DiscoveryStepState): QbxmlRequest {
  const step = DISCOVERY_STEPS[index]!;
  const requestId = requestIdOf(index);
  if (step.kind === "balance") {
    const iterator = state.iteratorId ? { iterator: "Continue" as const, iteratorId: state.iteratorId } : { iterator: "Start" as const };
    return step.query.build(BALANCE_PAGE_SIZE, { requestId, ...iterator });
  }
  const deletedDateRange = state.from === null ? undefined : { from: state.from };
  if (step.kind === "deleted" && step.key === "TxnDeleted") {
    return txnDeletedQueryRq({ txnDelTypes: Object.keys(DELETED_TXN_TYPES) as TxnDelType[], deletedDateRange }, { requestId });
  }
  if (step.kind === "deleted") {
    return listDeletedQueryRq({ listDelTypes: Object.keys(DELETED_TYPES) as ListDelType[], deletedDateRange }, { requestId });
  }
  const from = state.from ?? undefined;
  if (!step.query.iterates) return step.query.build(from, DISCOVERY_PAGE_SIZE, { requestId });
  const options = state.iteratorId
    ? { requestId, iterator: "Continue" as const, iteratorId: state.iteratorId }
    : { requestId, iterator: "Start" as const };
  return step.query.build(from, DISCOVERY_PAGE_SIZE, options);
}

function requestIdOf(index: number): string {
  return `d${index}`;
}

/**
 * QuickBooks' answers to the discovery queries of one message, in step order (lists before the transactions that
 * use them). Candidates are written as each page is read, so a run cut short keeps what it received. A transaction
 * page that came back while a list it refers to still has pages is set aside and asked again once that list is read.
 */
export async function handleDiscovery(
  db: Queryable,
  run: RunState,
  sentSteps: readonly number[],
  responses: QbxmlResponse[],
  now: Date,
  sessionId: number,
): Promise<void> {
  if (sentSteps.length === 0) return;
  const byRequest = new Map(responses.map((response) => [response.requestId, response]));
  const checkpoints = await readCheckpoints(db);
  const stored = await readStoredForMessage(
    db,
    sentSteps.flatMap((index) => {
      const step = DISCOVERY_STEPS[index]!;
      const response = byRequest.get(requestIdOf(index));
      if (step.kind !== "modified" || !response || response.statusSeverity === "Error") return [];
      return [{ type: step.adapter.type, qbIds: response.records.flatMap((record) => step.adapter.remoteId(record) ?? []) }];
    }),
  );
  let finishedNow = false;
  for (const index of sentSteps) {
    const state = run.steps[index]!;
    if (state.status === "unread" && blockedByReading(run.steps, index)) continue;
    const finished = await handleStepPage(db, run, index, byRequest.get(requestIdOf(index)), { now, checkpoints, sessionId, stored });
    finishedNow ||= finished;
  }
  if (finishedNow && run.steps.every((state) => state.status !== "unread" && state.status !== "reading"))
    await discoveryFinished(db, run, now);
}

/** One page of one step; true when the step is over (read to its end, or failed). */
async function handleStepPage(
  db: Queryable,
  run: RunState,
  index: number,
  response: QbxmlResponse | undefined,
  message: { now: Date; checkpoints: ReadonlyMap<string, string>; sessionId: number; stored: StoredForMessage },
): Promise<boolean> {
  const { now, checkpoints, sessionId, stored } = message;
  const step = DISCOVERY_STEPS[index]!;
  const state = run.steps[index]!;
  if (response?.statusCode === 3391 && state.restarts < 1) {
    // The iterator died with an earlier QuickBooks session: the list is read again from its checkpoint.
    Object.assign(state, { status: "unread", iteratorId: null, newestSeen: null, restarts: state.restarts + 1, pagesExpected: 0 });
    return false;
  }
  const ok = response !== undefined && response.statusSeverity !== "Error";
  if (ok && step.kind === "modified") {
    const found = await raiseImports(db, step.adapter, response.records, now, stored);
    // What the page wrote is read afresh from here on.
    for (const record of response.records) {
      const qbId = step.adapter.remoteId(record);
      if (qbId) stored.keys.delete(storedKey(step.adapter.type, qbId));
    }
    if (found.linked + found.matched > 0) {
      const matches = run.matches ?? { linked: 0, differing: 0 };
      run.matches = { linked: matches.linked + found.linked, differing: matches.differing + found.matched };
      await countFirstImportMatches(db, found.linked, found.matched);
    }
    for (const record of response.records) {
      if ("timeModified" in record) state.newestSeen = newer(state.newestSeen, record.timeModified);
    }
  } else if (ok && step.kind === "balance") {
    await saveBalances(db, step.query.kind, response.records, sessionId, now);
  } else if (ok) {
    await raiseDeletions(db, state, response, now);
  }
  const remaining = ok && response.iterator ? response.iterator.remainingCount : 0;
  if (remaining > 0) {
    const expected = Math.ceil(remaining / (step.kind === "balance" ? BALANCE_PAGE_SIZE : DISCOVERY_PAGE_SIZE));
    advance(run, "discovery", 1, Math.max(0, expected - state.pagesExpected));
    Object.assign(state, { status: "reading", pagesExpected: expected, iteratorId: response!.iterator!.id });
    return false;
  }
  // Only a list read to the end moves its checkpoint; an error leaves it for the next run.
  if (ok && state.newestSeen !== null) await advanceCheckpoint(db, step.key, state.newestSeen, state.from ?? undefined, now, checkpoints);
  // Balances only inform: QuickBooks refusing them must not hold the first import or the sync requests back.
  if (!ok && step.kind !== "balance") run.failedSteps = (run.failedSteps ?? 0) + 1;
  Object.assign(state, { status: ok ? "read" : "failed", iteratorId: null, pagesExpected: 0 });
  advance(run, "discovery", 1);
  if (ok && step.kind === "balance" && balanceStepsRead(run, step.query.kind)) await balancesRead(db, step.query.kind, sessionId, now);
  return true;
}

/** Every balance query of the list was read to its end in this run. */
function balanceStepsRead(run: RunState, kind: BalanceQuery["kind"]): boolean {
  return DISCOVERY_STEPS.every((step, index) => step.kind !== "balance" || step.query.kind !== kind || run.steps[index]!.status === "read");
}

async function raiseDeletions(db: Queryable, state: DiscoveryStepState, response: QbxmlResponse, now: Date): Promise<void> {
  for (const record of response.records) {
    if (record.kind === "TxnDeleted" && record.txnId && record.txnDelType) {
      const type = DELETED_TXN_TYPES[record.txnDelType as TxnDelType];
      const label =
        record.txnDelType === "Invoice" ? `Invoice ${record.refNumber ?? record.txnId}` : `Payment ${record.refNumber ?? record.txnId}`;
      if (type) await raiseDeletion(db, adapterFor(type), record.txnId, label, now);
      state.newestSeen = newer(state.newestSeen, record.timeDeleted);
      continue;
    }
    if (record.kind !== "ListDeleted" || !record.listId || !record.listDelType) continue;
    const type = DELETED_TYPES[record.listDelType];
    if (type) await raiseDeletion(db, adapterFor(type), record.listId, record.fullName, now);
    state.newestSeen = newer(state.newestSeen, record.timeDeleted);
  }
}

/** Every list has been read (or failed): what waits for a whole discovery runs now. */
async function discoveryFinished(db: Queryable, run: RunState, now: Date): Promise<void> {
  // Automatic approval first, so that imports a rule approved count as decided for the first import.
  await autoApprove(db, now);
  // A list QuickBooks could not answer was not read: the first import and the requests wait for a full run.
  if ((run.failedSteps ?? 0) > 0) return;
  await discoveryCompleted(db, now);
  await syncRequestsDone(db);
  await markFullRead(db, now);
}
