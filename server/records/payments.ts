import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { contacts, invoices, paymentApplications, paymentMethods, payments } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { requireCustomer } from "./contacts";
import { blankable, QB_LIMITS, qbLine, qbText, recordId } from "./fields";
import { calendarDate } from "@/lib/dates";
import { formatCents, positiveMoney } from "@/lib/money";
import { balanceColumns } from "./invoices";
import { listPage, paged, type ListInput } from "@/db/list-query";
import { requestSend, type SendRequestSelection } from "./send-requests";

export type Payment = typeof payments.$inferSelect;

export const paymentApplicationInput = z.object({
  invoiceId: recordId("an invoice"),
  amount: positiveMoney("applied amount"),
});

export const paymentInput = z.object({
  customerId: recordId("a customer"),
  txnDate: calendarDate("payment date"),
  amount: positiveMoney("amount"),
  paymentMethodId: blankable(recordId("a payment method")),
  refNumber: qbLine("reference number", QB_LIMITS.paymentRefNumber),
  memo: qbText("memo", QB_LIMITS.memo),
  applications: z
    .array(paymentApplicationInput)
    .default([])
    .refine(
      (applications) => new Set(applications.map((application) => application.invoiceId)).size === applications.length,
      "Each invoice can appear only once in a payment.",
    ),
  /** "Not for QuickBooks" (NC Only): never sent. Left out on an edit: it stays as saved. */
  ncOnly: z.boolean().optional(),
});
export type PaymentInput = z.input<typeof paymentInput>;
export type PaymentData = z.output<typeof paymentInput>;

const appliedCents =
  sql<number>`(select coalesce(sum(${paymentApplications.amountCents}), 0) from ${paymentApplications} where ${paymentApplications.paymentId} = ${payments.id})`.mapWith(
    Number,
  );

/** A payment with its customer and payment method by name, for the list and the payment page alike. */
const paymentColumns = {
  id: payments.id,
  txnDate: payments.txnDate,
  customerId: payments.customerId,
  customerName: contacts.name,
  amountCents: payments.amountCents,
  appliedCents,
  paymentMethodId: payments.paymentMethodId,
  paymentMethodName: paymentMethods.name,
  refNumber: payments.refNumber,
  memo: payments.memo,
  ncOnly: payments.ncOnly,
  sendRequestedAt: payments.sendRequestedAt,
  createdAt: payments.createdAt,
  updatedAt: payments.updatedAt,
  updatedBy: payments.updatedBy,
};

function paymentsWithNames(db: Queryable) {
  return db
    .select(paymentColumns)
    .from(payments)
    .innerJoin(contacts, eq(contacts.id, payments.customerId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.paymentMethodId))
    .$dynamic();
}

/** What the payment list's search box looks in. */
const PAYMENT_SEARCH = [contacts.name, payments.refNumber, payments.memo];

export function listPayments(db: Queryable, input: ListInput, narrowedBy?: SQL) {
  return listPage(
    db,
    {
      table: sql`${payments} inner join ${contacts} on ${contacts.id} = ${payments.customerId}`,
      sortable: {
        txnDate: payments.txnDate,
        customer: contacts.name,
        amount: payments.amountCents,
        paymentMethod: paymentMethods.name,
        refNumber: payments.refNumber,
        updatedAt: payments.updatedAt,
      },
      defaultSort: "txnDate",
      tiebreaker: payments.id,
      searchable: PAYMENT_SEARCH,
      rows: (query) => paged(paymentsWithNames(db), query),
    },
    input,
    narrowedBy,
  );
}

/** The payment with its customer and method by name, and the invoices it pays (by number). */
export async function getPayment(db: Queryable, id: number) {
  const [payment] = await paymentsWithNames(db).where(eq(payments.id, id));
  if (!payment) throw new AppError("NOT_FOUND", "That payment does not exist (it may have been deleted).");
  const applications = await db
    .select({
      invoiceId: paymentApplications.invoiceId,
      invoiceNumber: invoices.number,
      invoiceTxnDate: invoices.txnDate,
      invoiceTotalCents: invoices.totalCents,
      amountCents: paymentApplications.amountCents,
    })
    .from(paymentApplications)
    .innerJoin(invoices, eq(invoices.id, paymentApplications.invoiceId))
    .where(eq(paymentApplications.paymentId, id))
    .orderBy(asc(invoices.txnDate), asc(invoices.id));
  return { ...payment, unappliedCents: payment.amountCents - payment.appliedCents, applications };
}

export async function createPayment(db: Queryable, data: PaymentData, user: SessionUser | null) {
  const id = await db.transaction(async (tx) => {
    const customer = await requireCustomer(tx, data.customerId, { newlyChosen: true });
    await checkPaymentMethod(tx, data.paymentMethodId);
    await checkApplications(tx, data, customer.name, data.ncOnly ?? false);
    const { applications, amount, ...payment } = data;
    const [row] = await tx
      .insert(payments)
      .values({ ...payment, amountCents: amount, updatedBy: user?.id ?? null })
      .returning({ id: payments.id });
    await saveApplications(tx, row!.id, applications);
    return row!.id;
  });
  return getPayment(db, id);
}

