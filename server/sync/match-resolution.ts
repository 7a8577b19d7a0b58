import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { quickbooksRecords, syncAudit, syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import type { ConflictField } from "./conflicts/fields";
import { approveMergedExport, settle } from "./decisions";
import { raiseCandidates, type MatchChoice } from "./candidates";
import type { EntityAdapter, LocalRecordOf, SyncFields } from "./entities";
import { firstImportDone, settleFirstImport } from "./first-import";
import { diffFields, fingerprint } from "./fingerprint";
import { linksFor, saveLink } from "./links";
import { matchCandidate, matchLocals, seenRemote } from "./matching";
import { mappedAdapterFor } from "./policies";
import { moveItem, withdrawItem, type SyncItem } from "./state";

/**
 * Deciding a Match (server/sync/matching.ts): the same record on both sides, never linked, that differs. The person
 * links them and takes QuickBooks' values (what Approve Checked does), links them and sends Ledgerbridge's, or keeps
 * them apart as two records. A match with several possible local records needs the one picked first.
 */

export const resolveMatchInput = z.object({
  id: z.number().int().positive(),
  choose: z.enum(["quickbooks", "ledgerbridge", "apart"]),
  /** The local record that is QuickBooks' one, for a match that offers several. */
  localId: z.number().int().positive().optional(),
});
export type ResolveMatchInput = z.input<typeof resolveMatchInput>;

export interface MatchResolution {
  /** importing: linked and QuickBooks' values applied on the next run; sending: linked, ours goes there; apart: two records. */
  outcome: "importing" | "sending" | "apart";
  message: string;
}

export async function resolveMatch(
  db: Database,
  rawInput: ResolveMatchInput,
  user: SessionUser,
  now = new Date(),
): Promise<MatchResolution> {
  const input = resolveMatchInput.parse(rawInput);
  return db.transaction((tx) => resolveMatchIn(tx, input, user, now));
}

/**
 * The failed Add of a record QuickBooks already holds under its name (3100: created there after a run read it): link
 * the two instead, as a match decided at once. Office staff may: linking creates nothing in QuickBooks.
 */
export const linkFailedInput = z.object({ id: z.number().int().positive(), choose: z.enum(["quickbooks", "ledgerbridge"]) });
export type LinkFailedInput = z.input<typeof linkFailedInput>;

export async function linkFailedToQuickBooks(
  db: Database,
  rawInput: LinkFailedInput,
  user: SessionUser,
  now = new Date(),
): Promise<MatchResolution> {
  const input = linkFailedInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const [failed] = await tx.select().from(syncItems).where(eq(syncItems.id, input.id));
    if (!failed || failed.state !== "failed" || failed.direction !== "export" || failed.localId === null) {
      throw new AppError("NOT_FOUND", "That failure is no longer open: it was resynced, dismissed or linked meanwhile. Refresh the page.");
    }
    const adapter = await mappedAdapterFor(tx, failed.entityType);
    const [local] = await adapter.loadLocal(tx, [failed.localId]);
    if (!local) throw new AppError("NOT_FOUND", `${failed.label} is no longer in Ledgerbridge.`);
    const found = (await matchLocals(tx, adapter, [local])).get(local.id);
    const holder = found?.kind === "same" ? found.remote : undefined;
    if (!holder) {
      throw new AppError(
        "NOT_FOUND",
        `Ledgerbridge has not read a ${adapter.noun} named "${adapter.label(local)}" from QuickBooks yet: the next Web Connector run reads it, then it can be linked.`,
      );
    }
    // The failed Add gives way to the match it really was: one row for the record, decided now.
    await withdrawItem(tx, failed);
    await raiseCandidates(tx, [matchCandidate(adapter, seenRemote(holder), [local])], now);
    const [match] = await tx
      .select({ id: syncItems.id })
      .from(syncItems)
      .where(and(eq(syncItems.direction, "import"), eq(syncItems.entityType, adapter.type), eq(syncItems.recordKey, `qb:${holder.qbId}`)));
    return resolveMatchIn(tx, { id: match!.id, choose: input.choose }, user, now);
  });
}

/**
 * The other answer to a 3100: rename the record here, in place, and send it again. One transaction: the new name,
 * the move back to Pending, and the audit row that says both.
 */
export const renameFailedInput = z.object({
  id: z.number().int().positive(),
  name: z.string().trim().min(1, "Enter the new name.").max(100),
});
export type RenameFailedInput = z.input<typeof renameFailedInput>;

