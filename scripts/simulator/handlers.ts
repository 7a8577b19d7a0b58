import type { Books } from "./books";
import { readAggregate, type Aggregate, type FieldSpec, type ListKind } from "./fields";
import { writeCompanyRet, writeHostRet, writePreferencesRet } from "./host";
import { LAYOUTS, ITEM_KINDS } from "./layouts";
import { addListRecord, modListRecord } from "./lists";
import { includeSet, runDeletedQuery, runListQuery, runTxnQuery, type QueryResult } from "./queries";
import {
  COMPANY_QUERY,
  DELETED_QUERY,
  HOST_QUERY,
  LIST_EXTRAS,
  LIST_FILTER_NAMES,
  listQuery,
  PREFERENCES_QUERY,
  TXN_FILTER_NAMES,
  txnQuery,
} from "./query-layouts";
import type { IncomingRequest } from "./requests";
import { OK, parseFault, type Status } from "./status";
import type { SimRecord, TxnKind } from "./store";
import {
  addBill,
  addBillPayment,
  addInvoice,
  addPayment,
  addPurchaseOrder,
  modBill,
  modBillPayment,
  modInvoice,
  modPayment,
  modPurchaseOrder,
} from "./transactions";
import { writeDeleted, writeRet } from "./views";
import type { XmlWriter } from "./xml";

export type { Handler, Outcome };
export { HANDLERS };

/** What a request produced: its status, its *Ret elements, and where an iterator stands. */
interface Outcome {
  readonly status: Status;
  readonly write?: (writer: XmlWriter) => void;
  readonly iterator?: { readonly id: string; readonly remaining: number };
}

/**
 * One request type. `read` runs for every request of the message set before any of them runs, and
 * throws a QuickBooksFault for what the parser refuses; `run` throws a StatusError for what QuickBooks refuses.
 */
interface Handler {
  /** Whether the type takes iterator/iteratorID attributes in qbXML 13.0. */
  readonly iterates: boolean;
  read(request: IncomingRequest): Aggregate;
  run(books: Books, query: Aggregate, request: IncomingRequest): Outcome;
}

function listQueryHandler(kinds: readonly ListKind[], specs: readonly FieldSpec[], iterates: boolean): Handler {
  return {
    iterates,
    read: (request) => readQuery(request, specs, new Set(["ListID", "FullName"])),
    run: (books, query, request) => queryOutcome(books, runListQuery(books, kinds, query, request, request.type)),
  };
}

function txnQueryHandler(kind: TxnKind): Handler {
  const specs = txnQuery({
    paidStatus: kind === "Invoice" || kind === "Bill",
    linkedTxns: kind === "Invoice" || kind === "Bill" || kind === "PurchaseOrder",
  });
  return {
    iterates: true,
    read: (request) => readQuery(request, specs, new Set(["TxnID", "RefNumber", "RefNumberCaseSensitive"])),
    run: (books, query, request) => queryOutcome(books, runTxnQuery(books, kind, query, request, request.type)),
  };
}

/** A query selects by IDs or names, or by filters, never both (an xsd:choice). */
function readQuery(request: IncomingRequest, specs: readonly FieldSpec[], selectors: ReadonlySet<string>): Aggregate {
  const query = readAggregate(request.node, specs, "query", request.element);
  const selector = Object.keys(query).find((name) => selectors.has(name));
  const filter = Object.keys(query).find((name) => LIST_FILTER_NAMES.has(name) || TXN_FILTER_NAMES.has(name) || isExtraFilter(name));
  if (selector && filter) throw parseFault(`${request.element}: <${filter}> cannot be combined with <${selector}>.`);
  if (request.iterator === "Continue" && !request.iteratorId)
    throw parseFault(`${request.element}: iterator="Continue" needs an iteratorID.`);
  return query;
}

const EXTRA_FILTERS = new Set(Object.values(LIST_EXTRAS).flatMap((fields) => fields.map((spec) => spec.name)));
function isExtraFilter(name: string): boolean {
  return EXTRA_FILTERS.has(name);
}

function queryOutcome(books: Books, result: QueryResult): Outcome {
  return {
    status: result.status,
    iterator: result.iterator,
    write: (writer) => result.records.forEach((record) => writeRet(writer, books, record, result.options)),
  };
}

