import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { syncAudit, syncItems } from "@/db/schema";
import type { SessionUser } from "@/server/auth/roles";
import { AppError } from "@/server/errors";
import type { RaisedCandidate } from "./candidates";
import type { EntityAdapter, LocalRecordOf, SyncFields } from "./entities";
import { firstImportDone, settleFirstImport } from "./first-import";
import { diffFields, fingerprint, type FieldChange } from "./fingerprint";
import { linksFor, saveLink, type SyncLink } from "./links";
import { exportBlocks, mappedAdapterFor, type SyncPolicy } from "./policies";
import { recordAttempt } from "./report";
import { addCandidate, moveItem, RAISABLE_STATES, withdrawItem, withdrawItems, type ItemChanges, type SyncItem } from "./state";

/**
 * Conflicts: a linked record changed on both sides since the last sync. The sync setting
 * decides: "ask" raises one conflict candidate (the import row, action "conflict") and no export beside it;
 * "quickbooks" raises the import and withdraws the export; "ledgerbridge" raises the export, sent as a Mod on
 * QuickBooks' current EditSequence. A person resolves a conflict field by field (resolveConflict) or clears it.
 */

export type Side = "ledgerbridge" | "quickbooks";
type FieldValue = FieldChange["before"];

/** One field of a conflict: as synced last time, and as each side holds it now. */
export interface ConflictField {
  field: string;
  base: FieldValue;
  ledgerbridge: FieldValue;
  quickbooks: FieldValue;
}

/** A linked record as both sides hold it now. */
export interface BothSides {
  adapter: EntityAdapter;
  link: SyncLink;
  local: LocalRecordOf;
  localFields: SyncFields;
  remoteFields: SyncFields;
  remoteEditSequence: string | null;
  remoteLabel: string;
}

const side = z.enum(["ledgerbridge", "quickbooks"]);
export const resolveInput = z.object({
  id: z.number().int().positive(),
  /** One side for every field, or a side per field that differs. */
  choose: z.union([side, z.record(z.string().max(64), side)]),
});
export type ResolveInput = z.input<typeof resolveInput>;

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
  const onItsWay = await exportsOnTheirWay(db, adapter, found.map((pair) => pair.local.id));
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
    const pair: BothSides = { adapter, link, local, localFields, remoteFields, remoteEditSequence: row.remoteEditSequence, remoteLabel: row.label };
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

/**
 * Resolve: the chosen QuickBooks values are written here, then the merged record is approved as an export Mod on
 * QuickBooks' current EditSequence; when the merge is QuickBooks' version, nothing needs sending and the conflict
 * settles at once (a Successful line in the Sync Report). One transaction, one audit row.
 */
export async function resolveConflict(db: Database, rawInput: ResolveInput, user: SessionUser, now = new Date()): Promise<Resolution> {
  const input = resolveInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const conflict = await openConflict(tx, input.id);
    const taken = chosenFromQuickBooks(conflict, input.choose);
    const exportsOpen = await firstImportDone(tx);
    await tx.insert(syncAudit).values({
      at: now,
      userId: user.id,
      userName: user.name,
      action: "resolve",
      syncItemId: conflict.item.id,
      entityType: conflict.item.entityType,
      localId: conflict.item.localId,
      detail: describeChoice(conflict.differing, taken),
    });
    const step = { db: tx, conflict, user, now };
    const whole = taken.length === conflict.differing.length && !conflict.adapter.applyFields;
    const resolution = whole ? await importWhole(step) : await merge(step, taken);
    // Judged like an approval: exports wait until the first import is done (server/sync/first-import.ts).
    if (!exportsOpen) await settleFirstImport(tx, { exports: resolution.outcome === "sending" ? 1 : 0, user, now });
    return resolution;
  });
}

export interface Resolution {
  /** sending: the merged record goes to QuickBooks next run; taken: QuickBooks' version is here, nothing to send; importing: it is applied next run. */
  outcome: "sending" | "taken" | "importing";
  message: string;
}

/** A conflict's fields, for a stored diff: every field where the last sync and the two sides are not all alike. */
export function conflictFields(base: SyncFields, local: SyncFields, remote: SyncFields): ConflictField[] {
  const changed = new Set([...diffFields(local, remote), ...diffFields(base, remote)].map((change) => change.field));
  return Object.keys(local)
    .filter((field) => changed.has(field))
    .map((field) => ({ field, base: base[field] ?? null, ledgerbridge: local[field] ?? null, quickbooks: remote[field] ?? null }));
}


interface OpenConflict {
  item: SyncItem;
  adapter: EntityAdapter;
  pair: BothSides;
  /** The fields the two sides hold differently: each needs a side. */
  differing: string[];
}

