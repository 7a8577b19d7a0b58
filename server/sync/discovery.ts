import { and, asc, eq, gt, inArray, isNull, notExists, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems, syncLinks } from "@/db/schema";
import type { QbxmlRecord } from "@/server/qbxml";
import { raiseCandidates, type RaisedCandidate } from "./candidates";
import { changedOnBothSides, conflictCandidates, settleLocalConflicts, withdrawSettledConflicts } from "./conflicts/detection";
import type { BothSides } from "./conflicts/fields";
import type { EntityAdapter, LocalRecordOf, SyncFields } from "./entities";
import { diffFields, fingerprint } from "./fingerprint";
import { dropLink, linkByQbId, linkOfRow, linksFor, saveLinks, type LinkValues, type SyncLink } from "./links";
import {
  forgetQuickBooksRecord,
  linkToSeen,
  localsInOpenMatches,
  matchCandidate,
  matchLocals,
  matchRemotes,
  releaseImportsHeldBy,
  linksOfRecords,
  rememberQuickBooksRecords,
  seenRemote,
  type RemoteMatch,
  type StoredForMessage,
} from "./matching";
import { namingProblem } from "./naming";
import {
  exportBlocks,
  exportPolicyWhere,
  importAllowed,
  importBlocks,
  loadSyncPolicy,
  mappedAdapter,
  mappedAdapters,
  typeSynced,
  type SyncPolicy,
} from "./policies";
import { RAISABLE_STATES, withdrawItems, type SyncItem, type SyncState } from "./state";

const LOCAL_CHUNK = 500;

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
        .leftJoin(syncLinks, linkOfRow(adapter))
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
      raised += await raiseLocalChunk(
        db,
        policy,
        adapter,
        rows.map((row) => row.id as number),
        now,
      );
    }
  }
  return raised;
}

/**
 * Candidates the sync settings no longer let through (a type switched off, a start date moved, a payment method
 * unticked) leave the wizard: they were only proposals, nothing of them was approved.
 */
async function withdrawExcluded(db: Queryable, policy: SyncPolicy, adapter: EntityAdapter): Promise<void> {
  const ofType = eq(syncItems.entityType, adapter.type);
  if (!typeSynced(policy, adapter.type)) {
    await withdrawItems(db, ofType, ["candidate"]);
    return;
  }
  const stillAllowed = db
    .select({ id: adapter.table.id })
    .from(adapter.table)
    .leftJoin(syncLinks, linkOfRow(adapter))
    .where(and(eq(adapter.table.id, syncItems.localId), adapter.scope, exportPolicyWhere(policy, adapter)));
  await withdrawItems(db, and(ofType, eq(syncItems.direction, "export"), notExists(stillAllowed)), ["candidate"]);
  if (policy.settings.onlyInQuickBooks === "ignore") {
    await withdrawItems(db, and(ofType, eq(syncItems.direction, "import"), eq(syncItems.action, "add")), ["candidate"]);
  }
}

