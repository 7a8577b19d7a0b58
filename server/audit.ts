import type { Queryable } from "@/db";
import { syncAudit } from "@/db/schema";

export type AuditAction = (typeof syncAudit.action.enumValues)[number];

/** Who did it, as the audit log names them. */
export interface Actor {
  readonly id: number;
  readonly name: string;
}

/** One line of the audit log: who changed what, when, in words a person reads back later. */
export async function recordAudit(db: Queryable, actor: Actor, action: AuditAction, detail: string, now = new Date()): Promise<void> {
  await db.insert(syncAudit).values({ at: now, userId: actor.id, userName: actor.name, action, detail });
}

/** "Batch size: 50 → 100", or null when nothing changed. */
export function changeOf(label: string, before: string, after: string): string | null {
  return before === after ? null : `${label}: ${before} → ${after}`;
}
