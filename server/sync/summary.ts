import { and, count, desc, eq, gt, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { appSettings, qbwcSessions, syncItems, syncLinks } from "@/db/schema";
import { ADAPTERS, type EntityType } from "./entities";
import { exportPolicyWhere, loadSyncPolicy, typeSynced } from "./policies";

export interface TypeSummary {
  type: EntityType;
  noun: string;
  synced: boolean;
  /** Local records the settings let through, and how many of them are new or changed since their last sync. */
  ledgerbridge: { inScope: number; toSend: number };
  /** QuickBooks records the last run found new or changed (import candidates and approved imports). */
  quickBooks: { found: number };
}

export interface SyncSummary {
  types: TypeSummary[];
  /** When QuickBooks was last read in full by a completed run; null before one has. */
  countedAt: Date | null;
  /** The settings changed after that run: QuickBooks' figures are recounted during the next run. */
  stale: boolean;
}

/**
 * Summary counts before a sync (policy 5): per record type, what each side holds under the current settings.
 * Ledgerbridge's side is counted now; QuickBooks' side is known only from what a run found when it looked.
 */
export async function syncSummary(db: Queryable): Promise<SyncSummary> {
  const policy = await loadSyncPolicy(db);
  const found = await importsFound(db);
  const types: TypeSummary[] = [];
  for (const adapter of ADAPTERS) {
    const synced = typeSynced(policy, adapter.type);
    const local = synced ? await localCounts(db, adapter, exportPolicyWhere(policy, adapter)) : { inScope: 0, toSend: 0 };
    types.push({ type: adapter.type, noun: adapter.noun, synced, ledgerbridge: local, quickBooks: { found: synced ? (found.get(adapter.type) ?? 0) : 0 } });
  }
  const [lastRun] = await db
    .select({ endedAt: qbwcSessions.endedAt })
    .from(qbwcSessions)
    .where(eq(qbwcSessions.status, "completed"))
    .orderBy(desc(qbwcSessions.endedAt))
    .limit(1);
  const [settings] = await db.select({ updatedAt: appSettings.updatedAt }).from(appSettings).where(eq(appSettings.key, "sync.settings"));
  const countedAt = lastRun?.endedAt ?? null;
  return { types, countedAt, stale: countedAt === null || (settings !== undefined && settings.updatedAt > countedAt) };
}

async function localCounts(db: Queryable, adapter: (typeof ADAPTERS)[number], policyWhere: SQL | undefined) {
  const countWhere = async (where: SQL | undefined) => {
    const [row] = await db
      .select({ n: count() })
      .from(adapter.table)
      .leftJoin(syncLinks, and(eq(syncLinks.entityType, adapter.type), eq(syncLinks.localId, adapter.table.id)))
      .where(and(adapter.scope, policyWhere, where));
    return row?.n ?? 0;
  };
  // "To send" is what export discovery would look at: never linked, or changed since the last sync.
  return { inScope: await countWhere(undefined), toSend: await countWhere(or(isNull(syncLinks.id), gt(adapter.table.updatedAt, syncLinks.syncedAt))) };
}

async function importsFound(db: Queryable): Promise<Map<EntityType, number>> {
  const rows = await db
    .select({ type: syncItems.entityType, n: count() })
    .from(syncItems)
    .where(and(eq(syncItems.direction, "import"), inArray(syncItems.state, ["candidate", "pending", "waiting"])))
    .groupBy(syncItems.entityType);
  return new Map(rows.map((row) => [row.type, row.n]));
}
