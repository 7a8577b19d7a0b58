import { and, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { syncAudit, syncItems } from "@/db/schema";
import type { SessionUser } from "@/server/auth/roles";
import { AppError } from "@/server/errors";
import { moveItems } from "./state";

/**
 * Unsynced Entities can reach zero: a failure that will never succeed (a payment method QuickBooks will not let
 * another program change, a record nobody wants in QuickBooks) is dismissed with a reason, in the audit log, and can
 * be restored from there or from the Dismissed filter. A dismissed record comes back by itself when it changes again.
 */

export const dismissFailuresInput = z.object({
  ids: z.array(z.number().int().positive()).min(1, "Choose at least one record.").max(1000),
  reason: z.string().trim().min(3, "Say why, in a few words: the audit log keeps it.").max(500),
});
export const restoreFailuresInput = z.object({ ids: z.array(z.number().int().positive()).min(1, "Choose at least one record.").max(1000) });

export async function dismissFailures(db: Database, rawInput: z.input<typeof dismissFailuresInput>, user: SessionUser, now = new Date()) {
  const { ids, reason } = dismissFailuresInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const failed = and(inArray(syncItems.id, ids), eq(syncItems.state, "failed"));
    await audit(tx, user, "dismiss_failure", failed, `Dismissed the failure: ${reason}`, now);
    // Like a cleared candidate, it comes back when the record changes again (its fingerprint then differs).
    const dismissed = await moveItems(tx, failed, "dismissed", { dismissedReason: reason, dismissedFingerprint: sql`${syncItems.fingerprint}` as unknown as string, readName: false }, now);
    if (dismissed === 0) throw new AppError("NOT_FOUND", "Those failures are no longer open: they were resynced, linked or dismissed meanwhile. Refresh the page.");
    return { dismissed };
  });
}

export async function restoreFailures(db: Database, rawInput: z.input<typeof restoreFailuresInput>, user: SessionUser, now = new Date()) {
  const { ids } = restoreFailuresInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const dismissed = and(inArray(syncItems.id, ids), eq(syncItems.state, "dismissed"), isNotNull(syncItems.dismissedReason));
    await audit(tx, user, "restore", dismissed, "Restored a dismissed failure to Unsynced Entities", now);
    const restored = await moveItems(tx, dismissed, "failed", { dismissedReason: null, dismissedFingerprint: null }, now);
    if (restored === 0) throw new AppError("NOT_FOUND", "Nothing to restore: that failure is no longer dismissed (it changed again, or was restored already).");
    return { restored };
  });
}

async function audit(db: Queryable, user: SessionUser, action: "dismiss_failure" | "restore", where: SQL | undefined, detail: string, now: Date) {
  await db.run(sql`
    INSERT INTO ${syncAudit} (at, user_id, user_name, action, sync_item_id, entity_type, local_id, detail)
    SELECT ${now.getTime()}, ${user.id}, ${user.name}, ${action}, ${syncItems.id}, ${syncItems.entityType}, ${syncItems.localId}, ${detail}
    FROM ${syncItems} WHERE ${where ?? sql`0`}`);
}
