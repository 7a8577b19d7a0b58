import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Queryable } from "@/db";
import { changeOf, recordAudit, type Actor } from "@/server/audit";
import { claimSetting, readSetting, writeSetting } from "@/server/settings";
import { checkedPublicUrl, normalizePublicUrl } from "./public-url";

export const DEFAULT_RUN_EVERY_N_MINUTES = 60;

export const publicUrlInput = z.object({
  /** null clears the setting, so PUBLIC_URL from the environment applies again. */
  publicUrl: z.string().trim().max(500, "Keep the URL under 500 characters.").nullable(),
});

export const scheduleInput = z.object({
  runEveryNMinutes: z
    .number()
    .int("Enter a whole number of minutes.")
    .min(1, "The Web Connector runs at most once a minute.")
    .max(1440, "Run at least once a day (1440 minutes)."),
});

const PUBLIC_URL_KEY = "qbwc.publicUrl";
const SCHEDULE_KEY = "qbwc.runEveryNMinutes";

export type PublicUrlSource = "setting" | "env";

/** The address QBWC reaches Ledgerbridge at: the setting an admin saved, else PUBLIC_URL, else none. */
export async function configuredPublicUrl(
  db: Queryable,
  envPublicUrl: string | undefined,
): Promise<{ url: string; source: PublicUrlSource } | null> {
  const stored = await readSetting<string | null>(db, PUBLIC_URL_KEY);
  if (stored) return { url: stored, source: "setting" };
  return envPublicUrl ? { url: normalizePublicUrl(envPublicUrl), source: "env" } : null;
}

export async function setPublicUrl(db: Queryable, input: z.input<typeof publicUrlInput>, actor?: Actor) {
  const { publicUrl } = publicUrlInput.parse(input);
  const value = publicUrl ? checkedPublicUrl(publicUrl) : null;
  const before = (await readSetting<string | null>(db, PUBLIC_URL_KEY)) ?? null;
  await writeSetting(db, PUBLIC_URL_KEY, value, actor?.id);
  const change = changeOf("Public URL", before ?? "from the environment or the request", value ?? "from the environment or the request");
  if (actor && change) await recordAudit(db, actor, "settings", `${change}.`);
  return { publicUrl: value };
}

export async function runEveryNMinutes(db: Queryable): Promise<number> {
  return (await readSetting<number>(db, SCHEDULE_KEY)) ?? DEFAULT_RUN_EVERY_N_MINUTES;
}

export async function setRunEveryNMinutes(db: Queryable, input: z.input<typeof scheduleInput>, actor?: Actor) {
  const { runEveryNMinutes: minutes } = scheduleInput.parse(input);
  const before = await runEveryNMinutes(db);
  await writeSetting(db, SCHEDULE_KEY, minutes, actor?.id);
  const change = changeOf("Web Connector runs every", `${before} minutes`, `${minutes} minutes`);
  if (actor && change)
    await recordAudit(db, actor, "settings", `${change} (in the .qwc file: download it again and add it to the Web Connector).`);
  return { runEveryNMinutes: minutes };
}

/**
 * The .qwc OwnerID and FileID, generated once and kept: QuickBooks stamps the pair on the company file,
 * and a new pair for the same file makes QBWC refuse the application (QBWC1039).
 */
export async function qwcIds(db: Queryable): Promise<{ ownerId: string; fileId: string }> {
  const ownerId = await claimSetting(db, "qbwc.ownerId", braceGuid());
  const fileId = await claimSetting(db, "qbwc.fileId", braceGuid());
  return { ownerId, fileId };
}

function braceGuid(): string {
  return `{${randomUUID().toUpperCase()}}`;
}
