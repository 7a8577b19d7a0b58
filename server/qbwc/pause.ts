import { z } from "zod";
import type { Queryable } from "@/db";
import { recordAudit, type Actor } from "@/server/audit";
import { AppError } from "@/server/errors";
import { deleteSetting, readSetting, writeSetting } from "@/server/settings";

const PAUSE_KEY = "qbwc.paused";

export const pauseInput = z.object({
  reason: z
    .string()
    .trim()
    .min(3, { error: "Say why syncing is paused (at least 3 characters), so the office and the Web Connector can read it." })
    .max(200, { error: "Keep the reason under 200 characters." }),
});

/** Syncing paused by an admin: who, when and why. Stored, so every instance and every run sees it. */
export interface SyncPause {
  reason: string;
  by: { id: number; name: string };
  at: Date;
}

interface StoredPause {
  reason: string;
  by: { id: number; name: string };
  at: string;
}

export async function syncPause(db: Queryable): Promise<SyncPause | null> {
  const stored = await readSetting<StoredPause>(db, PAUSE_KEY);
  return stored ? { reason: stored.reason, by: stored.by, at: new Date(stored.at) } : null;
}

/**
 * Pauses syncing: from now on a Web Connector run binds nothing, reads nothing and sends nothing, and a run under way
 * stops at its next request; what waits stays where it is for when syncing resumes. In the audit log.
 */
export async function pauseSync(db: Queryable, actor: Actor, input: z.input<typeof pauseInput>, now: Date): Promise<SyncPause> {
  const { reason } = pauseInput.parse(input);
  const current = await syncPause(db);
  if (current) throw new AppError("CONFLICT", `Syncing is already paused (by ${current.by.name}: ${current.reason}).`);
  const stored: StoredPause = { reason, by: { id: actor.id, name: actor.name }, at: now.toISOString() };
  await writeSetting(db, PAUSE_KEY, stored, actor.id);
  await recordAudit(db, actor, "settings", `Paused syncing: ${reason}`, now);
  return { reason, by: stored.by, at: now };
}

/** Resumes syncing: the next Web Connector run picks up where the last one left off. In the audit log. */
export async function resumeSync(db: Queryable, actor: Actor, now: Date): Promise<void> {
  const current = await syncPause(db);
  if (!current) throw new AppError("CONFLICT", "Syncing is not paused.");
  await deleteSetting(db, PAUSE_KEY);
  await recordAudit(
    db,
    actor,
    "settings",
    `Resumed syncing (paused by ${current.by.name} on ${current.at.toISOString().slice(0, 10)}: ${current.reason})`,
    now,
  );
}

/** What the Web Connector shows while syncing is paused. */
export function pausedMessage(pause: SyncPause): string {
  return `Syncing is paused in Ledgerbridge by ${pause.by.name}: ${pause.reason}. An admin resumes it under Settings → Web Connector.`;
}
