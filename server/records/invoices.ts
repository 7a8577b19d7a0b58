import { and, asc, eq, gt, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { alias } from "drizzle-orm/sqlite-core";
import { contacts, invoiceLines, invoices, items, paymentApplications, payments, salesTaxCodes, salesTaxItems, terms } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { requireCustomer } from "./contacts";
import { blankable, QB_LIMITS, qbLine, qbText, recordId } from "./fields";
import { addDays, calendarDate } from "@/lib/dates";
import { formatCents } from "@/lib/money";
import { listPage, paged, type ListInput } from "@/db/list-query";
import { requestSend, type SendRequestSelection } from "./send-requests";
import { beyondQuickBooks, lineValues, nextNumber, transactionLineInput } from "./transaction-lines";
import { taxOfInvoice } from "./invoice-tax";
import { salesTaxRatePercent } from "./sales-tax-items";

/** The customer's sales tax code on an invoice, beside the lines' own codes. */
const customerCode = alias(salesTaxCodes, "customer_code");

export const INVOICE_STATUSES = ["draft", "final"] as const;
export type Invoice = typeof invoices.$inferSelect;

/** Invoices are numbered from here when none has a numeric number yet. */
export const FIRST_INVOICE_NUMBER = 1001;

/** Left out, a tax choice takes its default (the item's for a line, the customer's for the invoice); null is "none". */
const taxChoice = (what: string) => recordId(what).nullable().optional();

export const invoiceLineInput = transactionLineInput.extend({
  /** The line's sales tax code; none takes the item's (taxable or not). */
  salesTaxCodeId: taxChoice("a sales tax code for the line").transform((id) => id ?? null),
});

export const invoiceInput = z.object({
  /** Blank on a new invoice: the next number is assigned. Blank on an edit: the number stays. */
  number: qbLine("invoice number", QB_LIMITS.invoiceNumber),
  customerId: recordId("a customer"),
  txnDate: calendarDate("invoice date"),
  /** Blank: the invoice date plus the terms' net days, when terms are chosen. */
  dueDate: blankable(calendarDate("due date")),
  termsId: blankable(recordId("terms")),
  /** The customer's sales tax code on this invoice and the tax item or group it charges; left out, the customer's. */
  customerSalesTaxCodeId: taxChoice("a sales tax code for the customer"),
  salesTaxItemId: taxChoice("a sales tax item or group"),
  memo: qbText("memo", QB_LIMITS.memo),
  status: z.enum(INVOICE_STATUSES, { error: 'Choose "draft" or "final" as the status.' }).default("draft"),
  lines: z.array(invoiceLineInput).min(1, "Add at least one line to the invoice."),
  /**
   * "Not for QuickBooks" (NC Only). Left out on a new invoice: on when its total is zero and the setting says so;
   * left out on an edit: it stays as saved.
   */
  ncOnly: z.boolean().optional(),
});
export type InvoiceInput = z.input<typeof invoiceInput>;
export type InvoiceData = z.output<typeof invoiceInput>;

/** What payments have applied to an invoice, optionally leaving out one payment (the one being edited). */
function paidCents(exceptPaymentId?: number): SQL<number> {
  const except = exceptPaymentId ? sql` and ${paymentApplications.paymentId} <> ${exceptPaymentId}` : sql``;
  return sql<number>`(select coalesce(sum(${paymentApplications.amountCents}), 0) from ${paymentApplications} where ${paymentApplications.invoiceId} = ${invoices.id}${except})`.mapWith(
    Number,
  );
}

/** An invoice's total, what has been paid and what is still open. */
export function balanceColumns(exceptPaymentId?: number) {
  const paid = paidCents(exceptPaymentId);
  return {
    totalCents: invoices.totalCents,
    paidCents: paid,
    balanceCents: sql<number>`${invoices.totalCents} - ${paid}`.mapWith(Number),
  };
}

/** What a row of the invoice list shows; the invoice page adds terms, stamps and lines. */
function summaryColumns() {
  return {
    id: invoices.id,
    number: invoices.number,
    customerId: invoices.customerId,
    customerName: contacts.name,
    txnDate: invoices.txnDate,
    dueDate: invoices.dueDate,
    status: invoices.status,
    memo: invoices.memo,
    ...balanceColumns(),
    subtotalCents: invoices.subtotalCents,
    taxCents: invoices.taxCents,
    quickBooksTaxCents: invoices.quickBooksTaxCents,
    quickBooksTotalCents: invoices.quickBooksTotalCents,
    quickBooksTaxPercent: invoices.quickBooksTaxPercent,
    ncOnly: invoices.ncOnly,
    sendRequestedAt: invoices.sendRequestedAt,
    updatedAt: invoices.updatedAt,
  };
}

/** What the invoice list's search box looks in. */
const INVOICE_SEARCH = [invoices.number, contacts.name, invoices.memo];

export function listInvoices(db: Queryable, input: ListInput, narrowedBy?: SQL) {
  const columns = summaryColumns();
  return listPage(
    db,
    {
      table: sql`${invoices} inner join ${contacts} on ${contacts.id} = ${invoices.customerId}`,
      sortable: {
        number: invoices.number,
        customer: contacts.name,
        txnDate: invoices.txnDate,
        dueDate: invoices.dueDate,
        status: invoices.status,
        total: invoices.totalCents,
        balance: columns.balanceCents,
        updatedAt: invoices.updatedAt,
      },
      defaultSort: "txnDate",
      tiebreaker: invoices.id,
      searchable: INVOICE_SEARCH,
      rows: (query) => paged(db.select(columns).from(invoices).innerJoin(contacts, eq(contacts.id, invoices.customerId)).$dynamic(), query),
    },
    input,
    narrowedBy,
  );
}

/** The invoice with its lines (and their item names), its customer and terms by name, and its open balance. */
export async function getInvoice(db: Queryable, id: number) {
  const [invoice] = await db
    .select({
      ...summaryColumns(),
      termsId: invoices.termsId,
      termsName: terms.name,
      customerSalesTaxCodeId: invoices.customerSalesTaxCodeId,
      customerSalesTaxCodeName: customerCode.name,
      salesTaxItemId: invoices.salesTaxItemId,
      salesTaxItemName: salesTaxItems.name,
      createdAt: invoices.createdAt,
      updatedBy: invoices.updatedBy,
    })
    .from(invoices)
    .innerJoin(contacts, eq(contacts.id, invoices.customerId))
    .leftJoin(terms, eq(terms.id, invoices.termsId))
    .leftJoin(customerCode, eq(customerCode.id, invoices.customerSalesTaxCodeId))
    .leftJoin(salesTaxItems, eq(salesTaxItems.id, invoices.salesTaxItemId))
    .where(eq(invoices.id, id));
  if (!invoice) throw new AppError("NOT_FOUND", "That invoice does not exist (it may have been deleted).");
  const lines = await db
    .select({
      id: invoiceLines.id,
      position: invoiceLines.position,
      itemId: invoiceLines.itemId,
      itemName: items.fullName,
      description: invoiceLines.description,
      quantity: invoiceLines.quantity,
      rateCents: invoiceLines.rateCents,
      amountCents: invoiceLines.amountCents,
      salesTaxCodeId: invoiceLines.salesTaxCodeId,
      salesTaxCodeName: salesTaxCodes.name,
      itemTaxable: items.taxable,
      /** By the line's own code, else its item's flag. */
      taxable: sql<boolean>`coalesce(${salesTaxCodes.taxable}, ${items.taxable})`.mapWith(Boolean),
    })
    .from(invoiceLines)
    .innerJoin(items, eq(items.id, invoiceLines.itemId))
    .leftJoin(salesTaxCodes, eq(salesTaxCodes.id, invoiceLines.salesTaxCodeId))
    .where(eq(invoiceLines.invoiceId, id))
    .orderBy(asc(invoiceLines.position));
  const ratePercent = await salesTaxRatePercent(db, invoice.salesTaxItemId);
  return { ...invoice, ratePercent, lines };
}
export type InvoiceDetail = Awaited<ReturnType<typeof getInvoice>>;

/** How a new invoice is kept out of QuickBooks when nobody said: the sync settings decide it for zero amounts. */
export interface NewInvoiceRules {
  zeroAmountIsNcOnly: boolean;
}

export async function createInvoice(db: Queryable, data: InvoiceData, user: SessionUser | null, rules: NewInvoiceRules) {
  const id = await db.transaction(async (tx) => {
    await requireCustomer(tx, data.customerId, { newlyChosen: true });
    const number = data.number ?? (await nextInvoiceNumber(tx));
    await refuseNumberClash(tx, number);
    const { invoice, lines } = await invoiceValues(tx, data);
    const ncOnly = data.ncOnly ?? (invoice.totalCents === 0 && rules.zeroAmountIsNcOnly);
    const [row] = await tx
      .insert(invoices)
      .values({ ...invoice, ncOnly, number, updatedBy: user?.id ?? null })
      .returning({ id: invoices.id });
    await tx.insert(invoiceLines).values(lines.map((line) => ({ ...line, invoiceId: row!.id })));
    return row!.id;
  });
  return getInvoice(db, id);
}

/** Saves the invoice and replaces all its lines with the ones given. */
export async function updateInvoice(db: Queryable, id: number, data: InvoiceData, user: SessionUser | null) {
  await db.transaction(async (tx) => {
    const saved = await getInvoice(tx, id);
    await requireCustomer(tx, data.customerId, { newlyChosen: data.customerId !== saved.customerId });
    const number = data.number ?? saved.number;
    await refuseNumberClash(tx, number, id);
    const { invoice, lines } = await invoiceValues(tx, data);
    refuseBreakingPayments(saved, data, invoice.totalCents);
    if (data.ncOnly && !saved.ncOnly) await refusePaymentsSentToQuickBooks(tx, id);
    await tx
      .update(invoices)
      .set({ ...invoice, ncOnly: data.ncOnly, number, updatedAt: new Date(), updatedBy: user?.id ?? null })
      .where(eq(invoices.id, id));
    await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, id));
    await tx.insert(invoiceLines).values(lines.map((line) => ({ ...line, invoiceId: id })));
  });
  return getInvoice(db, id);
}

