import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { appSettings } from "@/db/schema";

/** Reads one JSON setting, or undefined when it was never stored. */
export async function readSetting<T>(db: Queryable, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function writeSetting(db: Queryable, key: string, value: unknown, userId?: number): Promise<void> {
  const row = { key, value: JSON.stringify(value), updatedAt: new Date(), updatedBy: userId ?? null };
  await db.insert(appSettings).values(row).onConflictDoUpdate({ target: appSettings.key, set: row });
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
  return (await readSetting<T>(db, key)) as T;
}