/** Saves the payment and replaces what it applies to with the applications given. */
export async function updatePayment(db: Queryable, id: number, data: PaymentData, user: SessionUser | null) {
  await db.transaction(async (tx) => {
    const saved = await getPayment(tx, id);
    const customer = await requireCustomer(tx, data.customerId, { newlyChosen: data.customerId !== saved.customerId });
    await checkPaymentMethod(tx, data.paymentMethodId);
    await checkApplications(tx, data, customer.name, data.ncOnly ?? saved.ncOnly, id);
    const { applications, amount, ...payment } = data;
    await tx
      .update(payments)
      .set({ ...payment, amountCents: amount, updatedAt: new Date(), updatedBy: user?.id ?? null })
      .where(eq(payments.id, id));
    await tx.delete(paymentApplications).where(eq(paymentApplications.paymentId, id));
    await saveApplications(tx, id, applications);
  });
  return getPayment(db, id);
}

/**
 * Send to QuickBooks: a payment is available to send once saved, unless it is NC Only. With Send All off, only
 * payments marked since their last sync become export candidates.
 */
export function requestPaymentSend(db: Queryable, selection: SendRequestSelection, narrowedBy?: SQL, now = new Date()) {
  return requestSend(
    db,
    {
      table: payments,
      contact: payments.customerId,
      searchable: PAYMENT_SEARCH,
      notAvailable: [
        {
          condition: eq(payments.ncOnly, true),
          one: "A payment marked Not for QuickBooks (NC Only) cannot be sent; clear that box first.",
          many: (n) => `${n} payments marked Not for QuickBooks (NC Only) were left out.`,
        },
      ],
    },
    selection,
    now,
    narrowedBy,
  );
}

async function saveApplications(db: Queryable, paymentId: number, applications: PaymentData["applications"]) {
  if (applications.length === 0) return;
  await db.insert(paymentApplications).values(applications.map(({ invoiceId, amount }) => ({ paymentId, invoiceId, amountCents: amount })));
}

async function checkPaymentMethod(db: Queryable, paymentMethodId: number | null) {
  if (paymentMethodId === null) return;
  const [found] = await db.select({ id: paymentMethods.id }).from(paymentMethods).where(eq(paymentMethods.id, paymentMethodId));
  if (!found) {
    throw new AppError("BAD_INPUT", "That payment method does not exist (it may have been deleted). Choose another.", {
      field: "paymentMethodId",
    });
  }
}

/**
 * Each application pays a final invoice of the same customer, no more than it still has open
 * (not counting this payment's own earlier applications), and together they fit in the payment.
 */
async function checkApplications(db: Queryable, data: PaymentData, customerName: string, ncOnly: boolean, paymentId?: number) {
  const applied = data.applications.reduce((sum, application) => sum + application.amount, 0);
  if (applied > data.amount) {
    throw new AppError(
      "BAD_INPUT",
      `The applied amounts add up to ${formatCents(applied)}, more than the payment of ${formatCents(data.amount)}.`,
      { field: "applications" },
    );
  }
  if (data.applications.length === 0) return;
  const found = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      ncOnly: invoices.ncOnly,
      customerId: invoices.customerId,
      customerName: contacts.name,
      balanceCents: balanceColumns(paymentId).balanceCents,
    })
    .from(invoices)
    .innerJoin(contacts, eq(contacts.id, invoices.customerId))
    .where(
      inArray(
        invoices.id,
        data.applications.map((application) => application.invoiceId),
      ),
    );
  const byId = new Map(found.map((invoice) => [invoice.id, invoice]));
  data.applications.forEach((application, index) => {
    const invoice = byId.get(application.invoiceId);
    const field = { field: `applications.${index}.invoiceId` };
    if (!invoice) throw new AppError("BAD_INPUT", "That invoice does not exist (it may have been deleted).", field);
    if (invoice.customerId !== data.customerId) {
      throw new AppError(
        "BAD_INPUT",
        `Invoice ${invoice.number} is for "${invoice.customerName}", not "${customerName}". A payment can only pay its own customer's invoices.`,
        field,
      );
    }
    if (invoice.status !== "final") {
      throw new AppError("BAD_INPUT", `Invoice ${invoice.number} is a draft. Make it final before applying a payment to it.`, field);
    }
    if (invoice.ncOnly && !ncOnly) {
      throw new AppError(
        "BAD_INPUT",
        `Invoice ${invoice.number} is Not for QuickBooks (NC Only), so a payment sent to QuickBooks cannot pay it. Mark this payment NC Only too, or clear the box on the invoice.`,
        field,
      );
    }
    if (application.amount > invoice.balanceCents) {
      throw new AppError(
        "BAD_INPUT",
        `Invoice ${invoice.number} has ${formatCents(invoice.balanceCents)} open, less than the ${formatCents(application.amount)} applied to it.`,
        { field: `applications.${index}.amount` },
      );
    }
  });
}