export async function renameAndResync(
  db: Database,
  rawInput: RenameFailedInput,
  user: SessionUser,
  now = new Date(),
): Promise<{ message: string }> {
  const input = renameFailedInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const [failed] = await tx.select().from(syncItems).where(eq(syncItems.id, input.id));
    if (!failed || failed.state !== "failed" || failed.direction !== "export" || failed.localId === null) {
      throw new AppError("NOT_FOUND", "That failure is no longer open: it was resynced, dismissed or linked meanwhile. Refresh the page.");
    }
    const adapter = await mappedAdapterFor(tx, failed.entityType);
    if (!adapter.applyFields) throw new AppError("BAD_INPUT", `A ${adapter.noun} is renamed on its own page; then press Resync.`);
    try {
      await adapter.applyFields(tx, failed.localId, { name: input.name });
    } catch (error) {
      if (error instanceof Error && error.name === "ZodError") {
        const issues = (error as Error & { issues?: { message: string }[] }).issues ?? [];
        throw new AppError("BAD_INPUT", issues.map((issue) => issue.message).join(" "));
      }
      throw error;
    }
    await tx.insert(syncAudit).values({
      at: now,
      userId: user.id,
      userName: user.name,
      action: "resync",
      syncItemId: failed.id,
      entityType: failed.entityType,
      localId: failed.localId,
      detail: `Renamed "${failed.label}" to "${input.name}" and resynced`,
    });
    await moveItem(tx, failed, "pending", { approvedBy: user.id, approvedAt: now, retries: 0, readName: false, waitingReason: null }, now);
    return { message: `Renamed to "${input.name}": it goes to QuickBooks under that name on the next Web Connector run.` };
  });
}

async function resolveMatchIn(
  db: Queryable,
  input: z.output<typeof resolveMatchInput>,
  user: SessionUser,
  now: Date,
): Promise<MatchResolution> {
  const [item] = await db.select().from(syncItems).where(eq(syncItems.id, input.id));
  if (!item || item.action !== "match" || item.state !== "candidate" || item.qbId === null) {
    throw new AppError("NOT_FOUND", "That match is no longer open: it was decided, cleared or changed meanwhile. Refresh the Sync Wizard.");
  }
  const adapter = await mappedAdapterFor(db, item.entityType);
  const localId = chosenLocal(item, input.localId);
  const [local] = localId === null ? [] : await adapter.loadLocal(db, [localId]);
  if (localId !== null && !local) throw new AppError("NOT_FOUND", "That record is no longer in Ledgerbridge. Refresh the Sync Wizard.");
  if (local && (await linksFor(db, adapter.type, [local.id])).has(local.id)) {
    throw new AppError("CONFLICT", `${adapter.label(local)} is already linked to another QuickBooks record. Refresh the Sync Wizard.`);
  }
  const remote = await quickBooksVersion(db, item);
  await db.insert(syncAudit).values({
    at: now,
    userId: user.id,
    userName: user.name,
    action: "resolve",
    syncItemId: item.id,
    entityType: item.entityType,
    localId,
    detail: describe(input.choose, adapter, item.label, local),
  });
  if (input.choose === "apart") return keepApart(db, { adapter, item, local, remote, now });
  if (!local) throw new AppError("BAD_INPUT", "Pick the record here that is QuickBooks' one first.");
  if (input.choose === "quickbooks") {
    await moveItem(db, item, "pending", { localId: local.id, matchChoices: null, approvedBy: user.id, approvedAt: now, retries: 0 }, now);
    return {
      outcome: "importing",
      message: `${adapter.label(local)} is linked to QuickBooks' record and takes its values on the next Web Connector run.`,
    };
  }
  return sendOurs(db, { adapter, item, local, remote, user, now });
}

interface Step {
  adapter: EntityAdapter;
  item: SyncItem;
  local: LocalRecordOf | undefined;
  remote: { fields: SyncFields; editSequence: string | null };
  now: Date;
}

/** Linked now, on QuickBooks' current version; Ledgerbridge's version goes there as a Mod on the next run. */
async function sendOurs(db: Queryable, step: Step & { local: LocalRecordOf; user: SessionUser }): Promise<MatchResolution> {
  const { adapter, item, local, remote, user, now } = step;
  if (!adapter.canModify) {
    throw new AppError(
      "BAD_INPUT",
      `QuickBooks does not take changes to a ${adapter.noun} from another program: take QuickBooks' version, or keep the two apart.`,
    );
  }
  const remotePrint = fingerprint(remote.fields);
  const link = {
    entityType: adapter.type,
    localId: local.id,
    qbId: item.qbId!,
    editSequence: remote.editSequence ?? undefined,
    // As if last synced at QuickBooks' version: the local record's differences are what the Mod sends.
    localFingerprint: remotePrint,
    remoteFingerprint: remotePrint,
    remoteFields: remote.fields,
    now,
  };
  await saveLink(db, link);
  const localFields = adapter.fields(local);
  const saved = (await linksFor(db, adapter.type, [local.id])).get(local.id)!;
  const pair = {
    adapter,
    link: saved,
    local,
    localFields,
    remoteFields: remote.fields,
    remoteEditSequence: remote.editSequence,
    remoteLabel: item.label,
  };
  const message = "Matched in the Sync Wizard: linked; Ledgerbridge's version goes to QuickBooks next.";
  if (fingerprint(localFields) !== remotePrint) await approveMergedExport(db, pair, localFields, user, now);
  await settle(db, item, { localId: local.id, matchChoices: null, approvedBy: user.id, approvedAt: now, retries: 0 }, message, now);
  // Judged like an approval: exports wait until the first import is done (server/sync/first-import.ts).
  if (!(await firstImportDone(db))) await settleFirstImport(db, { exports: 1, user, now });
  return {
    outcome: "sending",
    message: `${adapter.label(local)} is linked to QuickBooks' record; its values go to QuickBooks on the next Web Connector run.`,
  };
}

