import type { Queryable } from "@/db";
import { syncAttempts } from "@/db/schema";
import type { SyncItem } from "./state";

export interface AttemptOutcome {
  sessionId: number | null;
  result: "successful" | "failed";
  statusCode: string | null;
  statusMessage: string | null;
  now: Date;
}

/** Writes one Sync Report line for an attempt on the item. */
export async function recordAttempt(db: Queryable, item: SyncItem, outcome: AttemptOutcome): Promise<void> {
  await db.insert(syncAttempts).values({
    at: outcome.now,
    sessionId: outcome.sessionId,
    syncItemId: item.id,
    direction: item.direction,
    entityType: item.entityType,
    localId: item.localId,
    qbId: item.qbId,
    label: item.label,
    action: item.action,
    result: outcome.result,
    statusCode: outcome.statusCode,
    statusMessage: outcome.statusMessage,
    approvedBy: item.approvedBy,
  });
}
