import { randomUUID } from "node:crypto";
import type { Aggregate, ListKind } from "./fields";
import { statusMessages, StatusError } from "./status";
import { isTxnKind, Store, type RecordKind, type SimRecord } from "./store";
import type { RetOptions } from "./views";

export type { CompanyInfo, IteratorState, Books };
export { createBooks, LIST_WORDS, HIERARCHICAL, DEFAULT_COMPANY_INFO };

/** What HostQuery and CompanyQuery report, and what the Web Connector passes as the company file. */
interface CompanyInfo {
  readonly companyName: string;
  readonly legalCompanyName: string;
  readonly companyFile: string;
  readonly productName: string;
  /** QuickBooks' own major version (34 is QuickBooks 2024). */
  readonly productMajorVersion: string;
  readonly country: "US" | "CA" | "UK";
  /** The newest qbXML version the request processor speaks; HostRet lists every version up to it. */
  readonly qbxmlVersion: { readonly major: number; readonly minor: number };
  /** Hours from UTC of the QuickBooks PC, as TimeModified shows it (no daylight saving). */
  readonly utcOffsetMinutes: number;
  /** Data extensions on the company (e.g. an app's FileID stamp), returned to CompanyQuery with that OwnerID. */
  readonly dataExtensions: readonly { readonly ownerId: string; readonly name: string; readonly value: string }[];
}

const DEFAULT_COMPANY_INFO: CompanyInfo = {
  companyName: "Harbor Light Wholesale",
  legalCompanyName: "Harbor Light Wholesale Inc.",
  companyFile: "C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Harbor Light Wholesale.QBW",
  productName: "QuickBooks Pro 2024",
  productMajorVersion: "34",
  country: "US",
  qbxmlVersion: { major: 16, minor: 0 },
  utcOffsetMinutes: -300,
  dataExtensions: [],
};

/** The list words QuickBooks uses in status messages ("invalid reference to QuickBooks Item ..."). */
const LIST_WORDS: Record<RecordKind, string> = {
  Customer: "Customer:Job",
  Vendor: "Vendor",
  Employee: "Employee",
  ItemService: "Item",
  ItemNonInventory: "Item",
  ItemSalesTax: "Item",
  ItemSalesTaxGroup: "Item",
  PaymentMethod: "Payment Method",
  StandardTerms: "Terms",
  SalesTaxCode: "Sales Tax Code",
  Account: "Account",
  Class: "Class",
  Invoice: "Invoice",
  ReceivePayment: "ReceivePayment",
  PurchaseOrder: "PurchaseOrder",
  Bill: "Bill",
  BillPaymentCheck: "BillPaymentCheck",
};

/** Lists whose elements can sit under a parent, so their FullName is "Parent:Child". */
const HIERARCHICAL = new Set<RecordKind>(["Customer", "ItemService", "ItemNonInventory", "Account", "Class"]);

interface IteratorState {
  readonly id: string;
  readonly session: number;
  readonly requestType: string;
  /** IDs of the records the query matched when the iterator started, in the order they are returned. */
  readonly ids: readonly string[];
  position: number;
  readonly maxReturned: number | undefined;
  /** How the records are written (IncludeLineItems and the like), fixed at Start. */
  readonly options: RetOptions;
}

type Books = ReturnType<typeof createBooks>;

/**
 * The company's state and the helpers every request handler shares: the clock, full names, references,
 * the iterators of the current session, and the "in use" switches tests flip.
 */
