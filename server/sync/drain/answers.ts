import { eq, inArray, sql } from "drizzle-orm";
import { syncItems } from "@/db/schema";
import type { QbxmlRecord, QbxmlResponse } from "@/server/qbxml";
import { AppError } from "@/server/errors";
import { groupBy } from "@/lib/collections";
import { raiseCandidates } from "../candidates";
import { changedOnBothSides, conflictCandidates } from "../conflicts/detection";
import { ImportWaiting, type EntityAdapter, type EntityType, type LocalRecordOf } from "../entities";
import { fingerprint } from "../fingerprint";
import { dropLink, linksFor, type SyncLink } from "../links";
import { rememberOtherItems, rememberQuickBooksRecords } from "../matching";
import { loadSyncPolicy } from "../policies";
import { RETRY_LIMIT } from "../settings";
import { isExport, moveItem, WORK_COLUMNS, workItem, type ExportItem, type ImportItem, type WorkItem } from "../state";
import { snapshotBeforeImport } from "../undo-import";
import type { DrainContext } from "./context";
import {
  answering,
  editSequenceOf,
  failItem,
  linkRecord,
  refuse,
  statusFields,
  succeed,
  writeLinksSoFar,
  writeSettlement,
  type AnswerContext,
} from "./settlement";

/**
 * QuickBooks' answers to a batch: an export confirmed, refused (retried, held or failed by its status code) or looked
 * up; an import applied here, or handed back when this side changed after its approval.
 */

const BUSY_CODES = new Set([3170, 3175, 3176, 3180]);

/** Applies QuickBooks' answers to a batch, matched by requestID = item id; returns how many of each were answered. */
export async function handleItemResponses(
  ctx: DrainContext,
  ids: number[],
  responses: QbxmlResponse[],
  kind: "lookup" | "items",
): Promise<{ exports: number; imports: number }> {
  const byRequest = new Map(responses.map((response) => [response.requestId, response]));
  const items = (await ctx.db.select(WORK_COLUMNS).from(syncItems).where(inArray(syncItems.id, ids))).map(workItem);
  const settling = answering(ctx);
  const handled = { exports: 0, imports: 0 };
  // A lookup batch holds exports only, one item per record, and nothing in it writes a local record: their records and
  // links are read once for the batch (a statement per type each), not per answer.
  const looked = kind === "lookup" ? await lookedUp(ctx, items) : null;
  for (const item of items) {
    const response = byRequest.get(String(item.id));
    if (!response) continue; // Left in flight: the end of the session sends it to in_doubt.
    // An import is never looked up: lookupBatch takes exports only.
    if (!isExport(item)) {
      handled.imports += 1;
      await handleImport(settling, item, response);
      continue;
    }
    handled.exports += 1;
    if (looked) await handleLookup(settling, item, response, looked);
    else await handleExport(settling, item, response);
  }
  await writeSettlement(settling);
  return handled;
}

