import type { Queryable } from "@/db";
import { insertRows } from "@/db/bulk";
import { syncAttempts } from "@/db/schema";
import type { SyncItem } from "./state";

export interface AttemptOutcome {
  sessionId: number | null;
  result: "successful" | "failed";
  statusCode: string | null;
  statusMessage: string | null;
  now: Date;
}

/** What a Sync Report line tells of its item. */
type AttemptItem = Pick<SyncItem, "id" | "direction" | "entityType" | "localId" | "qbId" | "label" | "action" | "approvedBy">;

/** Writes one Sync Report line for an attempt on the item. */
export async function recordAttempt(db: Queryable, item: AttemptItem, outcome: AttemptOutcome): Promise<void> {
  await recordAttempts(db, [{ item, outcome }]);
}

/** Sync Report lines for many attempts in one insert. */
export async function recordAttempts(db: Queryable, attempts: readonly { item: AttemptItem; outcome: AttemptOutcome }[]): Promise<void> {
  if (attempts.length === 0) return;
  await insertRows(
    db,
    syncAttempts,
    attempts.map(({ item, outcome }) => ({
      at: outcome.now,
      sessionId: outcome.sessionId,
      syncItemId: item.id,
      direction: item.direction,
      entityType: item.entityType,
      localId: item.localId,
      qbId: item.qbId,
      label: item.label,
      action: item.action,
      result: outcome.result,
      statusCode: outcome.statusCode,
      statusMessage: outcome.statusMessage,
      approvedBy: item.approvedBy,
    })),
  );
}

type PendingState = Extract<SyncItem["state"], "pending" | "waiting" | "in_flight" | "in_doubt" | "retry">;

/** The states of the Sync Report's Pending section: approved and not yet settled by a run. */
export const PENDING_STATES: readonly PendingState[] = ["pending", "waiting", "in_flight", "in_doubt", "retry"];

export const PENDING_STATE_LABELS: Record<PendingState, string> = {
  pending: "Approved",
  waiting: "Waiting",
  in_flight: "Sending",
  in_doubt: "Checking",
  retry: "Retry",
};

/** Why an approved item has not reached the other side yet, in a sentence the office manager can act on. */
export function pendingReason(item: Pick<SyncItem, "state" | "waitingReason" | "statusCode" | "retries">): string {
  switch (item.state) {
    case "waiting":
      return item.waitingReason ?? "Waiting for a record it refers to; it goes once that record is in QuickBooks.";
    case "in_flight":
      return "Sent in the current Web Connector run; waiting for QuickBooks' answer.";
    case "in_doubt":
      return "QuickBooks' answer was lost. The next run checks whether the change arrived before sending it again, so nothing is doubled.";
    case "retry":
      return `QuickBooks was busy${item.statusCode ? ` (${item.statusCode})` : ""}; it is tried again on the next run (attempt ${item.retries + 1}).`;
    default:
      return item.waitingReason ?? "Approved; it goes on the next Web Connector run.";
  }
}

/**
 * One CSV line (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled. Text that a
 * spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe (OWASP "CSV injection").
 */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
