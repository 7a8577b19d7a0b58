import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
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
type WorkRow = Pick<SyncItem, keyof typeof WORK_COLUMNS>;
/** An export is always of a local record; an import has one only once it is linked (an Add has none yet). */
export type ExportItem = WorkRow & { direction: "export"; localId: number };
export type ImportItem = WorkRow & { direction: "import" };
export type WorkItem = ExportItem | ImportItem;
export type ItemChanges = Partial<Omit<SyncItem, "id" | "state" | "direction" | "entityType" | "recordKey" | "createdAt">>;
/** A new sync item: what discovery (or a resolution) raises; it is born a candidate. */
export type NewItem = Omit<typeof syncItems.$inferInsert, "id" | "state" | "createdAt" | "updatedAt">;

/** A row read with WORK_COLUMNS, typed by its direction. */
export function workItem(row: WorkRow): WorkItem {
  if (row.direction === "import") return { ...row, direction: "import" };
  if (row.localId === null) throw new Error(`Sync item ${row.id} is an export without a local record.`);
  return { ...row, direction: "export", localId: row.localId };
}

export function isExport(item: WorkItem): item is ExportItem {
  return item.direction === "export";
}

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
 *   (new) ──raised by discovery or a resolution──▶ candidate
 *   candidate, dismissed, failed ──gives way (a link, a match, the conflict policy, a setting)──▶ withdrawn: the row goes
 *   pending Add ──the drain finds QuickBooks' record, differing──▶ withdrawn, and a Match candidate takes its place
 */
type Move = SyncState | "withdrawn";
const MOVES: Record<SyncState, readonly Move[]> = {
  candidate: ["candidate", "pending", "dismissed", "withdrawn"],
  dismissed: ["candidate", "failed", "withdrawn"],
  pending: ["in_flight", "waiting", "succeeded", "pending", "failed", "candidate", "withdrawn"],
  waiting: ["pending"],
  in_flight: ["succeeded", "failed", "retry", "waiting", "pending", "in_doubt", "candidate"],
  in_doubt: ["pending", "succeeded", "failed", "candidate"],
  retry: ["pending"],
  succeeded: ["candidate"],
  failed: ["pending", "candidate", "dismissed", "withdrawn"],
};

/** States a record may be raised again from by discovery: anything not already on its way to QuickBooks. */
export const RAISABLE_STATES: readonly SyncState[] = ["candidate", "dismissed", "succeeded"];
/** States that stop a child from being sent while its parent is in them. */
export const UNSETTLED_STATES: readonly SyncState[] = ["candidate", "pending", "waiting", "in_flight", "in_doubt", "retry", "failed"];

export function canMove(from: SyncState, to: Move): boolean {
  return MOVES[from].includes(to);
}

/** The states an item may be in to move to `to`. */
export function statesBefore(to: Move): SyncState[] {
  return SYNC_STATES.filter((from) => canMove(from, to));
}

/** Moves one item, refusing a move the table above does not allow and an item that moved meanwhile. */
export async function moveItem(
  db: Queryable,
  item: Pick<SyncItem, "id" | "state">,
  to: SyncState,
  changes: ItemChanges = {},
  now = new Date(),
) {
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
export async function moveItems(
  db: Queryable,
  where: SQL | undefined,
  to: SyncState,
  changes: ItemChanges = {},
  now = new Date(),
): Promise<number> {
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
export async function moveEach(
  db: Queryable,
  from: SyncState,
  to: SyncState,
  moves: readonly { id: number; changes: ItemChanges }[],
  now = new Date(),
  /** Changes every item takes, an SQL expression of its own row allowed. */
  shared: Record<string, unknown> = {},
) {
  if (moves.length === 0) return;
  if (!canMove(from, to)) throw new AppError("CONFLICT", `A sync item cannot go from ${from} to ${to}.`);
  const moved = await updateRows(
    db,
    syncItems,
    new Map(moves.map((move) => [move.id, move.changes])),
    { ...shared, state: to, updatedAt: now },
    inArray(syncItems.state, [from]),
  );
  if (moved.length !== moves.length) throw new AppError("CONFLICT", "Sync items changed meanwhile. Refresh and try again.");
}

/**
 * A batch going to QuickBooks: each of its approved items in flight under this session, one attempt more, with what
 * an export sends (its fingerprint becomes the link's when QuickBooks confirms; its name shows in the Sync Report).
 */
export async function sendBatch(
  db: Queryable,
  sessionId: number,
  items: readonly { id: number; changes: Pick<ItemChanges, "fingerprint" | "label"> }[],
  now: Date,
): Promise<void> {
  const shared = { sessionId, waitingReason: null, attempts: sql`${syncItems.attempts} + 1` };
  await moveEach(db, "pending", "in_flight", items, now, shared);
}

/**
 * Withdraws the items matching `where` that are in one of `from`: their rows go, as proposals nobody needs any more
 * or items that gave way to another. `from` says which states the caller means; each must be one the table above lets
 * go. Returns how many went.
 */
export async function withdrawItems(db: Queryable, where: SQL | undefined, from: readonly SyncState[]): Promise<number> {
  const refused = from.filter((state) => !canMove(state, "withdrawn"));
  if (refused.length > 0) throw new AppError("CONFLICT", `A sync item cannot be withdrawn while ${refused.join(" or ")}.`);
  const result = await db.delete(syncItems).where(and(where, inArray(syncItems.state, [...from])));
  return result.rowsAffected;
}

/** Withdraws one item, refusing like moveItem. */
export async function withdrawItem(db: Queryable, item: Pick<SyncItem, "id" | "state">): Promise<void> {
  const withdrawn = await withdrawItems(db, eq(syncItems.id, item.id), [item.state]);
  if (withdrawn === 0) throw new AppError("CONFLICT", "That sync item changed meanwhile. Refresh and try again.");
}

/** New items, each born a candidate; many in one statement. */
export async function addCandidates(db: Queryable, items: readonly NewItem[], now: Date): Promise<void> {
  if (items.length > 0) await db.insert(syncItems).values(items.map((item) => born(item, now)));
}

/** One new item, born a candidate, as stored. */
export async function addCandidate(db: Queryable, item: NewItem, now: Date): Promise<SyncItem> {
  const [added] = await db.insert(syncItems).values(born(item, now)).returning();
  return added!;
}

function born(item: NewItem, now: Date): typeof syncItems.$inferInsert {
  return { ...item, state: "candidate", createdAt: now, updatedAt: now };
}