async function raiseLocalChunk(db: Queryable, policy: SyncPolicy, adapter: EntityAdapter, ids: number[], now: Date): Promise<number> {
  const [locals, links] = await Promise.all([adapter.loadLocal(db, ids), linksFor(db, adapter.type, ids)]);
  // Records QuickBooks changed too are settled by the conflict policy first (server/sync/conflicts/detection.ts).
  const conflicts = await settleLocalConflicts(db, policy, adapter, locals, links, now);
  const [importing, inMatches] = await Promise.all([
    localsWithItems(db, adapter, "import", ids, ["candidate", "pending", "in_flight"]),
    localsInOpenMatches(db, adapter.type, ids),
  ]);
  // A QuickBooks change waiting for approval wins (exporting now would overwrite it blind); a match decides the rest.
  const waits = (local: LocalRecordOf) =>
    importing.has(local.id) || conflicts.held.has(local.id) || (!links.has(local.id) && inMatches.has(local.id));
  await releaseImportsHeldBy(db, adapter, locals);
  const matches = await matchLocals(
    db,
    adapter,
    locals.filter((local) => !links.has(local.id) && !waits(local)),
  );
  const candidates: RaisedCandidate[] = [];
  const matched: RaisedCandidate[] = [];
  const identical: LinkValues[] = [];
  for (const local of locals) {
    if (waits(local)) continue;
    const fields = adapter.fields(local);
    const print = fingerprint(fields);
    const link = links.get(local.id);
    if (link && link.localFingerprint === print) continue;
    if (link && !adapter.canModify) continue;
    const match = matches.get(local.id);
    if (match?.kind === "same") {
      // QuickBooks already has it (read by an earlier run): linked when identical, else one Match decision.
      const remote = seenRemote(match.remote);
      if (fingerprint(remote.fields) === print) identical.push(linkToSeen(adapter, local.id, print, remote, now));
      else matched.push(matchCandidate(adapter, remote, [local]));
      continue;
    }
    // An inactive record QuickBooks never had (or deleted) is not worth creating there.
    if (!link && fields.active === false) continue;
    const before = link ? (JSON.parse(link.fields) as SyncFields) : null;
    const taken = match?.kind === "taken" ? { heldBy: match.heldBy, reason: match.reason } : null;
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
      blocked: namingProblem(adapter.type, local.id, typeof fields.name === "string" ? fields.name : null) ?? taken,
    });
  }
  const blocks = await exportBlocks(db, policy, new Map(locals.map((local) => [local.id, adapter.parents(local)])));
  for (const candidate of candidates) candidate.blocked ??= blocks.get(candidate.localId!) ?? null;
  await saveLinks(db, identical);
  // An Add raised before QuickBooks was read gives way to the link or the match.
  await withdrawExportsOf(
    db,
    adapter,
    identical.map((link) => link.localId),
    ["candidate", "dismissed", "failed"],
  );
  await withdrawExportsOf(
    db,
    adapter,
    matched.map((candidate) => candidate.localId!),
    ["candidate", "dismissed"],
  );
  const raised = [conflicts.candidates, matched, candidates];
  let count = identical.length;
  for (const group of raised) count += await raiseCandidates(db, group, now);
  return count;
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

/** Local records (of these) that have a sync item in one direction in one of these states. */
async function localsWithItems(
  db: Queryable,
  adapter: EntityAdapter,
  direction: "import" | "export",
  ids: readonly number[],
  states: SyncState[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ localId: syncItems.localId })
    .from(syncItems)
    .where(
      and(
        eq(syncItems.direction, direction),
        eq(syncItems.entityType, adapter.type),
        inArray(syncItems.localId, [...ids]),
        inArray(syncItems.state, states),
      ),
    );
  return new Set(rows.map((row) => row.localId!));
}

/** What one page of import discovery did: candidates raised, and records found on both sides. */
export interface ImportsRaised {
  raised: number;
  /** Unlinked records found identical on both sides and linked at once. */
  linked: number;
  /** Match candidates raised: the same record on both sides, differing. */
  matched: number;
}

/**
 * Import discovery for one page of QuickBooks records: records already seen (same ID and EditSequence), our own
 * writes coming back, and records equal to their local side are skipped; a record found on both sides but never
 * linked is matched (server/sync/matching.ts); the rest become import candidates.
 */
