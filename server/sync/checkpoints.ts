import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncCheckpoints } from "@/db/schema";

const OVERLAP_MS = 60 * 60 * 1000;

export async function readCheckpoint(db: Queryable, key: string): Promise<string | undefined> {
  const [row] = await db.select().from(syncCheckpoints).where(eq(syncCheckpoints.queryKey, key));
  return row?.timeModified;
}

/** Every list's checkpoint, by key: one statement for a whole discovery message. */
export async function readCheckpoints(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.select().from(syncCheckpoints);
  return new Map(rows.map((row) => [row.queryKey, row.timeModified]));
}

export async function writeCheckpoint(db: Queryable, key: string, timeModified: string, now: Date): Promise<void> {
  const row = { queryKey: key, timeModified, updatedAt: now };
  await db.insert(syncCheckpoints).values(row).onConflictDoUpdate({ target: syncCheckpoints.queryKey, set: row });
}

/**
 * After a list was read to its end: moves its checkpoint to the newest time seen, never back. A read that started
 * later than the checkpoint (a selective sync from a recent date) may have passed over changes in between, so it
 * leaves the checkpoint where it was; so does a read from a date of a list that has no checkpoint yet.
 * `readFrom` is the FromModifiedDate the read used, undefined when it read everything.
 */
export async function advanceCheckpoint(
  db: Queryable,
  key: string,
  seen: string,
  readFrom: string | undefined,
  now: Date,
  /** Every checkpoint as read in this transaction, to save reading this one again. */
  checkpoints?: ReadonlyMap<string, string>,
): Promise<void> {
  const current = checkpoints ? checkpoints.get(key) : await readCheckpoint(db, key);
  if (readFrom !== undefined && (current === undefined || wallClock(readFrom) > wallClock(current))) return;
  if (current === seen || (current !== undefined && newer(current, seen) !== seen)) return;
  await writeCheckpoint(db, key, seen, now);
}

/** Forgets every discovery checkpoint, so the next run asks QuickBooks for all it has ("Run the first import again"). */
export async function resetCheckpoints(db: Queryable): Promise<void> {
  await db.delete(syncCheckpoints);
}

/**
 * The FromModifiedDate to ask for: the stored checkpoint minus one hour, written in the checkpoint's own clock.
 * QuickBooks reads a time without offset as its local time and has been seen to get daylight saving wrong in
 * TimeModified, so the wall-clock text is shifted and its offset (if any) kept as QuickBooks wrote it.
 */
export function withOverlap(checkpoint: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(.*)$/.exec(checkpoint.trim());
  if (!match) return checkpoint;
  const [, y, mo, d, h, mi, s, offset] = match;
  const shifted = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!) - OVERLAP_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  const text = `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  return `${text}${offset ?? ""}`;
}

/** The later of two QuickBooks times (compared as instants when they carry offsets), keeping its text. */
export function newer(a: string | null, b: string | undefined): string | null {
  if (b === undefined) return a;
  if (a === null) return b;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return b > a ? b : a;
  return tb > ta ? b : a;
}

/**
 * A QuickBooks time as its wall-clock text "YYYY-MM-DDTHH:MM:SS", offset dropped: a FromModifiedDate we send carries
 * no offset (QuickBooks reads it as its local time), so it is compared with a checkpoint on QuickBooks' own clock.
 */
function wallClock(time: string): string {
  const text = time.trim().slice(0, 19);
  return text.length === 10 ? `${text}T00:00:00` : text;
}
