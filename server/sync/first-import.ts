import { and, count, eq, isNull } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import { invoices, payments, syncAudit, syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { plural } from "@/lib/words";
import { readSetting, writeSetting } from "@/server/settings";
import { resetCheckpoints } from "./checkpoints";
import type { RunGuard } from "./run-state";

export type FirstImportPhase = "importing" | "done";

/** What Settings and the Sync Wizard show about the first import: exports wait until it is done, then sync is ongoing. */
export interface FirstImportStatus {
  status: FirstImportPhase;
  /** When a run last read all of QuickBooks since the first import (re)started; null until one has. */
  discoveredAt: Date | null;
  /** When the status last changed (started again, or done), and who changed it: null for a Web Connector run. */
  changedAt: Date | null;
  changedBy: string | null;
  /** Import from QuickBooks candidates nobody approved or cleared yet. */
  undecidedImports: number;
  localInvoices: number;
  localPayments: number;
  /** Records found on both sides: identical and linked at once, and differing (each a Match to decide). */
  matches: { linked: number; differing: number; undecided: number };
  /** One sentence for the banner and the settings: where the first import is and what to do next. */
  summary: string;
  /** What "Run the first import again" asks the admin to confirm; stronger once invoices or payments exist here. */
  runAgainWarning: string;
}

/** Called by the engine when a run has gone through every discovery step, in the transaction of the last one. */
export async function discoveryCompleted(db: Queryable, now: Date): Promise<void> {
  const state = await readState(db);
  if (state.status === "done") return;
  const undecided = await undecidedImports(db);
  if (undecided > 0) {
    await writeState(db, { ...state, discoveredAt: now.toISOString() });
    return;
  }
  await writeState(db, { ...state, status: "done", discoveredAt: now.toISOString(), changedAt: now.toISOString(), changedBy: null });
}

/**
 * Called at the end of every approval while the first import is not done, inside its transaction, after the
 * approval moved its imports: marks the import done when QuickBooks was read in full and no import waits, and
 * otherwise refuses an approval that sends exports (the transaction then rolls back, nothing is approved).
 */
export async function settleFirstImport(db: Queryable, approval: { exports: number; user: SessionUser; now: Date }): Promise<void> {
  const state = await readState(db);
  if (state.status === "done") return;
  const undecided = await undecidedImports(db);
  if (state.discoveredAt !== null && undecided === 0) {
    const now = approval.now.toISOString();
    await writeState(db, { ...state, status: "done", changedAt: now, changedBy: { id: approval.user.id, name: approval.user.name } });
    return;
  }
  if (approval.exports > 0) throw new AppError("CONFLICT", exportsRefusal(state, undecided));
}

/** Counts what the first import found on both sides, for its banner; later runs' matches are in their own summary. */
export async function countFirstImportMatches(db: Queryable, linked: number, differing: number): Promise<void> {
  const state = await readState(db);
  if (state.status === "done") return;
  await writeState(db, {
    ...state,
    matchedLinked: (state.matchedLinked ?? 0) + linked,
    matchedDiffering: (state.matchedDiffering ?? 0) + differing,
  });
}

/** Whether exports may be approved without looking further (the common case once the first import is over). */
export async function firstImportDone(db: Queryable): Promise<boolean> {
  return (await readState(db)).status === "done";
}

export async function firstImportStatus(db: Queryable): Promise<FirstImportStatus> {
  const state = await readState(db);
  const [undecided, undecidedMatches, [invoiceCount], [paymentCount]] = await Promise.all([
    undecidedImports(db),
    undecidedImports(db, "match"),
    db.select({ n: count() }).from(invoices),
    db.select({ n: count() }).from(payments),
  ]);
  const localInvoices = Number(invoiceCount?.n ?? 0);
  const localPayments = Number(paymentCount?.n ?? 0);
  return {
    status: state.status,
    discoveredAt: state.discoveredAt ? new Date(state.discoveredAt) : null,
    changedAt: state.changedAt ? new Date(state.changedAt) : null,
    changedBy: state.changedBy?.name ?? null,
    undecidedImports: undecided,
    localInvoices,
    localPayments,
    matches: { linked: state.matchedLinked ?? 0, differing: state.matchedDiffering ?? 0, undecided: undecidedMatches },
    summary: [summaryOf(state, undecided), matchesSentence(state, undecidedMatches)].filter(Boolean).join(" "),
    runAgainWarning: runAgainWarning(localInvoices, localPayments),
  };
}

/**
 * "Run the first import again" (admins): forgets the discovery checkpoints so the next run reads all of QuickBooks,
 * and holds exports back until its import candidates are decided. Refused while a run is under way, since that run
 * would finish its discovery half from the old checkpoints and count as a full read.
 */
export async function runFirstImportAgain(
  db: Database,
  user: SessionUser,
  now: Date,
  refuseWhileRunning: RunGuard,
): Promise<FirstImportStatus> {
  await db.transaction(async (tx) => {
    await refuseWhileRunning(tx, "Run the first import again");
    await resetCheckpoints(tx);
    const changedAt = now.toISOString();
    await writeState(tx, { status: "importing", discoveredAt: null, changedAt, changedBy: { id: user.id, name: user.name } }, user.id);
    await tx.insert(syncAudit).values({
      at: now,
      userId: user.id,
      userName: user.name,
      action: "settings",
      detail: "Ran the first import again: the next run reads all of QuickBooks, and exports wait until its imports are decided.",
    });
  });
  return firstImportStatus(db);
}

const KEY = "sync.firstImport";

interface StoredState {
  status: FirstImportPhase;
  discoveredAt: string | null;
  changedAt: string | null;
  changedBy: { id: number; name: string } | null;
  /** Records the first import found on both sides: identical ones linked at once, differing ones raised as a Match. */
  matchedLinked?: number;
  matchedDiffering?: number;
}

/** A database that never stored the state is a new install (or one from before this policy): it imports first. */
const NOT_STARTED: StoredState = { status: "importing", discoveredAt: null, changedAt: null, changedBy: null };

async function readState(db: Queryable): Promise<StoredState> {
  return { ...NOT_STARTED, ...((await readSetting<Partial<StoredState>>(db, KEY)) ?? {}) };
}

function writeState(db: Queryable, state: StoredState, userId?: number): Promise<void> {
  return writeSetting(db, KEY, state, userId ?? state.changedBy?.id);
}

/** Import candidates a person can still approve or clear; one held back waits with its reason and stops nothing. */
async function undecidedImports(db: Queryable, action?: "match"): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(syncItems)
    .where(
      and(
        eq(syncItems.state, "candidate"),
        eq(syncItems.direction, "import"),
        isNull(syncItems.blockedReason),
        action ? eq(syncItems.action, action) : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}

/** "412 records are on both sides: 380 identical and linked, 32 differ — decide them in the Sync Wizard." */
function matchesSentence(state: StoredState, undecided: number): string | null {
  const linked = state.matchedLinked ?? 0;
  const differing = state.matchedDiffering ?? 0;
  if (linked + differing === 0) return null;
  const both = `${plural(linked + differing, "record")} ${linked + differing === 1 ? "is" : "are"} on both sides: ${linked.toLocaleString("en-US")} identical and linked, ${differing.toLocaleString("en-US")} differ`;
  if (differing === 0) return `${both}.`;
  if (undecided === 0) return `${both}, all decided.`;
  return `${both} — decide ${undecided === differing ? "them" : `the ${undecided.toLocaleString("en-US")} left`} in the Sync Wizard (Match rows).`;
}

const WHY = "Ledgerbridge first imports what QuickBooks has, so nothing is created twice";

function exportsRefusal(state: StoredState, undecided: number): string {
  if (state.discoveredAt === null) {
    const waiting = undecided > 0 ? ` and decide the ${plural(undecided, "Import from QuickBooks candidate")} it has found so far` : "";
    return `${WHY}: let the Web Connector finish a run so Ledgerbridge has read all of QuickBooks${waiting}, then approve or clear the Import from QuickBooks candidates. Exports open once none is left undecided.`;
  }
  return `${WHY}: approve or clear the Import from QuickBooks candidates first (${plural(undecided, "candidate")} still ${undecided === 1 ? "waits" : "wait"}), or approve them together with these exports. Exports open once none is left undecided.`;
}

function summaryOf(state: StoredState, undecided: number): string {
  if (state.status === "done") return "The first import is done: changes cross in both directions as they are approved.";
  if (state.discoveredAt === null) {
    return "First import: the next Web Connector run reads everything QuickBooks has. Exports to QuickBooks open once its Import from QuickBooks candidates are approved or cleared, so nothing is created twice.";
  }
  return `First import: approve or clear the ${plural(undecided, "Import from QuickBooks candidate")} in the Sync Wizard. Exports to QuickBooks open once none is left, so nothing is created twice.`;
}

function runAgainWarning(localInvoices: number, localPayments: number): string {
  const base =
    "The next Web Connector run reads everything QuickBooks has again, and every QuickBooks record that differs from Ledgerbridge becomes an Import from QuickBooks candidate. Approving those imports overwrites the local records with QuickBooks' version, including changes made here since. Exports wait until the imports are approved or cleared.";
  if (localInvoices === 0 && localPayments === 0) return base;
  const held = [localInvoices ? plural(localInvoices, "invoice") : null, localPayments ? plural(localPayments, "payment") : null]
    .filter(Boolean)
    .join(" and ");
  return `${base} Ledgerbridge already holds ${held}: review each invoice and payment import before approving it, and clear the ones whose local version should stay.`;
}
