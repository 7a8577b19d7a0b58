import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { SYNC_ENTITY_TYPES } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { readSetting, writeSetting } from "@/server/settings";
import { readCheckpoints, withOverlap } from "./checkpoints";
import { adapterFor, type EntityType } from "./entities";
import { firstImportDone } from "./first-import";

/**
 * When to sync. The Web Connector calls on its own schedule and a server cannot start it, so
 * "Sync now" and "selective sync" are requests the next run honours: the run takes them when it begins (a request made
 * during a run waits for the next one) and they are done when its discovery has gone through. A selective sync reads
 * only the chosen lists, from a date if one is given; the other lists' checkpoints stay as they were.
 */
export const selectiveSyncInput = z.object({
  lists: z
    .array(z.enum(SYNC_ENTITY_TYPES))
    .min(1, { error: "Choose at least one list to read." })
    .transform((lists) => [...new Set(lists)]),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the date as YYYY-MM-DD, or leave it empty to read what changed since the last run." })
    .refine((date) => new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), { error: "That date is not on the calendar." })
    .nullable()
    .default(null),
});
export type SelectiveSyncInput = z.input<typeof selectiveSyncInput>;

export const cancelRequestInput = z.object({ request: z.enum(["syncNow", "selective"]) });

export interface SyncRequest {
  requestedAt: Date;
  requestedBy: string;
  /** The run under way has taken it: done when that run's discovery ends. */
  underWay: boolean;
}

export interface SyncRequestsStatus {
  syncNow: SyncRequest | null;
  selective: (SyncRequest & { lists: EntityType[]; from: string | null }) | null;
  /** The Web Connector schedule, for "waits for the next run (every 60 minutes)". */
  runEveryNMinutes: number;
}

/** "Sync now" (anyone signed in): one request at a time; a second click while one waits changes nothing. */
export async function requestSyncNow(db: Database, user: SessionUser, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const stored = await readRequests(tx);
    if (stored.syncNow && stored.syncNow.sessionId === null) return;
    await writeRequests(tx, { ...stored, syncNow: newRequest(user, now) }, user.id);
  });
}

/**
 * Selective sync (admins): the next run reads only these lists, from this date instead of their checkpoints. Refused
 * during the first import, whose runs must read all of QuickBooks. Replaces a selective sync asked for earlier.
 */
export async function requestSelectiveSync(db: Database, rawInput: SelectiveSyncInput, user: SessionUser, now: Date): Promise<void> {
  const input = selectiveSyncInput.parse(rawInput);
  await db.transaction(async (tx) => {
    if (!(await firstImportDone(tx))) {
      throw new AppError(
        "CONFLICT",
        "Selective sync is for after the first import: until it is done, every run reads all of QuickBooks anyway.",
      );
    }
    const stored = await readRequests(tx);
    await writeRequests(tx, { ...stored, selective: { ...newRequest(user, now), lists: input.lists, from: input.from } }, user.id);
    await logRequest(
      tx,
      user,
      now,
      `Asked for a selective sync: the next run reads only ${listWords(input.lists)}${input.from ? ` changed since ${input.from}` : ""}.`,
    );
  });
}

/** Withdraws a request (admins); the run under way, if it took it, goes on reading every list from its checkpoint. */
export async function cancelSyncRequest(
  db: Database,
  request: z.output<typeof cancelRequestInput>["request"],
  user: SessionUser,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const stored = await readRequests(tx);
    if (!stored[request]) return;
    await writeRequests(tx, { ...stored, [request]: null }, user.id);
    await logRequest(tx, user, now, request === "syncNow" ? "Withdrew the Sync now request." : "Withdrew the selective sync request.");
  });
}

/**
 * The requests as the pages show them. What this module cannot know comes from the Web Connector's side: which
 * sessions are under way (`activeAmong`) and its schedule.
 */
export async function syncRequests(
  db: Queryable,
  webConnector: { activeAmong: (sessionIds: number[]) => Promise<ReadonlySet<number>>; runEveryNMinutes: number },
): Promise<SyncRequestsStatus> {
  const stored = await readRequests(db);
  const taken = [stored.syncNow?.sessionId, stored.selective?.sessionId].filter((id): id is number => typeof id === "number");
  const activeIds = await webConnector.activeAmong(taken);
  const shown = (request: StoredRequest): SyncRequest => ({
    requestedAt: new Date(request.requestedAt),
    requestedBy: request.requestedBy.name,
    underWay: request.sessionId !== null && activeIds.has(request.sessionId),
  });
  return {
    syncNow: stored.syncNow ? shown(stored.syncNow) : null,
    selective: stored.selective ? { ...shown(stored.selective), lists: stored.selective.lists, from: stored.selective.from } : null,
    runEveryNMinutes: webConnector.runEveryNMinutes,
  };
}

