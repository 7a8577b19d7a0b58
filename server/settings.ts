import { eq } from "drizzle-orm";
import { SQLiteTransaction } from "drizzle-orm/sqlite-core";
import type { Queryable } from "@/db";
import { appSettings } from "@/db/schema";

/**
 * A transaction holds SQLite's write lock (BEGIN IMMEDIATE) until it ends, so no other instance can change a setting
 * under it: what it read is kept with it, savepoints nested in it included (they share its session), and one Web
 * Connector call reads each setting once. Once this process writes a setting, a transaction under way keeps no more:
 * what a savepoint wrote may yet be rolled back, so from then on every read goes to the database.
 */
const readInTransaction = new WeakMap<object, { generation: number; values: Map<string, string | undefined> }>();
let writes = 0;

function keptReads(db: Queryable): Map<string, string | undefined> | undefined {
  if (!(db instanceof SQLiteTransaction)) return undefined;
  const transaction = (db as unknown as { session: object }).session;
  let kept = readInTransaction.get(transaction);
  if (!kept) {
    kept = { generation: writes, values: new Map() };
    readInTransaction.set(transaction, kept);
  }
  return kept.generation === writes ? kept.values : undefined;
}

/** Reads one JSON setting, or undefined when it was never stored. */
export async function readSetting<T>(db: Queryable, key: string): Promise<T | undefined> {
  const kept = keptReads(db);
  let text = kept?.get(key);
  if (!kept?.has(key)) {
    const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
    text = row?.value;
    kept?.set(key, text);
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
  await db
    .insert(appSettings)
    .values({ key, value: JSON.stringify(candidate), updatedAt: new Date() })
    .onConflictDoNothing();
  writes += 1;
  return (await readSetting<T>(db, key)) as T;
}
