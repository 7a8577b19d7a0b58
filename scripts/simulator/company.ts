import { createBooks, DEFAULT_COMPANY_INFO, type Books, type CompanyInfo } from "./books";
import type { Aggregate, ListKind } from "./fields";
import { HANDLERS, type Outcome } from "./handlers";
import { addListRecord, changeListRecord, deleteListRecord, setCustomField } from "./lists";
import { readMessageSet } from "./requests";
import { responseDocument, writeRs } from "./responses";
import { seedCompany, type SeedCounts } from "./seed";
import { addStarterLists } from "./starter-lists";
import { parseFault, statusMessages, StatusError } from "./status";
import { isTxnKind, type DeletedEntry, type RecordKind, type SimRecord, type StoreSnapshot } from "./store";
import { formatCents, toCents } from "./money";
import {
  addBill,
  addBillPayment,
  addInvoice,
  addPayment,
  BALANCE_ADJUSTMENT,
  addPurchaseOrder,
  deleteTransaction,
  indexTransaction,
  modBill,
  modBillPayment,
  modInvoice,
  modPayment,
  modPurchaseOrder,
  receivePurchaseOrder,
} from "./transactions";
import { retView } from "./views";

export type { CompanyOptions, RecordView, CompanyStats, CompanySnapshot };
export { SimulatedCompany };

interface CompanyOptions extends Partial<CompanyInfo> {
  /** QuickBooks' clock: TimeCreated, TimeModified, EditSequence and today's date. The system clock by default. */
  readonly now?: () => Date;
  /** Start with the lists every company has (accounts, terms, payment methods, tax codes, classes, two employees). */
  readonly starterLists?: boolean;
}

/** A record as a *Ret shows it (element name → value, balances and full names worked out), plus its kind and ID. */
type RecordView = Aggregate & { readonly kind: RecordKind; readonly id: string };

interface CompanyStats {
  readonly counts: Readonly<Record<RecordKind, number>>;
  readonly deleted: number;
  /** Requests handled, by type ("CustomerQuery": 3). */
  readonly requests: Readonly<Record<string, number>>;
  /** Responses by statusCode ("0": 12, "3100": 1). */
  readonly statusCodes: Readonly<Record<string, number>>;
}

interface CompanySnapshot {
  readonly format: "ledgerbridge-quickbooks-simulator/1";
  readonly info: CompanyInfo;
  readonly store: StoreSnapshot;
  readonly lastInvoiceNumber: number;
}

const KINDS: readonly RecordKind[] = [
  "Customer",
  "Vendor",
  "Employee",
  "ItemService",
  "ItemNonInventory",
  "ItemSalesTax",
  "ItemSalesTaxGroup",
  "PaymentMethod",
  "StandardTerms",
  "SalesTaxCode",
  "Account",
  "Class",
  "Invoice",
  "ReceivePayment",
  "PurchaseOrder",
];

/**
 * A QuickBooks Desktop company file in memory. `handle` plays QuickBooks' request processor: one qbXML
 * request document in, one response document out. The other methods are what a person does in QuickBooks
 * meanwhile (add, change, delete, keep a record open), and what a test wants to look at.
 */
class SimulatedCompany {
  readonly #books: Books;
  /** Seeding back-dates records by setting QuickBooks' clock; otherwise the clock of the options. */
  #clockOverride: number | undefined;

  constructor(options: CompanyOptions = {}) {
    const { now = () => new Date(), starterLists = true, ...info } = options;
    this.#books = createBooks({ ...DEFAULT_COMPANY_INFO, ...info }, () =>
      this.#clockOverride === undefined ? now() : new Date(this.#clockOverride),
    );
    if (starterLists) addStarterLists(this.#books);
  }

