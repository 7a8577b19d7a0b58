import { eq } from "drizzle-orm";
import { SQLiteTransaction } from "drizzle-orm/sqlite-core";
import type { Queryable } from "@/db";
import { appSettings } from "@/db/schema";

/**
 * A transaction holds SQLite's write lock (BEGIN IMMEDIATE) until it ends, so no other instance can change a setting
 * under it: its first read takes every setting at once (a few dozen small rows) and keeps them, savepoints nested in
 * it included (they share its session), so one Web Connector call reads the settings in one statement. Once this
 * process writes a setting, a transaction under way keeps no more: what a savepoint wrote may yet be rolled back, so
 * from then on every read goes to the database.
 */
const readInTransaction = new WeakMap<object, { generation: number; values: Promise<Map<string, string>> | null }>();
let writes = 0;

function keptSettings(db: Queryable): Promise<Map<string, string>> | undefined {
  if (!(db instanceof SQLiteTransaction)) return undefined;
  const transaction = (db as unknown as { session: object }).session;
  let kept = readInTransaction.get(transaction);
  if (!kept) {
    kept = { generation: writes, values: null };
    readInTransaction.set(transaction, kept);
  }
  if (kept.generation !== writes) return undefined;
  kept.values ??= db
    .select({ key: appSettings.key, value: appSettings.value })
    .from(appSettings)
    .then((rows) => new Map(rows.map((row) => [row.key, row.value])));
  return kept.values;
}

/** Reads one JSON setting, or undefined when it was never stored. */
export async function readSetting<T>(db: Queryable, key: string): Promise<T | undefined> {
  const kept = keptSettings(db);
  let text: string | undefined;
  if (kept) {
    text = (await kept).get(key);
  } else {
    const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
    text = row?.value;
  }
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

export async function writeSetting(db: Queryable, key: string, value: unknown, userId?: number): Promise<void> {
  const row = { key, value: JSON.stringify(value), updatedAt: new Date(), updatedBy: userId ?? null };
  await db.insert(appSettings).values(row).onConflictDoUpdate({ target: appSettings.key, set: row });
  writes += 1;
}

export async function deleteSetting(db: Queryable, key: string): Promise<void> {
  await db.delete(appSettings).where(eq(appSettings.key, key));
  writes += 1;
}

/**
 * Stores a value only if the key is still empty and returns whichever value won, so that two
 * instances starting together agree on one generated secret.
 */
export async function claimSetting<T>(db: Queryable, key: string, candidate: T): Promise<T> {
  const stored = await readSetting<T>(db, key);
  if (stored !== undefined) return stored;
  await db
    .insert(appSettings)
    .values({ key, value: JSON.stringify(candidate), updatedAt: new Date() })
    .onConflictDoNothing();
  writes += 1;
  return (await readSetting<T>(db, key)) as T;
}