/**
 * Send to QuickBooks: final invoices that are not NC Only are marked with the time of the request. With Send All
 * off, only invoices marked since their last sync become export candidates.
 */
export function requestInvoiceSend(db: Queryable, selection: SendRequestSelection, narrowedBy?: SQL, now = new Date()) {
  return requestSend(
    db,
    {
      table: invoices,
      contact: invoices.customerId,
      searchable: INVOICE_SEARCH,
      notAvailable: [
        {
          condition: eq(invoices.status, "draft"),
          one: "A draft invoice cannot be sent; make it final first.",
          many: (n) => `${n} draft invoices were left out; make them final first.`,
        },
        {
          condition: eq(invoices.ncOnly, true),
          one: "An invoice marked Not for QuickBooks (NC Only) cannot be sent; clear that box first.",
          many: (n) => `${n} invoices marked Not for QuickBooks (NC Only) were left out.`,
        },
      ],
    },
    selection,
    now,
    narrowedBy,
  );
}

/** The next number after the highest all-digit one, so "INV-7" or "1002a" do not disturb the sequence. */
export function nextInvoiceNumber(db: Queryable): Promise<string> {
  return nextNumber(db, invoices, FIRST_INVOICE_NUMBER);
}

/** A customer's final invoices that still have money open, oldest first, for the payment form. */
export function openInvoicesForCustomer(db: Queryable, customerId: number, exceptPaymentId?: number) {
  const balances = balanceColumns(exceptPaymentId);
  return db
    .select({
      id: invoices.id,
      number: invoices.number,
      txnDate: invoices.txnDate,
      dueDate: invoices.dueDate,
      ncOnly: invoices.ncOnly,
      ...balances,
    })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), eq(invoices.status, "final"), gt(balances.balanceCents, 0)))
    .orderBy(asc(invoices.txnDate), asc(invoices.id));
}

