import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncRuns } from "@/db/schema";

/** What one Web Connector session has done so far; stored as JSON so any instance can take the next call. */
export interface RunState {
  /** What the request QuickBooks is answering asked for. */
  sent: { kind: "lookup" | "items"; ids: number[] } | { kind: "discover"; step: number } | null;
  discoverStep: number;
  iteratorId: string | null;
  /** 3391 restarts of the current discovery step. */
  restarts: number;
  /** Newest TimeModified/TimeDeleted seen in the current step, as QuickBooks wrote it. */
  newestSeen: string | null;
  /** Discovery steps QuickBooks answered with an error this run (absent in runs stored before it existed). */
  failedSteps?: number;
  /** Pages the current iterator is still expected to return (for the percentage). */
  pagesExpected: number;
  totalUnits: number;
  doneUnits: number;
}

export function newRunState(totalUnits: number): RunState {
  return { sent: null, discoverStep: 0, iteratorId: null, restarts: 0, newestSeen: null, pagesExpected: 0, totalUnits, doneUnits: 0 };
}

export async function loadRun(db: Queryable, sessionId: number): Promise<RunState | undefined> {
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.sessionId, sessionId));
  return row ? (JSON.parse(row.state) as RunState) : undefined;
}

export async function saveRun(db: Queryable, sessionId: number, state: RunState, now: Date): Promise<void> {
  const row = { sessionId, state: JSON.stringify(state), updatedAt: now };
  await db.insert(syncRuns).values(row).onConflictDoUpdate({ target: syncRuns.sessionId, set: row });
}

/** This run's real progress: handled items and pages over everything it has found to do. */
export function percentOf(state: RunState): number {
  if (state.totalUnits <= 0) return 0;
  return Math.min(99, Math.floor((state.doneUnits / state.totalUnits) * 100));
}
