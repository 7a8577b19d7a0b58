import { z } from "zod";
import type { Queryable } from "@/db";
import { readSetting, writeSetting } from "@/server/settings";

const KEY = "sync.settings";

export const syncSettingsInput = z.object({
  /** Requests per QBXMLMsgsRq when draining pending items. */
  batchSize: z.number({ error: "Enter the batch size as a whole number from 1 to 500." }).int().min(1).max(500),
});
export type SyncSettings = z.output<typeof syncSettingsInput>;

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { batchSize: 50 };
/** Records that QuickBooks found busy (3170/3175/3176/3180) are retried on this many later runs, then listed as failed. */
export const RETRY_LIMIT = 3;
/** Page size of discovery queries that accept an iterator. */
export const DISCOVERY_PAGE_SIZE = 500;

export async function syncSettings(db: Queryable): Promise<SyncSettings> {
  const stored = await readSetting<unknown>(db, KEY);
  const parsed = syncSettingsInput.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_SYNC_SETTINGS;
}

export async function saveSyncSettings(db: Queryable, settings: SyncSettings, userId: number): Promise<SyncSettings> {
  await writeSetting(db, KEY, settings, userId);
  return settings;
}