/**
 * The engine, when a run begins: this run honours the requests made so far. A selective sync waits while the first
 * import is under way (it was run again since the request), because those runs read everything.
 */
export async function takeSyncRequests(db: Queryable, sessionId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const stored = await readRequests(tx);
    if (!stored.syncNow && !stored.selective) return;
    const selectiveNow = stored.selective !== null && (await firstImportDone(tx));
    await writeRequests(tx, {
      syncNow: stored.syncNow ? { ...stored.syncNow, sessionId } : null,
      selective: stored.selective ? { ...stored.selective, sessionId: selectiveNow ? sessionId : null } : null,
    });
  });
}

/** The engine: the discovery query keys this run reads, or null for all of them (no selective sync taken). */
export async function discoveryKeys(db: Queryable): Promise<ReadonlySet<string> | null> {
  const { selective } = await readRequests(db);
  return selective && selective.sessionId !== null ? keysOf(selective.lists) : null;
}

/**
 * The engine: FromModifiedDate for each discovery query. A selective sync's date for the lists it chose (midnight on
 * QuickBooks' clock), else the list's checkpoint less the overlap; undefined (everything) when it has none.
 */
export async function discoveryStarts(db: Queryable): Promise<(key: string) => string | undefined> {
  const [{ selective }, checkpoints] = await Promise.all([readRequests(db), readCheckpoints(db)]);
  const chosen =
    selective && selective.sessionId !== null && selective.from !== null ? { from: selective.from, keys: keysOf(selective.lists) } : null;
  return (key) => {
    if (chosen?.keys.has(key)) return `${chosen.from}T00:00:00`;
    const checkpoint = checkpoints.get(key);
    return checkpoint === undefined ? undefined : withOverlap(checkpoint);
  };
}

/** The engine, when a run's discovery has gone through: the requests it took are done. */
export async function syncRequestsDone(db: Queryable): Promise<void> {
  const stored = await readRequests(db);
  const done = (request: StoredRequest | null) => request !== null && request.sessionId !== null;
  if (!done(stored.syncNow) && !done(stored.selective)) return;
  await writeRequests(db, {
    syncNow: done(stored.syncNow) ? null : stored.syncNow,
    selective: done(stored.selective) ? null : stored.selective,
  });
}

const KEY = "sync.requests";

interface StoredRequest {
  requestedAt: string;
  requestedBy: { id: number; name: string };
  /** The run (qbwc_sessions.id) that took the request when it began; null while it waits. */
  sessionId: number | null;
}

interface StoredRequests {
  syncNow: StoredRequest | null;
  selective: (StoredRequest & { lists: EntityType[]; from: string | null }) | null;
}

async function readRequests(db: Queryable): Promise<StoredRequests> {
  return { syncNow: null, selective: null, ...((await readSetting<Partial<StoredRequests>>(db, KEY)) ?? {}) };
}

function writeRequests(db: Queryable, requests: StoredRequests, userId?: number): Promise<void> {
  return writeSetting(db, KEY, requests, userId);
}

function keysOf(lists: readonly EntityType[]): Set<string> {
  return new Set(lists.flatMap((type) => adapterFor(type).discovery.map((query) => query.key)));
}

function newRequest(user: SessionUser, now: Date): StoredRequest {
  return { requestedAt: now.toISOString(), requestedBy: { id: user.id, name: user.name }, sessionId: null };
}

async function logRequest(db: Queryable, user: SessionUser, now: Date, detail: string): Promise<void> {
  await recordAudit(db, user, "settings", detail, now);
}

const LIST_WORDS: Record<EntityType, string> = {
  customer: "customers",
  vendor: "vendors",
  item: "items",
  invoice: "invoices",
  payment: "payments",
  purchaseOrder: "purchase orders",
  paymentMethod: "payment methods",
  terms: "terms",
  salesTaxCode: "sales tax codes",
  salesTaxItem: "sales tax items",
  salesTaxGroup: "sales tax groups",
  account: "accounts",
  bill: "bills",
  billPayment: "bill payments",
};

/** "customers, invoices and payments" */
function listWords(lists: readonly EntityType[]): string {
  const words = lists.map((type) => LIST_WORDS[type]);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}