/** The invoice row and its lines as they will be saved: checked references, due date and server-side amounts. */
async function invoiceValues(db: Queryable, data: InvoiceData) {
  const lines = await lineValues(db, data.lines);
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0n);
  if (subtotal < 0n) {
    throw new AppError("BAD_INPUT", "The invoice total cannot be below zero. Record a credit memo in QuickBooks instead.", {
      field: "lines",
    });
  }
  if (beyondQuickBooks(subtotal)) throw tooLarge();
  const taxed = await taxOfInvoice(db, {
    customerId: data.customerId,
    customerSalesTaxCodeId: data.customerSalesTaxCodeId,
    salesTaxItemId: data.salesTaxItemId,
    lines: lines.map((line) => ({ itemId: line.itemId, salesTaxCodeId: line.salesTaxCodeId, amountCents: Number(line.amount) })),
  });
  if (beyondQuickBooks(BigInt(taxed.tax.totalCents))) throw tooLarge();
  const invoice = {
    customerId: data.customerId,
    txnDate: data.txnDate,
    dueDate: data.dueDate ?? (await dueDateFromTerms(db, data.txnDate, data.termsId)),
    termsId: data.termsId,
    memo: data.memo,
    status: data.status,
    customerSalesTaxCodeId: taxed.customerSalesTaxCodeId,
    salesTaxItemId: taxed.salesTaxItemId,
    subtotalCents: taxed.tax.subtotalCents,
    taxCents: taxed.tax.taxCents,
    totalCents: taxed.tax.totalCents,
  };
  return {
    invoice,
    lines: lines.map(({ amount, ...line }) => ({ ...line, amountCents: Number(amount) })),
  };
}

