import { and, count, desc, eq, getTableColumns, inArray, is, isNull, max, sql, type SQL } from "drizzle-orm";
import { getTableConfig, SQLiteSyncDialect, SQLiteTable, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Database, Queryable } from "@/db";
import * as schema from "@/db/schema";
import {
  billLines,
  billPaymentApplications,
  importSnapshots,
  invoiceLines,
  paymentApplications,
  purchaseOrderLines,
  syncAttempts,
  syncAudit,
  syncLinks,
  users,
} from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { plural } from "@/lib/words";
import { adapterFor, type EntityType } from "./entities";
import { dropLink } from "./links";
import type { ImportItem } from "./state";
import type { RunGuard } from "./run-state";

/** What undo does not do, shown before it runs and with its result. */
export const UNDO_WARNING =
  "Undo changes Ledgerbridge only: changes already sent to QuickBooks are not undone, and QuickBooks keeps its records as they are. " +
  "The restored records may show as Export candidates at the next run (approve them to send this version to QuickBooks, or clear them). " +
  "Changes made here to these records since the import are replaced too.";

export interface ImportSummary {
  /** The last Web Connector run that applied imports; null when none ever did. */
  run: {
    sessionId: number;
    appliedAt: Date;
    approvedBy: string[];
    records: number;
    undoneAt: Date | null;
    undoneBy: string | null;
  } | null;
  canUndo: boolean;
  /** Why there is nothing to undo, when there is not. */
  reason: string | null;
  /** What undo restores, one line per type and kind of change: "2 customers changed by the import". */
  lines: string[];
  warning: string;
}

export interface UndoResult {
  sessionId: number;
  restored: number;
  removed: number;
  kept: number;
  failed: number;
  /** What happened, "Restored 2 customers changed by the import.", then one sentence per record kept or not restored. */
  sentences: string[];
  warning: string;
}

/**
 * So that an admin can undo the latest run's imports, keeps what the local record is before the drain applies an
 * approved import to it, in one INSERT … SELECT
 * (row and child rows read as JSON by the database). An import that creates its record keeps a null snapshot.
 * Snapshots of imports that end up not applied are ignored: only items with a successful Sync Report line in the same
 * session count (see `applied`).
 */
export async function snapshotBeforeImport(db: Queryable, item: ImportItem, sessionId: number, now: Date): Promise<void> {
  if (item.localId === null) {
    await db
      .insert(importSnapshots)
      .values({ sessionId, syncItemId: item.id, entityType: item.entityType, localId: null, record: null, createdAt: now })
      .onConflictDoNothing();
    return;
  }
  const table = adapterFor(item.entityType).table;
  // The first snapshot of an item in a session is the one before its import: a repeat keeps it.
  await db.run(sql`
    INSERT INTO ${importSnapshots} (session_id, sync_item_id, entity_type, local_id, record, created_at)
    SELECT ${sessionId}, ${item.id}, ${item.entityType}, ${item.localId}, ${recordJson(item.entityType)}, ${now.getTime()}
    FROM ${table} WHERE ${table.id} = ${item.localId}
    ON CONFLICT DO NOTHING`);
}

