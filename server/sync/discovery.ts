import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncItems, syncLinks } from "@/db/schema";
import type { QbxmlRecord } from "@/server/qbxml";
import { ADAPTERS, type EntityAdapter, type SyncFields } from "./entities";
import { diffFields, fingerprint, type FieldChange } from "./fingerprint";
import { linkByQbId, linksFor, saveLink } from "./links";
import { moveItem, RAISABLE_STATES, type SyncItem } from "./state";

const LOCAL_CHUNK = 500;

export interface RaisedCandidate {
  direction: "import" | "export";
  adapter: EntityAdapter;
  recordKey: string;
  action: "add" | "modify" | "delete";
  localId: number | null;
  qbId: string | null;
  label: string;
  diff: FieldChange[];
  fingerprint: string;
  remoteEditSequence?: string | null;
}

/**
 * Export discovery: every local record never linked, or changed since its link's fingerprint, becomes an export
 * candidate. Only rows touched after their last sync are read, a chunk at a time.
 */
export async function discoverLocalChanges(db: Queryable, now: Date): Promise<number> {
  let raised = 0;
  for (const adapter of ADAPTERS) {
    let afterId = 0;
    for (;;) {
      const table = adapter.table;
      const rows = await db
        .select({ id: table.id })
        .from(table)
        .leftJoin(syncLinks, and(eq(syncLinks.entityType, adapter.type), eq(syncLinks.localId, table.id)))
        .where(and(gt(table.id, afterId), adapter.scope, or(isNull(syncLinks.id), gt(table.updatedAt, syncLinks.syncedAt))))
        .orderBy(asc(table.id))
        .limit(LOCAL_CHUNK);
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1]!.id as number;
      raised += await raiseLocalChunk(db, adapter, rows.map((row) => row.id as number), now);
    }
  }
  return raised;
}

async function raiseLocalChunk(db: Queryable, adapter: EntityAdapter, ids: number[], now: Date): Promise<number> {
  const [locals, links, importing] = await Promise.all([
    adapter.loadLocal(db, ids),
    linksFor(db, adapter.type, ids),
    liveImports(db, adapter, ids),
  ]);
  let raised = 0;
  for (const local of locals) {
    // A QuickBooks change waiting for approval wins: exporting now would overwrite it blind.
    if (importing.has(local.id)) continue;
    const fields = adapter.fields(local);
    const print = fingerprint(fields);
    const link = links.get(local.id);
    if (link && link.localFingerprint === print) continue;
    if (link && !adapter.canModify) continue;
    // An inactive record QuickBooks never had (or deleted) is not worth creating there.
    if (!link && fields.active === false) continue;
    const before = link ? (JSON.parse(link.fields) as SyncFields) : null;
    const changed = await raiseCandidate(
      db,
      {
        direction: "export",
        adapter,
        recordKey: `local:${local.id}`,
        action: link ? "modify" : "add",
        localId: local.id,
        qbId: link?.qbId ?? null,
        label: adapter.label(local),
        diff: diffFields(before, fields),
        fingerprint: print,
      },
      now,
    );
    if (changed) raised += 1;
  }
  return raised;
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
 * Creates the candidate, or updates the record's existing one: never a second row for the same record.
 * A dismissed record comes back only when its fingerprint differs from the one it was dismissed with;
 * a record already approved or on its way is left alone. Returns whether anything changed.
 */
export async function raiseCandidate(db: Queryable, candidate: RaisedCandidate, now: Date): Promise<boolean> {
  const values = {
    action: candidate.action,
    localId: candidate.localId,
    qbId: candidate.qbId,
    label: candidate.label,
    diff: JSON.stringify(candidate.diff),
    fingerprint: candidate.fingerprint,
    remoteEditSequence: candidate.remoteEditSequence ?? null,
  };
  const [existing] = await db
    .select()
    .from(syncItems)
    .where(
      and(
        eq(syncItems.direction, candidate.direction),
        eq(syncItems.entityType, candidate.adapter.type),
        eq(syncItems.recordKey, candidate.recordKey),
      ),
    );
  if (!existing) {
    await db.insert(syncItems).values({
      ...values,
      direction: candidate.direction,
      entityType: candidate.adapter.type,
      recordKey: candidate.recordKey,
      state: "candidate",
      createdAt: now,
      updatedAt: now,
    });
    return true;
  }
  if (!RAISABLE_STATES.includes(existing.state)) return false;
  if (existing.state === "dismissed" && existing.dismissedFingerprint === candidate.fingerprint) return false;
  if (existing.state === "candidate" && existing.fingerprint === candidate.fingerprint) return false;
  await moveItem(db, existing, "candidate", { ...values, dismissedFingerprint: null, statusCode: null, statusMessage: null, retries: 0 }, now);
  return true;
}

/**
 * Import discovery for one page of QuickBooks records: records already seen (same ID and EditSequence), our own
 * writes coming back, and records equal to their local side are skipped; the rest become import candidates.
 */
export async function raiseImports(db: Queryable, adapter: EntityAdapter, records: readonly QbxmlRecord[], now: Date): Promise<number> {
  let raised = 0;
  for (const record of records) {
    if (!adapter.owns(record)) continue;
    const qbId = adapter.remoteId(record);
    if (!qbId) continue;
    const editSequence = record.kind === "Other" ? record.editSequence : "editSequence" in record ? record.editSequence : undefined;
    const link = await linkByQbId(db, adapter.type, qbId);
    if (link && editSequence !== undefined && link.editSequence === editSequence) continue;
    const remoteFields = adapter.remoteFields(record);
    const remotePrint = fingerprint(remoteFields);
    const localId = link?.localId ?? (await unlinkedMatch(db, adapter, record));
    const [local] = localId === undefined ? [] : await adapter.loadLocal(db, [localId]);
    const localFields = local ? adapter.fields(local) : null;
    const localPrint = localFields ? fingerprint(localFields) : null;
    if (local && (localPrint === remotePrint || link?.remoteFingerprint === remotePrint)) {
      // Both sides agree (or QuickBooks only echoes our own write): remember where QuickBooks stands and move on.
      await saveLink(db, {
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
    const changed = await raiseCandidate(
      db,
      {
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
      },
      now,
    );
    if (changed) raised += 1;
  }
  return raised;
}

/** A local record of the same name that is not linked to anything yet. */
async function unlinkedMatch(db: Queryable, adapter: EntityAdapter, record: QbxmlRecord): Promise<number | undefined> {
  const localId = await adapter.findLocalMatch(db, record);
  if (localId === undefined) return undefined;
  const links = await linksFor(db, adapter.type, [localId]);
  return links.has(localId) ? undefined : localId;
}

/** A record deleted in QuickBooks that is linked here becomes a "deleted in QuickBooks" import candidate. */
export async function raiseDeletion(db: Queryable, adapter: EntityAdapter, qbId: string, name: string | undefined, now: Date) {
  const link = await linkByQbId(db, adapter.type, qbId);
  if (!link) return false;
  return raiseCandidate(
    db,
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
    now,
  );
}

/** The badge: how many candidates wait for approval, in one indexed count. */
export async function badgeCount(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(syncItems).where(eq(syncItems.state, "candidate"));
  return Number(row?.n ?? 0);
}

export type { SyncItem };
