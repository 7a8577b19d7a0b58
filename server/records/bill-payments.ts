import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { accounts, billPaymentApplications, billPayments, bills, contacts } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { calendarDate } from "@/lib/dates";
import { formatCents, positiveMoney } from "@/lib/money";
import { listPage, paged, type ListInput } from "@/db/list-query";
import { requireContact } from "./contacts";
import { QB_LIMITS, qbLine, qbText, recordId } from "./fields";
import { requestSend, type SendRequestSelection } from "./send-requests";

export const billPaymentInput = z.object({
  vendorId: recordId("a vendor"),
  txnDate: calendarDate("payment date"),
  bankAccountId: recordId("the bank account the check is drawn on"),
  /** The check number. */
  refNumber: qbLine("check number", QB_LIMITS.checkNumber),
  memo: qbText("memo", QB_LIMITS.memo),
  applications: z
    .array(z.object({ billId: recordId("a bill"), amount: positiveMoney("amount") }))
    .min(1, "Choose at least one bill the check pays."),
});
export type BillPaymentInput = z.input<typeof billPaymentInput>;
export type BillPaymentData = z.output<typeof billPaymentInput>;

function summaryColumns() {
  return {
    id: billPayments.id,
    vendorId: billPayments.vendorId,
    vendorName: contacts.name,
    txnDate: billPayments.txnDate,
    bankAccountId: billPayments.bankAccountId,
    bankAccountName: accounts.fullName,
    refNumber: billPayments.refNumber,
    memo: billPayments.memo,
    amountCents: billPayments.amountCents,
    sendRequestedAt: billPayments.sendRequestedAt,
    updatedAt: billPayments.updatedAt,
  };
}

const BILL_PAYMENT_SEARCH = [billPayments.refNumber, contacts.name, billPayments.memo];

export function listBillPayments(db: Queryable, input: ListInput, narrowedBy?: SQL) {
  return listPage(
    db,
    {
      table: sql`${billPayments} inner join ${contacts} on ${contacts.id} = ${billPayments.vendorId}`,
      sortable: {
        vendor: contacts.name,
        txnDate: billPayments.txnDate,
        refNumber: billPayments.refNumber,
        amount: billPayments.amountCents,
      },
      defaultSort: "txnDate",
      tiebreaker: billPayments.id,
      searchable: BILL_PAYMENT_SEARCH,
      rows: (query) =>
        paged(
          db
            .select(summaryColumns())
            .from(billPayments)
            .innerJoin(contacts, eq(contacts.id, billPayments.vendorId))
            .innerJoin(accounts, eq(accounts.id, billPayments.bankAccountId))
            .$dynamic(),
          query,
        ),
    },
    input,
    narrowedBy,
  );
}

export async function getBillPayment(db: Queryable, id: number) {
  const [payment] = await db
    .select({ ...summaryColumns(), createdAt: billPayments.createdAt, updatedBy: billPayments.updatedBy })
    .from(billPayments)
    .innerJoin(contacts, eq(contacts.id, billPayments.vendorId))
    .innerJoin(accounts, eq(accounts.id, billPayments.bankAccountId))
    .where(eq(billPayments.id, id));
  if (!payment) throw new AppError("NOT_FOUND", "That bill payment does not exist (it may have been deleted).");
  const applications = await db
    .select({
      billId: billPaymentApplications.billId,
      refNumber: bills.refNumber,
      txnDate: bills.txnDate,
      amountCents: billPaymentApplications.amountCents,
    })
    .from(billPaymentApplications)
    .innerJoin(bills, eq(bills.id, billPaymentApplications.billId))
    .where(eq(billPaymentApplications.billPaymentId, id))
    .orderBy(asc(bills.txnDate));
  return { ...payment, applications };
}
export type BillPaymentDetail = Awaited<ReturnType<typeof getBillPayment>>;

export async function createBillPayment(db: Queryable, data: BillPaymentData, user: SessionUser | null) {
  const id = await db.transaction(async (tx) => {
    await requireContact(tx, "vendor", data.vendorId, { newlyChosen: true });
    await checkPayment(tx, data);
    const [row] = await tx
      .insert(billPayments)
      .values({ ...paymentValues(data), updatedBy: user?.id ?? null })
      .returning({ id: billPayments.id });
    await tx.insert(billPaymentApplications).values(applicationRows(row!.id, data));
    return row!.id;
  });
  return getBillPayment(db, id);
}