function createBooks(info: CompanyInfo, now: () => Date) {
  const store = new Store();
  const iterators = new Map<string, IteratorState>();
  const inUse = { nextWrites: 0, records: new Set<string>() };
  const stats = { requests: new Map<string, number>(), statuses: new Map<number, number>() };
  /** Indexes over transactions, kept by transactions.ts and rebuilt when a saved company is loaded. */
  const ledger = {
    paymentsByInvoice: new Map<string, Set<string>>(),
    txnsByCustomer: new Map<string, Set<string>>(),
    /** QuickBooks numbers invoices on from the highest number used. */
    lastInvoiceNumber: 1000,
  };
  let session = 1;

  /** QuickBooks keeps times to the second. */
  function nowMs(): number {
    return Math.floor(now().getTime() / 1000) * 1000;
  }

  function fullNameOf(record: SimRecord): string | undefined {
    const name = record.fields.Name;
    if (typeof name !== "string") return undefined;
    const parent = parentOf(record);
    if (!parent) return name;
    const parentName = fullNameOf(parent);
    return parentName === undefined ? name : `${parentName}:${name}`;
  }

  function parentOf(record: SimRecord): SimRecord | undefined {
    if (!HIERARCHICAL.has(record.kind)) return undefined;
    const parentRef = record.fields.ParentRef as Aggregate | undefined;
    const parentId = parentRef?.ListID;
    return typeof parentId === "string" ? store.get(parentId) : undefined;
  }

  function sublevelOf(record: SimRecord): number {
    let level = 0;
    for (let parent = parentOf(record); parent; parent = parentOf(parent)) level++;
    return level;
  }

  /** Children of any kind in the record's name pool: a service can hold non-inventory sub-items. */
  function childrenOf(record: SimRecord): readonly SimRecord[] {
    if (!HIERARCHICAL.has(record.kind)) return [];
    const index = store.view(record.kind, "children", () => {
      const children = new Map<string, SimRecord[]>();
      for (const candidate of store.allInPool(record.kind as ListKind)) {
        const parent = parentOf(candidate);
        if (parent) children.set(parent.id, [...(children.get(parent.id) ?? []), candidate]);
      }
      return children;
    });
    return index.get(record.id) ?? [];
  }

  function descendantsOf(record: SimRecord): SimRecord[] {
    return childrenOf(record).flatMap((child) => [child, ...descendantsOf(child)]);
  }

  /** The current FullName of a list element; refs show renames made after they were set. */
  function fullNameById(listId: string): string | undefined {
    const record = store.get(listId);
    return record && !isTxnKind(record.kind) ? fullNameOf(record) : undefined;
  }

  /** A ref's record among `lists`: by ListID when given, else by FullName, ignoring case. */
  function findRef(lists: readonly ListKind[], value: Aggregate): SimRecord | undefined {
    const listId = value.ListID;
    if (typeof listId === "string" && listId !== "") {
      const record = store.get(listId);
      return record && (lists as readonly RecordKind[]).includes(record.kind) ? record : undefined;
    }
    const fullName = value.FullName;
    return typeof fullName === "string" ? store.byName(lists, fullName) : undefined;
  }

  /** Resolves a ref to {ListID, FullName} or fails with 3140, worded for the record it appears on. */
  function resolveRef(lists: readonly ListKind[], value: Aggregate, where: string): Aggregate {
    const record = findRef(lists, value);
    if (!record) {
      const shown = (value.FullName as string | undefined) ?? (value.ListID as string | undefined) ?? "";
      throw new StatusError(3140, statusMessages.invalidReference(LIST_WORDS[lists[0]!], shown, where));
    }
    return { ListID: record.id, FullName: fullNameOf(record) };
  }

  /** The record a *Mod names: 3120 when there is none of that kind, 3200 when the EditSequence is stale. */
  function recordToModify(kind: RecordKind, input: Aggregate): SimRecord {
    const id = (input.ListID ?? input.TxnID) as string;
    const record = store.get(id);
    if (!record || record.kind !== kind) throw new StatusError(3120, statusMessages.notFound(id));
    const editSequence = input.EditSequence as string;
    if (editSequence !== String(record.editSequence)) throw new StatusError(3200, statusMessages.staleEditSequence(editSequence));
    return record;
  }

  /** The next EditSequence: the time in seconds, always moving forward. */
  function touch(record: SimRecord): void {
    const at = nowMs();
    record.modified = Math.max(at, record.modified);
    record.editSequence = Math.max(Math.floor(at / 1000), record.editSequence + 1);
  }

  /** 3180 when a test has said the next write, or this record, is held by another user. */
  function checkNotInUse(record: SimRecord | undefined, kind: RecordKind, name: string): void {
    const held = record !== undefined && inUse.records.has(record.id);
    if (!held && inUse.nextWrites <= 0) return;
    if (!held) inUse.nextWrites--;
    const message = isTxnKind(kind)
      ? statusMessages.txnInUse(kind, record?.id ?? "new")
      : statusMessages.inUse(`${LIST_WORDS[kind].split(":")[0]}s`, name);
    throw new StatusError(3180, message);
  }

  function newIteratorId(): string {
    return `{${randomUUID()}}`;
  }

  function endSession(): void {
    iterators.clear();
    session++;
  }

  return {
    info,
    store,
    iterators,
    inUse,
    stats,
    ledger,
    get session() {
      return session;
    },
    nowMs,
    fullNameOf,
    fullNameById,
    parentOf,
    childrenOf,
    sublevelOf,
    descendantsOf,
    findRef,
    resolveRef,
    recordToModify,
    touch,
    checkNotInUse,
    newIteratorId,
    endSession,
  };
}
