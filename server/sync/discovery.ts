import { and, asc, eq, gt, inArray, isNull, notExists, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems, syncLinks } from "@/db/schema";
import type { QbxmlRecord } from "@/server/qbxml";
import { changedOnBothSides, conflictCandidates, settleLocalConflicts, withdrawSettledConflicts, type BothSides, type ConflictField } from "./conflicts";
import type { EntityAdapter, SyncFields } from "./entities";
import { diffFields, fingerprint, type FieldChange } from "./fingerprint";
import { linkByQbId, linksFor, linksByQbId, saveLinks, type LinkValues } from "./links";
import { namingProblem } from "./naming";
import {
  exportBlocks,
  type Block,
  exportPolicyWhere,
  importAllowed,
  importBlocks,
  loadSyncPolicy,
  mappedAdapter,
  mappedAdapters,
  typeSynced,
  type SyncPolicy,
} from "./policies";
import { moveEach, RAISABLE_STATES, type SyncItem, type SyncState } from "./state";

const LOCAL_CHUNK = 500;

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
  /** Set when a sync setting leaves out a record this one needs: raised, shown, but not approvable. */
  blocked?: Block | null;
}

/**
 * Export discovery: every local record never linked, or changed since its link's fingerprint, becomes an export
 * candidate, as far as the sync settings let it (server/sync/policies.ts). Only rows touched after their last
 * sync and not already approved are read, a chunk at a time.
 */
export async function discoverLocalChanges(db: Queryable, now: Date): Promise<number> {
  const policy = await loadSyncPolicy(db);
  let raised = 0;
  for (const adapter of mappedAdapters(policy.settings)) {
    await withdrawExcluded(db, policy, adapter);
    if (!typeSynced(policy, adapter.type)) continue;
    let afterId = 0;
    for (;;) {
      const rows = await db
        .select({ id: adapter.table.id })
        .from(adapter.table)
        .leftJoin(syncLinks, linkOf(adapter))
        .where(
          and(
            gt(adapter.table.id, afterId),
            adapter.scope,
            exportPolicyWhere(policy, adapter),
            or(isNull(syncLinks.id), gt(adapter.table.updatedAt, syncLinks.syncedAt)),
            notExists(onItsWay(adapter, sql`'local:' || ${adapter.table.id}`)),
          ),
        )
        .orderBy(asc(adapter.table.id))
        .limit(LOCAL_CHUNK);
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1]!.id as number;
      raised += await raiseLocalChunk(db, policy, adapter, rows.map((row) => row.id as number), now);
    }
  }
  return raised;
}

function linkOf(adapter: EntityAdapter) {
  return and(eq(syncLinks.entityType, adapter.type), eq(syncLinks.localId, adapter.table.id));
}

/**
 * Candidates the sync settings no longer let through (a type switched off, a start date moved, a payment method
 * unticked) leave the wizard: they were only proposals, nothing of them was approved.
 */
async function withdrawExcluded(db: Queryable, policy: SyncPolicy, adapter: EntityAdapter): Promise<void> {
  const candidates = and(eq(syncItems.state, "candidate"), eq(syncItems.entityType, adapter.type));
  if (!typeSynced(policy, adapter.type)) {
    await db.delete(syncItems).where(candidates);
    return;
  }
  const stillAllowed = db
    .select({ id: adapter.table.id })
    .from(adapter.table)
    .leftJoin(syncLinks, linkOf(adapter))
    .where(and(eq(adapter.table.id, syncItems.localId), adapter.scope, exportPolicyWhere(policy, adapter)));
  await db.delete(syncItems).where(and(candidates, eq(syncItems.direction, "export"), notExists(stillAllowed)));
  if (policy.settings.onlyInQuickBooks === "ignore") {
    await db.delete(syncItems).where(and(candidates, eq(syncItems.direction, "import"), eq(syncItems.action, "add")));
  }
}