/** *AddRq / *ModRq: the aggregate, then IncludeRetElement. */
function writeHandler(
  aggregate: string,
  specs: readonly FieldSpec[],
  mode: "add" | "mod",
  apply: (books: Books, input: Aggregate) => SimRecord,
): Handler {
  return {
    iterates: false,
    read: (request) => {
      const [first, ...rest] = request.node.children;
      if (first?.name !== aggregate) throw parseFault(`${request.element}: the required element <${aggregate}> must come first.`);
      const stray = rest.find((child) => child.name !== "IncludeRetElement");
      if (stray) throw parseFault(`${request.element}: <${stray.name}> is not allowed here.`);
      return { input: readAggregate(first, specs, mode, aggregate), IncludeRetElement: readIncludes(request) };
    },
    run: (books, payload) => {
      const record = apply(books, payload.input as Aggregate);
      const include = includeSet(payload);
      return {
        status: OK,
        write: (writer) => writeRet(writer, books, record, { include, includeLineItems: true, includeLinkedTxns: true }),
      };
    },
  };
}

function readIncludes(request: IncomingRequest): string[] | undefined {
  const names = request.node.children.filter((child) => child.name === "IncludeRetElement").map((child) => child.text);
  return names.length ? names : undefined;
}

function deletedQueryHandler(specs: readonly FieldSpec[], typeElement: string): Handler {
  return {
    iterates: false,
    read: (request) => readAggregate(request.node, specs, "query", request.element),
    run: (books, query) => {
      const { status, entries } = runDeletedQuery(books, query[typeElement] as string[], query);
      const include = includeSet(query);
      return { status, write: (writer) => entries.forEach((entry) => writeDeleted(writer, books, entry, include)) };
    },
  };
}

function sessionHandler(specs: readonly FieldSpec[], write: (writer: XmlWriter, books: Books, query: Aggregate) => void): Handler {
  return {
    iterates: false,
    read: (request) => readAggregate(request.node, specs, "query", request.element),
    run: (books, query) => ({ status: OK, write: (writer) => write(writer, books, query) }),
  };
}

const listAdd = (kind: ListKind) => (books: Books, input: Aggregate) => addListRecord(books, kind, input);
const listMod = (kind: ListKind) => (books: Books, input: Aggregate) => modListRecord(books, kind, input);
const OWNED = { ownerId: true };
const UNOWNED = { ownerId: false };