export async function raiseImports(
  db: Queryable,
  readBy: EntityAdapter,
  records: readonly QbxmlRecord[],
  now: Date,
  stored?: StoredForMessage,
): Promise<ImportsRaised> {
  const result: ImportsRaised = { raised: 0, linked: 0, matched: 0 };
  if (records.length === 0) return result;
  const policy = await loadSyncPolicy(db);
  const adapter = mappedAdapter(policy.settings, readBy);
  if (!typeSynced(policy, adapter.type)) return result;
  const owned = records.filter((record) => adapter.owns(record) && adapter.remoteId(record));
  await rememberQuickBooksRecords(db, adapter, owned, now, stored);
  const links = await linksOfRecords(
    db,
    adapter.type,
    owned.map((record) => adapter.remoteId(record)!),
    stored,
  );
  if (adapter.mirrored) {
    await mirror(db, adapter, owned, links, now);
    return result;
  }
  const changed = owned.filter((record) => {
    const link = links.get(adapter.remoteId(record)!);
    const editSequence = editSequenceOf(record);
    return !(link && editSequence !== undefined && link.editSequence === editSequence);
  });
  // A page of records already seen as they are (the hour of overlap reads some again) has nothing more to do.
  if (changed.length === 0) return result;
  const matches = await matchRemotes(
    db,
    adapter,
    changed.filter((record) => !links.has(adapter.remoteId(record)!)),
  );
  const seen: {
    record: QbxmlRecord;
    qbId: string;
    editSequence: string | undefined;
    localId: number | undefined;
    match: RemoteMatch | undefined;
  }[] = [];
  for (const record of changed) {
    const qbId = adapter.remoteId(record)!;
    const match = matches.get(qbId);
    const localId = links.get(qbId)?.localId ?? (match?.kind === "same" ? match.local.id : undefined);
    if (!importAllowed(policy, adapter, record, localId !== undefined || match?.kind === "several")) continue;
    seen.push({ record, qbId, editSequence: editSequenceOf(record), localId, match });
  }
  const localIds = seen.flatMap((entry) => (entry.localId === undefined ? [] : [entry.localId]));
  const locals = new Map((await adapter.loadLocal(db, localIds)).map((local) => [local.id, local]));
  const blockOf = await importBlocks(
    db,
    policy,
    seen.filter((entry) => entry.localId === undefined).map((entry) => entry.record),
  );
  const agreeing: LinkValues[] = [];
  const candidates: RaisedCandidate[] = [];
  const bothSides: BothSides[] = [];
  // Local records now linked or in a match: their export candidates are withdrawn, one decision per record.
  const matchedHere: number[] = [];
  const linkedHere: number[] = [];
  // An Add that failed on this very record (3100) already asks the person: Unsynced Entities offers to link the two.
  const failedAdds = await localsWithItems(
    db,
    adapter,
    "export",
    [...matches.values()].flatMap((match) => (match.kind === "same" ? [match.local.id] : [])),
    ["failed"],
  );
  for (const { record, qbId, editSequence, localId, match } of seen) {
    const link = links.get(qbId);
    const remoteFields = adapter.remoteFields(record);
    const remotePrint = fingerprint(remoteFields);
    const remote = { qbId, label: adapter.remoteLabel(record), fields: remoteFields, editSequence: editSequence ?? null };
    if (match?.kind === "several") {
      candidates.push(matchCandidate(adapter, remote, match.locals));
      matchedHere.push(...match.locals.map((local) => local.id));
      result.matched += 1;
      continue;
    }
    const local = localId === undefined ? undefined : locals.get(localId);
    const localFields = local ? adapter.fields(local) : null;
    const localPrint = localFields ? fingerprint(localFields) : null;
    if (local && (localPrint === remotePrint || link?.remoteFingerprint === remotePrint)) {
      // Both sides agree (or QuickBooks only echoes our own write): remember where QuickBooks stands and move on.
      await adapter.noteRemote?.(db, local.id, record);
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
      if (!link) {
        linkedHere.push(local.id);
        result.linked += 1;
      }
      continue;
    }
    if (local && !link) {
      if (failedAdds.has(local.id)) continue;
      candidates.push(matchCandidate(adapter, remote, [local]));
      matchedHere.push(local.id);
      result.matched += 1;
      continue;
    }
    if (local && link && changedOnBothSides(adapter, link, localPrint!, remotePrint)) {
      bothSides.push({
        adapter,
        link,
        local,
        localFields: localFields!,
        remoteFields,
        remoteEditSequence: editSequence ?? null,
        remoteLabel: remote.label,
      });
      continue;
    }
    candidates.push({
      direction: "import",
      adapter,
      recordKey: `qb:${qbId}`,
      action: local ? "modify" : "add",
      localId: local?.id ?? null,
      qbId,
      label: remote.label,
      diff: diffFields(localFields, remoteFields),
      fingerprint: remotePrint,
      remoteEditSequence: editSequence ?? null,
      blocked: local ? null : match?.kind === "taken" ? { heldBy: match.heldBy, reason: match.reason } : blockOf(record),
    });
  }
  await saveLinks(db, agreeing);
  await withdrawExportsOf(db, adapter, matchedHere, ["candidate", "dismissed"]);
  await withdrawExportsOf(db, adapter, linkedHere, ["candidate", "dismissed", "failed"]);
  await withdrawSettledConflicts(
    db,
    adapter,
    agreeing.map((values) => values.qbId),
  );
  candidates.push(...(await conflictCandidates(db, policy, bothSides)));
  result.raised = await raiseCandidates(db, candidates, now);
  return result;
}

