import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems } from "@/db/schema";
import type { RaisedCandidate } from "../candidates";
import type { EntityAdapter, LocalRecordOf, SyncFields } from "../entities";
import { diffFields, fingerprint } from "../fingerprint";
import { saveLink, type SyncLink } from "../links";
import { exportBlocks, type SyncPolicy } from "../policies";
import { RAISABLE_STATES, withdrawItem, withdrawItems } from "../state";
import { conflictFields, conflictPrint, linkValues, quickBooksVersion, type BothSides } from "./fields";

/**
 * Conflicts: a linked record changed on both sides since the last sync. The sync setting
 * decides: "ask" raises one conflict candidate (the import row, action "conflict") and no export beside it;
 * "quickbooks" raises the import and withdraws the export; "ledgerbridge" raises the export, sent as a Mod on
 * QuickBooks' current EditSequence. A person resolves a conflict field by field (./resolution.ts) or clears it.
 */

/** Both sides moved away from the last sync, and they do not agree. Lists QuickBooks will not let us change stay out. */
export function changedOnBothSides(adapter: EntityAdapter, link: SyncLink, localPrint: string, remotePrint: string): boolean {
  return adapter.canModify && localPrint !== link.localFingerprint && remotePrint !== link.remoteFingerprint && localPrint !== remotePrint;
}

/**
 * Import discovery found records changed on both sides: the candidates the conflict policy calls for. A record
 * whose export someone already approved goes as approved; QuickBooks' change is then an ordinary import candidate.
 */
export async function conflictCandidates(db: Queryable, policy: SyncPolicy, found: readonly BothSides[]): Promise<RaisedCandidate[]> {
  if (found.length === 0) return [];
  const { adapter } = found[0]!;
  const onItsWay = await exportsOnTheirWay(
    db,
    adapter,
    found.map((pair) => pair.local.id),
  );
  const { conflictPolicy } = policy.settings;
  const candidates: RaisedCandidate[] = [];
  const exporting: BothSides[] = [];
  for (const pair of found) {
    if (conflictPolicy === "ledgerbridge") {
      await takeRemoteVersion(db, pair);
      await withdrawCandidate(db, pair, "import");
      if (onItsWay.has(pair.local.id)) continue;
      // Raised again from QuickBooks' current version: what the Mod changes there.
      await withdrawCandidate(db, pair, "export");
      exporting.push(pair);
      continue;
    }
    if (conflictPolicy === "ask" && !onItsWay.has(pair.local.id)) {
      await withdrawCandidate(db, pair, "export");
      candidates.push(conflictCandidate(pair));
      continue;
    }
    if (conflictPolicy === "quickbooks") await withdrawCandidate(db, pair, "export");
    candidates.push(importCandidate(pair));
  }
  return [...candidates, ...(await exportCandidates(db, policy, exporting))];
}

/**
 * Export discovery, before it raises a chunk of changed local records: those QuickBooks changed too (an import or
 * conflict candidate waits for them) are settled by the conflict policy. Returns the records export discovery
 * must leave alone and the import-side candidates to raise. With "ledgerbridge", `links` is updated in place to
 * QuickBooks' current version, so the export's diff and Mod start from it.
 */
export async function settleLocalConflicts(
  db: Queryable,
  policy: SyncPolicy,
  adapter: EntityAdapter,
  locals: readonly LocalRecordOf[],
  links: Map<number, SyncLink>,
  now: Date,
): Promise<{ held: Set<number>; candidates: RaisedCandidate[] }> {
  const held = new Set<number>();
  const candidates: RaisedCandidate[] = [];
  const linked = locals.filter((local) => links.has(local.id));
  if (!adapter.canModify || linked.length === 0) return { held, candidates };
  const rows = await db
    .select()
    .from(syncItems)
    .where(
      and(
        eq(syncItems.direction, "import"),
        eq(syncItems.entityType, adapter.type),
        inArray(
          syncItems.localId,
          linked.map((local) => local.id),
        ),
        inArray(syncItems.state, ["candidate", "dismissed"]),
        inArray(syncItems.action, ["modify", "conflict"]),
      ),
    );
  const byLocal = new Map(rows.map((row) => [row.localId!, row]));
  const { conflictPolicy } = policy.settings;
  for (const local of linked) {
    const row = byLocal.get(local.id);
    const link = links.get(local.id)!;
    // A row older than the last sync speaks of a QuickBooks version that sync already dealt with.
    if (!row || row.qbId !== link.qbId || row.updatedAt <= link.syncedAt) continue;
    const remoteFields = quickBooksVersion(row, link);
    const localFields = adapter.fields(local);
    const localPrint = fingerprint(localFields);
    if (!remoteFields) {
      // QuickBooks' version cannot be told exactly: as before conflicts, a waiting import wins.
      if (row.state === "candidate") held.add(local.id);
      continue;
    }
    const remoteEditSequence = row.remoteEditSequence;
    const pair: BothSides = { adapter, link, local, localFields, remoteFields, remoteEditSequence, remoteLabel: row.label };
    const remotePrint = fingerprint(remoteFields);
    if (localPrint === remotePrint) {
      // The local change made both sides alike: nothing left to decide or send.
      await saveLink(db, { ...linkValues(pair), localFingerprint: localPrint, now });
      await withdrawItem(db, row);
      held.add(local.id);
      continue;
    }
    if (localPrint === link.localFingerprint) {
      // Changed back here: only QuickBooks' change is left, an ordinary import.
      if (row.action === "conflict" && row.state === "candidate") candidates.push(importCandidate(pair));
      if (row.state === "candidate") held.add(local.id);
      continue;
    }
    if (conflictPolicy === "ask") {
      candidates.push(conflictCandidate(pair));
      held.add(local.id);
    } else if (conflictPolicy === "quickbooks" && row.state === "candidate") {
      if (row.action === "conflict") candidates.push(importCandidate(pair));
      held.add(local.id);
    } else if (conflictPolicy === "ledgerbridge") {
      links.set(local.id, await takeRemoteVersion(db, pair));
      if (row.state === "candidate") await withdrawItem(db, row);
    }
  }
  return { held, candidates };
}

