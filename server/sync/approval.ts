import { and, between, count, eq, inArray, isNotNull, isNull, lte, max, min, ne, not, notInArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { syncAudit, syncItems, SYNC_ACTIONS, SYNC_ENTITY_TYPES } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { contains } from "@/db/list-query";
import { adapterFor } from "./entities";
import { firstImportDone, settleFirstImport } from "./first-import";
import { dropLink } from "./links";
import { moveItems, withdrawItems, type ItemChanges, type SyncItem, type SyncState } from "./state";

const ids = z.array(z.number().int().positive()).max(100_000);

export const candidateFilter = z.object({
  section: z.enum(["import", "export"]).optional(),
  entityType: z.enum(SYNC_ENTITY_TYPES).optional(),
  action: z.enum(SYNC_ACTIONS).optional(),
  search: z.string().trim().max(100).optional(),
});
export type CandidateFilter = z.output<typeof candidateFilter>;

export const approveInput = z.object({
  /**
   * The ticked candidates: their ids, or "everything matching this filter" except the ids the person unticked
   * (selection across pages).
   */
  checked: z.union([ids, z.object({ filter: candidateFilter, except: ids.optional() })]),
  uncheckedRule: z.enum(["keep", "clear"]),
  /**
   * Which candidates the person saw: Clear Unchecked leaves alone any raised after this moment, and so does
   * approval by filter, so nothing is approved unseen.
   */
  listedAt: z.date().optional(),
  /** The filter the person was looking at: Clear Unchecked dismisses only unchecked candidates inside it (default: all). */
  shown: candidateFilter.optional(),
});
export type ApproveInput = z.input<typeof approveInput>;

export const idsInput = z.object({ ids: ids.min(1, "Choose at least one record.") });

/** The candidates matching a filter, as SQL. */
export function candidateWhere(filter: CandidateFilter): SQL | undefined {
  return and(
    filter.section ? eq(syncItems.direction, filter.section) : undefined,
    filter.entityType ? eq(syncItems.entityType, filter.entityType) : undefined,
    filter.action ? eq(syncItems.action, filter.action) : undefined,
    filter.search ? contains(syncItems.label, filter.search) : undefined,
  );
}

/**
 * Approve Checked: ticked candidates become pending; with Clear Unchecked the others are dismissed until the
 * record changes again. One transaction. Only candidates move, so the same approval twice changes nothing.
 * Until the first import is done, an approval that sends exports is refused (server/sync/first-import.ts).
 */
export async function approveCandidates(db: Database, rawInput: ApproveInput, user: SessionUser, now = new Date()) {
  const input = approveInput.parse(rawInput);
  const seen = input.listedAt ? lte(syncItems.updatedAt, input.listedAt) : undefined;
  // A conflict is never checked: it is approved only by resolving it (server/sync/conflicts/resolution.ts), or
  // cleared; nor is a match with several possible local records, which waits for the person to pick one
  // (server/sync/matching.ts).
  const selected = Array.isArray(input.checked) ? inArray(syncItems.id, input.checked) : checkedByFilter(input.checked, seen);
  const checked = and(ne(syncItems.action, "conflict"), or(ne(syncItems.action, "match"), isNotNull(syncItems.localId)), selected);
  return db.transaction(async (tx) => {
    // A blocked candidate (a record it needs is left out, or its name or number is taken) stays until that changes.
    const toApprove = and(eq(syncItems.state, "candidate"), isNull(syncItems.blockedReason), checked);
    const importing = !(await firstImportDone(tx));
    const exports = importing ? await countItems(tx, and(toApprove, eq(syncItems.direction, "export"))) : 0;
    const approved = await auditedMove(
      tx,
      user,
      "approve",
      toApprove,
      "pending",
      { approvedBy: user.id, approvedAt: now, retries: 0 },
      now,
    );
    let dismissed = 0;
    if (input.uncheckedRule === "clear") {
      const shown = input.shown ? candidateWhere(input.shown) : undefined;
      const unchecked = and(eq(syncItems.state, "candidate"), checked ? not(checked) : undefined, seen, shown);
      // The fingerprint at dismissal: the record shows again only when it differs.
      const changes = { dismissedFingerprint: sql`${syncItems.fingerprint}` as unknown as string };
      dismissed = await auditedMove(tx, user, "dismiss", unchecked, "dismissed", changes, now);
    }
    // Judged after this approval's own imports moved, so imports and exports may be approved together.
    if (importing) await settleFirstImport(tx, { exports, user, now });
    return { approved, dismissed };
  });
}

/** Who the audit log names: a person, or an automatic approval rule in words (id 0). */
export type Actor = Pick<SessionUser, "id" | "name">;

/**
 * An action on every item matching `where`: one audit row each, then the move, in id ranges of a few thousand
 * inside the caller's transaction (one statement over 100,000 rows briefly took some 60 MB more memory).
 */
export async function auditedMove(
  db: Queryable,
  user: Actor,
  action: AuditedAction,
  where: SQL | undefined,
  to: SyncState,
  changes: ItemChanges,
  now: Date,
  /** Why, in the audit log (a dismissed failure's reason). */
  detail: string | null = null,
): Promise<number> {
  const [bounds] = await db
    .select({ low: min(syncItems.id), high: max(syncItems.id) })
    .from(syncItems)
    .where(where);
  if (!bounds?.low || !bounds.high) return 0;
  let moved = 0;
  for (let low = bounds.low; low <= bounds.high; low += MOVE_STEP) {
    const step = and(where, between(syncItems.id, low, low + MOVE_STEP - 1));
    await audit(db, user, action, step, now, detail);
    moved += await moveItems(db, step, to, changes, now);
  }
  return moved;
}

const MOVE_STEP = 5000;
type AuditedAction = "approve" | "dismiss" | "resync" | "dismiss_failure" | "restore";

async function countItems(db: Queryable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(syncItems).where(where);
  return Number(row?.n ?? 0);
}

/** "All matching the filter, except these": the selection of a header checkbox after some rows were unticked. */
function checkedByFilter(selection: { filter: CandidateFilter; except?: number[] }, seen: SQL | undefined): SQL | undefined {
  const except = selection.except?.length ? notInArray(syncItems.id, selection.except) : undefined;
  return and(candidateWhere(selection.filter), except, seen);
}

/** Resync: failed records go back to pending; exports are sent with the local data as it is when sent. */
export async function resyncItems(db: Database, itemIds: number[], user: SessionUser, now = new Date()) {
  return db.transaction(async (tx) => {
    const failed = and(inArray(syncItems.id, itemIds), eq(syncItems.state, "failed"));
    const resynced = await auditedMove(
      tx,
      user,
      "resync",
      failed,
      "pending",
      { retries: 0, approvedBy: user.id, approvedAt: now, waitingReason: null, readName: false },
      now,
    );
    return { resynced };
  });
}

/**
 * Clear ID (admins): forgets the QuickBooks record a local record was linked to, e.g. after it was deleted in
 * QuickBooks (3120). The next export looks the record up by name first, so an existing one is linked, not duplicated.
 */
export async function clearIds(db: Database, itemIds: number[], user: SessionUser, now = new Date()) {
  if (user.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin can clear a QuickBooks ID.");
  return db.transaction(async (tx) => {
    const items = await tx.select().from(syncItems).where(inArray(syncItems.id, itemIds));
    const cleared: { id: number; entityType: (typeof SYNC_ENTITY_TYPES)[number]; localId: number | null }[] = [];
    for (const item of items) {
      if (item.localId === null) continue;
      const dropped = await dropLink(tx, item.entityType, item.localId);
      // A "deleted in QuickBooks" candidate of the dropped record is answered by clearing its ID.
      if (dropped) {
        const deletion = and(
          eq(syncItems.direction, "import"),
          eq(syncItems.entityType, item.entityType),
          eq(syncItems.recordKey, `qb:${dropped.qbId}`),
        );
        await withdrawItems(tx, deletion, ["candidate"]);
      }
      await tx
        .update(syncItems)
        .set({ lookupFirst: item.direction === "export", qbId: null, updatedAt: now })
        .where(eq(syncItems.id, item.id));
      cleared.push({ id: item.id, entityType: item.entityType, localId: item.localId });
      const detail = dropped
        ? `Dropped link to QuickBooks ${adapterFor(item.entityType).idKind === "list" ? "ListID" : "TxnID"} ${dropped.qbId}`
        : "No link to drop";
      await auditLinkDropped(tx, user, item, detail, now);
    }
    return { cleared: cleared.length };
  });
}

/**
 * One audit row per item the action is about to move, written by the database itself (INSERT … SELECT), so
 * approving 50,000 candidates does not carry 50,000 rows through the application. Call it before the move.
 */
async function audit(db: Queryable, user: Actor, action: AuditedAction, items: SQL | undefined, now: Date, detail: string | null) {
  await db.run(sql`
    INSERT INTO ${syncAudit} (at, user_id, user_name, action, sync_item_id, entity_type, local_id, detail)
    SELECT ${now.getTime()}, ${user.id}, ${user.name}, ${action}, ${syncItems.id}, ${syncItems.entityType}, ${syncItems.localId}, ${detail}
    FROM ${syncItems} WHERE ${items ?? sql`1`}`);
}

/**
 * Unlink, the other answer to "deleted in QuickBooks": the local record stays, its link to the deleted
 * QuickBooks record is dropped and the candidate goes. The record is then one found in Ledgerbridge only, so the
 * sync settings decide whether the next run offers it for creating in QuickBooks again.
 */
export async function unlinkDeleted(db: Database, itemIds: number[], user: SessionUser, now = new Date()) {
  return db.transaction(async (tx) => {
    const deletions = and(
      inArray(syncItems.id, itemIds),
      eq(syncItems.state, "candidate"),
      eq(syncItems.direction, "import"),
      eq(syncItems.action, "delete"),
    );
    const items = await tx.select().from(syncItems).where(deletions);
    for (const item of items) {
      if (item.localId !== null) await dropLink(tx, item.entityType, item.localId);
      await auditLinkDropped(
        tx,
        user,
        item,
        `Unlinked from QuickBooks ${item.qbId ?? ""}, which was deleted there; the record stays here`,
        now,
      );
    }
    await withdrawItems(tx, deletions, ["candidate"]);
    return { unlinked: items.length };
  });
}

/** The audit row of a dropped QuickBooks link (Clear ID, Unlink): who, which record, and what was dropped. */
async function auditLinkDropped(
  db: Queryable,
  user: SessionUser,
  item: Pick<SyncItem, "id" | "entityType" | "localId">,
  detail: string,
  now: Date,
) {
  await db.insert(syncAudit).values({
    at: now,
    userId: user.id,
    userName: user.name,
    action: "clear_id",
    syncItemId: item.id,
    entityType: item.entityType,
    localId: item.localId,
    detail,
  });
}
