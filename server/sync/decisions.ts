import { and, eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import type { BothSides } from "./conflicts/fields";
import type { SyncFields } from "./entities";
import { diffFields, fingerprint } from "./fingerprint";
import { recordAttempt } from "./report";
import { addCandidate, moveItem, RAISABLE_STATES, type ItemChanges, type SyncItem } from "./state";

// What a person's decision on a conflict (server/sync/conflicts/resolution.ts) or a match
// (server/sync/match-resolution.ts) does to the record's sync items.

/** The record's export row, approved: created or raised again as needed, through the state machine's moves. */
export async function approveMergedExport(db: Queryable, pair: BothSides, merged: SyncFields, user: SessionUser, now: Date) {
  const { adapter, local, link } = pair;
  const recordKey = `local:${local.id}`;
  const where = and(eq(syncItems.direction, "export"), eq(syncItems.entityType, adapter.type), eq(syncItems.recordKey, recordKey));
  let [row] = await db.select().from(syncItems).where(where);
  const values = {
    action: "modify" as const,
    localId: local.id,
    qbId: link.qbId,
    label: adapter.label(local),
    diff: JSON.stringify(diffFields(pair.remoteFields, merged)),
    fingerprint: fingerprint(merged),
    remoteEditSequence: pair.remoteEditSequence,
    blockedReason: null,
    heldBy: null,
    dismissedFingerprint: null,
    statusCode: null,
    statusMessage: null,
    waitingReason: null,
    lookupFirst: false,
    retries: 0,
    approvedBy: user.id,
    approvedAt: now,
  };
  row ??= await addCandidate(db, { ...values, direction: "export", entityType: adapter.type, recordKey }, now);
  // Already approved and on its way: it sends the local record as it is then, which is now the merged one.
  if (!RAISABLE_STATES.includes(row.state) && row.state !== "failed") return;
  if (row.state === "dismissed" || row.state === "succeeded") row = await moveItem(db, row, "candidate", {}, now);
  await moveItem(db, row, "pending", values, now);
}

/** Approved and settled at once (candidate → pending → succeeded), with its Sync Report line. */
export async function settle(db: Queryable, item: SyncItem, changes: ItemChanges, message: string, now: Date) {
  const pending = await moveItem(db, item, "pending", changes, now);
  const done = await moveItem(db, pending, "succeeded", { statusCode: "0", statusMessage: message }, now);
  await recordAttempt(db, done, { sessionId: null, result: "successful", statusCode: "0", statusMessage: message, now });
}