/**
 * A QuickBooks record came back equal to the last sync or to the local record: an open conflict about it no
 * longer holds (a local change left over is raised as an export by the next export discovery).
 */
export async function withdrawSettledConflicts(db: Queryable, adapter: EntityAdapter, qbIds: readonly string[]): Promise<void> {
  if (qbIds.length === 0) return;
  await withdrawItems(
    db,
    and(
      eq(syncItems.direction, "import"),
      eq(syncItems.entityType, adapter.type),
      eq(syncItems.action, "conflict"),
      inArray(
        syncItems.recordKey,
        qbIds.map((qbId) => `qb:${qbId}`),
      ),
    ),
    ["candidate", "dismissed"],
  );
}

function conflictCandidate(pair: BothSides): RaisedCandidate {
  const { adapter, link, local, localFields, remoteFields } = pair;
  return {
    ...importSide(pair),
    action: "conflict",
    label: adapter.label(local),
    diff: conflictFields(JSON.parse(link.fields) as SyncFields, localFields, remoteFields),
    // Either side changing again makes it a new conflict (and brings a cleared one back).
    fingerprint: conflictPrint(localFields, remoteFields),
  };
}

function importCandidate(pair: BothSides): RaisedCandidate {
  const { localFields, remoteFields } = pair;
  return {
    ...importSide(pair),
    action: "modify",
    label: pair.remoteLabel,
    diff: diffFields(localFields, remoteFields),
    fingerprint: fingerprint(remoteFields),
  };
}

/** The import row of the linked record, at QuickBooks' current version. */
function importSide({ adapter, link, local, remoteEditSequence }: BothSides) {
  return { direction: "import" as const, adapter, recordKey: `qb:${link.qbId}`, localId: local.id, qbId: link.qbId, remoteEditSequence };
}

async function exportCandidates(db: Queryable, policy: SyncPolicy, pairs: readonly BothSides[]): Promise<RaisedCandidate[]> {
  if (pairs.length === 0) return [];
  const { adapter } = pairs[0]!;
  const blocks = await exportBlocks(db, policy, new Map(pairs.map(({ local }) => [local.id, adapter.parents(local)])));
  return pairs.map(({ link, local, localFields, remoteFields }) => ({
    direction: "export" as const,
    adapter,
    recordKey: `local:${local.id}`,
    action: "modify" as const,
    localId: local.id,
    qbId: link.qbId,
    label: adapter.label(local),
    diff: diffFields(remoteFields, localFields),
    fingerprint: fingerprint(localFields),
    blocked: blocks.get(local.id) ?? null,
  }));
}

/**
 * The link takes QuickBooks' current version (EditSequence, fields) and keeps the local side as last synced: the
 * local change is then sent as a Mod QuickBooks accepts (no 3200), its diff showing what it changes there.
 */
export async function takeRemoteVersion(db: Queryable, pair: BothSides): Promise<SyncLink> {
  const values = { ...linkValues(pair), localFingerprint: pair.link.localFingerprint, now: pair.link.syncedAt };
  await saveLink(db, values);
  const { editSequence, remoteFingerprint, remoteFields } = values;
  return { ...pair.link, editSequence: editSequence ?? null, remoteFingerprint, fields: JSON.stringify(remoteFields) };
}

/** Withdraws the record's waiting candidate in one direction: the conflict policy decided that side. */
export async function withdrawCandidate(db: Queryable, pair: BothSides, direction: "import" | "export") {
  const recordKey = direction === "import" ? `qb:${pair.link.qbId}` : `local:${pair.local.id}`;
  const item = and(eq(syncItems.direction, direction), eq(syncItems.entityType, pair.adapter.type), eq(syncItems.recordKey, recordKey));
  await withdrawItems(db, item, ["candidate"]);
}

async function exportsOnTheirWay(db: Queryable, adapter: EntityAdapter, localIds: readonly number[]): Promise<Set<number>> {
  const rows = await db
    .select({ localId: syncItems.localId, state: syncItems.state })
    .from(syncItems)
    .where(
      and(
        eq(syncItems.direction, "export"),
        eq(syncItems.entityType, adapter.type),
        inArray(
          syncItems.recordKey,
          localIds.map((id) => `local:${id}`),
        ),
      ),
    );
  return new Set(rows.filter((row) => !RAISABLE_STATES.includes(row.state)).map((row) => row.localId!));
}
