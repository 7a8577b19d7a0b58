import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, gt, inArray, isNotNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { qbwcSessions, QBWC_SESSION_STATUSES } from "@/db/schema";
import { AppError } from "@/server/errors";
import { listPage, type ListInput } from "@/db/list-query";

export type QbwcSession = typeof qbwcSessions.$inferSelect;
export type SessionStatus = (typeof QBWC_SESSION_STATUSES)[number];
export type EndedStatus = Exclude<SessionStatus, "active">;
/** Fields a call may change while the session is active. */
export type SessionChanges = Partial<
  Omit<QbwcSession, "id" | "ticketHash" | "username" | "credentialsId" | "status" | "startedAt" | "endedAt">
>;

/** A session that has had no call for this long no longer keeps a new one out: it is taken over. */
export const TAKEOVER_AFTER_MS = 60_000;

export const TAKEN_OVER_MESSAGE =
  "A newer Web Connector session took over after this one had been silent for more than a minute. Click Update Selected to run again.";

export function expiredMessage(idleMinutes: number): string {
  return `This session expired after ${idleMinutes} minutes without a call from the Web Connector. Click Update Selected to start a new one.`;
}

/** Only a hash of the ticket is stored, so the table never holds a usable credential. */
export function ticketHash(ticket: string): string {
  return createHash("sha256").update(ticket).digest("hex");
}

export type OpenedSession =
  | { kind: "opened"; ticket: string; session: QbwcSession; abandoned: QbwcSession[] }
  | { kind: "busy"; ticket: string; abandoned: QbwcSession[] };

/**
 * Starts the session of a valid user. A session with a call in the last minute keeps it out ("busy");
 * a quieter one is abandoned and taken over. The partial unique index on active sessions makes the check
 * and the insert atomic across instances: if two start at once, the second insert finds the first.
 */
export async function openSession(db: Queryable, username: string, now: Date, credentialsId: string | null): Promise<OpenedSession> {
  const abandoned = await db
    .update(qbwcSessions)
    .set({ status: "abandoned", endedAt: now, lastError: TAKEN_OVER_MESSAGE, nextRequest: null })
    .where(and(eq(qbwcSessions.status, "active"), lt(qbwcSessions.lastCallAt, new Date(now.getTime() - TAKEOVER_AFTER_MS))))
    .returning();
  const ticket = randomUUID();
  const [session] = await db
    .insert(qbwcSessions)
    .values({ ticketHash: ticketHash(ticket), username, credentialsId, status: "active", startedAt: now, lastCallAt: now })
    .onConflictDoNothing()
    .returning();
  if (session) return { kind: "opened", ticket, session, abandoned };
  const busyTicket = randomUUID();
  await recordRefusedSession(db, {
    username,
    status: "busy",
    now,
    ticket: busyTicket,
    lastError: "Another Web Connector session was running, so this one did not start.",
  });
  return { kind: "busy", ticket: busyTicket, abandoned };
}

/** Logs an authenticate that did not start a session (wrong credentials, busy), already ended. */
export async function recordRefusedSession(
  db: Queryable,
  refusal: { username: string; status: "not_valid_user" | "busy" | "nothing_to_do"; now: Date; lastError: string; ticket?: string },
): Promise<void> {
  await db.insert(qbwcSessions).values({
    ticketHash: refusal.ticket ? ticketHash(refusal.ticket) : null,
    username: refusal.username.slice(0, 100),
    status: refusal.status,
    startedAt: refusal.now,
    lastCallAt: refusal.now,
    endedAt: refusal.now,
    lastError: refusal.lastError,
  });
}

export async function findSession(db: Queryable, ticket: string): Promise<QbwcSession | undefined> {
  if (!ticket) return undefined;
  const [session] = await db
    .select()
    .from(qbwcSessions)
    .where(eq(qbwcSessions.ticketHash, ticketHash(ticket)));
  return session;
}

export function isExpired(session: QbwcSession, now: Date, idleMinutes: number): boolean {
  return now.getTime() - session.lastCallAt.getTime() > idleMinutes * 60_000;
}

/** Records a call's changes; returns the session as it now is, or null when it is no longer active. */
export function updateSession(db: Queryable, session: QbwcSession, changes: SessionChanges): Promise<QbwcSession | null> {
  return changeActiveSession(db, session, changes);
}

/**
 * The one way a session leaves "active". Returns the ended session, or null when another call or instance
 * ended it first, so whoever moved it is the one who tells the engine.
 */