function editSequenceOf(record: QbxmlRecord): string | undefined {
  if (record.kind === "Other") return record.editSequence;
  return "editSequence" in record ? record.editSequence : undefined;
}

/**
 * A local record found on both sides is linked or in a match now: its Add waiting for approval or cleared must never
 * go out (nor, once linked, a failed one). An Add already approved is stopped by the drain, which finds the link or
 * the match first.
 */
async function withdrawExportsOf(db: Queryable, adapter: EntityAdapter, localIds: readonly number[], states: SyncState[]): Promise<void> {
  if (localIds.length === 0) return;
  const exports = and(
    eq(syncItems.direction, "export"),
    eq(syncItems.entityType, adapter.type),
    inArray(
      syncItems.recordKey,
      localIds.map((id) => `local:${id}`),
    ),
  );
  await withdrawItems(db, exports, states);
}

/**
 * A record deleted in QuickBooks that is linked here becomes a "deleted in QuickBooks" import candidate. An export
 * candidate of the same record is withdrawn: one decision (delete here, or Clear ID and send it again), not two.
 */
export async function raiseDeletion(db: Queryable, adapter: EntityAdapter, qbId: string, name: string | undefined, now: Date) {
  await forgetQuickBooksRecord(db, adapter.type, qbId);
  const link = await linkByQbId(db, adapter.type, qbId);
  if (!link) return false;
  if (adapter.mirrored) {
    // Kept, inactive, for the saved records that still name it; nothing is raised.
    await db.run(sql`update ${adapter.table} set active = 0 where id = ${link.localId}`);
    await dropLink(db, adapter.type, link.localId);
    return false;
  }
  const exported = and(
    eq(syncItems.direction, "export"),
    eq(syncItems.entityType, adapter.type),
    eq(syncItems.recordKey, `local:${link.localId}`),
  );
  await withdrawItems(db, exported, ["candidate"]);
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

/** A mirrored list: QuickBooks' records written here as read, and linked. */
async function mirror(
  db: Queryable,
  adapter: EntityAdapter,
  records: readonly QbxmlRecord[],
  links: ReadonlyMap<string, SyncLink>,
  now: Date,
): Promise<void> {
  const written: LinkValues[] = [];
  for (const record of records) {
    const qbId = adapter.remoteId(record)!;
    const link = links.get(qbId);
    const editSequence = editSequenceOf(record);
    if (link && editSequence !== undefined && link.editSequence === editSequence) continue;
    const applied = await adapter.applyImport(db, record, link?.localId ?? null);
    const localId = typeof applied === "number" ? applied : applied.localId;
    const remoteFields = adapter.remoteFields(record);
    const print = fingerprint(remoteFields);
    written.push({
      entityType: adapter.type,
      localId,
      qbId,
      editSequence,
      localFingerprint: print,
      remoteFingerprint: print,
      remoteFields,
      now,
    });
  }
  await saveLinks(db, written);
}

/** The badge: how many candidates wait for approval, in one indexed count. */
export async function badgeCount(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(syncItems)
    .where(eq(syncItems.state, "candidate"));
  return Number(row?.n ?? 0);
}

export type { SyncItem };