/** Every request type the simulator answers, by the name of its response (CustomerQuery → CustomerQueryRs). */
const HANDLERS: Readonly<Record<string, Handler>> = {
  HostQuery: sessionHandler(HOST_QUERY, (writer, books, query) => writeHostRet(writer, books, includeSet(query))),
  CompanyQuery: sessionHandler(COMPANY_QUERY, (writer, books, query) =>
    writeCompanyRet(writer, books, includeSet(query), (query.OwnerID as string[] | undefined) ?? []),
  ),
  PreferencesQuery: sessionHandler(PREFERENCES_QUERY, (writer, books, query) => writePreferencesRet(writer, books, includeSet(query))),

  CustomerQuery: listQueryHandler(["Customer"], listQuery(LIST_EXTRAS.entity, OWNED), true),
  VendorQuery: listQueryHandler(["Vendor"], listQuery(LIST_EXTRAS.entity, OWNED), true),
  EmployeeQuery: listQueryHandler(["Employee"], listQuery([], OWNED), false),
  ItemQuery: listQueryHandler(ITEM_KINDS, listQuery([], OWNED), true),
  ItemServiceQuery: listQueryHandler(["ItemService"], listQuery(LIST_EXTRAS.classFilter, OWNED), true),
  ItemNonInventoryQuery: listQueryHandler(["ItemNonInventory"], listQuery(LIST_EXTRAS.classFilter, OWNED), true),
  ItemSalesTaxQuery: listQueryHandler(["ItemSalesTax"], listQuery(LIST_EXTRAS.classFilter, OWNED), true),
  ItemSalesTaxGroupQuery: listQueryHandler(["ItemSalesTaxGroup"], listQuery([], OWNED), true),
  AccountQuery: listQueryHandler(["Account"], listQuery(LIST_EXTRAS.account, OWNED), false),
  ClassQuery: listQueryHandler(["Class"], listQuery([], UNOWNED), false),
  PaymentMethodQuery: listQueryHandler(["PaymentMethod"], listQuery(LIST_EXTRAS.paymentMethod, UNOWNED), false),
  StandardTermsQuery: listQueryHandler(["StandardTerms"], listQuery([], UNOWNED), false),
  SalesTaxCodeQuery: listQueryHandler(["SalesTaxCode"], listQuery([], UNOWNED), false),
  InvoiceQuery: txnQueryHandler("Invoice"),
  ReceivePaymentQuery: txnQueryHandler("ReceivePayment"),
  PurchaseOrderQuery: txnQueryHandler("PurchaseOrder"),
  BillQuery: txnQueryHandler("Bill"),
  BillPaymentCheckQuery: txnQueryHandler("BillPaymentCheck"),
  ListDeletedQuery: deletedQueryHandler(DELETED_QUERY.list, "ListDelType"),
  TxnDeletedQuery: deletedQueryHandler(DELETED_QUERY.txn, "TxnDelType"),

  CustomerAdd: writeHandler("CustomerAdd", LAYOUTS.Customer, "add", listAdd("Customer")),
  CustomerMod: writeHandler("CustomerMod", LAYOUTS.Customer, "mod", listMod("Customer")),
  VendorAdd: writeHandler("VendorAdd", LAYOUTS.Vendor, "add", listAdd("Vendor")),
  VendorMod: writeHandler("VendorMod", LAYOUTS.Vendor, "mod", listMod("Vendor")),
  ItemServiceAdd: writeHandler("ItemServiceAdd", LAYOUTS.ItemService, "add", listAdd("ItemService")),
  ItemServiceMod: writeHandler("ItemServiceMod", LAYOUTS.ItemService, "mod", listMod("ItemService")),
  ItemNonInventoryAdd: writeHandler("ItemNonInventoryAdd", LAYOUTS.ItemNonInventory, "add", listAdd("ItemNonInventory")),
  ItemNonInventoryMod: writeHandler("ItemNonInventoryMod", LAYOUTS.ItemNonInventory, "mod", listMod("ItemNonInventory")),
  PaymentMethodAdd: writeHandler("PaymentMethodAdd", LAYOUTS.PaymentMethod, "add", listAdd("PaymentMethod")),
  StandardTermsAdd: writeHandler("StandardTermsAdd", LAYOUTS.StandardTerms, "add", listAdd("StandardTerms")),
  SalesTaxCodeAdd: writeHandler("SalesTaxCodeAdd", LAYOUTS.SalesTaxCode, "add", listAdd("SalesTaxCode")),
  SalesTaxCodeMod: writeHandler("SalesTaxCodeMod", LAYOUTS.SalesTaxCode, "mod", listMod("SalesTaxCode")),
  ItemSalesTaxAdd: writeHandler("ItemSalesTaxAdd", LAYOUTS.ItemSalesTax, "add", listAdd("ItemSalesTax")),
  ItemSalesTaxMod: writeHandler("ItemSalesTaxMod", LAYOUTS.ItemSalesTax, "mod", listMod("ItemSalesTax")),
  ItemSalesTaxGroupAdd: writeHandler("ItemSalesTaxGroupAdd", LAYOUTS.ItemSalesTaxGroup, "add", listAdd("ItemSalesTaxGroup")),
  ItemSalesTaxGroupMod: writeHandler("ItemSalesTaxGroupMod", LAYOUTS.ItemSalesTaxGroup, "mod", listMod("ItemSalesTaxGroup")),
  InvoiceAdd: writeHandler("InvoiceAdd", LAYOUTS.Invoice, "add", addInvoice),
  InvoiceMod: writeHandler("InvoiceMod", LAYOUTS.Invoice, "mod", modInvoice),
  ReceivePaymentAdd: writeHandler("ReceivePaymentAdd", LAYOUTS.ReceivePayment, "add", addPayment),
  ReceivePaymentMod: writeHandler("ReceivePaymentMod", LAYOUTS.ReceivePayment, "mod", modPayment),
  PurchaseOrderAdd: writeHandler("PurchaseOrderAdd", LAYOUTS.PurchaseOrder, "add", addPurchaseOrder),
  PurchaseOrderMod: writeHandler("PurchaseOrderMod", LAYOUTS.PurchaseOrder, "mod", modPurchaseOrder),
  BillAdd: writeHandler("BillAdd", LAYOUTS.Bill, "add", addBill),
  BillMod: writeHandler("BillMod", LAYOUTS.Bill, "mod", modBill),
  BillPaymentCheckAdd: writeHandler("BillPaymentCheckAdd", LAYOUTS.BillPaymentCheck, "add", addBillPayment),
  BillPaymentCheckMod: writeHandler("BillPaymentCheckMod", LAYOUTS.BillPaymentCheck, "mod", modBillPayment),
};
