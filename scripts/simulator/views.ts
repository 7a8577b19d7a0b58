import { HIERARCHICAL, type Books } from "./books";
import { writeAggregate, type Aggregate } from "./fields";
import { LAYOUTS, LIST_DELETED, TXN_DELETED } from "./layouts";
import { formatCents, toCents } from "./money";
import { isTxnKind, type DeletedEntry, type SimRecord } from "./store";
import { formatDateTime } from "./time";
import {
  applicationsOf,
  billOrders,
  billTotals,
  invoiceTotals,
  listBalance,
  orderBilling,
  paymentsApplied,
  purchaseOrderTotals,
} from "./transactions";
import type { XmlWriter } from "./xml";

export type { RetOptions };
export { writeRet, writeDeleted, retView };

interface RetOptions {
  /** InvoiceQuery's IncludeLineItems; Add and Mod responses always carry the lines. */
  readonly includeLineItems?: boolean;
  readonly includeLinkedTxns?: boolean;
  /** IncludeRetElement. */
  readonly include?: ReadonlySet<string>;
  /** The query's OwnerIDs: custom fields (DataExtRet) come back only for these. */
  readonly ownerIds?: readonly string[];
}

/** <CustomerRet>…</CustomerRet> and the like, in schema order. */
function writeRet(writer: XmlWriter, books: Books, record: SimRecord, options: RetOptions = {}): void {
  const name = `${record.kind}Ret`;
  writer.open(name);
  writeAggregate(writer, retView(books, record, options), LAYOUTS[record.kind], {
    include: options.include,
    fullNameOf: books.fullNameById,
  });
  writer.close(name);
}

function writeDeleted(writer: XmlWriter, books: Books, entry: DeletedEntry, include?: ReadonlySet<string>): void {
  const offset = books.info.utcOffsetMinutes;
  const txn = isTxnKind(entry.kind);
  const name = txn ? "TxnDeletedRet" : "ListDeletedRet";
  const values: Aggregate = txn
    ? { TxnDelType: entry.kind, TxnID: entry.id, RefNumber: entry.name }
    : { ListDelType: entry.kind, ListID: entry.id, FullName: entry.name };
  values.TimeCreated = formatDateTime(entry.created, offset);
  values.TimeDeleted = formatDateTime(entry.deleted, offset);
  writer.open(name);
  writeAggregate(writer, values, txn ? TXN_DELETED : LIST_DELETED, { include, fullNameOf: () => undefined });
  writer.close(name);
}

/** The stored fields plus what QuickBooks works out: core times, full names, balances, blocks. */
function retView(books: Books, record: SimRecord, options: RetOptions): Aggregate {
  const offset = books.info.utcOffsetMinutes;
  const view: Aggregate = {
    ...record.fields,
    [isTxnKind(record.kind) ? "TxnID" : "ListID"]: record.id,
    TimeCreated: formatDateTime(record.created, offset),
    TimeModified: formatDateTime(record.modified, offset),
    EditSequence: String(record.editSequence),
  };
  if (HIERARCHICAL.has(record.kind)) {
    view.FullName = books.fullNameOf(record);
    view.Sublevel = String(books.sublevelOf(record));
  }
  switch (record.kind) {
    case "Customer":
      view.BillAddressBlock = addressBlock(record.fields.BillAddress);
      view.ShipAddressBlock = addressBlock(record.fields.ShipAddress);
      view.Balance = formatCents(listBalance(books, record).balance);
      view.TotalBalance = formatCents(listBalance(books, record).totalBalance!);
      break;
    case "Vendor":
      view.VendorAddressBlock = addressBlock(record.fields.VendorAddress);
      view.Balance = formatCents(listBalance(books, record).balance);
      break;
    case "Account":
      view.Balance = "0.00";
      view.TotalBalance = "0.00";
      break;
    case "Invoice":
      Object.assign(view, invoiceView(books, record, options));
      break;
    case "ReceivePayment":
      Object.assign(view, paymentView(books, record));
      break;
    case "PurchaseOrder":
      Object.assign(view, purchaseOrderView(books, record, options));
      break;
    case "Bill": {
      // AmountDue is the bill's amount; OpenAmount what is still owed on it.
      const { total, open } = billTotals(books, record);
      view.VendorAddressBlock = addressBlock(record.fields.VendorAddress);
      view.AmountDue = formatCents(total);
      view.IsPaid = open <= 0 && total > 0 ? "true" : "false";
      view.OpenAmount = formatCents(open);
      if (options.includeLinkedTxns) view.LinkedTxn = billOrders(books, record).map((order) => linkedTxn(order, "PurchaseOrder", "0.00"));
      if (!options.includeLineItems) Object.assign(view, { ExpenseLineRet: undefined, ItemLineRet: undefined });
      break;
    }
    case "BillPaymentCheck":
      Object.assign(view, billPaymentView(books, record));
      break;
    default:
      break;
  }
  if (record.txnNumber !== undefined) view.TxnNumber = String(record.txnNumber);
  view.DataExtRet = customFieldsFor(record, options.ownerIds);
  return view;
}

/** The record's custom fields whose OwnerID the query named (GUIDs compared ignoring case); none when it named none. */
function customFieldsFor(record: SimRecord, ownerIds: readonly string[] | undefined): Aggregate[] | undefined {
  const stored = record.fields.DataExtRet as Aggregate[] | undefined;
  if (!stored || !ownerIds?.length) return undefined;
  const wanted = new Set(ownerIds.map((id) => id.toUpperCase()));
  const shown = stored.filter((field) => wanted.has(String(field.OwnerID).toUpperCase()));
  return shown.length > 0 ? shown : undefined;
}

