import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db";
import { syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { auditedMove } from "./approval";

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
    // Like a cleared candidate, it comes back when the record changes again (its fingerprint then differs).
    const changes = { dismissedReason: reason, dismissedFingerprint: sql`${syncItems.fingerprint}` as unknown as string, readName: false };
    const dismissed = await auditedMove(tx, user, "dismiss_failure", failed, "dismissed", changes, now, `Dismissed the failure: ${reason}`);
    if (dismissed === 0)
      throw new AppError(
        "NOT_FOUND",
        "Those failures are no longer open: they were resynced, linked or dismissed meanwhile. Refresh the page.",
      );
    return { dismissed };
  });
}

export async function restoreFailures(db: Database, rawInput: z.input<typeof restoreFailuresInput>, user: SessionUser, now = new Date()) {
  const { ids } = restoreFailuresInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const dismissed = and(inArray(syncItems.id, ids), eq(syncItems.state, "dismissed"), isNotNull(syncItems.dismissedReason));
    const changes = { dismissedReason: null, dismissedFingerprint: null };
    const restored = await auditedMove(
      tx,
      user,
      "restore",
      dismissed,
      "failed",
      changes,
      now,
      "Restored a dismissed failure to Unsynced Entities",
    );
    if (restored === 0)
      throw new AppError(
        "NOT_FOUND",
        "Nothing to restore: that failure is no longer dismissed (it changed again, or was restored already).",
      );
    return { restored };
  });
}
