import { and, count, eq, inArray, not, notInArray, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Queryable } from "@/db";
import { contacts, type billPayments, type bills, type invoices, type payments, type purchaseOrders } from "@/db/schema";
import { AppError } from "@/server/errors";
import { searchCondition } from "@/db/list-query";

const id = z.number().int().positive();

/**
 * "Send to QuickBooks" for a record's page (one id) or a list's selection: the ticked ids, or everything matching
 * the list's search except the unticked ones, so a selection across pages never has to list every id.
 */
export const sendRequestInput = z.union([
  z.object({
    ids: z.array(id).min(1, "Choose at least one to send.").max(1000, "Choose at most 1,000 at a time, or select all matching."),
  }),
  z.object({
    matching: z.object({ search: z.string().trim().max(100).optional() }),
    except: z.array(id).max(10_000).default([]),
  }),
]);
export type SendRequestInput = z.input<typeof sendRequestInput>;
export type SendRequestSelection = z.output<typeof sendRequestInput>;

export interface SendRequestResult {
  /** How many were marked to send. */
  requested: number;
  /** Why the others were left out, one sentence per reason. */
  skipped: string[];
}

/** A reason a transaction cannot be sent, with its sentence for one and for several. */
export interface NotAvailable {
  condition: SQL;
  one: string;
  many: (n: number) => string;
}

interface SendRequestSpec {
  table: typeof invoices | typeof payments | typeof purchaseOrders | typeof bills | typeof billPayments;
  /** The customer or vendor column, for the list's search by name. */
  contact: SQLiteColumn;
  /** What the list's search box looks in (the transaction's columns and its customer's), for "everything matching". */
  searchable: (SQLiteColumn | SQL)[];
  notAvailable: NotAvailable[];
}

/**
 * Marks the chosen transactions that are available to send with the time of the request; with Send All off, only
 * those become export candidates. The rest are counted by reason; when none could be marked, the reasons are the error.
 */
export async function requestSend(
  db: Queryable,
  spec: SendRequestSpec,
  selection: SendRequestSelection,
  now: Date,
  /** The list's other filter, for "everything matching" (for example where records stand with QuickBooks). */
  narrowedBy?: SQL,
): Promise<SendRequestResult> {
  const { table } = spec;
  const chosen =
    "ids" in selection
      ? inArray(table.id, selection.ids)
      : and(
          inArray(
            table.id,
            db
              .select({ id: table.id })
              .from(table)
              .innerJoin(contacts, eq(contacts.id, spec.contact))
              .where(and(searchCondition(spec.searchable, selection.matching.search), narrowedBy)),
          ),
          selection.except.length > 0 ? notInArray(table.id, selection.except) : undefined,
        );
  return db.transaction(async (tx) => {
    const blocked = spec.notAvailable.map((reason) => reason.condition);
    const marked = await tx
      .update(table)
      .set({ sendRequestedAt: now })
      .where(and(chosen, ...blocked.map((condition) => not(condition))))
      .returning({ id: table.id });
    const skipped: string[] = [];
    for (const [index, reason] of spec.notAvailable.entries()) {
      // Each left-out row is counted once, under the first reason that applies to it.
      const earlier = blocked.slice(0, index).map((condition) => not(condition));
      const [row] = await tx
        .select({ n: count() })
        .from(table)
        .where(and(chosen, ...earlier, reason.condition));
      const n = row?.n ?? 0;
      if (n > 0) skipped.push(n === 1 ? reason.one : reason.many(n));
    }
    if (marked.length === 0) {
      throw new AppError(
        "CONFLICT",
        skipped.length > 0 ? `Nothing was sent: ${skipped.join(" ")}` : "Nothing was sent: none of those exist any more.",
      );
    }
    return { requested: marked.length, skipped };
  });
}
