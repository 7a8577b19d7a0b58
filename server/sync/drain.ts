import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems } from "@/db/schema";
import type { QbxmlRecord, QbxmlRequest, QbxmlResponse } from "@/server/qbxml";
import { AppError } from "@/server/errors";
import { ADAPTERS, adapterFor, ImportWaiting, type EntityAdapter, type EntityType, type LocalRecordOf, type RefResolver } from "./entities";
import { changedOnBothSides, conflictCandidates } from "./conflicts";
import { raiseCandidates } from "./discovery";
import { fingerprint } from "./fingerprint";
import { dropLink, linksFor, saveLink, saveLinks, type LinkValues, type SyncLink } from "./links";
import { linkToSeen, matchCandidate, matchLocals, rememberOtherItems, rememberQuickBooksRecords, seenRemote } from "./matching";
import { loadSyncPolicy } from "./policies";
import { recordAttempt, recordAttempts } from "./report";
import { RETRY_LIMIT } from "./settings";
import {
  isExport,
  moveEach,
  moveItem,
  sendBatch,
  UNSETTLED_STATES,
  withdrawItem,
  WORK_COLUMNS,
  workItem,
  type ExportItem,
  type ImportItem,
  type ItemChanges,
  type SyncState,
  type WorkItem,
} from "./state";
import { snapshotBeforeImport } from "./undo-import";

export interface Batch {
  ids: number[];
  requests: QbxmlRequest[];
}

interface Context {
  db: Queryable;
  sessionId: number;
  now: Date;
  /** Each type's adapter under this run's field mapping (server/sync/policies.ts mappedAdapterSource). */
  adapter: (type: EntityType) => EntityAdapter;
}

/** Context while applying one batch of answers: its successes are written together at the end. */
interface AnswerContext extends Context {
  settlement: Settlement;
}

interface Settlement {
  links: LinkValues[];
  successes: { item: WorkItem; changes: ItemChanges; outcome: Pick<QbxmlResponse, "statusCode" | "statusMessage"> }[];
}

const BUSY_CODES = new Set([3170, 3175, 3176, 3180]);
const LEVELS = [...new Set(ADAPTERS.map((adapter) => adapter.level))].sort((a, b) => a - b);

/** Exports that must be looked up in QuickBooks before anything is sent: lost answers, Clear ID, stale EditSequence. */
export async function lookupBatch(ctx: Context, batchSize: number): Promise<Batch | null> {
  // Two queries, each along an index; one with OR and ORDER BY would walk the whole table in id order.
  const [unknownFate, nameToRead] = await Promise.all([
    ctx.db
      .select(WORK_COLUMNS)
      .from(syncItems)
      .where(
        and(
          // An item in doubt always has lookupFirst set, so both kinds are one range of sync_items_queue.
          inArray(syncItems.state, ["in_doubt", "pending"]),
          eq(syncItems.lookupFirst, true),
          eq(syncItems.direction, "export"),
          or(isNull(syncItems.sessionId), ne(syncItems.sessionId, ctx.sessionId)),
        ),
      )
      .orderBy(asc(syncItems.id))
      .limit(batchSize),
    // After a 3100, QuickBooks' record of that name is read once (in the same run), so the failure can offer to link to it.
    ctx.db
      .select(WORK_COLUMNS)
      .from(syncItems)
      .where(and(eq(syncItems.state, "failed"), eq(syncItems.direction, "export"), eq(syncItems.readName, true)))
      .orderBy(asc(syncItems.id))
      .limit(batchSize),
  ]);
  const items = [...unknownFate, ...nameToRead]
    .sort((a, b) => a.id - b.id)
    .slice(0, batchSize)
    .map(workItem)
    .filter(isExport);
  if (items.length === 0) return null;
  const requests: QbxmlRequest[] = [];
  const ids: number[] = [];
  for (const [type, group] of groupByType(items)) {
    const adapter = ctx.adapter(type);
    const locals = await localsById(ctx.db, adapter, group);
    const links = await linksFor(ctx.db, type, group.map((item) => item.localId));
    for (const item of group) {
      const local = locals.get(item.localId);
      const link = links.get(item.localId);
      if (!local && item.state === "failed") {
        await ctx.db.update(syncItems).set({ readName: false }).where(eq(syncItems.id, item.id));
        continue;
      }
      if (!local) {
        await failItem(ctx, item, null, "The record was deleted in Ledgerbridge before it could be checked in QuickBooks.");
        continue;
      }
      requests.push(link && item.state !== "failed" ? adapter.queryById(link.qbId, String(item.id)) : adapter.queryForLookup(local, String(item.id)));
      ids.push(item.id);
    }
  }
  await ctx.db.update(syncItems).set({ sessionId: ctx.sessionId }).where(inArray(syncItems.id, ids));
  return ids.length === 0 ? lookupBatch(ctx, batchSize) : { ids, requests };
}

