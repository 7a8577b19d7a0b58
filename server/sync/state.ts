import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { updateRows } from "@/db/bulk";
import { syncItems, SYNC_STATES } from "@/db/schema";
import { AppError } from "@/server/errors";

export type SyncState = (typeof SYNC_STATES)[number];
export type SyncItem = typeof syncItems.$inferSelect;

/** The columns the drain works with: a row of sync_items without its diff and bookkeeping reads much faster. */
export const WORK_COLUMNS = {
  id: syncItems.id,
  direction: syncItems.direction,
  entityType: syncItems.entityType,
  action: syncItems.action,
  state: syncItems.state,
  localId: syncItems.localId,
  qbId: syncItems.qbId,
  label: syncItems.label,
  fingerprint: syncItems.fingerprint,
  retries: syncItems.retries,
  approvedBy: syncItems.approvedBy,
};
export type WorkItem = Pick<SyncItem, keyof typeof WORK_COLUMNS>;
export type ItemChanges = Partial<Omit<SyncItem, "id" | "state" | "direction" | "entityType" | "recordKey" | "createdAt">>;

/**
 * The life of a sync item, in one place:
 *
 *   candidate ──approve──▶ pending ──sent──▶ in_flight ──0/Warn──▶ succeeded ──changes again──▶ candidate
 *       │                   ▲  │                 │ ├──error──▶ failed ──resync──▶ pending
 *   Clear Unchecked          │  └─parent unsynced─▶ waiting (also 3140) ──next run──▶ pending
 *       ▼                    │                   │ ├──3175/3180──▶ retry ──next run──▶ pending (limited)
 *   dismissed ──changes──▶ candidate              │ └──3200──▶ pending (re-read first, once)
 *                                                 └──no answer──▶ in_doubt ──looked up──▶ succeeded | pending
 *   in_flight import, or an export looked up ──the other side changed after approval──▶ candidate (a conflict to
 *   decide: nothing is overwritten unseen)
 *   failed ──dismissed with a reason──▶ dismissed ──restored──▶ failed (or ──changes again──▶ candidate)
 */
const MOVES: Record<SyncState, readonly SyncState[]> = {
  candidate: ["candidate", "pending", "dismissed"],
  dismissed: ["candidate", "failed"],
  pending: ["in_flight", "waiting", "succeeded", "pending", "failed", "candidate"],
  waiting: ["pending"],
  in_flight: ["succeeded", "failed", "retry", "waiting", "pending", "in_doubt", "candidate"],
  in_doubt: ["pending", "succeeded", "failed", "candidate"],
  retry: ["pending"],
  succeeded: ["candidate"],
  failed: ["pending", "candidate", "dismissed"],
};

/** States a record may be raised again from by discovery: anything not already on its way to QuickBooks. */
export const RAISABLE_STATES: readonly SyncState[] = ["candidate", "dismissed", "succeeded"];
/** States that stop a child from being sent while its parent is in them. */
export const UNSETTLED_STATES: readonly SyncState[] = ["candidate", "pending", "waiting", "in_flight", "in_doubt", "retry", "failed"];

export function canMove(from: SyncState, to: SyncState): boolean {
  return MOVES[from].includes(to);
}

/** The states an item may be in to move to `to`. */
export function statesBefore(to: SyncState): SyncState[] {
  return SYNC_STATES.filter((from) => canMove(from, to));
}

/** Moves one item, refusing a move the table above does not allow and an item that moved meanwhile. */
export async function moveItem(db: Queryable, item: Pick<SyncItem, "id" | "state">, to: SyncState, changes: ItemChanges = {}, now = new Date()) {
  if (!canMove(item.state, to)) {
    throw new AppError("CONFLICT", `A sync item cannot go from ${item.state} to ${to}.`);
  }
  const moved = await db
    .update(syncItems)
    .set({ ...changes, state: to, updatedAt: now })
    .where(and(inArray(syncItems.id, [item.id]), inArray(syncItems.state, [item.state])))
    .returning();
  if (moved.length === 0) throw new AppError("CONFLICT", "That sync item changed meanwhile. Refresh and try again.");
  return moved[0]!;
}

/**
 * Moves every item matching `where` that is in a state allowed to reach `to`; items in other states are left
 * alone, which makes repeated requests (a double click) change nothing the second time. Returns how many moved
 * (a count, not the rows: approving 100,000 candidates must not read them all back).
 */
export async function moveItems(db: Queryable, where: SQL | undefined, to: SyncState, changes: ItemChanges = {}, now = new Date()): Promise<number> {
  const result = await db
    .update(syncItems)
    .set({ ...changes, state: to, updatedAt: now })
    .where(and(where, inArray(syncItems.state, statesBefore(to))));
  return result.rowsAffected;
}

/**
 * Moves many items from one state to `to`, each with its own changes, in one statement: a batch of answers
 * from QuickBooks settles in one write instead of one per record. Refuses like moveItem.
 */
export async function moveEach(db: Queryable, from: SyncState, to: SyncState, moves: readonly { id: number; changes: ItemChanges }[], now = new Date()) {
  if (moves.length === 0) return;
  if (!canMove(from, to)) throw new AppError("CONFLICT", `A sync item cannot go from ${from} to ${to}.`);
  const moved = await updateRows(
    db,
    syncItems,
    new Map(moves.map((move) => [move.id, move.changes])),
    { state: to, updatedAt: now },
    inArray(syncItems.state, [from]),
  );
  if (moved.length !== moves.length) throw new AppError("CONFLICT", "Sync items changed meanwhile. Refresh and try again.");
}