function tooLarge() {
  return new AppError("BAD_INPUT", "The invoice total is larger than QuickBooks accepts. Split it into several invoices.", {
    field: "lines",
  });
}
export async function dueDateFromTerms(db: Queryable, txnDate: string, termsId: number | null): Promise<string | null> {
  if (termsId === null) return null;
  const [found] = await db.select({ netDays: terms.netDays }).from(terms).where(eq(terms.id, termsId));
  if (!found) {
    throw new AppError("BAD_INPUT", "Those terms do not exist (they may have been deleted). Choose other terms.", {
      field: "termsId",
    });
  }
  return addDays(txnDate, found.netDays);
}

async function refuseNumberClash(db: Queryable, number: string, exceptId?: number) {
  const condition = exceptId ? and(eq(invoices.number, number), ne(invoices.id, exceptId)) : eq(invoices.number, number);
  const [other] = await db
    .select({ txnDate: invoices.txnDate, customerName: contacts.name })
    .from(invoices)
    .innerJoin(contacts, eq(contacts.id, invoices.customerId))
    .where(condition);
  if (other) {
    throw new AppError(
      "NAME_IN_USE",
      `Invoice number ${number} is already used by the invoice to "${other.customerName}" dated ${other.txnDate}. Choose another number, or leave it blank for the next one.`,
      { field: "number" },
    );
  }
}

/** An invoice kept out of QuickBooks cannot be paid there: payments sent to QuickBooks must not be applied to it. */
async function refusePaymentsSentToQuickBooks(db: Queryable, invoiceId: number) {
  const [sent] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(paymentApplications)
    .innerJoin(payments, eq(payments.id, paymentApplications.paymentId))
    .where(and(eq(paymentApplications.invoiceId, invoiceId), eq(payments.ncOnly, false)));
  if (sent && sent.n > 0) {
    throw new AppError(
      "CONFLICT",
      sent.n === 1
        ? "A payment that goes to QuickBooks is applied to this invoice, so it cannot be Not for QuickBooks. Mark that payment NC Only first."
        : `${sent.n} payments that go to QuickBooks are applied to this invoice, so it cannot be Not for QuickBooks. Mark those payments NC Only first.`,
      { field: "ncOnly" },
    );
  }
}

/** Payments already applied must still fit: same customer, still final, and a total no smaller than what was paid. */
function refuseBreakingPayments(saved: InvoiceDetail, data: InvoiceData, totalCents: number) {
  if (saved.paidCents === 0) return;
  const paid = formatCents(saved.paidCents);
  if (data.customerId !== saved.customerId) {
    throw new AppError("CONFLICT", `Payments of ${paid} are applied to this invoice, so its customer cannot change.`, {
      field: "customerId",
    });
  }
  if (data.status === "draft") {
    throw new AppError("CONFLICT", `Payments of ${paid} are applied to this invoice, so it cannot go back to draft.`, {
      field: "status",
    });
  }
  if (totalCents < saved.paidCents) {
    throw new AppError(
      "CONFLICT",
      `Payments of ${paid} are applied to this invoice, more than the new total of ${formatCents(totalCents)}. Change the payments first.`,
      { field: "lines" },
    );
  }
}