/**
 * The next batch of approved items, lowest level first (a parent's type before its children's). An export whose
 * parent is not in QuickBooks yet moves to waiting and says why; the rest go in flight in this same transaction.
 */
export async function drainBatch(ctx: Context, batchSize: number, pendingTypes: ReadonlySet<EntityType>): Promise<Batch | null> {
  for (const level of LEVELS) {
    const types = ADAPTERS.filter((adapter) => adapter.level === level && pendingTypes.has(adapter.type)).map((adapter) => adapter.type);
    if (types.length === 0) continue;
    for (;;) {
      const items = await nextPending(ctx.db, types, batchSize);
      if (items.length === 0) break;
      const batch = await buildBatch(ctx, items);
      if (batch.ids.length > 0) return batch;
    }
  }
  return null;
}

/** What the queue holds, in one statement of index probes: exports to look up first, and the types with items to send or apply. */
export async function probeQueue(db: Queryable): Promise<{ lookups: boolean; pendingTypes: Set<EntityType> }> {
  const lookups = sql`exists (select 1 from ${syncItems} where ${and(
    inArray(syncItems.state, ["in_doubt", "pending"]),
    eq(syncItems.lookupFirst, true),
    eq(syncItems.direction, "export"),
  )}) or exists (select 1 from ${syncItems} where ${and(eq(syncItems.state, "failed"), eq(syncItems.direction, "export"), eq(syncItems.readName, true))}) as lookups`;
  const pending = ADAPTERS.map(
    (adapter, index) =>
      sql`exists (select 1 from ${syncItems} where ${and(eq(syncItems.state, "pending"), eq(syncItems.lookupFirst, false), eq(syncItems.entityType, adapter.type))}) as ${sql.identifier(`p${index}`)}`,
  );
  const [row] = await db.all<Record<string, number>>(sql`select ${sql.join([lookups, ...pending], sql`, `)}`);
  return {
    lookups: Number(row?.lookups) === 1,
    pendingTypes: new Set(ADAPTERS.filter((_, index) => Number(row?.[`p${index}`]) === 1).map((adapter) => adapter.type)),
  };
}

/** Up to `limit` pending items of these types, oldest first, one index range (sync_items_queue) per type. */
async function nextPending(db: Queryable, types: readonly EntityType[], limit: number): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  for (const type of types) {
    if (items.length >= limit) break;
    const rows = await db
      .select(WORK_COLUMNS)
      .from(syncItems)
      .where(and(eq(syncItems.state, "pending"), eq(syncItems.lookupFirst, false), eq(syncItems.entityType, type)))
      .orderBy(asc(syncItems.id))
      .limit(limit - items.length);
    items.push(...rows.map(workItem));
  }
  return items;
}

