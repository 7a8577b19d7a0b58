import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { liveVersion } from "@/db/schema";

/** The live version: it rises whenever something a page shows changes (kept by the triggers on each table). */
export async function readLiveVersion(db: Queryable): Promise<number> {
  const [row] = await db.select({ version: liveVersion.version }).from(liveVersion).where(eq(liveVersion.id, 1));
  return row?.version ?? 0;
}

/**
 * One reader per process for the polling endpoint: every open page asks about once a second, so the answer is
 * shared for `maxAgeMs` and concurrent asks wait for the same read. The database then sees a handful of reads per
 * second however many pages are open.
 */
export function sharedLiveVersion(read: () => Promise<number>, maxAgeMs: number, now: () => number = Date.now) {
  let latest: { version: number; at: number } | undefined;
  let reading: Promise<number> | undefined;
  return function currentVersion(): Promise<number> {
    if (latest && now() - latest.at < maxAgeMs) return Promise.resolve(latest.version);
    reading ??= read()
      .then((version) => {
        latest = { version, at: now() };
        return version;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
}