export async function updateBillPayment(db: Queryable, id: number, data: BillPaymentData, user: SessionUser | null) {
  await db.transaction(async (tx) => {
    const saved = await getBillPayment(tx, id);
    await requireContact(tx, "vendor", data.vendorId, { newlyChosen: data.vendorId !== saved.vendorId });
    await checkPayment(tx, data, id);
    await tx
      .update(billPayments)
      .set({ ...paymentValues(data), updatedAt: new Date(), updatedBy: user?.id ?? null })
      .where(eq(billPayments.id, id));
    await tx.delete(billPaymentApplications).where(eq(billPaymentApplications.billPaymentId, id));
    await tx.insert(billPaymentApplications).values(applicationRows(id, data));
  });
  return getBillPayment(db, id);
}

export function requestBillPaymentSend(db: Queryable, selection: SendRequestSelection, narrowedBy?: SQL, now = new Date()) {
  return requestSend(
    db,
    { table: billPayments, contact: billPayments.vendorId, searchable: BILL_PAYMENT_SEARCH, notAvailable: [] },
    selection,
    now,
    narrowedBy,
  );
}

/** A vendor's bills with money still open here (their total less what other checks here pay), oldest first. */
export async function openBillsOfVendor(db: Queryable, vendorId: number, exceptPaymentId?: number) {
  const paid = paidColumn(exceptPaymentId);
  const rows = await db
    .select({ id: bills.id, refNumber: bills.refNumber, txnDate: bills.txnDate, totalCents: bills.totalCents, paidCents: paid })
    .from(bills)
    .where(eq(bills.vendorId, vendorId))
    .orderBy(asc(bills.txnDate), asc(bills.id));
  return rows.map((row) => ({ ...row, openCents: row.totalCents - row.paidCents })).filter((row) => row.openCents > 0);
}

function paidColumn(exceptPaymentId?: number) {
  const except = exceptPaymentId ? sql` and ${billPaymentApplications.billPaymentId} <> ${exceptPaymentId}` : sql``;
  // The bill's id spelt with its table: drizzle leaves columns of a one-table select unqualified, which here would be read as
  // the applications' own id.
  return sql<number>`(select coalesce(sum(${billPaymentApplications.amountCents}), 0) from ${billPaymentApplications} where ${billPaymentApplications.billId} = "bills"."id"${except})`.mapWith(
    Number,
  );
}

function paymentValues(data: BillPaymentData) {
  return {
    vendorId: data.vendorId,
    txnDate: data.txnDate,
    bankAccountId: data.bankAccountId,
    refNumber: data.refNumber,
    memo: data.memo,
    amountCents: data.applications.reduce((sum, application) => sum + application.amount, 0),
  };
}

function applicationRows(billPaymentId: number, data: BillPaymentData) {
  return data.applications.map((application) => ({ billPaymentId, billId: application.billId, amountCents: application.amount }));
}

/** The account is a bank account; each bill is the vendor's, named once, and paid no more than it has open. */
async function checkPayment(db: Queryable, data: BillPaymentData, exceptPaymentId?: number) {
  const [bank] = await db.select().from(accounts).where(eq(accounts.id, data.bankAccountId));
  if (!bank || bank.accountType !== "Bank") {
    throw new AppError("BAD_INPUT", "Choose a bank account (such as Checking): QuickBooks writes checks from bank accounts only.", {
      field: "bankAccountId",
    });
  }
  const ids = data.applications.map((application) => application.billId);
  if (new Set(ids).size !== ids.length) {
    throw new AppError("BAD_INPUT", "A bill is named twice: apply one amount to each bill.", { field: "applications" });
  }
  const found = await db
    .select({
      id: bills.id,
      vendorId: bills.vendorId,
      refNumber: bills.refNumber,
      totalCents: bills.totalCents,
      paidCents: paidColumn(exceptPaymentId),
    })
    .from(bills)
    .where(inArray(bills.id, ids));
  for (const [index, application] of data.applications.entries()) {
    const bill = found.find((row) => row.id === application.billId);
    const field = { field: `applications.${index}.amount` };
    if (!bill || bill.vendorId !== data.vendorId) {
      throw new AppError("BAD_INPUT", "That bill is not one of this vendor's (it may have been deleted). Choose another.", field);
    }
    const open = bill.totalCents - bill.paidCents;
    if (application.amount > open) {
      const name = bill.refNumber ? `Bill ${bill.refNumber}` : "The bill";
      throw new AppError(
        "BAD_INPUT",
        `${name} has ${formatCents(open)} open, less than the ${formatCents(application.amount)} applied to it.`,
        field,
      );
    }
  }
}
