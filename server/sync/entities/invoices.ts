import { and, asc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Queryable } from "@/db";
import { contacts, invoiceLines, invoices, items, paymentApplications, salesTaxCodes, salesTaxItems, syncItems, terms } from "@/db/schema";
import { invoiceAddRq, invoiceModRq, invoiceQueryRq, type InvoiceRecord, type QbxmlRecord } from "@/server/qbxml";
import { taxDifference } from "@/lib/sales-tax";
import { AppError } from "@/server/errors";
import { taxOfInvoice } from "@/server/records/invoice-tax";
import { joinedKey, spellingsOf, textKey } from "./match-keys";
import { linkedTaxItem } from "./sales-tax-items";
import {
  importedLine,
  linkedLocal,
  optionalLinked,
  ownContact,
  proxiedName,
  sameName,
  sentCustomer,
  sentItem,
  uniqueParents,
} from "./transaction-refs";
import { ImportWaiting, scopeWithout, type EntityAdapter, type KeptHere, type RefResolver } from "./types";

/**
 * A transaction as QuickBooks gets it: customerId/customerName and each line's item are the records QuickBooks
 * holds it under, the proxy where the customer or item has one ("Web Customer").
 */
export interface LocalInvoice {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  /** The invoice's own customer when it is sent as its proxy; null otherwise. */
  proxiedCustomerName: string | null;
  txnDate: string;
  dueDate: string | null;
  termsId: number | null;
  termsName: string | null;
  memo: string | null;
  totalCents: number;
  taxCents: number;
  /** The customer's tax code on the invoice (null: none chosen, sent as QuickBooks' default taxable code). */
  customerSalesTaxCodeId: number | null;
  customerSalesTaxCodeName: string | null;
  customerTaxable: boolean;
  salesTaxItemId: number | null;
  salesTaxItemName: string | null;
  salesTaxItemKind: "item" | "group" | null;
  lines: {
    itemId: number;
    itemName: string;
    description: string | null;
    quantity: number;
    rateCents: number;
    amountCents: number;
    /** The line's own code, else its item's: "Tax" or "Non". */
    salesTaxCodeId: number | null;
    salesTaxCodeName: string;
  }[];
}

// QuickBooks' own default codes, which a line without a code of its own is sent with (by its item's taxable flag).
export const TAXABLE_CODE = "Tax";
export const NON_TAXABLE_CODE = "Non";

const lineCode = alias(salesTaxCodes, "line_code");
const customerCode = alias(salesTaxCodes, "customer_code");

const INVOICES_KEPT_HERE: KeptHere[] = [
  { rows: ne(invoices.status, "final"), reason: "It is a draft: an invoice goes to QuickBooks once it is final." },
  { rows: eq(invoices.ncOnly, true), reason: "It is NC Only: kept in Ledgerbridge, never sent to QuickBooks." },
];

/**
 * Invoices are exported once final and unless NC Only; QuickBooks' own invoices are imported as final ones.
 * "Available to send" (Send All off) is the same scope plus a person's request.
 */
