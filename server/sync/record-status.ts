import { and, asc, eq, inArray, not, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems, syncLinks, users } from "@/db/schema";
import type { Role } from "@/lib/roles";
import { adviceFor, type Advice } from "./advice";
import { adapterFor, type EntityAdapter, type EntityType } from "./entities";
import { linkOfRow, linksFor } from "./links";
import { exportPolicyRules, exportPolicyWhere, loadSyncPolicy, typeSynced, type SyncPolicy } from "./policies";

/**
 * Where a local record stands with QuickBooks, most pressing first: a change QuickBooks refused, one held back, one
 * approved and on its way, one waiting for approval; otherwise in QuickBooks (linked), left out by a setting, cleared
 * by a person, or not in QuickBooks yet (the next run offers it).
 */
export const RECORD_SYNC_STATUSES = [
  "failed",
  "held_back",
  "pending",
  "awaiting_approval",
  "in_quickbooks",
  "not_synced",
  "cleared",
  "not_yet",
] as const;
export type RecordSyncStatus = (typeof RECORD_SYNC_STATUSES)[number];

/** The record types with their own pages or lists here. */
export const SYNCED_RECORD_TYPES = [
  "customer",
  "vendor",
  "item",
  "invoice",
  "payment",
  "purchaseOrder",
  "bill",
  "billPayment",
  "paymentMethod",
  "terms",
  "salesTaxCode",
  "salesTaxItem",
  "salesTaxGroup",
] as const satisfies readonly EntityType[];
export type SyncedRecordType = (typeof SYNCED_RECORD_TYPES)[number];

// A record's sync items (both directions) ranked as the statuses above; the record shows its most pressing one.
const ITEM_RANK = sql<number>`CASE
  WHEN ${syncItems.state} = 'failed' AND ${syncItems.dismissedReason} IS NULL THEN 1
  WHEN ${syncItems.state} = 'waiting' OR (${syncItems.state} = 'candidate' AND ${syncItems.blockedReason} IS NOT NULL) THEN 2
  WHEN ${syncItems.state} IN ('pending', 'in_flight', 'in_doubt', 'retry') THEN 3
  WHEN ${syncItems.state} = 'candidate' THEN 4
  WHEN ${syncItems.state} IN ('dismissed', 'failed') THEN 5
  ELSE 6 END`;

/**
 * Where the rows of one type's table stand, under the sync settings read once: as SQL over that table (a list's
 * filter, `is`) and for given rows (a list's column or a record's page, `of`).
 */
export interface RecordStatusQuery {
  readonly policy: SyncPolicy;
  is(status: RecordSyncStatus): SQL;
  of(ids: readonly number[]): Promise<Map<number, RecordSyncStatus>>;
}

export async function recordStatusQuery(db: Queryable, type: SyncedRecordType): Promise<RecordStatusQuery> {
  const adapter = adapterFor(type);
  const policy = await loadSyncPolicy(db);
  const rank = sql`(SELECT min(${ITEM_RANK}) FROM ${syncItems} WHERE ${syncItems.entityType} = ${type} AND ${syncItems.localId} = ${adapter.table.id})`;
  const linked = sql`EXISTS (SELECT 1 FROM ${syncLinks} WHERE ${syncLinks.entityType} = ${type} AND ${syncLinks.localId} = ${adapter.table.id})`;
  const status = sql<RecordSyncStatus>`CASE ${rank}
    WHEN 1 THEN 'failed' WHEN 2 THEN 'held_back' WHEN 3 THEN 'pending' WHEN 4 THEN 'awaiting_approval'
    ELSE CASE
      WHEN ${linked} THEN 'in_quickbooks'
      WHEN NOT (${allowedToSync(db, policy, adapter)}) THEN 'not_synced'
      WHEN ${rank} = 5 THEN 'cleared'
      ELSE 'not_yet' END
    END`;
  return {
    policy,
    is: (wanted) => sql`${status} = ${wanted}`,
    async of(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: adapter.table.id, status })
        .from(adapter.table)
        .where(inArray(adapter.table.id, [...ids]));
      return new Map(rows.map((row) => [row.id as number, row.status]));
    },
  };
}

