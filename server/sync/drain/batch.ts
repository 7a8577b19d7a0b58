import { and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems } from "@/db/schema";
import type { QbxmlRequest } from "@/server/qbxml";
import { groupBy } from "@/lib/collections";
import { raiseCandidates } from "../candidates";
import { ADAPTERS, adapterFor, type EntityAdapter, type EntityType, type LocalRecordOf, type RefResolver } from "../entities";
import { fingerprint } from "../fingerprint";
import { linksFor, saveLink, type SyncLink } from "../links";
import { linkToSeen, matchCandidate, matchLocals, seenRemote } from "../matching";
import { recordAttempt } from "../report";
import {
  isExport,
  moveItem,
  sendBatch,
  UNSETTLED_STATES,
  withdrawItem,
  type SyncState,
  WORK_COLUMNS,
  workItem,
  type ExportItem,
  type ImportItem,
  type WorkItem,
} from "../state";
import type { Batch, DrainContext } from "./context";
import { exportRequest, refResolver } from "./requests";
import { failItem } from "./settlement";

/**
 * Choosing and building the next batch: exports to look up first, then approved items lowest level first, each export
 * guarded against sending what QuickBooks holds already and held back while a record it refers to is not there yet.
 */

const LEVELS = [...new Set(ADAPTERS.map((adapter) => adapter.level))].sort((a, b) => a - b);