export const invoiceAdapter: EntityAdapter<LocalInvoice, InvoiceRecord> = {
  type: "invoice",
  noun: "invoice",
  level: 7,
  idKind: "txn",
  table: invoices,
  scope: scopeWithout(undefined, INVOICES_KEPT_HERE),
  keptHere: INVOICES_KEPT_HERE,
  sendRequested: isNotNull(invoices.sendRequestedAt),
  sendRequestedAt: invoices.sendRequestedAt,
  canModify: true,
  discovery: [
    {
      key: "Invoice",
      iterates: true,
      build: (from, maxReturned, options) =>
        invoiceQueryRq({ maxReturned, modifiedDateRange: from === undefined ? undefined : { from }, includeLineItems: true }, options),
    },
  ],
  owns: (record: QbxmlRecord): record is InvoiceRecord => record.kind === "Invoice",
  loadLocal: loadInvoices,
  label: (local) => `Invoice ${local.number}`,
  fields: (local) => ({
    number: local.number,
    customer: local.customerName,
    txnDate: local.txnDate,
    dueDate: local.dueDate,
    terms: local.termsName,
    memo: local.memo,
    // The tax item is compared through the tax it charges: QuickBooks names its default item on an invoice that
    // charges none, where Ledgerbridge names none.
    customerTaxCode: customerTaxCodeSent(local),
    tax: local.taxCents,
    total: local.totalCents,
    lines: JSON.stringify(
      local.lines.map((line) => [
        line.itemName,
        line.description ?? "",
        line.quantity,
        line.rateCents,
        line.amountCents,
        line.salesTaxCodeName,
      ]),
    ),
  }),
  parents: (local) => [
    { type: "customer", localId: local.customerId, name: local.customerName },
    ...(local.termsId === null ? [] : [{ type: "terms" as const, localId: local.termsId, name: local.termsName ?? "" }]),
    ...(local.salesTaxItemId === null
      ? []
      : [{ type: taxItemType(local), localId: local.salesTaxItemId, name: local.salesTaxItemName ?? "" }]),
    ...uniqueParents(
      [local.customerSalesTaxCodeId, ...local.lines.map((line) => line.salesTaxCodeId)].flatMap((id) =>
        id === null ? [] : [{ type: "salesTaxCode" as const, localId: id, name: codeName(local, id) }],
      ),
    ),
    ...uniqueParents(local.lines.map((line) => ({ type: "item" as const, localId: line.itemId, name: line.itemName }))),
  ],
  // QuickBooks lets two invoices share a number (it only warns); Ledgerbridge does not, so the number is taken here.
  matchKey: (local) => joinedKey(local.number, local.customerName),
  remoteMatchKey: (remote) => (remote.refNumber?.trim() ? joinedKey(remote.refNumber, remote.customer?.fullName) : null),
  takenKey: (local) => textKey(local.number),
  remoteTakenKey: (remote) => (remote.refNumber?.trim() ? textKey(remote.refNumber) : null),
  localsSharingKeys: async (db, remotes) => {
    const numbers = remotes.map((remote) => remote.refNumber);
    const rows = await db.select({ id: invoices.id }).from(invoices).where(spellingsOf(invoices.number, numbers));
    return rows.map((row) => row.id);
  },
  matchHints: ["txnDate", "total"],
  remoteId: (remote) => remote.txnId,
  remoteLabel: (remote) => `Invoice ${remote.refNumber ?? remote.txnId ?? ""}`,
  remoteFields: (remote) => ({
    number: remote.refNumber ?? null,
    customer: remote.customer?.fullName ?? null,
    txnDate: remote.txnDate ?? null,
    dueDate: remote.dueDate ?? null,
    terms: remote.terms?.fullName ?? null,
    memo: remote.memo ?? null,
    customerTaxCode: remote.customerSalesTaxCode?.fullName ?? null,
    tax: remote.salesTaxTotal ?? 0,
    total: (remote.subtotal ?? 0) + (remote.salesTaxTotal ?? 0),
    lines: JSON.stringify(
      remote.lines.map((line) => [
        line.item?.fullName ?? "",
        line.desc ?? "",
        line.quantity ?? 0,
        Math.round(line.rate ?? 0),
        line.amount ?? 0,
        line.salesTaxCode?.fullName ?? "",
      ]),
    ),
  }),
  queryById: (qbId, requestId) => invoiceQueryRq({ txnIds: [qbId], includeLineItems: true }, { requestId }),
  // RefNumber alone is not unique in QuickBooks, so the match also checks the customer and the date.
  queryForLookup: (local, requestId) => invoiceQueryRq({ refNumbers: [local.number], includeLineItems: true }, { requestId }),
  matchLookup: (local, found) =>
    found.find(
      (record) =>
        record.refNumber === local.number && record.txnDate === local.txnDate && sameName(record.customer?.fullName, local.customerName),
    ),
  addRq: (local, refs, requestId) =>
    invoiceAddRq(
      {
        customer: refs.ref("customer", local.customerId, local.customerName),
        ...invoiceBody(local, refs),
        lines: local.lines.map((line) => invoiceLine(line, refs)),
      },
      { requestId },
    ),
  modRq: (local, link, refs, requestId) =>
    invoiceModRq(
      {
        txnId: link.qbId,
        editSequence: link.editSequence,
        customer: refs.ref("customer", local.customerId, local.customerName),
        ...invoiceBody(local, refs),
        // Every line is sent as new: QuickBooks keeps exactly the lines of a Mod, so the old ones are replaced.
        lines: local.lines.map((line) => invoiceLine(line, refs)),
      },
      { requestId },
    ),
  applyImport: (db, remote, localId) => applyInvoiceImport(db, remote, localId),
  noteSent: (db, localId, remote) => noteQuickBooksTax(db, localId, remote),
  applyDeletion: async (db, localId) => {
    const applied = await db
      .select({ paymentId: paymentApplications.paymentId, state: syncItems.state })
      .from(paymentApplications)
      .leftJoin(
        syncItems,
        and(
          eq(syncItems.direction, "import"),
          eq(syncItems.entityType, "payment"),
          eq(syncItems.action, "delete"),
          eq(syncItems.localId, paymentApplications.paymentId),
        ),
      )
      .where(eq(paymentApplications.invoiceId, localId));
    if (applied.length > 0) {
      // Payments deleted in QuickBooks too go after invoices in the drain: wait for their removal, then follow.
      const beingRemoved = applied.every((row) => row.state === "pending" || row.state === "in_flight" || row.state === "succeeded");
      if (beingRemoved) {
        throw new ImportWaiting("Waiting for the payments applied to this invoice to be removed first; it follows on the next run.");
      }
      throw new AppError("CONFLICT", "payments here are applied to this invoice; delete them (or approve their removal) first.");
    }
    await db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, localId));
    await db.delete(invoices).where(eq(invoices.id, localId));
  },
};

