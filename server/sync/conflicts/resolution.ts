import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { syncAudit, syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { approveMergedExport, settle } from "../decisions";
import type { EntityAdapter, SyncFields } from "../entities";
import { firstImportDone, settleFirstImport } from "../first-import";
import { diffFields, fingerprint } from "../fingerprint";
import { linksFor, saveLink } from "../links";
import { mappedAdapterFor } from "../policies";
import { moveItem, type SyncItem } from "../state";
import { takeRemoteVersion, withdrawCandidate } from "./detection";
import { conflictPrint, linkValues, quickBooksVersion, type BothSides } from "./fields";

// A person resolves a conflict (server/sync/conflicts/detection.ts raised it) in the Sync Wizard, field by field.

const side = z.enum(["ledgerbridge", "quickbooks"]);
export const resolveInput = z.object({
  id: z.number().int().positive(),
  /** One side for every field, or a side per field that differs. */
  choose: z.union([side, z.record(z.string().max(64), side)]),
});
export type ResolveInput = z.input<typeof resolveInput>;

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
  /**
   * sending: the merged record goes to QuickBooks next run; taken: QuickBooks' version is here, nothing to send;
   * importing: it is applied next run.
   */
  outcome: "sending" | "taken" | "importing";
  message: string;
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
    throw new AppError(
      "NOT_FOUND",
      "That conflict is no longer open: it was resolved, cleared or changed meanwhile. Refresh the Sync Wizard.",
    );
  }
  const adapter = await mappedAdapterFor(db, item.entityType);
  const [local] = await adapter.loadLocal(db, [item.localId]);
  const link = (await linksFor(db, adapter.type, [item.localId])).get(item.localId);
  if (!local || !link) {
    const message = `${item.label} is no longer linked to QuickBooks, so there is nothing to merge. Refresh the Sync Wizard.`;
    throw new AppError("NOT_FOUND", message);
  }
  const localFields = adapter.fields(local);
  const remoteFields = quickBooksVersion(item, link);
  if (!remoteFields || conflictPrint(localFields, remoteFields) !== item.fingerprint) {
    throw new AppError(
      "CONFLICT",
      `${item.label} changed after this conflict was found. Choose "Find local changes now" to see its latest version, then resolve it.`,
    );
  }
  const remoteEditSequence = item.remoteEditSequence;
  const pair: BothSides = { adapter, link, local, localFields, remoteFields, remoteEditSequence, remoteLabel: item.label };
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

function describeChoice(differing: readonly string[], taken: readonly string[]): string {
  const kept = differing.filter((field) => !taken.includes(field));
  const parts = [
    kept.length > 0 ? `kept Ledgerbridge's ${kept.join(", ")}` : null,
    taken.length > 0 ? `took QuickBooks' ${taken.join(", ")}` : null,
  ];
  return `Resolved a conflict: ${parts.filter(Boolean).join("; ")}.`;
}