/** Exports that must be looked up in QuickBooks before anything is sent: lost answers, Clear ID, stale EditSequence. */
export async function lookupBatch(ctx: DrainContext, batchSize: number): Promise<Batch | null> {
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
  for (const [type, group] of groupBy(items, (item) => item.entityType)) {
    const adapter = ctx.adapter(type);
    const locals = await localsById(ctx.db, adapter, group);
    const links = await linksFor(
      ctx.db,
      type,
      group.map((item) => item.localId),
    );
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
      const requestId = String(item.id);
      requests.push(link && item.state !== "failed" ? adapter.queryById(link.qbId, requestId) : adapter.queryForLookup(local, requestId));
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
export async function drainBatch(ctx: DrainContext, batchSize: number, pendingTypes: ReadonlySet<EntityType>): Promise<Batch | null> {
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

/**
 * What the queue holds, in one short statement along sync_items_queue: whether exports wait to be looked up first, and
 * the types with items to send or apply. The types are found by stepping from one to the next in the index (each
 * step one seek), so the probe costs the same with ten or ten thousand items waiting.
 */
export async function probeQueue(db: Queryable): Promise<{ lookups: boolean; pendingTypes: Set<EntityType> }> {
  probeStatement ??= queueProbe();
  const [row] = await db.all<{ lookups: number; types: string | null }>(probeStatement);
  const types = new Set(row?.types?.split(",") ?? []);
  return {
    lookups: Number(row?.lookups) === 1,
    pendingTypes: new Set(ADAPTERS.filter((adapter) => types.has(adapter.type)).map((adapter) => adapter.type)),
  };
}

/** The probe is the same statement every exchange: built once. */
let probeStatement: SQL | undefined;

function queueProbe(): SQL {
  const { state, lookupFirst, entityType, direction, readName } = syncItems;
  // "+direction" keeps the first probe on sync_items_queue: SQLite otherwise picks sync_items_record by direction
  // and walks every export (7 ms a call with 10,000 pending), though it finds none.
  const lookups = sql`exists (select 1 from ${syncItems} where ${state} in ('in_doubt', 'pending') and ${lookupFirst} = 1 and +${direction} = 'export')
    or exists (select 1 from ${syncItems} where ${state} = 'failed' and ${direction} = 'export' and ${readName} = 1)`;
  const waiting = sql`${state} = 'pending' and ${lookupFirst} = 0`;
  return sql`with recursive pending_type(type) as (
      select min(${entityType}) from ${syncItems} where ${waiting}
      union all
      select (select min(${entityType}) from ${syncItems} where ${waiting} and ${entityType} > pending_type.type)
      from pending_type where pending_type.type is not null
    )
    select (${lookups}) as lookups, group_concat(type) as types from pending_type where type is not null`;
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

async function buildBatch(ctx: DrainContext, items: WorkItem[]): Promise<Batch> {
  const batch: Batch = { ids: [], requests: [] };
  // What each export sends: its fingerprint becomes the link's when QuickBooks confirms.
  const sent = new Map<number, string>();
  // And its name as sent: a record renamed to fix a 3100 shows its new name in the Sync Report.
  const labels = new Map<number, string>();
  for (const [type, group] of groupBy(items, (item) => item.entityType)) {
    const adapter = ctx.adapter(type);
    const imports = group.filter((item): item is ImportItem => !isExport(item));
    for (const item of imports) {
      batch.requests.push(adapter.queryById(item.qbId!, String(item.id)));
      batch.ids.push(item.id);
    }
    const exports = group.filter(isExport);
    if (exports.length === 0) continue;
    const locals = await localsById(ctx.db, adapter, exports);
    const links = await linksFor(
      ctx.db,
      type,
      exports.map((item) => item.localId),
    );
    const refs = await refResolver(ctx.db, adapter, [...locals.values()]);
    const known = await guardKnownRecords(ctx, adapter, exports, locals, links);
    const parentItems = await parentExportItems(ctx.db, adapter, [...locals.values()], refs);
    // An item of this group is a parent of another in it only when both are of one type (a sub-item): kept current.
    const settle = (item: ExportItem, state: SyncState) => {
      const parent = parentItems.get(`${type}:local:${item.localId}`);
      if (parent) parent.state = state;
    };
    for (const item of exports) {
      if (known.has(item.id)) continue;
      const local = locals.get(item.localId);
      if (!local) {
        await failItem(ctx, item, null, "The record was deleted in Ledgerbridge before it was sent.");
        settle(item, "failed");
        continue;
      }
      // A sub-item whose parent goes in this batch stays pending for the next batch of this run, once the parent is in.
      if (parentInBatch(adapter, local, locals, refs)) continue;
      const link = links.get(item.localId);
      const waitingFor = unsyncedParent(adapter, local, refs, parentItems) ?? waitingBeforeAdd(adapter, local, link !== undefined);
      if (waitingFor) {
        const waiting = { waitingReason: waitingFor.reason, heldBy: waitingFor.heldBy, sessionId: ctx.sessionId };
        await moveItem(ctx.db, item, "waiting", waiting, ctx.now);
        settle(item, "waiting");
        continue;
      }
      const request = exportRequest(adapter, local, link, refs, String(item.id));
      if ("error" in request) {
        await failItem(ctx, item, null, request.error);
        settle(item, "failed");
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

function parentInBatch(
  adapter: EntityAdapter,
  local: LocalRecordOf,
  batch: ReadonlyMap<number, LocalRecordOf>,
  refs: RefResolver,
): boolean {
  return adapter
    .parents(local)
    .some((parent) => parent.type === adapter.type && batch.has(parent.localId) && refs.qbId(parent.type, parent.localId) === undefined);
}

/** What the type itself says an Add must wait for once every parent is in QuickBooks, held by that parent. */
function waitingBeforeAdd(adapter: EntityAdapter, local: LocalRecordOf, linked: boolean) {
  const waiting = linked ? null : (adapter.waitingBeforeAdd?.(local) ?? null);
  return waiting && { reason: waiting.reason, heldBy: `${waiting.parent.type}:local:${waiting.parent.localId}` };
}

type ParentItem = { state: SyncState; blockedReason: string | null };

/**
 * The export items of the parents a batch's records name that are not in QuickBooks yet, keyed "type:local:id": one
 * statement per parent type (along sync_items_record), not one per record.
 */
async function parentExportItems(
  db: Queryable,
  adapter: EntityAdapter,
  locals: readonly LocalRecordOf[],
  refs: RefResolver,
): Promise<Map<string, ParentItem>> {
  const keys = new Map<EntityType, Set<string>>();
  for (const local of locals) {
    for (const parent of adapter.parents(local)) {
      if (refs.qbId(parent.type, parent.localId) !== undefined) continue;
      keys.set(parent.type, (keys.get(parent.type) ?? new Set()).add(`local:${parent.localId}`));
    }
  }
  const items = new Map<string, ParentItem>();
  for (const [type, recordKeys] of keys) {
    const rows = await db
      .select({ recordKey: syncItems.recordKey, state: syncItems.state, blockedReason: syncItems.blockedReason })
      .from(syncItems)
      .where(and(eq(syncItems.direction, "export"), eq(syncItems.entityType, type), inArray(syncItems.recordKey, [...recordKeys])));
    for (const row of rows) items.set(`${type}:${row.recordKey}`, { state: row.state, blockedReason: row.blockedReason });
  }
  return items;
}

function unsyncedParent(
  adapter: EntityAdapter,
  local: LocalRecordOf,
  refs: RefResolver,
  parentItems: ReadonlyMap<string, ParentItem>,
): { reason: string; heldBy: string } | null {
  for (const parent of adapter.parents(local)) {
    if (refs.qbId(parent.type, parent.localId) !== undefined) continue;
    const recordKey = `local:${parent.localId}`;
    const noun = adapterFor(parent.type).noun;
    const heldBy = `${parent.type}:${recordKey}`;
    const parentItem = parentItems.get(heldBy);
    if (parentItem?.state === "candidate" && parentItem.blockedReason) {
      const reason = `Waiting for ${noun} "${parent.name}", which is held back in the Sync Wizard: its row says why and what to change.`;
      return { heldBy, reason };
    }
    if (!parentItem || parentItem.state === "candidate" || parentItem.state === "dismissed") {
      return { heldBy, reason: `Waiting for ${noun} "${parent.name}": approve it in the Sync Wizard so it reaches QuickBooks first.` };
    }
    if (parentItem.state === "failed") {
      return { heldBy, reason: `Waiting for ${noun} "${parent.name}", which failed to sync: fix it on the Unsynced Entities page.` };
    }
    if (UNSETTLED_STATES.includes(parentItem.state)) {
      return { heldBy, reason: `Waiting for ${noun} "${parent.name}" to sync to QuickBooks first.` };
    }
  }
  return null;
}

async function localsById(db: Queryable, adapter: EntityAdapter, items: ExportItem[]): Promise<Map<number, LocalRecordOf>> {
  const locals = await adapter.loadLocal(
    db,
    items.map((item) => item.localId),
  );
  return new Map(locals.map((local) => [local.id, local]));
}

/**
 * The guard before every export: nothing goes out that QuickBooks is known to hold already. A linked record as it was
 * last synced needs nothing sent; an Add whose record a run found in QuickBooks is linked when identical and becomes
 * its Match otherwise; an Add whose name or number QuickBooks holds for another record goes back to the wizard, held
 * back with why. Returns the items it settled.
 */
async function guardKnownRecords(
  ctx: DrainContext,
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
async function settleUnsent(ctx: DrainContext, item: WorkItem, qbId: string, message: string): Promise<void> {
  const status = { statusCode: "0", statusMessage: message };
  const moved = await moveItem(ctx.db, item, "succeeded", { qbId, ...status, waitingReason: null, lookupFirst: false }, ctx.now);
  await recordAttempt(ctx.db, moved, { sessionId: ctx.sessionId, result: "successful", ...status, now: ctx.now });
}