async function buildBatch(ctx: Context, items: WorkItem[]): Promise<Batch> {
  const batch: Batch = { ids: [], requests: [] };
  // What each export sends: its fingerprint becomes the link's when QuickBooks confirms.
  const sent = new Map<number, string>();
  // And its name as sent: a record renamed to fix a 3100 shows its new name in the Sync Report.
  const labels = new Map<number, string>();
  for (const [type, group] of groupByType(items)) {
    const adapter = ctx.adapter(type);
    const imports = group.filter((item): item is ImportItem => !isExport(item));
    for (const item of imports) {
      batch.requests.push(adapter.queryById(item.qbId!, String(item.id)));
      batch.ids.push(item.id);
    }
    const exports = group.filter(isExport);
    if (exports.length === 0) continue;
    const locals = await localsById(ctx.db, adapter, exports);
    const links = await linksFor(ctx.db, type, exports.map((item) => item.localId));
    const refs = await refResolver(ctx.db, adapter, [...locals.values()]);
    const known = await guardKnownRecords(ctx, adapter, exports, locals, links);
    for (const item of exports) {
      if (known.has(item.id)) continue;
      const local = locals.get(item.localId);
      if (!local) {
        await failItem(ctx, item, null, "The record was deleted in Ledgerbridge before it was sent.");
        continue;
      }
      const waitingFor = await unsyncedParent(ctx.db, adapter, local, refs);
      if (waitingFor) {
        await moveItem(ctx.db, item, "waiting", { waitingReason: waitingFor.reason, heldBy: waitingFor.heldBy, sessionId: ctx.sessionId }, ctx.now);
        continue;
      }
      const request = exportRequest(adapter, local, links.get(item.localId), refs, String(item.id));
      if ("error" in request) {
        await failItem(ctx, item, null, request.error);
        continue;
      }
      batch.requests.push(request.request);
      batch.ids.push(item.id);
      sent.set(item.id, fingerprint(adapter.fields(local)));
      labels.set(item.id, adapter.label(local));
    }
  }
  const going = batch.ids.map((id) => ({ id, changes: sent.has(id) ? { fingerprint: sent.get(id)!, label: labels.get(id)! } : {} }));
  await sendBatch(ctx.db, ctx.sessionId, going, ctx.now);
  return batch;
}

/**
 * The guard before every export: nothing goes out that QuickBooks is known to hold already. A linked record as it was
 * last synced needs nothing sent; an Add whose record a run found in QuickBooks is linked when identical and becomes
 * its Match otherwise; an Add whose name or number QuickBooks holds for another record goes back to the wizard, held
 * back with why. Returns the items it settled.
 */
async function guardKnownRecords(
  ctx: Context,
  adapter: EntityAdapter,
  exports: readonly ExportItem[],
  locals: ReadonlyMap<number, LocalRecordOf>,
  links: ReadonlyMap<number, SyncLink>,
): Promise<Set<number>> {
  const settled = new Set<number>();
  const unlinked: LocalRecordOf[] = [];
  for (const item of exports) {
    const local = locals.get(item.localId);
    const link = local && links.get(local.id);
    if (!local) continue;
    if (!link) unlinked.push(local);
    else if (fingerprint(adapter.fields(local)) === link.localFingerprint) {
      await settleUnsent(ctx, item, link.qbId, "Nothing to send: QuickBooks already holds this version (linked).");
      settled.add(item.id);
    }
  }
  const matches = await matchLocals(ctx.db, adapter, unlinked);
  for (const item of exports) {
    const match = matches.get(item.localId);
    if (!match) continue;
    settled.add(item.id);
    if (match.kind === "taken") {
      await moveItem(ctx.db, item, "candidate", { blockedReason: match.reason, heldBy: match.heldBy, sessionId: null }, ctx.now);
      continue;
    }
    const local = locals.get(item.localId)!;
    const remote = seenRemote(match.remote);
    const print = fingerprint(adapter.fields(local));
    if (print === fingerprint(remote.fields)) {
      await saveLink(ctx.db, linkToSeen(adapter, local.id, print, remote, ctx.now));
      await settleUnsent(ctx, item, remote.qbId, "Already in QuickBooks: linked to the same record there instead of adding it again.");
      continue;
    }
    // The approval was for an Add, which would duplicate it: the person decides the match instead.
    await withdrawItem(ctx.db, item);
    await raiseCandidates(ctx.db, [matchCandidate(adapter, remote, [local])], ctx.now);
  }
  return settled;
}

/** An approved export that needs nothing sent: Successful, with why, in the Sync Report. */
async function settleUnsent(ctx: Context, item: WorkItem, qbId: string, message: string): Promise<void> {
  const moved = await moveItem(ctx.db, item, "succeeded", { qbId, statusCode: "0", statusMessage: message, waitingReason: null, lookupFirst: false }, ctx.now);
  await recordAttempt(ctx.db, moved, { sessionId: ctx.sessionId, result: "successful", statusCode: "0", statusMessage: message, now: ctx.now });
}