/** What "Undo last import" would restore, for the Sync runs page. */
export async function lastImportSummary(db: Queryable): Promise<ImportSummary> {
  const sessionId = await lastImportSession(db);
  if (sessionId === undefined) {
    return { run: null, canUndo: false, reason: "No import from QuickBooks has been applied yet.", lines: [], warning: UNDO_WARNING };
  }
  const inRun = and(eq(importSnapshots.sessionId, sessionId), applied);
  const groups = await db
    .select({
      entityType: importSnapshots.entityType,
      created: createdByImport,
      action: syncAttempts.action,
      n: count(),
      appliedAt: max(importSnapshots.createdAt),
      undoneAt: max(importSnapshots.undoneAt),
      undoneBy: max(importSnapshots.undoneBy),
    })
    .from(importSnapshots)
    .innerJoin(syncAttempts, inRun)
    .groupBy(importSnapshots.entityType, createdByImport, syncAttempts.action);
  const approvers = await db
    .selectDistinct({ name: users.name })
    .from(importSnapshots)
    .innerJoin(syncAttempts, inRun)
    .leftJoin(users, eq(users.id, syncAttempts.approvedBy));
  const undoneAt = groups.find((group) => group.undoneAt !== null)?.undoneAt ?? null;
  const undoneById = groups.find((group) => group.undoneBy !== null)?.undoneBy ?? null;
  const [undoer] = undoneById === null ? [] : await db.select({ name: users.name }).from(users).where(eq(users.id, undoneById));
  const run = {
    sessionId,
    appliedAt: groups.reduce<Date>(
      (latest, group) => (group.appliedAt && group.appliedAt > latest ? group.appliedAt : latest),
      new Date(0),
    ),
    approvedBy: approvers.map((row) => row.name ?? "an automatic approval rule"),
    records: groups.reduce((sum, group) => sum + group.n, 0),
    undoneAt,
    undoneBy: undoer?.name ?? null,
  };
  const lines = describe(
    groups.map((group) => ({ entityType: group.entityType, kind: kindOf(Boolean(group.created), group.action), n: group.n })),
  );
  if (undoneAt !== null) {
    const by = run.undoneBy ? ` by ${run.undoneBy}` : "";
    const reason = `Nothing to undo: the last import was already undone${by}. Only the latest run's imports can be undone.`;
    return { run, canUndo: false, reason, lines, warning: UNDO_WARNING };
  }
  return { run, canUndo: true, reason: null, lines, warning: UNDO_WARNING };
}

/**
 * "Undo last import" (admins), in one transaction: every local record the latest run's imports changed goes back to
 * its snapshot (child rows too) and comes back as an export candidate if it now differs from QuickBooks; records those
 * imports created are deleted, or made inactive while something here refers to them. Only the latest run can be
 * undone, once: undoing further back would silently roll back runs the person is not looking at.
 */