  /** A deterministic company: the same counts and seed give the same records, names and amounts. */
  static seed(counts: SeedCounts, options: CompanyOptions & { readonly seed?: number } = {}): SimulatedCompany {
    const company = new SimulatedCompany({ ...options, starterLists: false });
    seedCompany(company.#books, counts, {
      seed: options.seed ?? 1,
      starterLists: options.starterLists ?? true,
      at: (time, work) => company.#withClock(time, work),
    });
    return company;
  }

  static fromJSON(snapshot: CompanySnapshot, options: Pick<CompanyOptions, "now"> = {}): SimulatedCompany {
    if (snapshot.format !== "ledgerbridge-quickbooks-simulator/1") throw new Error("This is not a saved simulator company.");
    const company = new SimulatedCompany({ ...snapshot.info, now: options.now, starterLists: false });
    const books = company.#books;
    books.store.restore(snapshot.store, (record) => (isTxnKind(record.kind) ? undefined : books.fullNameOf(record)));
    for (const kind of ["Invoice", "ReceivePayment"] as const) for (const txn of books.store.all(kind)) indexTransaction(books, txn);
    books.ledger.lastInvoiceNumber = snapshot.lastInvoiceNumber;
    return company;
  }

  toJSON(): CompanySnapshot {
    return {
      format: "ledgerbridge-quickbooks-simulator/1",
      info: this.#books.info,
      store: this.#books.store.snapshot(),
      lastInvoiceNumber: this.#books.ledger.lastInvoiceNumber,
    };
  }

  get info(): CompanyInfo {
    return this.#books.info;
  }

  /**
   * QuickBooks' request processor. The whole document is parsed first: a document QuickBooks could not
   * parse throws a QuickBooksFault (its `hresult` is what QBWC passes on) and nothing is applied. Then the
   * requests run in order; with stopOnError (and rollbackOnError, which is not honoured) the first error
   * ends the message set, with continueOnError every request runs.
   */
  handle(requestXml: string): string {
    const books = this.#books;
    const set = readMessageSet(requestXml, books.info.qbxmlVersion);
    const prepared = set.requests.map((request) => {
      const handler = HANDLERS[request.type];
      if (handler && request.iterator !== undefined && !handler.iterates) {
        throw parseFault(`${request.element} does not take an iterator in qbXML 13.0.`);
      }
      return { request, handler, query: handler?.read(request) };
    });
    const responses: string[] = [];
    for (const { request, handler, query } of prepared) {
      const outcome = this.#run(() => {
        const metaData = request.node.attributes.metaData;
        if (metaData !== undefined && metaData !== "NoMetaData")
          throw new StatusError(3250, statusMessages.notModeled(`metaData="${metaData}"`));
        if (!handler) throw new StatusError(3250, statusMessages.notModeled(request.element));
        return handler.run(books, query!, request);
      });
      books.stats.requests.set(request.type, (books.stats.requests.get(request.type) ?? 0) + 1);
      books.stats.statuses.set(outcome.status.code, (books.stats.statuses.get(outcome.status.code) ?? 0) + 1);
      responses.push(writeRs(request.type, request.requestId, outcome, set.includeNone));
      if (outcome.status.severity === "Error" && set.onError !== "continueOnError") break;
    }
    return responseDocument(responses);
  }

  #run(work: () => Outcome): Outcome {
    try {
      return work();
    } catch (error) {
      if (error instanceof StatusError) return { status: error.status };
      throw error;
    }
  }

  /** The Web Connector session ended: QuickBooks forgets its iterators (a later Continue is 3391). */
  endSession(): void {
    this.#books.endSession();
  }

  // Changes made in QuickBooks by a person. They keep QuickBooks' rules (3100, 3140, 3070 as a StatusError)
  // but need no EditSequence, and each gives the record a new EditSequence and TimeModified.

  add(kind: ListKind, fields: Aggregate): RecordView {
    return this.#view(addListRecord(this.#books, kind, fields));
  }

  /** Changes as in a *Mod (an invoice's lines under "InvoiceLineRet" with TxnLineIDs, "-1" for a new one). */
  update(kind: RecordKind, nameOrId: string, changes: Aggregate): RecordView {
    const record = this.#require(kind, nameOrId);
    const current = { TxnID: record.id, EditSequence: String(record.editSequence) };
    if (kind === "Invoice") return this.#view(modInvoice(this.#books, { ...changes, ...current }));
    if (kind === "ReceivePayment") return this.#view(modPayment(this.#books, { ...changes, ...current }));
    if (kind === "Bill") return this.#view(modBill(this.#books, { ...changes, ...current }));
    if (kind === "BillPaymentCheck") return this.#view(modBillPayment(this.#books, { ...changes, ...current }));
    if (kind === "PurchaseOrder") return this.#view(modPurchaseOrder(this.#books, { ...changes, ...current }));
    return this.#view(changeListRecord(this.#books, record, changes));
  }

  /** Fills in a public custom field (DataExt, OwnerID 0) of a customer, vendor or item; "" clears it. */
  setCustomField(kind: ListKind, nameOrId: string, name: string, value: string): RecordView {
    return this.#view(setCustomField(this.#books, this.#require(kind, nameOrId), name, value));
  }

  delete(kind: RecordKind, nameOrId: string): void {
    const record = this.#require(kind, nameOrId);
    if (isTxnKind(kind)) deleteTransaction(this.#books, record);
    else deleteListRecord(this.#books, record);
  }

  addCustomer(fields: Aggregate): RecordView {
    return this.add("Customer", fields);
  }

  updateCustomer(nameOrId: string, changes: Aggregate): RecordView {
    return this.update("Customer", nameOrId, changes);
  }

  deleteCustomer(nameOrId: string): void {
    this.delete("Customer", nameOrId);
  }

  addVendor(fields: Aggregate): RecordView {
    return this.add("Vendor", fields);
  }

  updateVendor(nameOrId: string, changes: Aggregate): RecordView {
    return this.update("Vendor", nameOrId, changes);
  }

  deleteVendor(nameOrId: string): void {
    this.delete("Vendor", nameOrId);
  }

  /** Employees are only in the simulator to hold names in the shared name pool. */
  addEmployee(name: string, fields: Aggregate = {}): RecordView {
    return this.add("Employee", { Name: name, ...fields });
  }

  /** An invoice entered in QuickBooks: fields as in InvoiceAdd, lines under "InvoiceLineRet". */
  addInvoice(fields: Aggregate): RecordView {
    return this.#view(addInvoice(this.#books, fields));
  }

  /** A payment received in QuickBooks: fields as in ReceivePaymentAdd, applications under "AppliedToTxnRet". */
  receivePayment(fields: Aggregate): RecordView {
    return this.#view(addPayment(this.#books, fields));
  }

  /**
   * A transaction entered in QuickBooks that the simulator does not model and Ledgerbridge does not sync: a credit
   * memo (negative cents) or a charge on a customer, a vendor credit or an item receipt on a vendor. The balance moves; as in
   * QuickBooks, the customer's or vendor's TimeModified and EditSequence do not.
   */
  adjustBalance(kind: "Customer" | "Vendor", nameOrId: string, cents: number): RecordView {
    const record = this.#require(kind, nameOrId);
    record.fields[BALANCE_ADJUSTMENT] = formatCents(toCents(record.fields[BALANCE_ADJUSTMENT] as string | undefined) + cents);
    return this.#view(record);
  }

  /** A purchase order entered in QuickBooks: fields as in PurchaseOrderAdd, lines under "PurchaseOrderLineRet". */
  addPurchaseOrder(fields: Aggregate): RecordView {
    return this.#view(addPurchaseOrder(this.#books, fields));
  }

  /**
   * Receive Items against a purchase order in QuickBooks: every line in full, or these quantities by line position.
   * The order says IsFullyReceived once every line is.
   */
  receivePurchaseOrder(nameOrId: string, quantities?: readonly number[]): RecordView {
    return this.#view(receivePurchaseOrder(this.#books, this.#require("PurchaseOrder", nameOrId), quantities));
  }

  /** A bill entered in QuickBooks: fields as in BillAdd, lines under "ExpenseLineRet" and "ItemLineRet". */
  enterBill(fields: Aggregate): RecordView {
    return this.#view(addBill(this.#books, fields));
  }

  /** A check written in QuickBooks to pay bills: fields as in BillPaymentCheckAdd, bills under "AppliedToTxnRet". */
  payBills(fields: Aggregate): RecordView {
    return this.#view(addBillPayment(this.#books, fields));
  }

  /** The next `count` Adds or Mods fail with 3180, as when another user holds the list. */
  failNextWrites(count = 1): void {
    this.#books.inUse.nextWrites = count;
  }

  /** Mods of this record fail with 3180 until it is released, as when someone has it open in QuickBooks. */
  holdRecord(kind: RecordKind, nameOrId: string): void {
    this.#books.inUse.records.add(this.#require(kind, nameOrId).id);
  }

  releaseRecord(kind: RecordKind, nameOrId: string): void {
    this.#books.inUse.records.delete(this.#require(kind, nameOrId).id);
  }

  /** A record by ListID/TxnID, full name (lists) or RefNumber (transactions); inactive ones included. */
  find(kind: RecordKind, nameOrId: string): RecordView | undefined {
    const record = this.#lookup(kind, nameOrId);
    return record && this.#view(record);
  }

  /** Every record of a kind, inactive ones included, in insertion order. */
  list(kind: RecordKind): RecordView[] {
    return [...this.#books.store.all(kind)].map((record) => this.#view(record));
  }

  count(kind: RecordKind): number {
    return this.#books.store.count(kind);
  }

  /** ListDeletedQuery / TxnDeletedQuery's source: every deletion, oldest first. */
  deleted(): readonly DeletedEntry[] {
    return [...this.#books.store.deleted];
  }

  stats(): CompanyStats {
    const { stats, store } = this.#books;
    return {
      counts: Object.fromEntries(KINDS.map((kind) => [kind, store.count(kind)])) as Record<RecordKind, number>,
      deleted: store.deleted.length,
      requests: Object.fromEntries(stats.requests),
      statusCodes: Object.fromEntries([...stats.statuses].map(([code, count]) => [String(code), count])),
    };
  }

  #lookup(kind: RecordKind, nameOrId: string): SimRecord | undefined {
    const books = this.#books;
    const byId = books.store.get(nameOrId);
    if (byId?.kind === kind) return byId;
    if (!isTxnKind(kind)) return books.store.byName([kind], nameOrId);
    return [...books.store.all(kind)].find((record) => record.fields.RefNumber === nameOrId);
  }

  #require(kind: RecordKind, nameOrId: string): SimRecord {
    const record = this.#lookup(kind, nameOrId);
    if (!record) throw new StatusError(3120, statusMessages.notFound(nameOrId));
    return record;
  }

  #view(record: SimRecord): RecordView {
    // A person sees the public custom fields (OwnerID 0) on the record.
    const view = retView(this.#books, record, { includeLineItems: true, includeLinkedTxns: true, ownerIds: ["0"] });
    return { ...view, kind: record.kind, id: record.id };
  }

  #withClock<T>(at: number, work: () => T): T {
    const previous = this.#clockOverride;
    this.#clockOverride = at;
    try {
      return work();
    } finally {
      this.#clockOverride = previous;
    }
  }
}