async function raiseLocalChunk(db: Queryable, policy: SyncPolicy, adapter: EntityAdapter, ids: number[], now: Date): Promise<number> {
  const [locals, links] = await Promise.all([adapter.loadLocal(db, ids), linksFor(db, adapter.type, ids)]);
  // Records QuickBooks changed too are settled by the conflict policy first (server/sync/conflicts.ts).
  const conflicts = await settleLocalConflicts(db, policy, adapter, locals, links, now);
  const importing = await liveImports(db, adapter, ids);
  const candidates: RaisedCandidate[] = [];
  for (const local of locals) {
    // A QuickBooks change waiting for approval wins: exporting now would overwrite it blind.
    if (importing.has(local.id) || conflicts.held.has(local.id)) continue;
    const fields = adapter.fields(local);
    const print = fingerprint(fields);
    const link = links.get(local.id);
    if (link && link.localFingerprint === print) continue;
    if (link && !adapter.canModify) continue;
    // An inactive record QuickBooks never had (or deleted) is not worth creating there.
    if (!link && fields.active === false) continue;
    const before = link ? (JSON.parse(link.fields) as SyncFields) : null;
    candidates.push({
      direction: "export",
      adapter,
      recordKey: `local:${local.id}`,
      action: link ? "modify" : "add",
      localId: local.id,
      qbId: link?.qbId ?? null,
      label: adapter.label(local),
      diff: diffFields(before, fields),
      fingerprint: print,
      blocked: namingProblem(adapter.type, local.id, typeof fields.name === "string" ? fields.name : null),
    });
  }
  const blocks = await exportBlocks(db, policy, new Map(locals.map((local) => [local.id, adapter.parents(local)])));
  for (const candidate of candidates) candidate.blocked ??= blocks.get(candidate.localId!) ?? null;
  return (await raiseCandidates(db, conflicts.candidates, now)) + (await raiseCandidates(db, candidates, now));
}

/** The record's export item when it is approved and not settled yet: discovery leaves such a record alone. */
function onItsWay(adapter: EntityAdapter, recordKey: SQL) {
  return sql`(select 1 from ${syncItems} where ${and(
    eq(syncItems.direction, "export"),
    eq(syncItems.entityType, adapter.type),
    sql`${syncItems.recordKey} = ${recordKey}`,
    notInArray(syncItems.state, [...RAISABLE_STATES]),
  )})`;
}

async function liveImports(db: Queryable, adapter: EntityAdapter, ids: number[]): Promise<Set<number>> {
  const rows = await db
    .select({ localId: syncItems.localId })
    .from(syncItems)
    .where(
      and(
        eq(syncItems.direction, "import"),
        eq(syncItems.entityType, adapter.type),
        inArray(syncItems.localId, ids),
        inArray(syncItems.state, ["candidate", "pending", "in_flight"]),
      ),
    );
  return new Set(rows.map((row) => row.localId!));
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
    const inserts: (typeof syncItems.$inferInsert)[] = [];
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
      };
      const item = existing.get(candidate.recordKey);
      if (!item) {
        inserts.push({ ...values, direction, entityType: adapter.type, recordKey: candidate.recordKey, state: "candidate", createdAt: now, updatedAt: now });
        continue;
      }
      if (!RAISABLE_STATES.includes(item.state)) continue;
      if (item.state === "dismissed" && item.dismissedFingerprint === candidate.fingerprint) continue;
      if (item.state === "candidate" && item.fingerprint === candidate.fingerprint && item.blockedReason === values.blockedReason) continue;
      const changes = { ...values, dismissedFingerprint: null, statusCode: null, statusMessage: null, retries: 0 };
      updates.set(item.state, [...(updates.get(item.state) ?? []), { id: item.id, changes }]);
    }
    if (inserts.length > 0) await db.insert(syncItems).values(inserts);
    for (const [from, moves] of updates) await moveEach(db, from, "candidate", moves, now);
    raised += inserts.length + [...updates.values()].reduce((sum, moves) => sum + moves.length, 0);
  }
  return raised;
}

