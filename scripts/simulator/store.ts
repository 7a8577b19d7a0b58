import type { Aggregate, ListKind } from "./fields";

export type { RecordKind, TxnKind, SimRecord, DeletedEntry, StoreSnapshot };
export { Store, TXN_KINDS, isTxnKind, poolOf, nameKey };

const TXN_KINDS = ["Invoice", "ReceivePayment", "PurchaseOrder", "Bill", "BillPaymentCheck"] as const;
type TxnKind = (typeof TXN_KINDS)[number];
type RecordKind = ListKind | TxnKind;

/** A list element or transaction as QuickBooks keeps it. */
interface SimRecord {
  readonly kind: RecordKind;
  /** ListID or TxnID. */
  readonly id: string;
  readonly created: number;
  modified: number;
  /** QuickBooks' EditSequence is a number in text; it changes on every change to the record. */
  editSequence: number;
  /** Transactions only: QuickBooks' running TxnNumber. */
  txnNumber?: number;
  /** Element name → value, as in the *Ret (refs as {ListID, FullName}); computed elements are not stored. */
  fields: Aggregate;
}

interface DeletedEntry {
  readonly kind: RecordKind;
  readonly id: string;
  readonly created: number;
  readonly deleted: number;
  /** FullName of a list element, RefNumber of a transaction. */
  readonly name: string | undefined;
}

interface StoreSnapshot {
  readonly records: SimRecord[];
  readonly deleted: DeletedEntry[];
  readonly counters: { list: number; txn: number; txnNumber: number };
}

function isTxnKind(kind: RecordKind): kind is TxnKind {
  return (TXN_KINDS as readonly string[]).includes(kind);
}

/**
 * Customers (with their jobs), vendors and employees share one name list in QuickBooks; items share
 * another; every other list has its own. Names are unique per pool, ignoring case, by full name.
 */
function poolOf(kind: ListKind): string {
  if (kind === "Customer" || kind === "Vendor" || kind === "Employee") return "names";
  if (kind === "ItemService" || kind === "ItemNonInventory" || kind === "ItemSalesTax" || kind === "ItemSalesTaxGroup") return "items";
  return kind;
}

function nameKey(fullName: string): string {
  return fullName.toLowerCase();
}

/** The records, their indexes and the ID counters. It knows no qbXML; company.ts and its helpers do. */
class Store {
  private readonly byId = new Map<string, SimRecord>();
  private readonly byKind = new Map<RecordKind, Map<string, SimRecord>>();
  private readonly pools = new Map<string, Map<string, SimRecord>>();
  /** Derived views of a kind (its order, its parent → children map), dropped whenever the kind changes. */
  private readonly views = new Map<RecordKind, Map<string, unknown>>();
  readonly deleted: DeletedEntry[] = [];
  private counters = { list: 0x80000001, txn: 0x100, txnNumber: 1 };

  get(id: string): SimRecord | undefined {
    return this.byId.get(id);
  }

  all(kind: RecordKind): IterableIterator<SimRecord> {
    return (this.byKind.get(kind) ?? new Map<string, SimRecord>()).values();
  }

  /** The records of every kind sharing the name pool of `kind` (services and non-inventory parts). */
  *allInPool(kind: ListKind): IterableIterator<SimRecord> {
    for (const other of this.byKind.keys()) if (!isTxnKind(other) && poolOf(other) === poolOf(kind)) yield* this.all(other);
  }