async function applyInvoiceImport(db: Queryable, remote: InvoiceRecord, localId: number | null): Promise<number> {
  const [saved] =
    localId === null ? [] : await db.select({ customerId: invoices.customerId }).from(invoices).where(eq(invoices.id, localId));
  const customerId = await ownContact(db, saved?.customerId, await linkedLocal(db, "customer", remote.customer, "customer"));
  const number = remote.refNumber?.trim();
  if (!number) throw new AppError("BAD_INPUT", "the QuickBooks invoice has no number (RefNumber).");
  const savedLines = await linesWithProxies(db, localId);
  const lines: (typeof invoiceLines.$inferInsert)[] = [];
  for (const line of remote.lines) {
    const amounts = importedLine(line);
    if (!amounts) continue;
    const linkedItemId = await linkedLocal(db, "item", line.item, "item");
    const savedLine = savedLines.get(lines.length + 1);
    const itemId = savedLine?.proxyId === linkedItemId ? savedLine.itemId : linkedItemId;
    lines.push({
      invoiceId: 0,
      position: lines.length + 1,
      itemId,
      ...amounts,
      salesTaxCodeId: line.salesTaxCode ? await linkedLocal(db, "salesTaxCode", line.salesTaxCode, "sales tax code") : null,
    });
  }
  const [clash] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(localId === null ? eq(invoices.number, number) : and(eq(invoices.number, number), ne(invoices.id, localId)));
  if (clash) throw new AppError("CONFLICT", `invoice number ${number} is already used by another invoice here. Renumber one of them.`);
  const termsId = await optionalLinked(db, "terms", remote.terms);
  const taxed = await taxOfInvoice(db, {
    customerId,
    customerSalesTaxCodeId: remote.customerSalesTaxCode
      ? await linkedLocal(db, "salesTaxCode", remote.customerSalesTaxCode, "sales tax code")
      : null,
    salesTaxItemId: await linkedTaxItem(db, remote.itemSalesTax),
    lines: lines.map((line) => ({ itemId: line.itemId, salesTaxCodeId: line.salesTaxCodeId ?? null, amountCents: line.amountCents })),
  });
  const head = {
    number,
    customerId,
    txnDate: remote.txnDate ?? new Date().toISOString().slice(0, 10),
    dueDate: remote.dueDate ?? null,
    termsId,
    memo: remote.memo ?? null,
    status: "final" as const,
    customerSalesTaxCodeId: taxed.customerSalesTaxCodeId,
    salesTaxItemId: taxed.salesTaxItemId,
    subtotalCents: taxed.tax.subtotalCents,
    taxCents: taxed.tax.taxCents,
    totalCents: taxed.tax.totalCents,
    ...taxDifference(taxed.tax, quickBooksTax(remote)),
    updatedAt: new Date(),
    updatedBy: null,
  };
  let id = localId;
  if (id === null) {
    const [row] = await db.insert(invoices).values(head).returning({ id: invoices.id });
    id = row!.id;
  } else {
    await db.update(invoices).set(head).where(eq(invoices.id, id));
    await db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, id));
  }
  if (lines.length > 0) await db.insert(invoiceLines).values(lines.map((line) => ({ ...line, invoiceId: id! })));
  return id;
}