async function openConflict(db: Queryable, id: number): Promise<OpenConflict> {
  const [item] = await db.select().from(syncItems).where(eq(syncItems.id, id));
  if (!item || item.action !== "conflict" || item.state !== "candidate" || item.localId === null) {
    throw new AppError("NOT_FOUND", "That conflict is no longer open: it was resolved, cleared or changed meanwhile. Refresh the Sync Wizard.");
  }
  const adapter = await mappedAdapterFor(db, item.entityType);
  const [local] = await adapter.loadLocal(db, [item.localId]);
  const link = (await linksFor(db, adapter.type, [item.localId])).get(item.localId);
  if (!local || !link) throw new AppError("NOT_FOUND", `${item.label} is no longer linked to QuickBooks, so there is nothing to merge. Refresh the Sync Wizard.`);
  const localFields = adapter.fields(local);
  const remoteFields = quickBooksVersion(item, link);
  if (!remoteFields || conflictPrint(localFields, remoteFields) !== item.fingerprint) {
    throw new AppError(
      "CONFLICT",
      `${item.label} changed after this conflict was found. Choose "Find local changes now" to see its latest version, then resolve it.`,
    );
  }
  const pair: BothSides = { adapter, link, local, localFields, remoteFields, remoteEditSequence: item.remoteEditSequence, remoteLabel: item.label };
  return { item, adapter, pair, differing: diffFields(localFields, remoteFields).map((change) => change.field) };
}

interface Step {
  db: Queryable;
  conflict: OpenConflict;
  user: SessionUser;
  now: Date;
}

/** QuickBooks' version whole, for a type written here only by an import: the next run reads it and applies it. */
async function importWhole({ db, conflict, user, now }: Step): Promise<Resolution> {
  const { item, pair } = conflict;
  await withdrawCandidate(db, pair, "export");
  const diff = JSON.stringify(diffFields(pair.localFields, pair.remoteFields));
  await moveItem(db, item, "pending", { ...approvedBy(user, now), diff, fingerprint: fingerprint(pair.remoteFields) }, now);
  // The local version as decided on: the import then overwrites it knowingly, and only a later change here asks again.
  const { link } = pair;
  await saveLink(db, {
    entityType: link.entityType,
    localId: link.localId,
    qbId: link.qbId,
    editSequence: link.editSequence ?? undefined,
    localFingerprint: fingerprint(pair.localFields),
    remoteFingerprint: link.remoteFingerprint,
    remoteFields: JSON.parse(link.fields) as SyncFields,
    now: link.syncedAt,
  });
  return { outcome: "importing", message: `QuickBooks' version of ${item.label} is applied here on the next Web Connector run.` };
}

/** The taken fields written here; the merged record settles at once when it is QuickBooks' version, else it is sent. */
async function merge({ db, conflict, user, now }: Step, taken: readonly string[]): Promise<Resolution> {
  const { item, pair } = conflict;
  const merged = taken.length === 0 ? pair.localFields : await applyChosen(db, pair, taken);
  const mergedPrint = fingerprint(merged);
  const imported = { ...approvedBy(user, now), diff: JSON.stringify(diffFields(pair.localFields, merged)) };
  if (mergedPrint === fingerprint(pair.remoteFields)) {
    await saveLink(db, { ...linkValues(pair), localFingerprint: mergedPrint, now });
    await withdrawCandidate(db, pair, "export");
    await settle(db, item, imported, "Resolved in the Sync Wizard: QuickBooks' version taken here.", now);
    return { outcome: "taken", message: `${item.label} now holds QuickBooks' version; nothing needs sending.` };
  }
  await takeRemoteVersion(db, pair);
  await approveMergedExport(db, pair, merged, user, now);
  if (taken.length === 0) {
    // QuickBooks' change declined: like a cleared candidate, it comes back only if either side changes again.
    const statusMessage = "Resolved in the Sync Wizard: Ledgerbridge's version kept.";
    await moveItem(db, item, "dismissed", { dismissedFingerprint: item.fingerprint, statusMessage }, now);
  } else {
    const message = `Resolved in the Sync Wizard: took ${taken.join(", ")} from QuickBooks; the merged record goes to QuickBooks next.`;
    await settle(db, item, imported, message, now);
  }
  return { outcome: "sending", message: `The merged ${item.label} goes to QuickBooks on the next Web Connector run.` };
}

function approvedBy(user: SessionUser, now: Date) {
  return { action: "modify" as const, approvedBy: user.id, approvedAt: now, retries: 0 };
}

/** The fields to take from QuickBooks, after checking the choice names every differing field and nothing else. */
function chosenFromQuickBooks(conflict: OpenConflict, choose: z.output<typeof resolveInput>["choose"]): string[] {
  const { differing, adapter } = conflict;
  if (typeof choose === "string") return choose === "quickbooks" ? differing : [];
  // A choice for a field both sides hold alike changes nothing; a name that is no field at all is a mistake.
  const unknown = Object.keys(choose).filter((field) => !Object.hasOwn(conflict.pair.localFields, field));
  if (unknown.length > 0) throw new AppError("BAD_INPUT", `${unknown.join(", ")}: not a field of a ${adapter.noun}.`);
  const missing = differing.filter((field) => !choose[field]);
  if (missing.length > 0) throw new AppError("BAD_INPUT", `Choose Ledgerbridge or QuickBooks for ${missing.join(", ")}.`);
  const taken = differing.filter((field) => choose[field] === "quickbooks");
  if (taken.length > 0 && taken.length < differing.length && !adapter.applyFields) {
    throw new AppError("BAD_INPUT", `A ${adapter.noun} is resolved as a whole: keep Ledgerbridge's version or take QuickBooks'.`);
  }
  return taken;
}