export async function undoLastImport(db: Database, user: SessionUser, now: Date, refuseWhileRunning: RunGuard): Promise<UndoResult> {
  if (user.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin can undo an import.");
  return db.transaction(async (tx) => {
    // Undoing while a run applies imports would mix the two.
    await refuseWhileRunning(tx, "Undo the last import");
    const summary = await lastImportSummary(tx);
    if (!summary.canUndo || !summary.run) throw new AppError("CONFLICT", summary.reason ?? "Nothing to undo.");
    const entries = await batchEntries(tx, summary.run.sessionId);
    const done: Counted[] = [];
    const failures: string[] = [];
    // Parents first, so a record brought back finds what it refers to; the imports' own new records go last.
    for (const entry of entries.filter((candidate) => candidate.record !== null).sort(byLevel)) {
      const problem = await restoreRecord(tx, entry, user, now);
      if (problem) failures.push(problem);
      else done.push({ entityType: entry.entityType, kind: entry.kind, n: 1 });
      // Before a match was applied the two were not linked: undone, they are two again, and the next run matches them anew.
      if (!problem && entry.kind === "matched") await dropLink(tx, entry.entityType, entry.localId!);
    }
    // Children first, so an invoice the import created no longer holds back its new customer.
    const created = entries.filter((entry) => entry.record === null && entry.localId !== null).sort((a, b) => byLevel(b, a));
    const kept: string[] = [];
    for (const type of new Set(created.map((entry) => entry.entityType))) {
      const outcome = await removeCreated(
        tx,
        type,
        created.filter((entry) => entry.entityType === type),
        now,
      );
      done.push({ entityType: type, kind: "created", n: outcome.removed });
      kept.push(...outcome.kept);
    }
    await tx
      .update(importSnapshots)
      .set({ undoneAt: now, undoneBy: user.id })
      .where(and(eq(importSnapshots.sessionId, summary.run.sessionId), isNull(importSnapshots.undoneAt)));
    const sentences = [...describe(done, "past"), ...kept, ...failures];
    await tx.insert(syncAudit).values({
      at: now,
      userId: user.id,
      userName: user.name,
      action: "undo_import",
      detail: `Undid the imports of Web Connector run ${summary.run.sessionId}: ${sentences.join(" ")}`,
    });
    const total = (kinds: Kind[]) => done.filter((row) => kinds.includes(row.kind)).reduce((sum, row) => sum + row.n, 0);
    return {
      sessionId: summary.run.sessionId,
      restored: total(["changed", "deleted", "matched"]),
      removed: total(["created"]),
      kept: kept.length,
      failed: failures.length,
      sentences,
      warning: UNDO_WARNING,
    };
  });
}

type StoredValue = string | number | null;
type StoredRow = Record<string, StoredValue>;
const CHILDREN_KEY = "$children";

/** Rows an import writes together with the record, so they are kept and restored with it. */
const CHILDREN: Partial<Record<EntityType, { table: SQLiteTable; parent: SQLiteColumn }>> = {
  invoice: { table: invoiceLines, parent: invoiceLines.invoiceId },
  payment: { table: paymentApplications, parent: paymentApplications.paymentId },
  purchaseOrder: { table: purchaseOrderLines, parent: purchaseOrderLines.purchaseOrderId },
  bill: { table: billLines, parent: billLines.billId },
  billPayment: { table: billPaymentApplications, parent: billPaymentApplications.billPaymentId },
};

const createdByImport = sql<number>`${importSnapshots.record} is null`;

/** An import counts once the Sync Report holds its success in the run that took the snapshot. */
const applied = and(
  eq(syncAttempts.syncItemId, importSnapshots.syncItemId),
  eq(syncAttempts.sessionId, importSnapshots.sessionId),
  eq(syncAttempts.result, "successful"),
);

const recordJsonByType = new Map<EntityType, SQL>();

/** The JSON expression of a type's row and child rows, rendered once: it holds no parameters, and the drain runs it per item. */
function recordJson(type: EntityType): SQL {
  let expression = recordJsonByType.get(type);
  if (!expression) {
    expression = sql.raw(new SQLiteSyncDialect().sqlToQuery(recordJsonOf(type)).sql);
    recordJsonByType.set(type, expression);
  }
  return expression;
}

function recordJsonOf(type: EntityType): SQL {
  const table = adapterFor(type).table;
  const children = CHILDREN[type];
  if (!children) return rowJson(table);
  const rows = sql`(SELECT json_group_array(${rowJson(children.table)}) FROM ${children.table} WHERE ${children.parent} = ${table.id})`;
  return rowJson(table, sql`${sql.raw(`'${CHILDREN_KEY}'`)}, json(${rows})`);
}

/** A row as stored, as a JSON object keyed by column name: booleans stay 0/1 and instants epoch milliseconds. */
function rowJson(table: SQLiteTable, extra?: SQL): SQL {
  const pairs = Object.values(getTableColumns(table)).map((column) => sql`${sql.raw(`'${column.name}'`)}, ${column}`);
  return sql`json_object(${sql.join(extra ? [...pairs, extra] : pairs, sql`, `)})`;
}

async function lastImportSession(db: Queryable): Promise<number | undefined> {
  const [row] = await db
    .select({ sessionId: importSnapshots.sessionId })
    .from(importSnapshots)
    .innerJoin(syncAttempts, applied)
    .orderBy(desc(importSnapshots.sessionId))
    .limit(1);
  return row?.sessionId;
}

interface Entry {
  id: number;
  entityType: EntityType;
  kind: Kind;
  /** For a record the import created, the id its Sync Report line holds. */
  localId: number | null;
  record: string | null;
  label: string;
}

async function batchEntries(db: Queryable, sessionId: number): Promise<Entry[]> {
  const rows = await db
    .select({
      id: importSnapshots.id,
      entityType: importSnapshots.entityType,
      localId: sql<number | null>`coalesce(${importSnapshots.localId}, ${syncAttempts.localId})`,
      record: importSnapshots.record,
      label: syncAttempts.label,
      action: syncAttempts.action,
    })
    .from(importSnapshots)
    .innerJoin(syncAttempts, applied)
    .where(and(eq(importSnapshots.sessionId, sessionId), isNull(importSnapshots.undoneAt)));
  // One entry per snapshot, even if the Sync Report held two successes for it.
  const byId = new Map(rows.map(({ action, ...row }) => [row.id, { ...row, kind: kindOf(row.record === null, action) }]));
  return [...byId.values()];
}

function byLevel(a: Entry, b: Entry): number {
  return adapterFor(a.entityType).level - adapterFor(b.entityType).level;
}

/** Writes the snapshot back (the row again if the import deleted it) and its child rows; a sentence if it cannot. */
async function restoreRecord(db: Queryable, entry: Entry, user: SessionUser, now: Date): Promise<string | null> {
  const table = adapterFor(entry.entityType).table;
  const { [CHILDREN_KEY]: childRows, ...row } = JSON.parse(entry.record!) as StoredRow & { [CHILDREN_KEY]?: StoredRow[] };
  // Touched now, so the next run compares it with QuickBooks and offers it as an export when the two differ.
  const head: StoredRow = { ...row, updated_at: now.getTime(), updated_by: user.id };
  try {
    // A savepoint per record: one that cannot go back (its name is taken now) leaves the others to be restored.
    await db.transaction(async (savepoint) => {
      await upsertRow(savepoint, table, head);
      const children = CHILDREN[entry.entityType];
      if (!children) return;
      await savepoint.delete(children.table).where(eq(children.parent, Number(row.id)));
      for (const child of childRows ?? []) await upsertRow(savepoint, children.table, child);
    });
    return null;
  } catch (error) {
    if (!isConstraintError(error)) throw error;
    const why = /UNIQUE/i.test(String(causeMessage(error)))
      ? "another record here now uses its name or number"
      : "a record it refers to is no longer here";
    return `${entry.label} could not be restored: ${why}. It stays as the import left it.`;
  }
}

function upsertRow(db: Queryable, table: SQLiteTable, row: StoredRow) {
  const names = Object.keys(row);
  const columns = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  const values = sql.join(
    names.map((name) => sql`${row[name]}`),
    sql`, `,
  );
  const updates = names.filter((name) => name !== "id").map((name) => sql`${sql.identifier(name)} = excluded.${sql.identifier(name)}`);
  return db.run(sql`INSERT INTO ${table} (${columns}) VALUES (${values}) ON CONFLICT (id) DO UPDATE SET ${sql.join(updates, sql`, `)}`);
}

const CHUNK = 500;

/** Deletes records the import created, with their links; one something here refers to is made inactive instead. */
async function removeCreated(db: Queryable, type: EntityType, entries: Entry[], now: Date): Promise<{ removed: number; kept: string[] }> {
  const table = adapterFor(type).table;
  const children = CHILDREN[type];
  const hasActive = "active" in getTableColumns(table);
  let removed = 0;
  const kept: string[] = [];
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    const ids = chunk.map((entry) => entry.localId!);
    const referred = await referredTo(db, type, ids);
    const free = ids.filter((id) => !referred.has(id));
    if (free.length > 0) {
      if (children) await db.delete(children.table).where(inArray(children.parent, free));
      await db.delete(table).where(inArray(table.id, free));
      await db.delete(syncLinks).where(and(eq(syncLinks.entityType, type), inArray(syncLinks.localId, free)));
      removed += free.length;
    }
    const held = ids.filter((id) => referred.has(id));
    // Still linked: it stays the record QuickBooks has, so what refers to it can still sync.
    if (held.length > 0 && hasActive)
      await db.run(sql`UPDATE ${table} SET active = 0, updated_at = ${now.getTime()} WHERE ${inArray(table.id, held)}`);
    for (const entry of chunk.filter((candidate) => referred.has(candidate.localId!))) {
      const by = [...referred.get(entry.localId!)!].join(" and ");
      kept.push(`${entry.label} was kept${hasActive ? " and made inactive" : ""}: ${by} here refer to it.`);
    }
  }
  return { removed, kept };
}