  count(kind: RecordKind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** The record of a list holding `fullName` (any case), when it is of one of `kinds`. */
  byName(kinds: readonly ListKind[], fullName: string): SimRecord | undefined {
    for (const pool of new Set(kinds.map(poolOf))) {
      const record = this.pools.get(pool)?.get(nameKey(fullName));
      if (record && (kinds as readonly RecordKind[]).includes(record.kind)) return record;
    }
    return undefined;
  }

  /** Who holds `fullName` in the pool of `kind`, whatever their kind (a vendor blocks a customer's name). */
  nameHolder(kind: ListKind, fullName: string): SimRecord | undefined {
    return this.pools.get(poolOf(kind))?.get(nameKey(fullName));
  }

  insert(record: SimRecord, fullName?: string): void {
    this.byId.set(record.id, record);
    let kindMap = this.byKind.get(record.kind);
    if (!kindMap) this.byKind.set(record.kind, (kindMap = new Map()));
    kindMap.set(record.id, record);
    if (fullName !== undefined) this.claimName(record, fullName);
    this.dropViews(record.kind);
  }

  remove(record: SimRecord, deletedAt: number, name: string | undefined, fullName?: string): void {
    this.byId.delete(record.id);
    this.byKind.get(record.kind)?.delete(record.id);
    if (fullName !== undefined) this.releaseName(record, fullName);
    this.dropViews(record.kind);
    this.deleted.push({ kind: record.kind, id: record.id, created: record.created, deleted: deletedAt, name });
  }

  claimName(record: SimRecord, fullName: string): void {
    const pool = poolOf(record.kind as ListKind);
    let names = this.pools.get(pool);
    if (!names) this.pools.set(pool, (names = new Map()));
    names.set(nameKey(fullName), record);
    this.dropViews(record.kind);
  }

  releaseName(record: SimRecord, fullName: string): void {
    const names = this.pools.get(poolOf(record.kind as ListKind));
    if (names?.get(nameKey(fullName)) === record) names.delete(nameKey(fullName));
    this.dropViews(record.kind);
  }

  /** Views span a name pool (a parent's children may be of another kind), so a change drops those of the whole pool. */
  private dropViews(kind: RecordKind): void {
    if (isTxnKind(kind)) {
      this.views.delete(kind);
      return;
    }
    for (const other of [...this.views.keys()])
      if (other === kind || (!isTxnKind(other) && poolOf(other) === poolOf(kind))) this.views.delete(other);
  }

  /** A view of a kind built once and kept until a record of that kind is added, removed or renamed. */
  view<T>(kind: RecordKind, name: string, build: () => T): T {
    let views = this.views.get(kind);
    if (!views) this.views.set(kind, (views = new Map()));
    if (!views.has(name)) views.set(name, build());
    return views.get(name) as T;
  }

  /** Records of a kind in the order QuickBooks returns them. */
  ordered(kind: RecordKind, sortKey: (record: SimRecord) => string | number): SimRecord[] {
    return this.view(kind, "ordered", () => {
      const keyed = [...this.all(kind)].map((record) => ({ record, key: sortKey(record) }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return keyed.map((entry) => entry.record);
    });
  }

  /** "80000001-1700000000": a counter in hex, then the creation time in seconds, as QuickBooks' IDs look. */
  nextListId(createdMs: number): string {
    return `${(this.counters.list++).toString(16).toUpperCase()}-${Math.floor(createdMs / 1000)}`;
  }

  /** TxnIDs and TxnLineIDs come from another counter ("1A7-1710500000"). */
  nextTxnId(createdMs: number): string {
    return `${(this.counters.txn++).toString(16).toUpperCase()}-${Math.floor(createdMs / 1000)}`;
  }

  nextTxnNumber(): number {
    return this.counters.txnNumber++;
  }

  snapshot(): StoreSnapshot {
    return { records: [...this.byId.values()], deleted: [...this.deleted], counters: { ...this.counters } };
  }

  restore(snapshot: StoreSnapshot, fullNameOf: (record: SimRecord) => string | undefined): void {
    this.counters = { ...snapshot.counters };
    this.deleted.push(...snapshot.deleted);
    // Every record first: a job's full name needs its customer.
    for (const record of snapshot.records) this.insert(record);
    for (const record of snapshot.records) {
      const fullName = fullNameOf(record);
      if (fullName !== undefined) this.claimName(record, fullName);
    }
  }
}