/** The Add or Mod for a local record: a Mod when it is linked, an Add otherwise. Field problems fail the item. */
export function exportRequest(
  adapter: EntityAdapter,
  local: LocalRecordOf,
  link: SyncLink | undefined,
  refs: RefResolver,
  requestId: string,
): { request: QbxmlRequest } | { error: string } {
  try {
    if (!link) return { request: adapter.addRq(local, refs, requestId) };
    if (!adapter.canModify) return { error: `QuickBooks does not accept changes to a ${adapter.noun} from another program; change it in QuickBooks by hand.` };
    return { request: adapter.modRq(local, { qbId: link.qbId, editSequence: link.editSequence ?? "0" }, refs, requestId) };
  } catch (error) {
    if (error instanceof Error && error.name === "QbxmlFieldError") return { error: `Cannot send to QuickBooks: ${error.message}` };
    throw error;
  }
}

/** References by ListID/TxnID where linked, by name otherwise. */
export async function refResolver(db: Queryable, adapter: EntityAdapter, locals: LocalRecordOf[]): Promise<RefResolver> {
  const parents = locals.flatMap((local) => adapter.parents(local));
  const byType = new Map<EntityType, Map<number, SyncLink>>();
  for (const type of new Set(parents.map((parent) => parent.type))) {
    byType.set(type, await linksFor(db, type, parents.filter((parent) => parent.type === type).map((parent) => parent.localId)));
  }
  return {
    ref: (type, localId, name) => {
      const link = byType.get(type)?.get(localId);
      return link ? { listId: link.qbId } : { fullName: name };
    },
    qbId: (type, localId) => byType.get(type)?.get(localId)?.qbId,
  };
}

async function unsyncedParent(
  db: Queryable,
  adapter: EntityAdapter,
  local: LocalRecordOf,
  refs: RefResolver,
): Promise<{ reason: string; heldBy: string } | null> {
  for (const parent of adapter.parents(local)) {
    if (refs.qbId(parent.type, parent.localId) !== undefined) continue;
    const recordKey = `local:${parent.localId}`;
    const [parentItem] = await db
      .select({ state: syncItems.state, blockedReason: syncItems.blockedReason })
      .from(syncItems)
      .where(and(eq(syncItems.direction, "export"), eq(syncItems.entityType, parent.type), eq(syncItems.recordKey, recordKey)));
    const noun = adapterFor(parent.type).noun;
    const heldBy = `${parent.type}:${recordKey}`;
    if (parentItem?.state === "candidate" && parentItem.blockedReason) {
      return { heldBy, reason: `Waiting for ${noun} "${parent.name}", which is held back in the Sync Wizard: its row says why and what to change.` };
    }
    if (!parentItem || parentItem.state === "candidate" || parentItem.state === "dismissed") {
      return { heldBy, reason: `Waiting for ${noun} "${parent.name}": approve it in the Sync Wizard so it reaches QuickBooks first.` };
    }
    if (parentItem.state === "failed") return { heldBy, reason: `Waiting for ${noun} "${parent.name}", which failed to sync: fix it on the Unsynced Entities page.` };
    if (UNSETTLED_STATES.includes(parentItem.state)) return { heldBy, reason: `Waiting for ${noun} "${parent.name}" to sync to QuickBooks first.` };
  }
  return null;
}

/** Applies QuickBooks' answers to a batch, matched by requestID = item id; returns how many of each were answered. */
export async function handleItemResponses(
  ctx: Context,
  ids: number[],
  responses: QbxmlResponse[],
  kind: "lookup" | "items",
): Promise<{ exports: number; imports: number }> {
  const byRequest = new Map(responses.map((response) => [response.requestId, response]));
  const items = (await ctx.db.select(WORK_COLUMNS).from(syncItems).where(inArray(syncItems.id, ids))).map(workItem);
  const answering: AnswerContext = { ...ctx, settlement: { links: [], successes: [] } };
  const handled = { exports: 0, imports: 0 };
  for (const item of items) {
    const response = byRequest.get(String(item.id));
    if (!response) continue; // Left in flight: the end of the session sends it to in_doubt.
    // An import is never looked up: lookupBatch takes exports only.
    if (!isExport(item)) {
      handled.imports += 1;
      await handleImport(answering, item, response);
      continue;
    }
    handled.exports += 1;
    if (kind === "lookup") await handleLookup(answering, item, response);
    else await handleExport(answering, item, response);
  }
  await settle(answering);
  return handled;
}

