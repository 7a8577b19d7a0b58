import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { accounts, billLines, bills, contacts, items, terms } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { calendarDate } from "@/lib/dates";
import { money } from "@/lib/money";
import { listPage, paged, type ListInput } from "@/db/list-query";
import { requireContact } from "./contacts";
import { blankable, QB_LIMITS, qbLine, qbText, recordId } from "./fields";
import { dueDateFromTerms } from "./invoices";
import { beyondQuickBooks, lineValues, transactionLineInput } from "./transaction-lines";
import { requestSend, type SendRequestSelection } from "./send-requests";

export type Bill = typeof bills.$inferSelect;

export const billExpenseLineInput = z.object({
  accountId: recordId("an account for the expense line"),
  amount: money("amount"),
  memo: qbText("line memo", QB_LIMITS.memo),
});

/** An item line as a purchase order's, with QuickBooks' "cost" for the rate. */
export const billItemLineInput = transactionLineInput.omit({ rate: true }).extend({ cost: money("cost") });

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
    .select({ ...summaryColumns(), termsId: bills.termsId, termsName: terms.name, createdAt: bills.createdAt, updatedBy: bills.updatedBy })
    .from(bills)
    .innerJoin(contacts, eq(contacts.id, bills.vendorId))
    .leftJoin(terms, eq(terms.id, bills.termsId))
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
    })
    .from(billLines)
    .leftJoin(accounts, eq(accounts.id, billLines.accountId))
    .leftJoin(items, eq(items.id, billLines.itemId))
    .where(eq(billLines.billId, id))
    .orderBy(asc(billLines.position));
  return {
    ...bill,
    expenseLines: lines.filter((line) => line.kind === "expense"),
    itemLines: lines.filter((line) => line.kind === "item"),
  };
}
export type BillDetail = Awaited<ReturnType<typeof getBill>>;

export async function createBill(db: Queryable, data: BillData, user: SessionUser | null) {
  const id = await db.transaction(async (tx) => {
    await requireContact(tx, "vendor", data.vendorId, { newlyChosen: true });
    const { bill, lines } = await billValues(tx, data);
    const [row] = await tx
      .insert(bills)
      .values({ ...bill, updatedBy: user?.id ?? null })
      .returning({ id: bills.id });
    await tx.insert(billLines).values(lines.map((line) => ({ ...line, billId: row!.id })));
    return row!.id;
  });
  return getBill(db, id);
}

/** Saves the bill and replaces all its lines with the ones given. */
export async function updateBill(db: Queryable, id: number, data: BillData, user: SessionUser | null) {
  await db.transaction(async (tx) => {
    const saved = await getBill(tx, id);
    await requireContact(tx, "vendor", data.vendorId, { newlyChosen: data.vendorId !== saved.vendorId });
    const { bill, lines } = await billValues(tx, data);
    await tx
      .update(bills)
      .set({ ...bill, updatedAt: new Date(), updatedBy: user?.id ?? null })
      .where(eq(bills.id, id));
    await tx.delete(billLines).where(eq(billLines.billId, id));
    await tx.insert(billLines).values(lines.map((line) => ({ ...line, billId: id })));
  });
  return getBill(db, id);
}

/** Send to QuickBooks: with Send All off, only bills marked since their last sync become export candidates. */
export function requestBillSend(db: Queryable, selection: SendRequestSelection, narrowedBy?: SQL, now = new Date()) {
  return requestSend(db, { table: bills, contact: bills.vendorId, searchable: BILL_SEARCH, notAvailable: [] }, selection, now, narrowedBy);
}

/** The bill row and its lines as they will be saved: checked references, due date and server-side amounts. */
async function billValues(db: Queryable, data: BillData) {
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