export async function endSession(
  db: Queryable,
  session: QbwcSession,
  status: EndedStatus,
  now: Date,
  changes: SessionChanges = {},
): Promise<QbwcSession | null> {
  return changeActiveSession(db, session, { ...changes, status, endedAt: now, lastCallAt: now, nextRequest: null });
}

/** The row is not read back: only its id returns, and the caller's copy takes the changes (a session row is wide). */
async function changeActiveSession(
  db: Queryable,
  session: QbwcSession,
  changes: Partial<typeof qbwcSessions.$inferInsert>,
): Promise<QbwcSession | null> {
  const [changed] = await db
    .update(qbwcSessions)
    .set(changes)
    .where(and(eq(qbwcSessions.id, session.id), eq(qbwcSessions.status, "active")))
    .returning({ id: qbwcSessions.id });
  return changed ? { ...session, ...changes } : null;
}

export const runsInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
  search: z.string().trim().max(100).optional(),
});

/** The run log, newest first, one page at a time; the search box looks at company, file, product and status. */
export async function listRuns(db: Queryable, input: z.input<typeof runsInput>) {
  const { page, pageSize, search } = runsInput.parse(input);
  const columns = {
    id: qbwcSessions.id,
    status: qbwcSessions.status,
    username: qbwcSessions.username,
    startedAt: qbwcSessions.startedAt,
    endedAt: qbwcSessions.endedAt,
    companyFile: qbwcSessions.companyFile,
    companyName: qbwcSessions.companyName,
    productName: qbwcSessions.productName,
    productVersion: qbwcSessions.productVersion,
    country: qbwcSessions.country,
    qbxmlMajor: qbwcSessions.qbxmlMajor,
    qbxmlMinor: qbwcSessions.qbxmlMinor,
    requestsSent: qbwcSessions.requestsSent,
    responsesReceived: qbwcSessions.responsesReceived,
    percentDone: qbwcSessions.percentDone,
    lastError: qbwcSessions.lastError,
  };
  const query: ListInput = { page, pageSize, search, sort: "newest", direction: "desc" };
  return listPage(
    db,
    {
      table: qbwcSessions,
      // Ids grow with start time and, unlike timestamps, never tie.
      sortable: { newest: qbwcSessions.id },
      defaultSort: "newest",
      searchable: [qbwcSessions.companyName, qbwcSessions.companyFile, qbwcSessions.productName, qbwcSessions.status],
      rows: ({ where, orderBy, limit, offset }) =>
        db.select(columns).from(qbwcSessions).where(where).orderBy(orderBy).limit(limit).offset(offset),
    },
    query,
  );
}

/** The Web Connector session under way, if any. */
export async function activeSessionId(db: Queryable): Promise<number | null> {
  const [active] = await db.select({ id: qbwcSessions.id }).from(qbwcSessions).where(eq(qbwcSessions.status, "active")).limit(1);
  return active?.id ?? null;
}

/** Which of these sessions are still under way. */
export async function activeSessionsAmong(db: Queryable, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: qbwcSessions.id })
    .from(qbwcSessions)
    .where(and(inArray(qbwcSessions.id, [...ids]), eq(qbwcSessions.status, "active")));
  return new Set(rows.map((row) => row.id));
}

/** The latest session that ended, however it ended; null before the first. */
export async function latestEndedSession(db: Queryable): Promise<{ id: number; endedAt: Date; status: EndedStatus } | null> {
  const [run] = await db
    .select({ id: qbwcSessions.id, endedAt: qbwcSessions.endedAt, status: qbwcSessions.status })
    .from(qbwcSessions)
    .where(and(inArray(qbwcSessions.status, ["completed", "failed", "abandoned", "connection_error"]), isNotNull(qbwcSessions.endedAt)))
    .orderBy(desc(qbwcSessions.id))
    .limit(1);
  return run?.endedAt ? { id: run.id, endedAt: run.endedAt, status: run.status as EndedStatus } : null;
}

/**
 * Some admin actions would mix with a run that is reading or applying (running the first import again, undoing
 * the last import): refused while a Web Connector session is active and was heard from within its idle limit.
 * `then` says what to do afterwards, e.g. "Undo the last import".
 */
export async function refuseWhileRunning(db: Queryable, now: Date, idleMinutes: number, then: string): Promise<void> {
  const recent = new Date(now.getTime() - idleMinutes * 60_000);
  const [running] = await db
    .select({ id: qbwcSessions.id })
    .from(qbwcSessions)
    .where(and(eq(qbwcSessions.status, "active"), gt(qbwcSessions.lastCallAt, recent)))
    .limit(1);
  if (running)
    throw new AppError("CONFLICT", `A Web Connector run is under way. ${then} once it has finished (Web Connector runs shows it).`);
}
