import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import { insertRows } from "@/db/bulk";
import { syncLinks } from "@/db/schema";
import type { EntityAdapter, EntityType, SyncFields } from "./entities/types";

export type SyncLink = typeof syncLinks.$inferSelect;

/** Joins a local table to its records' links: the condition of a left join from the adapter's table. */
export function linkOfRow(adapter: EntityAdapter) {
  return and(eq(syncLinks.entityType, adapter.type), eq(syncLinks.localId, adapter.table.id));
}

export async function linksFor(db: Queryable, type: EntityType, localIds: readonly number[]): Promise<Map<number, SyncLink>> {
  if (localIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(syncLinks)
    .where(and(eq(syncLinks.entityType, type), inArray(syncLinks.localId, [...localIds])));
  return new Map(rows.map((row) => [row.localId, row]));
}

export async function linksByQbId(db: Queryable, type: EntityType, qbIds: readonly string[]): Promise<Map<string, SyncLink>> {
  if (qbIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(syncLinks)
    .where(and(eq(syncLinks.entityType, type), inArray(syncLinks.qbId, [...qbIds])));
  return new Map(rows.map((row) => [row.qbId, row]));
}

export async function linkByQbId(db: Queryable, type: EntityType, qbId: string): Promise<SyncLink | undefined> {
  const [row] = await db
    .select()
    .from(syncLinks)
    .where(and(eq(syncLinks.entityType, type), eq(syncLinks.qbId, qbId)));
  return row;
}

export interface LinkValues {
  entityType: EntityType;
  localId: number;
  qbId: string;
  editSequence: string | undefined;
  localFingerprint: string;
  remoteFingerprint: string;
  remoteFields: SyncFields;
  now: Date;
}

/** Links a local record to its QuickBooks record, replacing any older link of either side. */
export async function saveLink(db: Queryable, values: LinkValues): Promise<void> {
  await saveLinks(db, [values]);
}

/**
 * saveLink for many records in one statement per type; when two values claim one record, the later wins. INSERT OR
 * REPLACE deletes the older link of either side (each a unique index) as it inserts the new one.
 */
export async function saveLinks(db: Queryable, values: readonly LinkValues[]): Promise<void> {
  if (values.length === 0) return;
  for (const type of new Set(values.map((value) => value.entityType))) {
    const byLocal = new Map<number, LinkValues>();
    const byQbId = new Map<string, LinkValues>();
    for (const value of values) {
      if (value.entityType !== type) continue;
      byLocal.set(value.localId, value);
      byQbId.set(value.qbId, value);
    }
    const rows = [...byLocal.values()].filter((value) => byQbId.get(value.qbId) === value);
    await insertRows(
      db,
      syncLinks,
      rows.map((value) => ({
        entityType: value.entityType,
        localId: value.localId,
        qbId: value.qbId,
        editSequence: value.editSequence ?? null,
        localFingerprint: value.localFingerprint,
        remoteFingerprint: value.remoteFingerprint,
        fields: JSON.stringify(value.remoteFields),
        syncedAt: value.now,
      })),
      "replace",
    );
  }
}

export async function dropLink(db: Queryable, type: EntityType, localId: number): Promise<SyncLink | undefined> {
  const [dropped] = await db
    .delete(syncLinks)
    .where(and(eq(syncLinks.entityType, type), eq(syncLinks.localId, localId)))
    .returning();
  return dropped;
}
