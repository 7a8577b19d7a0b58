import type { QbxmlRecord, QbxmlResponse } from "@/server/qbxml";
import type { EntityAdapter } from "../entities";
import { fingerprint } from "../fingerprint";
import type { SyncPolicy } from "../policies";
import { saveLinks, type LinkValues } from "../links";
import { recordAttempt, recordAttempts } from "../report";
import { moveEach, moveItem, type ItemChanges, type SyncState, type WorkItem } from "../state";
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
  successes: { item: WorkItem; changes: ItemChanges; outcome: Status }[];
}

/** The context for applying a batch of answers, with nothing settled yet. */
export function answering(ctx: DrainContext): AnswerContext {
  return { ...ctx, settlement: { links: [], successes: [] } };
}

/** Writes a batch's successes: links, the moves to succeeded, and their Sync Report lines. */
export async function writeSettlement(ctx: AnswerContext): Promise<void> {
  const { links, successes } = ctx.settlement;
  await saveLinks(ctx.db, links);
  const byState = new Map<SyncState, Settlement["successes"]>();
  for (const success of successes) byState.set(success.item.state, [...(byState.get(success.item.state) ?? []), success]);
  for (const [from, group] of byState) {
    await moveEach(
      ctx.db,
      from,
      "succeeded",
      group.map(({ item, changes }) => ({ id: item.id, changes })),
      ctx.now,
    );
  }
  await recordAttempts(
    ctx.db,
    successes.map(({ item, changes, outcome }) => ({
      item: { ...item, ...changes },
      outcome: { sessionId: ctx.sessionId, result: "successful" as const, ...statusFields(outcome), now: ctx.now },
    })),
  );
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

/** The Sync Report line of an attempt that failed but is tried again (a retry, a re-read, a wait). */
export async function attemptFailed(ctx: DrainContext, item: WorkItem, response: QbxmlResponse) {
  await recordAttempt(ctx.db, item, { sessionId: ctx.sessionId, result: "failed", ...statusFields(response), now: ctx.now });
}

export function statusFields(response: Status) {
  return { statusCode: String(response.statusCode), statusMessage: response.statusMessage || null };
}

export function editSequenceOf(record: QbxmlRecord): string | undefined {
  return "editSequence" in record ? record.editSequence : undefined;
}
