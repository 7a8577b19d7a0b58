import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { accounts, billLines, bills, contacts, items, purchaseOrderLines, purchaseOrders, terms } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { calendarDate } from "@/lib/dates";
import { money } from "@/lib/money";
import { listPage, paged, type ListInput } from "@/db/list-query";
import { requireContact } from "./contacts";
import { blankable, QB_LIMITS, qbLine, qbText, recordId } from "./fields";
import { dueDateFromTerms } from "./invoices";
import { getPurchaseOrder } from "./purchase-orders";
import { beyondQuickBooks, lineValues, transactionLineInput } from "./transaction-lines";
import { requestSend, type SendRequestSelection } from "./send-requests";

export type Bill = typeof bills.$inferSelect;

export const billExpenseLineInput = z.object({
  accountId: recordId("an account for the expense line"),
  amount: money("amount"),
  memo: qbText("line memo", QB_LIMITS.memo),
});

/** An item line as a purchase order's, with QuickBooks' "cost" for the rate, and the order line it bills if any. */
export const billItemLineInput = transactionLineInput
  .omit({ rate: true })
  .extend({ cost: money("cost"), purchaseOrderLineId: blankable(recordId("a purchase order line")) });

export const billInput = z
  .object({
    vendorId: recordId("a vendor"),
    txnDate: calendarDate("bill date"),
    /** Blank: the bill date plus the terms' net days, when terms are chosen. */
    dueDate: blankable(calendarDate("due date")),
    termsId: blankable(recordId("terms")),
    /** The vendor's invoice number. */
    refNumber: qbLine("reference number", QB_LIMITS.billRefNumber),
    memo: qbText("memo", QB_LIMITS.memo),
    expenseLines: z.array(billExpenseLineInput).default([]),
    itemLines: z.array(billItemLineInput).default([]),
  })
  .refine((bill) => bill.expenseLines.length + bill.itemLines.length > 0, {
    error: "Add at least one expense or item line to the bill.",
    path: ["expenseLines"],
  });
export type BillInput = z.input<typeof billInput>;
export type BillData = z.output<typeof billInput>;

function summaryColumns() {
  return {
    id: bills.id,
    vendorId: bills.vendorId,
    vendorName: contacts.name,
    txnDate: bills.txnDate,
    dueDate: bills.dueDate,
    refNumber: bills.refNumber,
    memo: bills.memo,
    totalCents: bills.totalCents,
    openAmountCents: bills.openAmountCents,
    isPaid: bills.isPaid,
    sendRequestedAt: bills.sendRequestedAt,
    updatedAt: bills.updatedAt,
  };
}

/** What the bill list's search box looks in. */
const BILL_SEARCH = [bills.refNumber, contacts.name, bills.memo];

export function listBills(db: Queryable, input: ListInput, narrowedBy?: SQL) {
  return listPage(
    db,
    {
      table: sql`${bills} inner join ${contacts} on ${contacts.id} = ${bills.vendorId}`,
      sortable: {
        vendor: contacts.name,
        txnDate: bills.txnDate,
        dueDate: bills.dueDate,
        refNumber: bills.refNumber,
        total: bills.totalCents,
        openAmount: bills.openAmountCents,
        updatedAt: bills.updatedAt,
      },
      defaultSort: "txnDate",
      tiebreaker: bills.id,
      searchable: BILL_SEARCH,
      rows: (query) =>
        paged(db.select(summaryColumns()).from(bills).innerJoin(contacts, eq(contacts.id, bills.vendorId)).$dynamic(), query),
    },
    input,
    narrowedBy,
  );
}

/** The bill with its lines (their accounts and items by name), its vendor and terms by name. */
export async function getBill(db: Queryable, id: number) {
  const [bill] = await db
    .select({
      ...summaryColumns(),
      termsId: bills.termsId,
      termsName: terms.name,
      purchaseOrderId: bills.purchaseOrderId,
      purchaseOrderNumber: purchaseOrders.number,
      createdAt: bills.createdAt,
      updatedBy: bills.updatedBy,
    })
    .from(bills)
    .innerJoin(contacts, eq(contacts.id, bills.vendorId))
    .leftJoin(terms, eq(terms.id, bills.termsId))
    .leftJoin(purchaseOrders, eq(purchaseOrders.id, bills.purchaseOrderId))
    .where(eq(bills.id, id));
  if (!bill) throw new AppError("NOT_FOUND", "That bill does not exist (it may have been deleted).");
  const lines = await db
    .select({
      id: billLines.id,
      kind: billLines.kind,
      position: billLines.position,
      accountId: billLines.accountId,
      accountName: accounts.fullName,
      itemId: billLines.itemId,
      itemName: items.fullName,
      memo: billLines.memo,
      quantity: billLines.quantity,
      costCents: billLines.costCents,
      amountCents: billLines.amountCents,
      purchaseOrderLineId: billLines.purchaseOrderLineId,
      orderedQuantity: purchaseOrderLines.quantity,
    })
    .from(billLines)
    .leftJoin(accounts, eq(accounts.id, billLines.accountId))
    .leftJoin(items, eq(items.id, billLines.itemId))
    .leftJoin(purchaseOrderLines, eq(purchaseOrderLines.id, billLines.purchaseOrderLineId))
    .where(eq(billLines.billId, id))
    .orderBy(asc(billLines.position));
  const itemLines = lines.filter((line) => line.kind === "item");
  const billed = await billedQuantities(
    db,
    itemLines.flatMap((line) => line.purchaseOrderLineId ?? []),
  );
  // Billing more than was ordered is allowed (QuickBooks allows it), but the page says so.
  const overBilled = itemLines.some(
    (line) => line.purchaseOrderLineId !== null && (billed.get(line.purchaseOrderLineId) ?? 0) > (line.orderedQuantity ?? 0),
  );
  return { ...bill, expenseLines: lines.filter((line) => line.kind === "expense"), itemLines, overBilled };
}
export type BillDetail = Awaited<ReturnType<typeof getBill>>;

