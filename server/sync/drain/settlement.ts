import type { QbxmlRecord, QbxmlResponse } from "@/server/qbxml";
import { AppError } from "@/server/errors";
import { groupBy } from "@/lib/collections";
import type { EntityAdapter } from "../entities";
import { fingerprint } from "../fingerprint";
import type { SyncPolicy } from "../policies";
import { saveLinks, type LinkValues } from "../links";
import { recordAttempt, recordAttempts } from "../report";
import { canMove, moveEach, moveItem, type ItemChanges, type SyncState, type WorkItem } from "../state";
import type { DrainContext } from "./context";

// How an item's attempt ends: a failure is written at once; the successes of a batch of answers are gathered and
// written together once the batch is handled (links, moves to succeeded, Sync Report lines: a statement each).

type Status = Pick<QbxmlResponse, "statusCode" | "statusMessage">;

/** The context while applying one batch of answers: its successes are written together at the end. */
export interface AnswerContext extends DrainContext {
  settlement: Settlement;
  /** The sync policy, once an answer needed it (server/sync/drain/answers.ts handBackConflict). */
  policy?: Promise<SyncPolicy>;
}

interface Settlement {
  links: LinkValues[];
  /** Exports QuickBooks refused: each moves on (retry, re-read, wait, fail) with a failed attempt's line. */
  refusals: { item: WorkItem; to: SyncState; changes: ItemChanges; outcome: Status }[];
  successes: { item: WorkItem; changes: ItemChanges; outcome: Status }[];
}

/** The context for applying a batch of answers, with nothing settled yet. */
export function answering(ctx: DrainContext): AnswerContext {
  return { ...ctx, settlement: { links: [], refusals: [], successes: [] } };
}

/**
 * Writes a batch's settled answers: links, the moves of refusals and successes (one statement per pair of states), and
 * their Sync Report lines in one insert, the refusals' first, as when each was written at once.
 */
export async function writeSettlement(ctx: AnswerContext): Promise<void> {
  const { links, refusals, successes } = ctx.settlement;
  await saveLinks(ctx.db, links);
  const moves = [...refusals, ...successes.map((success) => ({ ...success, to: "succeeded" as const }))];
  for (const group of groupBy(moves, (move) => `${move.item.state}>${move.to}`).values()) {
    await moveEach(
      ctx.db,
      group[0]!.item.state,
      group[0]!.to,
      group.map(({ item, changes }) => ({ id: item.id, changes })),
      ctx.now,
    );
  }
  await recordAttempts(ctx.db, [
    ...refusals.map(({ item, outcome }) => ({
      item,
      outcome: { sessionId: ctx.sessionId, result: "failed" as const, ...statusFields(outcome), now: ctx.now },
    })),
    ...successes.map(({ item, changes, outcome }) => ({
      item: { ...item, ...changes },
      outcome: { sessionId: ctx.sessionId, result: "successful" as const, ...statusFields(outcome), now: ctx.now },
    })),
  ]);
}

/**
 * Writes the links the batch has settled so far. An import looks up the records it refers to by their links, and
 * one it refers to may have been applied earlier in this batch (a sub-item's category, in the same list).
 */
export async function writeLinksSoFar(ctx: AnswerContext): Promise<void> {
  if (ctx.settlement.links.length === 0) return;
  await saveLinks(ctx.db, ctx.settlement.links);
  ctx.settlement.links.length = 0;
}

/**
 * An export QuickBooks refused: its failed attempt's Sync Report line, and its move on (`to`, with `changes`), written
 * with the rest of the batch. A refusal settled at once (a lookup, an import) uses failItem.
 */
export function refuse(ctx: AnswerContext, item: WorkItem, response: QbxmlResponse, to: SyncState, changes: ItemChanges) {
  if (!canMove(item.state, to)) throw new AppError("CONFLICT", `A sync item cannot go from ${item.state} to ${to}.`);
  ctx.settlement.refusals.push({ item, to, changes, outcome: response });
}

/** QuickBooks' record for the local one, linked when the batch settles. */
export async function linkRecord(ctx: AnswerContext, adapter: EntityAdapter, localId: number, record: QbxmlRecord, localPrint: string) {
  const qbId = adapter.remoteId(record);
  if (!qbId) return;
  const remoteFields = adapter.remoteFields(record);
  await adapter.noteRemote?.(ctx.db, localId, record);
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

/** A success, written with the rest of the batch's. */
export function succeed(ctx: AnswerContext, item: WorkItem, qbId: string | null | undefined, response: Status, extra: ItemChanges = {}) {
  const changes = { ...extra, qbId: qbId ?? null, ...statusFields(response), waitingReason: null, retries: 0, lookupFirst: false };
  ctx.settlement.successes.push({ item, changes, outcome: response });
}

/** A failure, written at once with its Sync Report line. */
export async function failItem(ctx: DrainContext, item: WorkItem, response: QbxmlResponse | null, message: string | null, code?: string) {
  const fields = {
    statusCode: code ?? (response && response.statusCode !== 0 ? String(response.statusCode) : null),
    statusMessage: message ?? response?.statusMessage ?? null,
  };
  const moved = await moveItem(ctx.db, item, "failed", fields, ctx.now);
  await recordAttempt(ctx.db, moved, { sessionId: ctx.sessionId, result: "failed", ...fields, now: ctx.now });
}

export function statusFields(response: Status) {
  return { statusCode: String(response.statusCode), statusMessage: response.statusMessage || null };
}

export function editSequenceOf(record: QbxmlRecord): string | undefined {
  return "editSequence" in record ? record.editSequence : undefined;
}