/** Writes QuickBooks' values of the taken fields here; returns the merged record's synced fields. */
async function applyChosen(db: Queryable, pair: BothSides, taken: readonly string[]): Promise<SyncFields> {
  const { adapter, local, remoteFields } = pair;
  try {
    await adapter.applyFields!(db, local.id, Object.fromEntries(taken.map((field) => [field, remoteFields[field] ?? null])));
  } catch (error) {
    if (error instanceof Error && error.name === "ZodError") {
      const issues = (error as Error & { issues?: { message: string }[] }).issues ?? [];
      throw new AppError("BAD_INPUT", `QuickBooks' values cannot be saved here: ${issues.map((issue) => issue.message).join(" ")}`);
    }
    throw error;
  }
  const [merged] = await adapter.loadLocal(db, [local.id]);
  return adapter.fields(merged!);
}

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

function conflictCandidate(pair: BothSides): RaisedCandidate {
  const { adapter, link, local, localFields, remoteFields } = pair;
  return {
    direction: "import",
    adapter,
    recordKey: `qb:${link.qbId}`,
    action: "conflict",
    localId: local.id,
    qbId: link.qbId,
    label: adapter.label(local),
    diff: conflictFields(JSON.parse(link.fields) as SyncFields, localFields, remoteFields),
    // Either side changing again makes it a new conflict (and brings a cleared one back).
    fingerprint: conflictPrint(localFields, remoteFields),
    remoteEditSequence: pair.remoteEditSequence,
  };
}

function importCandidate(pair: BothSides): RaisedCandidate {
  const { adapter, link, local, localFields, remoteFields } = pair;
  return {
    direction: "import",
    adapter,
    recordKey: `qb:${link.qbId}`,
    action: "modify",
    localId: local.id,
    qbId: link.qbId,
    label: pair.remoteLabel,
    diff: diffFields(localFields, remoteFields),
    fingerprint: fingerprint(remoteFields),
    remoteEditSequence: pair.remoteEditSequence,
  };
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
async function takeRemoteVersion(db: Queryable, pair: BothSides): Promise<SyncLink> {
  const values = { ...linkValues(pair), localFingerprint: pair.link.localFingerprint, now: pair.link.syncedAt };
  await saveLink(db, values);
  return { ...pair.link, editSequence: values.editSequence ?? null, remoteFingerprint: values.remoteFingerprint, fields: JSON.stringify(values.remoteFields) };
}

function linkValues(pair: BothSides) {
  return {
    entityType: pair.adapter.type,
    localId: pair.local.id,
    qbId: pair.link.qbId,
    editSequence: pair.remoteEditSequence ?? pair.link.editSequence ?? undefined,
    remoteFingerprint: fingerprint(pair.remoteFields),
    remoteFields: pair.remoteFields,
  };
}

/** Withdraws the record's waiting candidate in one direction: the conflict policy decided that side. */
async function withdrawCandidate(db: Queryable, pair: BothSides, direction: "import" | "export") {
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

/**
 * QuickBooks' version as an import or conflict row describes it, over the link's fields (the last sync). Null when
 * that cannot be told exactly: the result must hash to the fingerprint the row was raised with.
 */
function quickBooksVersion(row: SyncItem, link: SyncLink): SyncFields | null {
  const base = JSON.parse(link.fields) as SyncFields;
  if (row.action === "conflict") {
    const fields = JSON.parse(row.diff) as ConflictField[];
    const local = { ...base, ...Object.fromEntries(fields.map((change) => [change.field, change.ledgerbridge])) };
    const remote = { ...base, ...Object.fromEntries(fields.map((change) => [change.field, change.quickbooks])) };
    return conflictPrint(local, remote) === row.fingerprint ? remote : null;
  }
  // An import raised while the local record was as last synced: its diff holds every field QuickBooks changed.
  const changes = JSON.parse(row.diff) as FieldChange[];
  const remote = { ...base, ...Object.fromEntries(changes.map((change) => [change.field, change.after])) };
  return fingerprint(remote) === row.fingerprint ? remote : null;
}

function conflictPrint(local: SyncFields, remote: SyncFields): string {
  return fingerprint({ ledgerbridge: fingerprint(local), quickbooks: fingerprint(remote) });
}

function describeChoice(differing: readonly string[], taken: readonly string[]): string {
  const kept = differing.filter((field) => !taken.includes(field));
  const parts = [kept.length > 0 ? `kept Ledgerbridge's ${kept.join(", ")}` : null, taken.length > 0 ? `took QuickBooks' ${taken.join(", ")}` : null];
  return `Resolved a conflict: ${parts.filter(Boolean).join("; ")}.`;
}