async function handleExport(ctx: AnswerContext, item: ExportItem, response: QbxmlResponse): Promise<void> {
  const adapter = ctx.adapter(item.entityType);
  const code = response.statusCode;
  if (response.statusSeverity !== "Error") {
    const record = response.records.find((candidate) => adapter.owns(candidate));
    if (record) {
      await linkRecord(ctx, adapter, item.localId, record, item.fingerprint);
      await adapter.noteSent?.(ctx.db, item.localId, record);
    }
    succeed(ctx, item, record ? (adapter.remoteId(record) ?? item.qbId) : item.qbId, response);
    return;
  }
  // A refusal is written with the batch (server/sync/drain/settlement.ts): its failed attempt's line and its move.
  if (code === 3200 && item.retries < 1) {
    // Stale EditSequence: re-read the record, then send the change once more.
    const reread = { lookupFirst: true, sessionId: null, retries: item.retries + 1, ...statusFields(response) };
    refuse(ctx, item, response, "pending", reread);
    return;
  }
  if (BUSY_CODES.has(code) && item.retries < RETRY_LIMIT) {
    refuse(ctx, item, response, "retry", { retries: item.retries + 1, ...statusFields(response) });
    return;
  }
  if (code === 3140 && item.retries < RETRY_LIMIT) {
    // QuickBooks' message names the missing reference; an account or tax code is kept in QuickBooks, not sent from here.
    const reason =
      `Held: QuickBooks does not know a record this one refers to (${response.statusMessage || "no detail given"}). ` +
      "A customer or item from Ledgerbridge is sent first and this one follows; an account or sales tax code must exist in " +
      "QuickBooks: create it there, or choose one it has on this record.";
    refuse(ctx, item, response, "waiting", { retries: item.retries + 1, waitingReason: reason, ...statusFields(response) });
    return;
  }
  refuse(ctx, item, response, "failed", { ...statusFields(response), readName: code === 3100 && item.action === "add" });
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
  await writeLinksSoFar(ctx);
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
    const message =
      error instanceof AppError ? error.message : error instanceof Error && error.name === "ZodError" ? describeZod(error) : null;
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

/** A lookup batch's local records and their links, by type and local id. */
type LookedUp = Map<EntityType, { locals: Map<number, LocalRecordOf>; links: Map<number, SyncLink> }>;

async function lookedUp(ctx: DrainContext, items: readonly WorkItem[]): Promise<LookedUp> {
  const byType = groupBy(
    items.filter((item): item is ExportItem => isExport(item) && item.state !== "failed"),
    (item) => item.entityType,
    (item) => item.localId,
  );
  const looked: LookedUp = new Map();
  for (const [type, localIds] of byType) {
    const adapter = ctx.adapter(type);
    const locals = new Map((await adapter.loadLocal(ctx.db, localIds)).map((local) => [local.id, local]));
    looked.set(type, { locals, links: await linksFor(ctx.db, type, localIds) });
  }
  return looked;
}

async function handleLookup(ctx: AnswerContext, item: ExportItem, response: QbxmlResponse, looked: LookedUp): Promise<void> {
  const adapter = ctx.adapter(item.entityType);
  if (item.state === "failed") {
    // A 3100's name read back: remembered, so Unsynced Entities can offer to link to it (server/sync/match-resolution.ts).
    await rememberQuickBooksRecords(
      ctx.db,
      adapter,
      response.records.filter((record) => adapter.owns(record)),
      ctx.now,
    );
    if (adapter.type === "item") await rememberOtherItems(ctx.db, response.records, ctx.now);
    await ctx.db.update(syncItems).set({ readName: false }).where(eq(syncItems.id, item.id));
    return;
  }
  if (response.statusSeverity === "Error") return; // Stays as it is; looked up again next run.
  const local = looked.get(item.entityType)?.locals.get(item.localId);
  if (!local) return;
  const found = response.records.filter((record) => adapter.owns(record));
  const link = looked.get(item.entityType)?.links.get(local.id);
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
  if (await handBackConflict(ctx, adapter, item, record, { link, local })) return;
  const localPrint = fingerprint(adapter.fields(local));
  const remotePrint = fingerprint(adapter.remoteFields(record));
  const agree = localPrint === remotePrint;
  // Written with the batch's other links when it settles (server/sync/drain/settlement.ts).
  ctx.settlement.links.push({
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
    const linked = { statusCode: 0, statusMessage: "Already in QuickBooks: linked to the existing record." };
    succeed(ctx, item, adapter.remoteId(record) ?? null, linked);
    return;
  }
  const modify = { lookupFirst: false, action: "modify" as const, qbId: adapter.remoteId(record) ?? null, sessionId: ctx.sessionId };
  await moveItem(ctx.db, item, "pending", modify, ctx.now);
}

function describeZod(error: Error): string {
  const issues = (error as Error & { issues?: { message: string }[] }).issues;
  return issues?.map((issue) => issue.message).join(" ") ?? error.message;
}

/**
 * An approved change meets a change on the other side made after it was approved: an import whose record was
 * changed here, or an export whose record QuickBooks changed (found by the re-read after a 3200 or a lost
 * answer). Going ahead would overwrite that change unseen, so unless the settings make the approved side win,
 * the item goes back to the wizard as the conflict policy says (a conflict to resolve, or the winner's change).
 */
async function handBackConflict(
  ctx: AnswerContext,
  adapter: EntityAdapter,
  item: WorkItem,
  record: QbxmlRecord,
  /** The record and its link when the caller has read them already. */
  known?: { link: SyncLink | undefined; local: LocalRecordOf },
): Promise<boolean> {
  if (item.localId === null) return false;
  const link = known ? known.link : (await linksFor(ctx.db, adapter.type, [item.localId])).get(item.localId);
  const local = known ? known.local : (await adapter.loadLocal(ctx.db, [item.localId]))[0];
  if (!link || !local || adapter.remoteId(record) !== link.qbId) return false;
  const localFields = adapter.fields(local);
  const remoteFields = adapter.remoteFields(record);
  if (!changedOnBothSides(adapter, link, fingerprint(localFields), fingerprint(remoteFields))) return false;
  // Read once per batch of answers, and only when an answer meets a change on both sides.
  const policy = await (ctx.policy ??= loadSyncPolicy(ctx.db));
  const approvedSideWins = item.direction === "import" ? "quickbooks" : "ledgerbridge";
  if (policy.settings.conflictPolicy === approvedSideWins) return false;
  await moveItem(ctx.db, item, "candidate", { sessionId: ctx.sessionId, lookupFirst: false }, ctx.now);
  const remoteEditSequence = editSequenceOf(record) ?? null;
  const pair = { adapter, link, local, localFields, remoteFields, remoteEditSequence, remoteLabel: adapter.remoteLabel(record) };
  await raiseCandidates(ctx.db, await conflictCandidates(ctx.db, policy, [pair]), ctx.now);
  return true;
}
