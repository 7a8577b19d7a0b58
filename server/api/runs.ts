import type { Queryable } from "@/db";
import { env } from "@/server/env";
import { activeSessionId, activeSessionsAmong, latestEndedSession, refuseWhileRunning } from "@/server/qbwc/sessions";
import { runEveryNMinutes } from "@/server/qbwc/settings";
import { runProgress, runSummaries, type RunGuard } from "@/server/sync/run-state";
import { syncRequests } from "@/server/sync/sync-requests";

// Where what the sync engine records about a run meets what the Web Connector's side knows of its sessions:
// neither imports the other, so the procedures put the two together here.

/** The run under way, stage by stage; null when no Web Connector session is active. */
export async function currentRunProgress(db: Queryable) {
  const sessionId = await activeSessionId(db);
  return sessionId === null ? null : runProgress(db, sessionId);
}

/** The latest run that ended, with its "Sync complete" summary, for the home page; null before the first. */
export async function latestRun(db: Queryable) {
  const session = await latestEndedSession(db);
  if (!session) return null;
  const summaries = await runSummaries(db, [session.id]);
  return { sessionId: session.id, endedAt: session.endedAt, status: session.status, summary: summaries[session.id]! };
}

/** Sync now and selective sync as the pages show them: which request a run has taken, and the schedule. */
export async function syncRequestsStatus(db: Queryable) {
  return syncRequests(db, {
    activeAmong: (sessionIds) => activeSessionsAmong(db, sessionIds),
    runEveryNMinutes: await runEveryNMinutes(db),
  });
}

/** The guard of admin actions that must not mix with a run: refused while a session is active and recently heard from. */
export function whileNoRun(now: Date): RunGuard {
  return (db, then) => refuseWhileRunning(db, now, env().QBWC_SESSION_IDLE_MINUTES, then);
}