function invoiceView(books: Books, invoice: SimRecord, options: RetOptions): Aggregate {
  const { subtotal, percentage, tax, applied, balance } = invoiceTotals(books, invoice);
  const view: Aggregate = {
    BillAddressBlock: addressBlock(invoice.fields.BillAddress),
    ShipAddressBlock: addressBlock(invoice.fields.ShipAddress),
    Subtotal: formatCents(subtotal),
    SalesTaxPercentage: percentage,
    SalesTaxTotal: formatCents(tax),
    AppliedAmount: formatCents(-applied),
    BalanceRemaining: formatCents(balance),
    IsPaid: balance <= 0 && subtotal + tax > 0 ? "true" : "false",
  };
  if (!options.includeLineItems) view.InvoiceLineRet = undefined;
  if (options.includeLinkedTxns) {
    view.LinkedTxn = paymentsApplied(books, invoice).map((payment) => {
      const amount = applicationsOf(payment)
        .filter((application) => application.TxnID === invoice.id)
        .reduce((sum, application) => sum + toCents(application.PaymentAmount) + toCents(application.DiscountAmount), 0);
      return {
        TxnID: payment.id,
        TxnType: "ReceivePayment",
        TxnDate: payment.fields.TxnDate,
        RefNumber: payment.fields.RefNumber,
        LinkType: "AMTTYPE",
        Amount: formatCents(-amount),
      } as Aggregate;
    });
  }
  return view;
}

/** What bills received against the order (LinkToTxn) billed of each line is no longer unbilled. */
function purchaseOrderView(books: Books, order: SimRecord, options: RetOptions): Aggregate {
  const { total, fullyReceived } = purchaseOrderTotals(order);
  const lines = (order.fields.PurchaseOrderLineRet ?? []) as Aggregate[];
  const { bills, billed } = orderBilling(books, order);
  return {
    VendorAddressBlock: addressBlock(order.fields.VendorAddress),
    ShipAddressBlock: addressBlock(order.fields.ShipAddress),
    TotalAmount: formatCents(total),
    IsFullyReceived: fullyReceived ? "true" : "false",
    LinkedTxn: options.includeLinkedTxns
      ? bills.map((bill) => linkedTxn(bill, "Bill", formatCents(billTotals(books, bill).total)))
      : undefined,
    PurchaseOrderLineRet: options.includeLineItems
      ? lines.map((line) => {
          const billedQuantity = billed.get(line.TxnLineID as string) ?? 0;
          const unbilled = Math.max(Number(line.ReceivedQuantity ?? 0) - billedQuantity, 0);
          return { ...line, UnbilledQuantity: String(unbilled), IsBilled: billedQuantity >= Number(line.Quantity ?? 0) ? "true" : "false" };
        })
      : undefined,
  };
}

/** A LinkedTxn naming another transaction; a bill and its order are linked by quantity (QUANTYPE). */
function linkedTxn(record: SimRecord, txnType: string, amount: string): Aggregate {
  return {
    TxnID: record.id,
    TxnType: txnType,
    TxnDate: record.fields.TxnDate,
    RefNumber: record.fields.RefNumber,
    LinkType: "QUANTYPE",
    Amount: amount,
  } as Aggregate;
}

function paymentView(books: Books, payment: SimRecord): Aggregate {
  const applications = applicationsOf(payment);
  const applied = applications.reduce((sum, application) => sum + toCents(application.PaymentAmount), 0);
  return {
    UnusedPayment: formatCents(toCents(payment.fields.TotalAmount as string) - applied),
    UnusedCredits: "0.00",
    AppliedToTxnRet: applications.map((application) => {
      const invoice = books.store.get(application.TxnID);
      return {
        TxnID: application.TxnID,
        TxnType: "Invoice",
        TxnDate: invoice?.fields.TxnDate,
        RefNumber: invoice?.fields.RefNumber,
        BalanceRemaining: invoice ? formatCents(invoiceTotals(books, invoice).balance) : undefined,
        Amount: application.PaymentAmount ?? "0.00",
        DiscountAmount: application.DiscountAmount,
        DiscountAccountRef: application.DiscountAccountRef,
      } as Aggregate;
    }),
  };
}

function billPaymentView(books: Books, check: SimRecord): Aggregate {
  const applications = applicationsOf(check);
  return {
    Amount: formatCents(applications.reduce((sum, application) => sum + toCents(application.PaymentAmount), 0)),
    IsToBePrinted: check.fields.RefNumber === undefined ? "true" : "false",
    AppliedToTxnRet: applications.map((application) => {
      const bill = books.store.get(application.TxnID);
      return {
        TxnID: application.TxnID,
        TxnType: "Bill",
        TxnDate: bill?.fields.TxnDate,
        RefNumber: bill?.fields.RefNumber,
        BalanceRemaining: bill ? formatCents(billTotals(books, bill).open) : undefined,
        Amount: application.PaymentAmount ?? "0.00",
      } as Aggregate;
    }),
  };
}

/** The address as QuickBooks prints it: the lines, then "City, State PostalCode", then the country. */
function addressBlock(address: unknown): Aggregate | undefined {
  if (typeof address !== "object" || address === null) return undefined;
  const a = address as Record<string, string | undefined>;
  const cityLine = [[a.City, a.State].filter(Boolean).join(", "), a.PostalCode].filter(Boolean).join(" ");
  const lines = [a.Addr1, a.Addr2, a.Addr3, a.Addr4, a.Addr5, cityLine, a.Country].filter((line): line is string => !!line);
  if (lines.length === 0) return undefined;
  return Object.fromEntries(lines.slice(0, 5).map((line, index) => [`Addr${index + 1}`, line.slice(0, 41)]));
}