/** QuickBooks' own tax and total of an invoice it answered with. */
function quickBooksTax(remote: InvoiceRecord) {
  const taxCents = remote.salesTaxTotal ?? 0;
  return { taxCents, totalCents: (remote.subtotal ?? 0) + taxCents, ratePercent: remote.salesTaxPercentage ?? 0 };
}

/** After an InvoiceAdd or InvoiceMod: QuickBooks' tax and total are kept when they differ from ours (and cleared when not). */
async function noteQuickBooksTax(db: Queryable, localId: number, remote: InvoiceRecord): Promise<void> {
  const [ours] = await db
    .select({ taxCents: invoices.taxCents, totalCents: invoices.totalCents })
    .from(invoices)
    .where(eq(invoices.id, localId));
  if (!ours) return;
  // Not a change made here: updatedAt stays, so the note raises no export.
  await db
    .update(invoices)
    .set(taxDifference(ours, quickBooksTax(remote)))
    .where(eq(invoices.id, localId));
}

/** The saved lines' items and their proxies by position, so a line sent as a proxy item keeps its own item. */
async function linesWithProxies(db: Queryable, invoiceId: number | null) {
  if (invoiceId === null) return new Map<number, { itemId: number; proxyId: number | null }>();
  const rows = await db
    .select({ position: invoiceLines.position, itemId: invoiceLines.itemId, proxyId: items.proxyId })
    .from(invoiceLines)
    .innerJoin(items, eq(items.id, invoiceLines.itemId))
    .where(eq(invoiceLines.invoiceId, invoiceId));
  return new Map(rows.map((row) => [row.position, { itemId: row.itemId, proxyId: row.proxyId }]));
}

/**
 * The tax item and every code go explicitly, so QuickBooks never applies its own defaults: an invoice without a tax
 * item here goes with a non-taxable customer code, which QuickBooks charges no tax under, as Ledgerbridge does.
 */
function invoiceBody(local: LocalInvoice, refs: RefResolver) {
  return {
    txnDate: local.txnDate,
    refNumber: local.number,
    terms: local.termsId === null ? undefined : refs.ref("terms", local.termsId, local.termsName ?? ""),
    dueDate: local.dueDate ?? undefined,
    itemSalesTax:
      local.salesTaxItemId === null ? undefined : refs.ref(taxItemType(local), local.salesTaxItemId, local.salesTaxItemName ?? ""),
    memo: local.memo ?? undefined,
    customerSalesTaxCode:
      local.customerSalesTaxCodeId !== null && local.salesTaxItemId !== null
        ? refs.ref("salesTaxCode", local.customerSalesTaxCodeId, local.customerSalesTaxCodeName ?? "")
        : { fullName: customerTaxCodeSent(local) },
  };
}