/**
 * Two records after all: the QuickBooks one is offered for import as a record of its own, and neither is matched with
 * the other again. While the local one holds the same name or number, each waits for it to be renamed (both say so).
 */
async function keepApart(db: Queryable, { adapter, item, local, remote, now }: Step): Promise<MatchResolution> {
  await db
    .update(quickbooksRecords)
    .set({ keptApartFrom: local?.id ?? 0 })
    .where(and(eq(quickbooksRecords.entityType, adapter.type), eq(quickbooksRecords.qbId, item.qbId!)));
  const [seen] = await db
    .select({ takenKey: quickbooksRecords.takenKey })
    .from(quickbooksRecords)
    .where(and(eq(quickbooksRecords.entityType, adapter.type), eq(quickbooksRecords.qbId, item.qbId!)));
  const holders = local ? [local] : await choicesOf(db, adapter, item);
  const holder = holders.find((each) => seen?.takenKey && adapter.takenKey(each) === seen.takenKey);
  const what = adapter.idKind === "txn" ? "number" : "name";
  const blockedReason = holder
    ? `Kept apart from ${adapter.noun} "${adapter.label(holder)}" here, which has the same ${what}: ${what === "name" ? "rename" : "renumber"} the one here, and this one is imported at the next run.`
    : null;
  await moveItem(
    db,
    item,
    "candidate",
    {
      action: "add",
      localId: null,
      matchChoices: null,
      diff: JSON.stringify(diffFields(null, remote.fields)),
      fingerprint: fingerprint(remote.fields),
      blockedReason,
      heldBy: holder ? `${adapter.type}:local:${holder.id}` : null,
    },
    now,
  );
  const names = holders.map((each) => `"${adapter.label(each)}"`).join(", ");
  const rename = holder ? ` Give ${names} another ${what} before it can be sent to QuickBooks.` : "";
  return { outcome: "apart", message: `Kept apart: QuickBooks' ${item.label} is offered for import as a record of its own.${rename}` };
}

function chosenLocal(item: SyncItem, picked: number | undefined): number | null {
  if (item.localId !== null) {
    if (picked !== undefined && picked !== item.localId) throw new AppError("BAD_INPUT", "That is not the record this match is about.");
    return item.localId;
  }
  if (picked === undefined) return null;
  const choices = item.matchChoices ? (JSON.parse(item.matchChoices) as MatchChoice[]) : [];
  if (!choices.some((choice) => choice.localId === picked)) throw new AppError("BAD_INPUT", "Pick one of the records the match offers.");
  return picked;
}

async function choicesOf(db: Queryable, adapter: EntityAdapter, item: SyncItem): Promise<LocalRecordOf[]> {
  const choices = item.matchChoices ? (JSON.parse(item.matchChoices) as MatchChoice[]) : [];
  return adapter.loadLocal(
    db,
    choices.map((choice) => choice.localId),
  );
}

/** QuickBooks' version as the runs last read it, or as the match row shows it. */
async function quickBooksVersion(db: Queryable, item: SyncItem): Promise<{ fields: SyncFields; editSequence: string | null }> {
  const [seen] = await db
    .select()
    .from(quickbooksRecords)
    .where(and(eq(quickbooksRecords.entityType, item.entityType), eq(quickbooksRecords.qbId, item.qbId!)));
  if (seen) return seenRemote(seen);
  const fields = Object.fromEntries((JSON.parse(item.diff) as ConflictField[]).map((field) => [field.field, field.quickbooks]));
  return { fields, editSequence: item.remoteEditSequence };
}

function describe(
  choose: "quickbooks" | "ledgerbridge" | "apart",
  adapter: EntityAdapter,
  label: string,
  local: LocalRecordOf | undefined,
): string {
  const here = local ? `${adapter.noun} "${adapter.label(local)}"` : `the ${adapter.noun}s offered`;
  if (choose === "apart") return `Kept QuickBooks' ${label} apart from ${here}.`;
  return `Matched QuickBooks' ${label} with ${here}, taking ${choose === "quickbooks" ? "QuickBooks'" : "Ledgerbridge's"} values.`;
}
