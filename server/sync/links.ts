import { and, eq, inArray, or } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncLinks } from "@/db/schema";
import type { EntityType, SyncFields } from "./entities";

export type SyncLink = typeof syncLinks.$inferSelect;

export async function linksFor(db: Queryable, type: EntityType, localIds: readonly number[]): Promise<Map<number, SyncLink>> {
  if (localIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(syncLinks)
    .where(and(eq(syncLinks.entityType, type), inArray(syncLinks.localId, [...localIds])));
  return new Map(rows.map((row) => [row.localId, row]));
}

export async function linkByQbId(db: Queryable, type: EntityType, qbId: string): Promise<SyncLink | undefined> {
  const [row] = await db.select().from(syncLinks).where(and(eq(syncLinks.entityType, type), eq(syncLinks.qbId, qbId)));
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
  await db
    .delete(syncLinks)
    .where(
      and(
        eq(syncLinks.entityType, values.entityType),
        or(eq(syncLinks.localId, values.localId), eq(syncLinks.qbId, values.qbId)),
      ),
    );
  await db.insert(syncLinks).values({
    entityType: values.entityType,
    localId: values.localId,
    qbId: values.qbId,
    editSequence: values.editSequence ?? null,
    localFingerprint: values.localFingerprint,
    remoteFingerprint: values.remoteFingerprint,
    fields: JSON.stringify(values.remoteFields),
    syncedAt: values.now,
  });
}

export async function dropLink(db: Queryable, type: EntityType, localId: number): Promise<SyncLink | undefined> {
  const [dropped] = await db
    .delete(syncLinks)
    .where(and(eq(syncLinks.entityType, type), eq(syncLinks.localId, localId)))
    .returning();
  return dropped;
}