/** Unlinked rows the settings would send: the adapter's scope and every export rule. */
function allowedToSync(db: Queryable, policy: SyncPolicy, adapter: EntityAdapter): SQL {
  if (!typeSynced(policy, adapter.type)) return sql`0`;
  const allowed = db
    .select({ id: adapter.table.id })
    .from(adapter.table)
    .leftJoin(syncLinks, linkOfRow(adapter))
    .where(and(adapter.scope, exportPolicyWhere(policy, adapter)));
  // Inside the subquery the table's name means the subquery's own row, so this is not correlated: SQLite reads it once.
  return inArray(adapter.table.id, allowed);
}

/** A record's page: where it stands, with its QuickBooks ID, the change under way or refused, and why. */
export interface RecordSyncState {
  status: RecordSyncStatus;
  /** ListID or TxnID when linked. */
  quickBooksId: string | null;
  syncedAt: Date | null;
  change: {
    itemId: number;
    direction: "import" | "export";
    action: string;
    statusCode: string | null;
    statusMessage: string | null;
    approvedBy: string | null;
    approvedAt: Date | null;
    since: Date;
  } | null;
  /** Why it is held back, left out or cleared, in a sentence. */
  reason: string | null;
  /** For a failure: what it means and what to do, as on Unsynced Entities. */
  advice: Advice | null;
}

export async function recordSyncState(db: Queryable, type: SyncedRecordType, id: number, role: Role): Promise<RecordSyncState> {
  const query = await recordStatusQuery(db, type);
  const status = (await query.of([id])).get(id);
  if (status === undefined) throw new Error(`No ${type} ${id}.`);
  const link = (await linksFor(db, type, [id])).get(id);
  const [item] = await db
    .select({ item: syncItems, approvedBy: users.name })
    .from(syncItems)
    .leftJoin(users, eq(users.id, syncItems.approvedBy))
    .where(and(eq(syncItems.entityType, type), eq(syncItems.localId, id), sql`${ITEM_RANK} <= 5`))
    .orderBy(asc(ITEM_RANK), asc(syncItems.id))
    .limit(1);
  const shown = item && status !== "in_quickbooks" && status !== "not_synced" && status !== "not_yet" ? item : undefined;
  const change = shown
    ? {
        itemId: shown.item.id,
        direction: shown.item.direction,
        action: shown.item.action,
        statusCode: shown.item.statusCode,
        statusMessage: shown.item.statusMessage,
        approvedBy: shown.approvedBy,
        approvedAt: shown.item.approvedAt,
        since: shown.item.updatedAt,
      }
    : null;
  return {
    status,
    quickBooksId: link?.qbId ?? null,
    syncedAt: link?.syncedAt ?? null,
    change,
    reason: await reasonFor(db, query.policy, type, id, status, shown?.item),
    advice: status === "failed" && shown ? adviceFor({ ...shown.item, entityType: type }, role) : null,
  };
}

async function reasonFor(
  db: Queryable,
  policy: SyncPolicy,
  type: SyncedRecordType,
  id: number,
  status: RecordSyncStatus,
  item: typeof syncItems.$inferSelect | undefined,
): Promise<string | null> {
  if (status === "held_back") return item?.blockedReason ?? item?.waitingReason ?? null;
  if (status === "cleared") {
    return item?.dismissedReason
      ? `Its failure was dismissed from Unsynced Entities: ${item.dismissedReason}`
      : "It was unchecked and cleared in the Sync Wizard: it shows there again when it changes.";
  }
  if (status === "not_synced") return leftOutBecause(db, policy, type, id);
  return null;
}

/** Which setting keeps an unlinked record here: the first rule it fails, in words. */
async function leftOutBecause(db: Queryable, policy: SyncPolicy, type: SyncedRecordType, id: number): Promise<string> {
  const adapter = adapterFor(type);
  if (!typeSynced(policy, type)) return `${capitalised(adapter.noun)}s are switched off in the sync settings.`;
  const fails = async (condition: SQL) => {
    const [row] = await db
      .select({ id: adapter.table.id })
      .from(adapter.table)
      .leftJoin(syncLinks, linkOfRow(adapter))
      .where(and(eq(adapter.table.id, id), condition))
      .limit(1);
    return row !== undefined;
  };
  for (const kept of adapter.keptHere ?? []) if (await fails(kept.rows)) return kept.reason;
  for (const rule of exportPolicyRules(policy, adapter)) if (await fails(not(rule.allows))) return rule.keepsOthers;
  return "The sync settings leave it out.";
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