function invoiceLine(line: LocalInvoice["lines"][number], refs: RefResolver) {
  return {
    item: refs.ref("item", line.itemId, line.itemName),
    desc: line.description ?? undefined,
    quantity: line.quantity,
    rate: line.rateCents,
    amount: line.amountCents,
    salesTaxCode:
      line.salesTaxCodeId === null
        ? { fullName: line.salesTaxCodeName }
        : refs.ref("salesTaxCode", line.salesTaxCodeId, line.salesTaxCodeName),
  };
}

/** The customer code QuickBooks gets: the invoice's, else "Tax"; "Non" when there is no tax item to charge. */
function customerTaxCodeSent(local: LocalInvoice): string {
  if (local.salesTaxItemId === null)
    return local.customerSalesTaxCodeName !== null && !local.customerTaxable ? local.customerSalesTaxCodeName : NON_TAXABLE_CODE;
  return local.customerSalesTaxCodeName ?? TAXABLE_CODE;
}

function taxItemType(local: LocalInvoice): "salesTaxItem" | "salesTaxGroup" {
  return local.salesTaxItemKind === "group" ? "salesTaxGroup" : "salesTaxItem";
}

function codeName(local: LocalInvoice, id: number): string {
  if (id === local.customerSalesTaxCodeId) return local.customerSalesTaxCodeName ?? "";
  return local.lines.find((line) => line.salesTaxCodeId === id)?.salesTaxCodeName ?? "";
}

async function loadInvoices(db: Queryable, ids: readonly number[]): Promise<LocalInvoice[]> {
  if (ids.length === 0) return [];
  const heads = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      customerId: sentCustomer.id,
      customerName: sentCustomer.name,
      proxiedCustomerName: proxiedName(contacts),
      txnDate: invoices.txnDate,
      dueDate: invoices.dueDate,
      termsId: invoices.termsId,
      termsName: terms.name,
      memo: invoices.memo,
      totalCents: invoices.totalCents,
      taxCents: invoices.taxCents,
      customerSalesTaxCodeId: invoices.customerSalesTaxCodeId,
      customerSalesTaxCodeName: customerCode.name,
      customerTaxable: sql<boolean>`coalesce(${customerCode.taxable}, 1)`.mapWith(Boolean),
      salesTaxItemId: invoices.salesTaxItemId,
      salesTaxItemName: salesTaxItems.name,
      salesTaxItemKind: salesTaxItems.kind,
    })
    .from(invoices)
    .innerJoin(contacts, eq(contacts.id, invoices.customerId))
    .innerJoin(sentCustomer, eq(sentCustomer.id, sql`coalesce(${contacts.proxyId}, ${contacts.id})`))
    .leftJoin(terms, eq(terms.id, invoices.termsId))
    .leftJoin(customerCode, eq(customerCode.id, invoices.customerSalesTaxCodeId))
    .leftJoin(salesTaxItems, eq(salesTaxItems.id, invoices.salesTaxItemId))
    .where(inArray(invoices.id, [...ids]));
  const lines = await db
    .select({
      invoiceId: invoiceLines.invoiceId,
      itemId: sentItem.id,
      itemName: sentItem.fullName,
      description: invoiceLines.description,
      quantity: invoiceLines.quantity,
      rateCents: invoiceLines.rateCents,
      amountCents: invoiceLines.amountCents,
      salesTaxCodeId: invoiceLines.salesTaxCodeId,
      salesTaxCodeName: sql<string>`coalesce(${lineCode.name}, case when ${items.taxable} then ${TAXABLE_CODE} else ${NON_TAXABLE_CODE} end)`,
    })
    .from(invoiceLines)
    .innerJoin(items, eq(items.id, invoiceLines.itemId))
    .innerJoin(sentItem, eq(sentItem.id, sql`coalesce(${items.proxyId}, ${items.id})`))
    .leftJoin(lineCode, eq(lineCode.id, invoiceLines.salesTaxCodeId))
    .where(inArray(invoiceLines.invoiceId, [...ids]))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
  return heads.map((head) => ({
    ...head,
    lines: lines.filter((line) => line.invoiceId === head.id).map(({ invoiceId: _invoiceId, ...line }) => line),
  }));
}
