import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import { syncAttempts, syncRuns } from "@/db/schema";

/** What one Web Connector session has done so far; stored as JSON so any instance can take the next call. */
export interface RunState {
  /** What the message QuickBooks is answering asked for: items (looked up or sent) and discovery steps. */
  sent:
    { kind: "lookup"; ids: number[] } | { kind: "items"; ids: number[]; steps: number[] } | { kind: "discover"; steps: number[] } | null;
  /** Each discovery query of the run, in server/sync/discovery-steps.ts order. */
  steps: DiscoveryStepState[];
  /** Discovery steps QuickBooks answered with an error this run (absent in runs stored before it existed). */
  failedSteps?: number;
  totalUnits: number;
  doneUnits: number;
  /** Records this run found on both sides never linked: identical and linked at once, or differing (a Match each). */
  matches?: { linked: number; differing: number };
  /** The same progress per stage, for the Sync runs page (absent in runs stored before it existed). */
  stages?: Record<RunStage, StageProgress>;
}

/** Where one discovery query stands in this run. */
export interface DiscoveryStepState {
  status: "unread" | "reading" | "read" | "failed" | "skipped";
  /** The FromModifiedDate (or deleted-from date) the read uses; null reads everything. */
  from: string | null;
  iteratorId: string | null;
  /** Newest TimeModified/TimeDeleted seen so far, as QuickBooks wrote it. */
  newestSeen: string | null;
  /** 3391 restarts (the iterator died with an earlier QuickBooks session). */
  restarts: number;
  /** Pages the iterator is still expected to return (for the percentage). */
  pagesExpected: number;
}

export type RunStage = "discovery" | "sending" | "applying";
export interface StageProgress {
  done: number;
  total: number;
}

/** A run about to read QuickBooks with these discovery steps, send `exports` and apply `imports`. */
export function newRunState(steps: DiscoveryStepState[], work: { exports: number; imports: number }): RunState {
  return {
    sent: null,
    steps,
    totalUnits: steps.length + work.exports + work.imports,
    doneUnits: 0,
    stages: {
      discovery: { done: 0, total: steps.length },
      sending: { done: 0, total: work.exports },
      applying: { done: 0, total: work.imports },
    },
  };
}

/** Counts work done in one stage, and in the run as a whole. */
export function advance(state: RunState, stage: RunStage, done: number, moreExpected = 0): void {
  state.doneUnits += done;
  state.totalUnits += moreExpected;
  const progress = state.stages?.[stage];
  if (!progress) return;
  progress.done += done;
  progress.total = Math.max(progress.total + moreExpected, progress.done);
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

export interface RunProgress {
  sessionId: number;
  stages: Record<RunStage, StageProgress> | null;
  /** What failed so far in this run, newest first (at most 20). */
  errors: { at: Date; label: string; direction: "import" | "export"; statusCode: string | null; statusMessage: string | null }[];
}

/** A run under way (its Web Connector session), stage by stage, with the failures it has met so far. */
export async function runProgress(db: Queryable, sessionId: number): Promise<RunProgress> {
  const active = { id: sessionId };
  const state = await loadRun(db, active.id);
  const errors = await db
    .select({
      at: syncAttempts.at,
      label: syncAttempts.label,
      direction: syncAttempts.direction,
      statusCode: syncAttempts.statusCode,
      statusMessage: syncAttempts.statusMessage,
    })
    .from(syncAttempts)
    .where(and(eq(syncAttempts.sessionId, active.id), eq(syncAttempts.result, "failed")))
    .orderBy(desc(syncAttempts.id))
    .limit(20);
  return { sessionId: active.id, stages: state?.stages ?? null, errors };
}

/** What a finished run did, for its line on the Web Connector runs page: the "Sync Complete" of the office. */
export interface RunSummary {
  sent: number;
  applied: number;
  failed: number;
  /** Records found on both sides never linked: identical and linked at once, or differing (a Match each to decide). */
  matches: { linked: number; differing: number };
  /** Per type and side: how many were created, updated, matched, deleted or failed ("export" = in QuickBooks). */
  byType: RunTypeLine[];
}

type AttemptType = (typeof syncAttempts.$inferSelect)["entityType"];

export interface RunTypeLine {
  entityType: AttemptType;
  direction: "import" | "export";
  created: number;
  updated: number;
  matched: number;
  deleted: number;
  failed: number;
}

export async function runSummaries(db: Queryable, sessionIds: readonly number[]): Promise<Record<number, RunSummary>> {
  if (sessionIds.length === 0) return {};
  const [attempts, runs] = await Promise.all([
    db
      .select({
        sessionId: syncAttempts.sessionId,
        entityType: syncAttempts.entityType,
        direction: syncAttempts.direction,
        action: syncAttempts.action,
        result: syncAttempts.result,
        n: count(),
      })
      .from(syncAttempts)
      .where(inArray(syncAttempts.sessionId, [...sessionIds]))
      .groupBy(syncAttempts.sessionId, syncAttempts.entityType, syncAttempts.direction, syncAttempts.action, syncAttempts.result),
    db
      .select()
      .from(syncRuns)
      .where(inArray(syncRuns.sessionId, [...sessionIds])),
  ]);
  const summaries: Record<number, RunSummary> = {};
  for (const id of sessionIds) {
    const run = runs.find((row) => row.sessionId === id);
    const matches = run ? ((JSON.parse(run.state) as RunState).matches ?? { linked: 0, differing: 0 }) : { linked: 0, differing: 0 };
    const of = (direction: "import" | "export" | null, result: "successful" | "failed") =>
      attempts
        .filter((row) => row.sessionId === id && (direction === null || row.direction === direction) && row.result === result)
        .reduce((sum, row) => sum + row.n, 0);
    const lines = new Map<string, RunTypeLine>();
    for (const row of attempts) {
      if (row.sessionId !== id) continue;
      const key = `${row.entityType}:${row.direction}`;
      const line = lines.get(key) ?? {
        entityType: row.entityType,
        direction: row.direction,
        created: 0,
        updated: 0,
        matched: 0,
        deleted: 0,
        failed: 0,
      };
      if (row.result === "failed") line.failed += row.n;
      else if (row.action === "add") line.created += row.n;
      else if (row.action === "modify") line.updated += row.n;
      else if (row.action === "match") line.matched += row.n;
      else line.deleted += row.n;
      lines.set(key, line);
    }
    const byType = [...lines.values()].sort(
      (a, b) => TYPE_ORDER.indexOf(a.entityType) - TYPE_ORDER.indexOf(b.entityType) || a.direction.localeCompare(b.direction),
    );
    summaries[id] = { sent: of("export", "successful"), applied: of("import", "successful"), failed: of(null, "failed"), matches, byType };
  }
  return summaries;
}

/** The order a summary names types in: lists first, as a run syncs them. */
const TYPE_ORDER: readonly AttemptType[] = [
  "paymentMethod",
  "terms",
  "salesTaxCode",
  "account",
  "item",
  "vendor",
  "salesTaxItem",
  "salesTaxGroup",
  "customer",
  "invoice",
  "purchaseOrder",
  "bill",
  "payment",
  "billPayment",
];

/**
 * Refuses an admin action while a Web Connector run is reading or applying, checked inside the action's transaction;
 * `then` says what to do once the run has finished. The Web Connector's side knows when a run is under way.
 */
export type RunGuard = (db: Queryable, then: string) => Promise<void>;
