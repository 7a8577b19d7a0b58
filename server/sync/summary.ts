import { and, count, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { appSettings, syncItems, syncLinks } from "@/db/schema";
import { readSetting, writeSetting } from "@/server/settings";
import { ADAPTERS, type EntityType } from "./entities";
import { exportPolicyWhere, loadSyncPolicy, typeSynced } from "./policies";
import { SYNC_SETTINGS_KEY } from "./settings";

export interface TypeSummary {
  type: EntityType;
  noun: string;
  synced: boolean;
  /**
   * Local records the settings let through; of those, how many QuickBooks does not have yet (never linked), and how
   * many changed here wait in the wizard as export changes.
   */
  ledgerbridge: { inScope: number; notInQuickBooks: number; changed: number };
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
 * Summary counts before a sync: per record type, what each side holds under the current settings.
 * Ledgerbridge's side is counted now; QuickBooks' side is known only from what a run found when it looked.
 */
export async function syncSummary(db: Queryable): Promise<SyncSummary> {
  const policy = await loadSyncPolicy(db);
  const found = await candidatesFound(db, "import");
  const changed = await candidatesFound(db, "export", "modify");
  const types: TypeSummary[] = [];
  for (const adapter of ADAPTERS) {
    const synced = typeSynced(policy, adapter.type);
    const local = synced ? await localCounts(db, adapter, exportPolicyWhere(policy, adapter)) : { inScope: 0, notInQuickBooks: 0 };
    types.push({
      type: adapter.type,
      noun: adapter.noun,
      synced,
      ledgerbridge: { ...local, changed: synced ? (changed.get(adapter.type) ?? 0) : 0 },
      quickBooks: { found: synced ? (found.get(adapter.type) ?? 0) : 0 },
    });
  }
  const countedAt = await lastFullRead(db);
  const [settings] = await db.select({ updatedAt: appSettings.updatedAt }).from(appSettings).where(eq(appSettings.key, SYNC_SETTINGS_KEY));
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
  // A record in an open match is in QuickBooks already, only not linked yet: it is not counted as missing there.
  const inMatch = sql`exists (select 1 from ${syncItems} where ${syncItems.direction} = 'import' and ${syncItems.entityType} = ${adapter.type}
    and ${syncItems.action} = 'match' and ${syncItems.localId} = ${adapter.table.id} and ${syncItems.state} in ('candidate', 'pending', 'in_flight', 'waiting'))`;
  return { inScope: await countWhere(undefined), notInQuickBooks: await countWhere(and(isNull(syncLinks.id), sql`not ${inMatch}`)) };
}

/** Candidates and approved items per type in one direction (of one action), as the last look found them. */
async function candidatesFound(db: Queryable, direction: "import" | "export", action?: "modify"): Promise<Map<EntityType, number>> {
  const rows = await db
    .select({ type: syncItems.entityType, n: count() })
    .from(syncItems)
    .where(
      and(
        eq(syncItems.direction, direction),
        inArray(syncItems.state, ["candidate", "pending", "waiting"]),
        action ? eq(syncItems.action, action) : undefined,
      ),
    )
    .groupBy(syncItems.entityType);
  return new Map(rows.map((row) => [row.type, row.n]));
}

const LAST_FULL_READ = "sync.lastFullRead";

/** Called by the engine when a run has read every QuickBooks list without an error: the summary's "counted at". */
export async function markFullRead(db: Queryable, now: Date): Promise<void> {
  await writeSetting(db, LAST_FULL_READ, now.toISOString());
}

async function lastFullRead(db: Queryable): Promise<Date | null> {
  const stored = await readSetting<string>(db, LAST_FULL_READ);
  return stored ? new Date(stored) : null;
}