/** Writes a batch's successes: links, the moves to succeeded, and their Sync Report lines. */
async function settle(ctx: AnswerContext): Promise<void> {
  const { links, successes } = ctx.settlement;
  await saveLinks(ctx.db, links);
  const byState = new Map<SyncState, Settlement["successes"]>();
  for (const success of successes) byState.set(success.item.state, [...(byState.get(success.item.state) ?? []), success]);
  for (const [from, group] of byState) {
    await moveEach(ctx.db, from, "succeeded", group.map(({ item, changes }) => ({ id: item.id, changes })), ctx.now);
  }
  await recordAttempts(
    ctx.db,
    successes.map(({ item, changes, outcome }) => ({
      item: { ...item, ...changes },
      outcome: { sessionId: ctx.sessionId, result: "successful" as const, ...statusFields(outcome), now: ctx.now },
    })),
  );
}

async function handleExport(ctx: AnswerContext, item: ExportItem, response: QbxmlResponse): Promise<void> {
  const adapter = ctx.adapter(item.entityType);
  const code = response.statusCode;
  if (response.statusSeverity !== "Error") {
    const record = response.records.find((candidate) => adapter.owns(candidate));
    if (record) await linkRecord(ctx, adapter, item.localId, record, item.fingerprint);
    succeed(ctx, item, record ? adapter.remoteId(record) ?? item.qbId : item.qbId, response);
    return;
  }
  if (code === 3200 && item.retries < 1) {
    // Stale EditSequence: re-read the record, then send the change once more.
    await attemptFailed(ctx, item, response);
    await moveItem(ctx.db, item, "pending", { lookupFirst: true, sessionId: null, retries: item.retries + 1, ...status(response) }, ctx.now);
    return;
  }
  if (BUSY_CODES.has(code) && item.retries < RETRY_LIMIT) {
    await attemptFailed(ctx, item, response);
    await moveItem(ctx.db, item, "retry", { retries: item.retries + 1, ...status(response) }, ctx.now);
    return;
  }
  if (code === 3140 && item.retries < RETRY_LIMIT) {
    await attemptFailed(ctx, item, response);
    // QuickBooks' message names the missing reference; an account or tax code is kept in QuickBooks, not sent from here.
    const reason =
      `Held: QuickBooks does not know a record this one refers to (${response.statusMessage || "no detail given"}). ` +
      "A customer or item from Ledgerbridge is sent first and this one follows; an account or sales tax code must exist in QuickBooks: create it there, or choose one it has on this record.";
    await moveItem(ctx.db, item, "waiting", { retries: item.retries + 1, waitingReason: reason, ...status(response) }, ctx.now);
    return;
  }
  await attemptFailed(ctx, item, response);
  await moveItem(ctx.db, item, "failed", { ...status(response), readName: code === 3100 && item.action === "add" }, ctx.now);
}

async function handleImport(ctx: AnswerContext, item: ImportItem, response: QbxmlResponse): Promise<void> {
  const adapter = ctx.adapter(item.entityType);
  const record = response.records.find((candidate) => adapter.owns(candidate));
  await snapshotBeforeImport(ctx.db, item, ctx.sessionId, ctx.now);
  if (item.action === "delete") {
    if (record) {
      await failItem(ctx, item, response, "The record is back in QuickBooks, so it was not removed here.");
      return;
    }
    // A deletion is raised only for a linked record; one without a local record has nothing left to remove.
    if (item.localId !== null && !(await removeLocal(ctx, adapter, item, item.localId))) return;
    succeed(ctx, item, item.qbId, response);
    return;
  }
  if (!record || response.statusSeverity === "Error") {
    await failItem(ctx, item, response, record ? null : "The record is no longer in QuickBooks (it may have been deleted).");
    return;
  }
  if (await handBackConflict(ctx, adapter, item, record)) return;
  let localId: number;
  let warning: string | null = null;
  try {
    const applied = await ctx.db.transaction((tx) => adapter.applyImport(tx, record, item.localId));
    if (typeof applied === "number") localId = applied;
    else ({ localId, warning } = applied);
  } catch (error) {
    if (error instanceof ImportWaiting) {
      // A customer or item it refers to is not here yet: held until that import runs (next run retries it).
      await moveItem(ctx.db, item, "waiting", { waitingReason: error.reason, sessionId: ctx.sessionId }, ctx.now);
      return;
    }
    const message = error instanceof AppError ? error.message : error instanceof Error && error.name === "ZodError" ? describeZod(error) : null;
    if (message === null) throw error;
    await failItem(ctx, item, null, `Could not save QuickBooks' record here: ${message}`);
    return;
  }
  const [local] = await adapter.loadLocal(ctx.db, [localId]);
  await linkRecord(ctx, adapter, localId, record, fingerprint(adapter.fields(local!)));
  const outcome = warning === null ? response : { statusCode: response.statusCode, statusMessage: warning };
  succeed(ctx, { ...item, localId }, item.qbId, outcome, { localId });
}