/** Which of the records are referred to by another row, and by what ("invoices", "invoice lines"). */
async function referredTo(db: Queryable, type: EntityType, ids: number[]): Promise<Map<number, Set<string>>> {
  const found = new Map<number, Set<string>>();
  const target = adapterFor(type).table;
  const own = CHILDREN[type]?.parent;
  for (const { table, column } of referencesTo(target)) {
    if (column === own) continue;
    const rows = await db
      .selectDistinct({ id: sql<number>`${column}` })
      .from(table)
      .where(inArray(column, ids));
    const what = getTableConfig(table).name.replaceAll("_", " ");
    for (const { id } of rows) found.set(id, (found.get(id) ?? new Set()).add(what));
  }
  return found;
}

let references: Map<SQLiteTable, { table: SQLiteTable; column: SQLiteColumn }[]> | undefined;

/** Every foreign key of the schema pointing at the table, so a new table that refers to records is checked too. */
function referencesTo(target: SQLiteTable) {
  if (!references) {
    references = new Map();
    const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));
    for (const table of tables) {
      for (const key of getTableConfig(table).foreignKeys) {
        const { columns, foreignTable } = key.reference();
        references.set(foreignTable, [...(references.get(foreignTable) ?? []), { table, column: columns[0]! }]);
      }
    }
  }
  return references.get(target) ?? [];
}