/**
 * A new bill for the order's vendor, dated today, with an item line for each order line not yet fully billed here
 * (the quantity still to bill, at the order's rate), each naming the order line it bills.
 */
export async function createBillFromPurchaseOrder(db: Queryable, purchaseOrderId: number, user: SessionUser | null, today: string) {
  const id = await db.transaction(async (tx) => {
    const order = await getPurchaseOrder(tx, purchaseOrderId);
    if (order.state === "closed") {
      throw new AppError("CONFLICT", "This purchase order is closed. Reopen it (untick Closed and save) to bill it.");
    }
    const open = order.lines.filter((line) => line.billedQuantity < line.quantity);
    if (open.length === 0) {
      throw new AppError("CONFLICT", "Every line of this purchase order is billed already. Open its bills below to change them.");
    }
    const data: BillData = {
      vendorId: order.vendorId,
      txnDate: today,
      dueDate: null,
      termsId: null,
      refNumber: null,
      memo: null,
      expenseLines: [],
      itemLines: open.map((line) => ({
        itemId: line.itemId,
        description: line.description,
        // Quantities have at most 5 decimals; the subtraction must not add float noise.
        quantity: Math.round((line.quantity - line.billedQuantity) * 100_000) / 100_000,
        cost: line.rateCents,
        purchaseOrderLineId: line.id,
      })),
    };
    return insertBill(tx, data, user, purchaseOrderId);
  });
  return getBill(db, id);
}

export async function createBill(db: Queryable, data: BillData, user: SessionUser | null) {
  const id = await db.transaction((tx) => insertBill(tx, data, user, null));
  return getBill(db, id);
}

async function insertBill(db: Queryable, data: BillData, user: SessionUser | null, purchaseOrderId: number | null) {
  await requireContact(db, "vendor", data.vendorId, { newlyChosen: true });
  const { bill, lines } = await billValues(db, data, purchaseOrderId);
  const [row] = await db
    .insert(bills)
    .values({ ...bill, purchaseOrderId, updatedBy: user?.id ?? null })
    .returning({ id: bills.id });
  await db.insert(billLines).values(lines.map((line) => ({ ...line, billId: row!.id })));
  return row!.id;
}

/** Saves the bill and replaces all its lines with the ones given. */
export async function updateBill(db: Queryable, id: number, data: BillData, user: SessionUser | null) {
  await db.transaction(async (tx) => {
    const saved = await getBill(tx, id);
    await requireContact(tx, "vendor", data.vendorId, { newlyChosen: data.vendorId !== saved.vendorId });
    const { bill, lines } = await billValues(tx, data, saved.purchaseOrderId);
    refuseReceivedLineChanges(saved, lines);
    await tx
      .update(bills)
      .set({ ...bill, updatedAt: new Date(), updatedBy: user?.id ?? null })
      .where(eq(bills.id, id));
    await tx.delete(billLines).where(eq(billLines.billId, id));
    await tx.insert(billLines).values(lines.map((line) => ({ ...line, billId: id })));
  });
  return getBill(db, id);
}

/**
 * Once QuickBooks has a bill whose lines are received against an order (its open amount is read back), those lines
 * change there only: a BillMod cannot link a line, so the change sent from here leaves them as they are.
 */
function refuseReceivedLineChanges(
  saved: BillDetail,
  lines: { kind: string; itemId: number | null; memo: string | null; quantity: number | null; costCents: number | null }[],
) {
  const received = saved.openAmountCents !== null && saved.itemLines.some((line) => line.purchaseOrderLineId !== null);
  if (!received) return;
  const itemLines = lines.filter((line) => line.kind === "item");
  const same =
    itemLines.length === saved.itemLines.length &&
    itemLines.every((line, index) => {
      const before = saved.itemLines[index]!;
      return (
        line.itemId === before.itemId &&
        line.memo === before.memo &&
        line.quantity === before.quantity &&
        line.costCents === before.costCents
      );
    });
  if (!same) {
    throw new AppError(
      "CONFLICT",
      `This bill's item lines are received against purchase order ${saved.purchaseOrderNumber ?? ""} in QuickBooks, so they change there. Change them in QuickBooks; the next run brings the change here.`,
      { field: "itemLines" },
    );
  }
}