/** Removes (or makes inactive) the local record QuickBooks deleted, and its link; false when the item was settled otherwise. */
async function removeLocal(ctx: AnswerContext, adapter: EntityAdapter, item: ImportItem, localId: number): Promise<boolean> {
  const { applyDeletion } = adapter;
  if (applyDeletion) {
    try {
      await ctx.db.transaction((tx) => applyDeletion(tx, localId));
    } catch (error) {
      if (error instanceof ImportWaiting) {
        await moveItem(ctx.db, item, "waiting", { waitingReason: error.reason, sessionId: ctx.sessionId }, ctx.now);
        return false;
      }
      if (!(error instanceof AppError)) throw error;
      await failItem(ctx, item, null, `Could not remove it here: ${error.message}`);
      return false;
    }
  } else {
    await ctx.db.run(sql`update ${adapter.table} set active = 0 where id = ${localId}`);
  }
  await dropLink(ctx.db, adapter.type, localId);
  return true;
}

/**
 * An approved change meets a change on the other side made after it was approved: an import whose record was
 * changed here, or an export whose record QuickBooks changed (found by the re-read after a 3200 or a lost
 * answer). Going ahead would overwrite that change unseen, so unless the settings make the approved side win,
 * the item goes back to the wizard as the conflict policy says (a conflict to resolve, or the winner's change).
 */
async function handBackConflict(ctx: AnswerContext, adapter: EntityAdapter, item: WorkItem, record: QbxmlRecord): Promise<boolean> {
  if (item.localId === null) return false;
  const link = (await linksFor(ctx.db, adapter.type, [item.localId])).get(item.localId);
  const [local] = await adapter.loadLocal(ctx.db, [item.localId]);
  if (!link || !local || adapter.remoteId(record) !== link.qbId) return false;
  const localFields = adapter.fields(local);
  const remoteFields = adapter.remoteFields(record);
  if (!changedOnBothSides(adapter, link, fingerprint(localFields), fingerprint(remoteFields))) return false;
  const policy = await loadSyncPolicy(ctx.db);
  const approvedSideWins = item.direction === "import" ? "quickbooks" : "ledgerbridge";
  if (policy.settings.conflictPolicy === approvedSideWins) return false;
  await moveItem(ctx.db, item, "candidate", { sessionId: ctx.sessionId, lookupFirst: false }, ctx.now);
  const pair = { adapter, link, local, localFields, remoteFields, remoteEditSequence: editSequenceOf(record) ?? null, remoteLabel: adapter.remoteLabel(record) };
  await raiseCandidates(ctx.db, await conflictCandidates(ctx.db, policy, [pair]), ctx.now);
  return true;
}

