import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems } from "@/db/schema";
import { groupBy } from "@/lib/collections";
import type { ConflictField } from "./conflicts/fields";
import type { EntityAdapter } from "./entities";
import type { FieldChange } from "./fingerprint";
import type { Block } from "./policies";
import { addCandidates, moveEach, RAISABLE_STATES, type NewItem, type SyncItem, type SyncState } from "./state";

/** One of several local records a QuickBooks record may be: the person picks one. */
export interface MatchChoice {
  localId: number;
  label: string;
  /** The fields that tell them apart (company, email, phone; a payment's method), in words. */
  detail: string;
}

/**
 * A change proposed to a person in the Sync Wizard: raised by discovery, the conflict policy, matching or the drain's
 * guard, each becoming (or updating) the record's one candidate row.
 */
export interface RaisedCandidate {
  direction: "import" | "export";
  adapter: EntityAdapter;
  recordKey: string;
  action: SyncItem["action"];
  localId: number | null;
  qbId: string | null;
  label: string;
  diff: FieldChange[] | ConflictField[];
  fingerprint: string;
  remoteEditSequence?: string | null;
  /**
   * Set when a sync setting leaves out a record this one needs, or the other side holds its name or number: raised,
   * shown, not approvable.
   */
  blocked?: Block | null;
  /** A match with several local records that may be the QuickBooks one (server/sync/matching.ts). */
  matchChoices?: MatchChoice[] | null;
}

/**
 * Creates each record's candidate, or updates its existing one: never a second row for the same record.
 * A dismissed record comes back only when its fingerprint differs from the one it was dismissed with;
 * a record already approved or on its way is left alone. Returns how many changed; a few statements per call.
 */
export async function raiseCandidates(db: Queryable, candidates: readonly RaisedCandidate[], now: Date): Promise<number> {
  let raised = 0;
  for (const group of groupCandidates(candidates)) {
    const { direction, adapter } = group[0]!;
    const existing = new Map(
      (
        await db
          .select()
          .from(syncItems)
          .where(
            and(
              eq(syncItems.direction, direction),
              eq(syncItems.entityType, adapter.type),
              inArray(
                syncItems.recordKey,
                group.map((candidate) => candidate.recordKey),
              ),
            ),
          )
      ).map((item) => [item.recordKey, item]),
    );
    const inserts: NewItem[] = [];
    const updates = new Map<SyncState, { id: number; changes: Partial<SyncItem> }[]>();
    for (const candidate of group) {
      const values = {
        action: candidate.action,
        localId: candidate.localId,
        qbId: candidate.qbId,
        label: candidate.label,
        diff: JSON.stringify(candidate.diff),
        fingerprint: candidate.fingerprint,
        remoteEditSequence: candidate.remoteEditSequence ?? null,
        blockedReason: candidate.blocked?.reason ?? null,
        heldBy: candidate.blocked?.heldBy ?? null,
        matchChoices: candidate.matchChoices ? JSON.stringify(candidate.matchChoices) : null,
      };
      const item = existing.get(candidate.recordKey);
      if (!item) {
        inserts.push({ ...values, direction, entityType: adapter.type, recordKey: candidate.recordKey });
        continue;
      }
      if (!RAISABLE_STATES.includes(item.state)) continue;
      if (item.state === "dismissed" && item.dismissedFingerprint === candidate.fingerprint) continue;
      if (item.state === "candidate" && item.fingerprint === candidate.fingerprint && item.blockedReason === values.blockedReason) continue;
      const changes = { ...values, dismissedFingerprint: null, dismissedReason: null, statusCode: null, statusMessage: null, retries: 0 };
      updates.set(item.state, [...(updates.get(item.state) ?? []), { id: item.id, changes }]);
    }
    await addCandidates(db, inserts, now);
    for (const [from, moves] of updates) await moveEach(db, from, "candidate", moves, now);
    raised += inserts.length + [...updates.values()].reduce((sum, moves) => sum + moves.length, 0);
  }
  return raised;
}

function groupCandidates(candidates: readonly RaisedCandidate[]): RaisedCandidate[][] {
  return [...groupBy(candidates, (candidate) => `${candidate.direction}:${candidate.adapter.type}`).values()];
}