function groupCandidates(candidates: readonly RaisedCandidate[]): RaisedCandidate[][] {
  const groups = new Map<string, RaisedCandidate[]>();
  for (const candidate of candidates) {
    const key = `${candidate.direction}:${candidate.adapter.type}`;
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  return [...groups.values()];
}

/**
 * Import discovery for one page of QuickBooks records: records already seen (same ID and EditSequence), our own
 * writes coming back, and records equal to their local side are skipped; the rest become import candidates.
 */
export async function raiseImports(db: Queryable, readBy: EntityAdapter, records: readonly QbxmlRecord[], now: Date): Promise<number> {
  const policy = await loadSyncPolicy(db);
  const adapter = mappedAdapter(policy.settings, readBy);
  if (!typeSynced(policy, adapter.type)) return 0;
  const owned = records.filter((record) => adapter.owns(record) && adapter.remoteId(record));
  const links = await linksByQbId(db, adapter.type, owned.map((record) => adapter.remoteId(record)!));
  const seen: { record: QbxmlRecord; qbId: string; editSequence: string | undefined; localId: number | undefined }[] = [];
  for (const record of owned) {
    const qbId = adapter.remoteId(record)!;
    const editSequence = record.kind === "Other" ? record.editSequence : "editSequence" in record ? record.editSequence : undefined;
    const link = links.get(qbId);
    if (link && editSequence !== undefined && link.editSequence === editSequence) continue;
    const localId = link?.localId ?? (await unlinkedMatch(db, adapter, record));
    if (!importAllowed(policy, adapter, record, localId !== undefined)) continue;
    seen.push({ record, qbId, editSequence, localId });
  }
  const localIds = seen.flatMap((entry) => (entry.localId === undefined ? [] : [entry.localId]));
  const locals = new Map((await adapter.loadLocal(db, localIds)).map((local) => [local.id, local]));
  const blockOf = await importBlocks(db, policy, seen.filter((entry) => entry.localId === undefined).map((entry) => entry.record));
  const agreeing: LinkValues[] = [];
  const candidates: RaisedCandidate[] = [];
  const bothSides: BothSides[] = [];
  for (const { record, qbId, editSequence, localId } of seen) {
    const link = links.get(qbId);
    const remoteFields = adapter.remoteFields(record);
    const remotePrint = fingerprint(remoteFields);
    const local = localId === undefined ? undefined : locals.get(localId);
    const localFields = local ? adapter.fields(local) : null;
    const localPrint = localFields ? fingerprint(localFields) : null;
    if (local && (localPrint === remotePrint || link?.remoteFingerprint === remotePrint)) {
      // Both sides agree (or QuickBooks only echoes our own write): remember where QuickBooks stands and move on.
      agreeing.push({
        entityType: adapter.type,
        localId: local.id,
        qbId,
        editSequence,
        localFingerprint: link?.localFingerprint ?? localPrint!,
        remoteFingerprint: remotePrint,
        remoteFields,
        now: link?.syncedAt ?? now,
      });
      continue;
    }
    if (local && link && changedOnBothSides(adapter, link, localPrint!, remotePrint)) {
      const remoteLabel = adapter.remoteLabel(record);
      bothSides.push({ adapter, link, local, localFields: localFields!, remoteFields, remoteEditSequence: editSequence ?? null, remoteLabel });
      continue;
    }
    candidates.push({
      direction: "import",
      adapter,
      recordKey: `qb:${qbId}`,
      action: local ? "modify" : "add",
      localId: local?.id ?? null,
      qbId,
      label: adapter.remoteLabel(record),
      diff: diffFields(localFields, remoteFields),
      fingerprint: remotePrint,
      remoteEditSequence: editSequence ?? null,
      blocked: local ? null : blockOf(record),
    });
  }
  await saveLinks(db, agreeing);
  await withdrawSettledConflicts(db, adapter, agreeing.map((values) => values.qbId));
  candidates.push(...(await conflictCandidates(db, policy, bothSides)));
  return raiseCandidates(db, candidates, now);
}

/** A local record of the same name that is not linked to anything yet. */
async function unlinkedMatch(db: Queryable, adapter: EntityAdapter, record: QbxmlRecord): Promise<number | undefined> {
  const localId = await adapter.findLocalMatch(db, record);
  if (localId === undefined) return undefined;
  const links = await linksFor(db, adapter.type, [localId]);
  return links.has(localId) ? undefined : localId;
}

/**
 * A record deleted in QuickBooks that is linked here becomes a "deleted in QuickBooks" import candidate. An export
 * candidate of the same record is withdrawn: one decision (delete here, or Clear ID and send it again), not two.
 */
export async function raiseDeletion(db: Queryable, adapter: EntityAdapter, qbId: string, name: string | undefined, now: Date) {
  const link = await linkByQbId(db, adapter.type, qbId);
  if (!link) return false;
  await db
    .delete(syncItems)
    .where(
      and(
        eq(syncItems.direction, "export"),
        eq(syncItems.entityType, adapter.type),
        eq(syncItems.recordKey, `local:${link.localId}`),
        eq(syncItems.state, "candidate"),
      ),
    );
  const raised = await raiseCandidates(
    db,
    [
      {
        direction: "import",
        adapter,
        recordKey: `qb:${qbId}`,
        action: "delete",
        localId: link.localId,
        qbId,
        label: name ?? qbId,
        diff: [{ field: "deleted in QuickBooks", before: name ?? qbId, after: null }],
        fingerprint: `deleted:${qbId}`,
      },
    ],
    now,
  );
  return raised > 0;
}

/** The badge: how many candidates wait for approval, in one indexed count. */
export async function badgeCount(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(syncItems).where(eq(syncItems.state, "candidate"));
  return Number(row?.n ?? 0);
}

export type { SyncItem };