/** What the import did to a record: undo changes it back, brings it back, or removes it. */
type Kind = "changed" | "deleted" | "created" | "matched";
type Counted = { entityType: EntityType; kind: Kind; n: number };

function kindOf(created: boolean, action: string): Kind {
  if (created) return "created";
  return action === "delete" ? "deleted" : action === "match" ? "matched" : "changed";
}

const UNDONE_WORDS: Record<Kind, string> = {
  changed: "Restored",
  deleted: "Brought back",
  created: "Removed",
  matched: "Restored and unlinked",
};

/** "2 customers changed by the import" (what undo would restore), or "Restored 2 customers changed by the import." */
function describe(counts: Counted[], tense: "future" | "past" = "future"): string[] {
  const totals = new Map<string, Counted>();
  for (const count of counts) {
    const key = `${count.entityType}:${count.kind}`;
    totals.set(key, { ...count, n: (totals.get(key)?.n ?? 0) + count.n });
  }
  return [...totals.values()]
    .filter((total) => total.n > 0)
    .sort((a, b) => adapterFor(a.entityType).level - adapterFor(b.entityType).level || a.kind.localeCompare(b.kind))
    .map(({ entityType, kind, n }) => {
      const what = `${countOf(n, adapterFor(entityType).noun)} ${kind} by the import`;
      return tense === "past" ? `${UNDONE_WORDS[kind]} ${what}.` : what;
    });
}

function countOf(n: number, noun: string): string {
  return noun.endsWith("s") ? `${n.toLocaleString("en-US")} ${noun}` : plural(n, noun);
}

function isConstraintError(error: unknown): boolean {
  return /constraint failed|SQLITE_CONSTRAINT/i.test(causeMessage(error));
}

function causeMessage(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause)
    messages.push(current.message, String((current as { code?: unknown }).code ?? ""));
  return messages.join(" ");
}