async function handleLookup(ctx: AnswerContext, item: ExportItem, response: QbxmlResponse): Promise<void> {
  const adapter = ctx.adapter(item.entityType);
  if (item.state === "failed") {
    // A 3100's name read back: remembered, so Unsynced Entities can offer to link to it (server/sync/match-resolution.ts).
    await rememberQuickBooksRecords(ctx.db, adapter, response.records.filter((record) => adapter.owns(record)), ctx.now);
    if (adapter.type === "item") await rememberOtherItems(ctx.db, response.records, ctx.now);
    await ctx.db.update(syncItems).set({ readName: false }).where(eq(syncItems.id, item.id));
    return;
  }
  if (response.statusSeverity === "Error") return; // Stays as it is; looked up again next run.
  const [local] = await adapter.loadLocal(ctx.db, [item.localId]);
  if (!local) return;
  const links = await linksFor(ctx.db, adapter.type, [local.id]);
  const found = response.records.filter((record) => adapter.owns(record));
  const link = links.get(local.id);
  const record = link ? found.find((candidate) => adapter.remoteId(candidate) === link.qbId) : adapter.matchLookup(local, found);
  if (link && !record) {
    // Linked, but QuickBooks no longer has it: the person decides (Clear ID), nothing is re-added blind.
    await failItem(ctx, item, null, "The linked record is no longer in QuickBooks (3120). Use Clear ID to create it again.", "3120");
    return;
  }
  if (!record) {
    await moveItem(ctx.db, item, "pending", { lookupFirst: false, action: "add", sessionId: ctx.sessionId }, ctx.now);
    return;
  }
  if (await handBackConflict(ctx, adapter, item, record)) return;
  const localPrint = fingerprint(adapter.fields(local));
  const remotePrint = fingerprint(adapter.remoteFields(record));
  const agree = localPrint === remotePrint;
  await saveLink(ctx.db, {
    entityType: adapter.type,
    localId: local.id,
    qbId: adapter.remoteId(record)!,
    editSequence: editSequenceOf(record),
    // When the two differ, the link keeps an older fingerprint so the local change is still sent as a Mod.
    localFingerprint: agree ? localPrint : (link?.localFingerprint ?? remotePrint),
    remoteFingerprint: remotePrint,
    remoteFields: adapter.remoteFields(record),
    now: agree ? ctx.now : (link?.syncedAt ?? ctx.now),
  });
  if (agree) {
    succeed(ctx, item, adapter.remoteId(record) ?? null, { statusCode: 0, statusMessage: "Already in QuickBooks: linked to the existing record." });
    return;
  }
  await moveItem(ctx.db, item, "pending", { lookupFirst: false, action: "modify", qbId: adapter.remoteId(record) ?? null, sessionId: ctx.sessionId }, ctx.now);
}

async function linkRecord(ctx: AnswerContext, adapter: EntityAdapter, localId: number, record: QbxmlRecord, localPrint: string) {
  const qbId = adapter.remoteId(record);
  if (!qbId) return;
  const remoteFields = adapter.remoteFields(record);
  ctx.settlement.links.push({
    entityType: adapter.type,
    localId,
    qbId,
    editSequence: editSequenceOf(record),
    localFingerprint: localPrint,
    remoteFingerprint: fingerprint(remoteFields),
    remoteFields,
    now: ctx.now,
  });
}

function succeed(
  ctx: AnswerContext,
  item: WorkItem,
  qbId: string | null | undefined,
  response: Pick<QbxmlResponse, "statusCode" | "statusMessage">,
  extra: ItemChanges = {},
) {
  const changes = { ...extra, qbId: qbId ?? null, ...status(response), waitingReason: null, retries: 0, lookupFirst: false };
  ctx.settlement.successes.push({ item, changes, outcome: response });
}

async function failItem(ctx: Context, item: WorkItem, response: QbxmlResponse | null, message: string | null, code?: string) {
  const fields = {
    statusCode: code ?? (response && response.statusCode !== 0 ? String(response.statusCode) : null),
    statusMessage: message ?? response?.statusMessage ?? null,
  };
  const moved = await moveItem(ctx.db, item, "failed", fields, ctx.now);
  await recordAttempt(ctx.db, moved, { sessionId: ctx.sessionId, result: "failed", ...fields, now: ctx.now });
}

async function attemptFailed(ctx: Context, item: WorkItem, response: QbxmlResponse) {
  await recordAttempt(ctx.db, item, { sessionId: ctx.sessionId, result: "failed", ...statusFields(response), now: ctx.now });
}

function status(response: Pick<QbxmlResponse, "statusCode" | "statusMessage">) {
  return statusFields(response);
}

function statusFields(response: Pick<QbxmlResponse, "statusCode" | "statusMessage">) {
  return { statusCode: String(response.statusCode), statusMessage: response.statusMessage || null };
}

function editSequenceOf(record: QbxmlRecord): string | undefined {
  return "editSequence" in record ? record.editSequence : undefined;
}

function groupByType<Item extends WorkItem>(items: Item[]): Map<EntityType, Item[]> {
  const groups = new Map<EntityType, Item[]>();
  for (const item of items) groups.set(item.entityType, [...(groups.get(item.entityType) ?? []), item]);
  return groups;
}

async function localsById(db: Queryable, adapter: EntityAdapter, items: ExportItem[]): Promise<Map<number, LocalRecordOf>> {
  const locals = await adapter.loadLocal(db, items.map((item) => item.localId));
  return new Map(locals.map((local) => [local.id, local]));
}

function describeZod(error: Error): string {
  const issues = (error as Error & { issues?: { message: string }[] }).issues;
  return issues?.map((issue) => issue.message).join(" ") ?? error.message;
}