/** Send to QuickBooks: with Send All off, only bills marked since their last sync become export candidates. */
export function requestBillSend(db: Queryable, selection: SendRequestSelection, narrowedBy?: SQL, now = new Date()) {
  return requestSend(db, { table: bills, contact: bills.vendorId, searchable: BILL_SEARCH, notAvailable: [] }, selection, now, narrowedBy);
}

/** The bill row and its lines as they will be saved: checked references, due date and server-side amounts. */
async function billValues(db: Queryable, data: BillData, purchaseOrderId: number | null) {
  await requireOrderLines(
    db,
    purchaseOrderId,
    data.itemLines.map((line) => line.purchaseOrderLineId),
  );
  await requireAccounts(
    db,
    data.expenseLines.map((line) => line.accountId),
  );
  const expenseLines = data.expenseLines.map((line, index) => ({
    kind: "expense" as const,
    position: index + 1,
    accountId: line.accountId,
    itemId: null,
    memo: line.memo,
    quantity: null,
    costCents: null,
    amount: BigInt(line.amount),
    purchaseOrderLineId: null,
  }));
  const priced = await lineValues(
    db,
    data.itemLines.map(({ cost, ...line }) => ({ ...line, rate: cost })),
    "itemLines",
  );
  const itemLines = priced.map((line) => ({
    kind: "item" as const,
    position: expenseLines.length + line.position,
    accountId: null,
    itemId: line.itemId,
    memo: line.description,
    quantity: line.quantity,
    costCents: line.rateCents,
    amount: line.amount,
    purchaseOrderLineId: line.purchaseOrderLineId,
  }));
  const lines = [...expenseLines, ...itemLines];
  const total = lines.reduce((sum, line) => sum + line.amount, 0n);
  if (total < 0n) {
    throw new AppError("BAD_INPUT", "The bill total cannot be below zero. Enter a vendor credit in QuickBooks instead.", {
      field: "expenseLines",
    });
  }
  if (lines.some((line) => beyondQuickBooks(line.amount)) || beyondQuickBooks(total)) {
    throw new AppError("BAD_INPUT", "The bill total is larger than QuickBooks accepts. Split it into several bills.", {
      field: "expenseLines",
    });
  }
  const bill = {
    vendorId: data.vendorId,
    txnDate: data.txnDate,
    dueDate: data.dueDate ?? (await dueDateFromTerms(db, data.txnDate, data.termsId)),
    termsId: data.termsId,
    refNumber: data.refNumber,
    memo: data.memo,
    totalCents: Number(total),
  };
  return { bill, lines: lines.map(({ amount, ...line }) => ({ ...line, amountCents: Number(amount) })) };
}

/** What every bill here has billed of each of these purchase order lines. */
async function billedQuantities(db: Queryable, purchaseOrderLineIds: number[]): Promise<Map<number, number>> {
  if (purchaseOrderLineIds.length === 0) return new Map();
  const rows = await db
    .select({ purchaseOrderLineId: billLines.purchaseOrderLineId, quantity: sql<number>`sum(${billLines.quantity})` })
    .from(billLines)
    .where(inArray(billLines.purchaseOrderLineId, purchaseOrderLineIds))
    .groupBy(billLines.purchaseOrderLineId);
  return new Map(rows.map((row) => [row.purchaseOrderLineId!, row.quantity]));
}

/** An item line may only bill a line of the bill's own purchase order. */
async function requireOrderLines(db: Queryable, purchaseOrderId: number | null, lineIds: (number | null)[]) {
  const named = lineIds.filter((id): id is number => id !== null);
  if (named.length === 0) return;
  const found =
    purchaseOrderId === null
      ? []
      : await db
          .select({ id: purchaseOrderLines.id })
          .from(purchaseOrderLines)
          .where(and(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId), inArray(purchaseOrderLines.id, named)));
  const known = new Set(found.map((row) => row.id));
  const stray = lineIds.findIndex((id) => id !== null && !known.has(id));
  if (stray >= 0) {
    throw new AppError(
      "BAD_INPUT",
      `Item line ${stray + 1} names a purchase order line this bill is not from. Remove the line and add it again.`,
      {
        field: `itemLines.${stray}.itemId`,
      },
    );
  }
}

/** Every expense line's account must exist here; the first missing one is named by its line. */
async function requireAccounts(db: Queryable, ids: number[]) {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(inArray(accounts.id, [...new Set(ids)]));
  const known = new Set(found.map((row) => row.id));
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0) {
    throw new AppError(
      "BAD_INPUT",
      `Line ${missing + 1}: that account does not exist (it may have been deleted). Choose another account.`,
      {
        field: `expenseLines.${missing}.accountId`,
      },
    );
  }
}
