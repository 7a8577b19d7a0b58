import { desc, eq, inArray, max, notInArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import { qbwcSessions } from "@/db/schema";
import { durationWords, plural, timeAgo } from "@/lib/words";
import type { SessionStatus } from "./sessions";
import { pausedMessage, syncPause, type SyncPause } from "./pause";
import { runEveryNMinutes } from "./settings";

export type ConnectorState = "never" | "running" | "ok" | "late" | "failing" | "paused";

export interface ActiveRun {
  id: number;
  startedAt: Date;
  lastCallAt: Date;
  companyName: string | null;
  percentDone: number;
  requestsSent: number;
  responsesReceived: number;
  /** Seconds left at the rate so far; null until there is a rate to go by. */
  etaSeconds: number | null;
}

/** How the Web Connector is doing, for the header dot, the Sync Wizard, the Sync Report and the runs page. */
export interface ConnectorStatus {
  state: ConnectorState;
  /** One short line: "QuickBooks reached 12 minutes ago", "Sync running", "No contact for 3 hours", "Never connected". */
  label: string;
  /** What it means and, when something is wrong, what to do. */
  detail: string;
  runEveryNMinutes: number;
  /** The last call of any kind from the Web Connector. */
  lastContactAt: Date | null;
  /** "12 minutes ago", or null when it never called. */
  lastContactAgo: string | null;
  /** The end of the last run that completed. */
  lastSuccessAt: Date | null;
  /** When the schedule says the next run should start. */
  nextRunDueAt: Date | null;
  active: ActiveRun | null;
  /** Syncing paused by an admin (Settings → Web Connector): who, when and why; null while it syncs. */
  pause: SyncPause | null;
}

/** Ended without reaching the end of the work; the run log's lastError says why. */
const FAILED: readonly SessionStatus[] = ["failed", "connection_error", "not_valid_user", "abandoned"];
const SUCCEEDED: readonly SessionStatus[] = ["completed", "nothing_to_do"];
/** How many scheduled runs may pass without a call before the dot turns red. */
const MISSED_RUNS = 2;

/**
 * The Web Connector's state from the run log and the schedule: running while a session is active and calling,
 * late when two scheduled runs passed without a call, failing when the last run ended badly, else fine.
 */
export async function connectorStatus(db: Queryable, now: Date, idleMinutes: number): Promise<ConnectorStatus> {
  // Every open page polls this: its reads go together, not one after another.
  const [minutes, pause, [contact], [active], [lastEnded], [lastSuccess]] = await Promise.all([
    runEveryNMinutes(db),
    syncPause(db),
    db.select({ at: max(qbwcSessions.lastCallAt) }).from(qbwcSessions),
    db.select().from(qbwcSessions).where(eq(qbwcSessions.status, "active")).limit(1),
    // "busy" rows only say a second Web Connector knocked while one ran; they are no outcome.
    db
      .select()
      .from(qbwcSessions)
      .where(notInArray(qbwcSessions.status, ["active", "busy"]))
      .orderBy(desc(qbwcSessions.id))
      .limit(1),
    db
      .select({ endedAt: qbwcSessions.endedAt })
      .from(qbwcSessions)
      .where(inArray(qbwcSessions.status, [...SUCCEEDED]))
      .orderBy(desc(qbwcSessions.id))
      .limit(1),
  ]);
  const lastContactAt = contact?.at ?? null;
  const base = {
    runEveryNMinutes: minutes,
    lastContactAt,
    lastContactAgo: lastContactAt ? timeAgo(lastContactAt, now) : null,
    lastSuccessAt: lastSuccess?.endedAt ?? null,
    nextRunDueAt: lastContactAt ? new Date(lastContactAt.getTime() + minutes * 60_000) : null,
    active: null,
    pause,
  };
  const every = `every ${plural(minutes, "minute")}`;

  if (pause) return { ...base, state: "paused", label: "Sync paused", detail: pausedMessage(pause) };

  if (!lastContactAt) {
    return {
      ...base,
      state: "never",
      label: "Never connected",
      detail:
        "The Web Connector has not called Ledgerbridge yet. An admin downloads the .qwc file from Settings and adds it to the Web Connector on the QuickBooks computer.",
    };
  }
  if (active && now.getTime() - active.lastCallAt.getTime() <= idleMinutes * 60_000) {
    const run = activeRun(active, now);
    return {
      ...base,
      active: run,
      state: "running",
      label: "Sync running",
      detail: `The Web Connector is sending and receiving now: ${run.percentDone}% done.`,
    };
  }
  const silence = now.getTime() - lastContactAt.getTime();
  if (silence > MISSED_RUNS * minutes * 60_000) {
    return {
      ...base,
      state: "late",
      label: `No contact for ${durationWords(silence)}`,
      detail:
        `The Web Connector should call ${every} but last called ${timeAgo(lastContactAt, now)}. Check that the QuickBooks computer is on, ` +
        "QuickBooks is open with the company file, and Auto-Run is ticked in the Web Connector.",
    };
  }
  if (lastEnded && FAILED.includes(lastEnded.status)) {
    return {
      ...base,
      state: "failing",
      label: "Last run failed",
      detail: `The run ${timeAgo(lastEnded.endedAt ?? lastEnded.lastCallAt, now)} did not finish: ${lastEnded.lastError ?? "the Web Connector gave no reason."}`,
    };
  }
  const reachedAt = base.lastSuccessAt ?? lastContactAt;
  return {
    ...base,
    state: "ok",
    label: `QuickBooks reached ${timeAgo(reachedAt, now)}`,
    detail: `The Web Connector runs ${every}; the last run finished ${timeAgo(reachedAt, now)}.`,
  };
}

/** Progress of the running session, with an estimate from its pace so far (percent per second since it started). */
function activeRun(session: typeof qbwcSessions.$inferSelect, now: Date): ActiveRun {
  const elapsed = (now.getTime() - session.startedAt.getTime()) / 1000;
  const percent = session.percentDone;
  const etaSeconds = percent > 0 && percent < 100 && elapsed > 0 ? Math.round((elapsed * (100 - percent)) / percent) : null;
  return {
    id: session.id,
    startedAt: session.startedAt,
    lastCallAt: session.lastCallAt,
    companyName: session.companyName,
    percentDone: percent,
    requestsSent: session.requestsSent,
    responsesReceived: session.responsesReceived,
    etaSeconds,
  };
}
