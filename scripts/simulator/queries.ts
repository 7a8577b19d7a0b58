import type { Books, IteratorState } from "./books";
import { NOT_MODELED, type Aggregate, type ListKind, type Value } from "./fields";
import { OK, statusMessages, StatusError, type Status } from "./status";
import { nameKey, type DeletedEntry, type RecordKind, type SimRecord, type TxnKind } from "./store";
import { parseDateTime } from "./time";
import { toCents } from "./money";
import { billTotals, invoiceTotals, listBalance } from "./transactions";
import type { RetOptions } from "./views";

export type { QueryResult, IteratorRequest };
export { runListQuery, runTxnQuery, runDeletedQuery, refuseUnmodeled, includeSet };

/** How the request asked for an iterator (the attributes of the *QueryRq). */
interface IteratorRequest {
  readonly iterator?: "Start" | "Continue" | "Stop";
  readonly iteratorId?: string;
}

interface QueryResult {
  readonly status: Status;
  readonly records: readonly SimRecord[];
  readonly options: RetOptions;
  readonly iterator?: { readonly id: string; readonly remaining: number };
}

/** A filter the simulator does not model is refused (3250) rather than ignored, which would return too much. */
function refuseUnmodeled(query: Aggregate, path = ""): void {
  for (const [name, value] of Object.entries(query)) {
    if (value === NOT_MODELED) throw new StatusError(3250, statusMessages.notModeled(`${path}${name}`));
    if (value && typeof value === "object" && !Array.isArray(value)) refuseUnmodeled(value, `${path}${name}.`);
  }
}

function includeSet(query: Aggregate): ReadonlySet<string> | undefined {
  const names = query.IncludeRetElement as string[] | undefined;
  return names ? new Set(names) : undefined;
}

/** Customer, Vendor, Item… queries: by ListID, by FullName, or by ListFilter (ActiveOnly unless told). */
function runListQuery(
  books: Books,
  kinds: readonly ListKind[],
  query: Aggregate,
  iteration: IteratorRequest,
  requestType: string,
): QueryResult {
  const options: RetOptions = { include: includeSet(query), ownerIds: query.OwnerID as string[] | undefined };
  const continued = continueIterator(books, iteration, requestType, query, options);
  if (continued) return continued;
  refuseUnmodeled(query);
  const listIds = query.ListID as string[] | undefined;
  const fullNames = query.FullName as string[] | undefined;
  if (listIds || fullNames) {
    const found: SimRecord[] = [];
    const missing: string[] = [];
    for (const key of listIds ?? fullNames!) {
      const record = listIds ? listRecord(books, kinds, key) : books.store.byName(kinds, key);
      if (record) found.push(record);
      else missing.push(key);
    }
    return selected(found, missing, options);
  }
  const matches = orderedList(books, kinds).filter(listFilter(books, query));
  return page(books, matches, query, iteration, requestType, options);
}

function listRecord(books: Books, kinds: readonly ListKind[], listId: string): SimRecord | undefined {
  const record = books.store.get(listId);
  return record && (kinds as readonly RecordKind[]).includes(record.kind) ? record : undefined;
}

/** Lists come back alphabetically by full name, as QuickBooks lists them. */
function orderedList(books: Books, kinds: readonly ListKind[]): SimRecord[] {
  const byName = (record: SimRecord) => nameKey(books.fullNameOf(record) ?? "");
  const lists = kinds.map((kind) => books.store.ordered(kind, byName));
  if (lists.length === 1) return lists[0]!;
  return lists.flat().sort((a, b) => (byName(a) < byName(b) ? -1 : byName(a) > byName(b) ? 1 : 0));
}

function listFilter(books: Books, query: Aggregate): (record: SimRecord) => boolean {
  // The schema's default for ActiveStatus is ActiveOnly: a query that does not say "All" hides inactive records.
  const active = (query.ActiveStatus as string | undefined) ?? "ActiveOnly";
  const modified = modifiedRange(books, query.FromModifiedDate, query.ToModifiedDate);
  const nameFilter = query.NameFilter as Aggregate | undefined;
  const nameRange = query.NameRangeFilter as Aggregate | undefined;
  const accountTypes = query.AccountType as string[] | undefined;
  const methodTypes = query.PaymentMethodType as string[] | undefined;
  const balanceFilter = query.TotalBalanceFilter as Aggregate | undefined;
  return (record) => {
    const isActive = record.fields.IsActive !== "false";
    if ((active === "ActiveOnly" && !isActive) || (active === "InactiveOnly" && isActive)) return false;
    if (!modified(record.modified)) return false;
    const fullName = nameKey(books.fullNameOf(record) ?? "");
    if (nameFilter && !matches(fullName, nameFilter.MatchCriterion as string, nameKey(nameFilter.Name as string))) return false;
    if (nameRange?.FromName !== undefined && fullName < nameKey(nameRange.FromName as string)) return false;
    if (nameRange?.ToName !== undefined && fullName > nameKey(nameRange.ToName as string)) return false;
    if (accountTypes && !accountTypes.includes(record.fields.AccountType as string)) return false;
    if (methodTypes && !methodTypes.includes(record.fields.PaymentMethodType as string)) return false;
    if (balanceFilter && !balanceMatches(books, record, balanceFilter)) return false;
    return true;
  };
}

/** TotalBalanceFilter compares a customer's TotalBalance (its jobs included) and a vendor's Balance. */
function balanceMatches(books: Books, record: SimRecord, filter: Aggregate): boolean {
  const balances = listBalance(books, record);
  const balance = balances.totalBalance ?? balances.balance;
  const amount = toCents(filter.Amount as string);
  switch (filter.Operator) {
    case "LessThan":
      return balance < amount;
    case "LessThanEqual":
      return balance <= amount;
    case "Equal":
      return balance === amount;
    case "GreaterThan":
      return balance > amount;
    default:
      return balance >= amount;
  }
}

/** InvoiceQuery, ReceivePaymentQuery, PurchaseOrderQuery, BillQuery and BillPaymentCheckQuery: by TxnID, by RefNumber, or by TxnFilter. */
function runTxnQuery(books: Books, kind: TxnKind, query: Aggregate, iteration: IteratorRequest, requestType: string): QueryResult {
  const options: RetOptions = {
    include: includeSet(query),
    includeLineItems: query.IncludeLineItems === "true",
    includeLinkedTxns: query.IncludeLinkedTxns === "true",
    ownerIds: query.OwnerID as string[] | undefined,
  };
  const continued = continueIterator(books, iteration, requestType, query, options);
  if (continued) return continued;
  refuseUnmodeled(query);
  const txnIds = query.TxnID as string[] | undefined;
  const refNumbers = (query.RefNumber ?? query.RefNumberCaseSensitive) as string[] | undefined;
  const all = books.store.ordered(kind, (record) => record.txnNumber ?? 0);
  if (txnIds) {
    const found = txnIds.flatMap((id) => (books.store.get(id)?.kind === kind ? [books.store.get(id)!] : []));
    return selected(
      found,
      txnIds.filter((id) => books.store.get(id)?.kind !== kind),
      options,
    );
  }
  if (refNumbers) {
    const caseSensitive = query.RefNumberCaseSensitive !== undefined;
    const same = (a: string, b: string) => (caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase());
    const found = all.filter((record) => refNumbers.some((ref) => same(String(record.fields.RefNumber ?? ""), ref)));
    const missing = refNumbers.filter((ref) => !found.some((record) => same(String(record.fields.RefNumber ?? ""), ref)));
    return selected(found, missing, options);
  }
  return page(books, all.filter(txnFilter(books, kind, query)), query, iteration, requestType, options);
}

function txnFilter(books: Books, kind: TxnKind, query: Aggregate): (record: SimRecord) => boolean {
  const modifiedFilter = query.ModifiedDateRangeFilter as Aggregate | undefined;
  const modified = modifiedRange(books, modifiedFilter?.FromModifiedDate, modifiedFilter?.ToModifiedDate);
  const dates = query.TxnDateRangeFilter as Aggregate | undefined;
  const entities = entityIds(books, query.EntityFilter as Aggregate | undefined);
  const refFilter = query.RefNumberFilter as Aggregate | undefined;
  const refRange = query.RefNumberRangeFilter as Aggregate | undefined;
  const paid = query.PaidStatus as string | undefined;
  return (record) => {
    if (!modified(record.modified)) return false;
    const txnDate = String(record.fields.TxnDate ?? "");
    if (dates?.FromTxnDate !== undefined && txnDate < (dates.FromTxnDate as string)) return false;
    if (dates?.ToTxnDate !== undefined && txnDate > (dates.ToTxnDate as string)) return false;
    const entity = (record.fields.CustomerRef ?? record.fields.VendorRef ?? record.fields.PayeeEntityRef) as Aggregate | undefined;
    if (entities && !entities.has((entity?.ListID as string) ?? "")) return false;
    const refNumber = String(record.fields.RefNumber ?? "");
    if (refFilter && !matches(refNumber.toLowerCase(), refFilter.MatchCriterion as string, String(refFilter.RefNumber).toLowerCase())) {
      return false;
    }
    if (refRange?.FromRefNumber !== undefined && compareRefNumbers(refNumber, refRange.FromRefNumber as string) < 0) return false;
    if (refRange?.ToRefNumber !== undefined && compareRefNumbers(refNumber, refRange.ToRefNumber as string) > 0) return false;
    if ((kind === "Invoice" || kind === "Bill") && paid && paid !== "All") {
      const isPaid = kind === "Bill" ? billTotals(books, record).open <= 0 : invoiceTotals(books, record).balance <= 0;
      if ((paid === "PaidOnly") !== isPaid) return false;
    }
    return true;
  };
}

/** EntityFilter: the customers named, with their jobs for the *WithChildren forms. */
function entityIds(books: Books, filter: Aggregate | undefined): Set<string> | undefined {
  if (!filter) return undefined;
  const ids = new Set<string>();
  const add = (record: SimRecord | undefined, withChildren: boolean) => {
    if (!record) return;
    ids.add(record.id);
    if (withChildren) for (const child of books.descendantsOf(record)) ids.add(child.id);
  };
  const entityKinds: ListKind[] = ["Customer", "Vendor", "Employee"];
  for (const id of (filter.ListID as string[] | undefined) ?? []) add(books.store.get(id), false);
  for (const name of (filter.FullName as string[] | undefined) ?? []) add(books.store.byName(entityKinds, name), false);
  if (filter.ListIDWithChildren) add(books.store.get(filter.ListIDWithChildren as string), true);
  if (filter.FullNameWithChildren) add(books.store.byName(entityKinds, filter.FullNameWithChildren as string), true);
  return ids;
}

/** ListDeletedQuery / TxnDeletedQuery: what was deleted, of the types asked for, oldest deletion first. */
function runDeletedQuery(books: Books, types: readonly string[], query: Aggregate): { status: Status; entries: DeletedEntry[] } {
  refuseUnmodeled(query);
  const range = query.DeletedDateRangeFilter as Aggregate | undefined;
  const deleted = modifiedRange(books, range?.FromDeletedDate, range?.ToDeletedDate);
  const entries = books.store.deleted.filter((entry) => types.includes(entry.kind) && deleted(entry.deleted));
  return { status: entries.length ? OK : noMatch(), entries };
}

function selected(found: SimRecord[], missing: string[], options: RetOptions): QueryResult {
  if (missing.length > 0) {
    return { status: { code: 500, severity: "Warn", message: statusMessages.partlyFound(missing[0]!) }, records: found, options };
  }
  return { status: found.length ? OK : noMatch(), records: found, options };
}

/** MaxReturned, or the first page of a new iterator (iterator="Start"). */
function page(
  books: Books,
  matches: SimRecord[],
  query: Aggregate,
  iteration: IteratorRequest,
  requestType: string,
  options: RetOptions,
): QueryResult {
  const maxReturned = query.MaxReturned === undefined ? undefined : Number(query.MaxReturned);
  if (iteration.iterator !== "Start") {
    const records = maxReturned === undefined ? matches : matches.slice(0, maxReturned);
    return { status: records.length ? OK : noMatch(), records, options };
  }
  const state: IteratorState = {
    id: books.newIteratorId(),
    session: books.session,
    requestType,
    ids: matches.map((record) => record.id),
    position: 0,
    maxReturned,
    options,
  };
  books.iterators.set(state.id, state);
  return nextPage(books, state, maxReturned, options);
}

/**
 * iterator="Continue" (or "Stop") with an iteratorID. The iterator lives in QuickBooks' session: once the
 * Web Connector session that started it has ended, or the iterator has been read to the end, it is 3391.
 */
function continueIterator(
  books: Books,
  iteration: IteratorRequest,
  requestType: string,
  query: Aggregate,
  options: RetOptions,
): QueryResult | undefined {
  if (iteration.iterator !== "Continue" && iteration.iterator !== "Stop") return undefined;
  const id = iteration.iteratorId ?? "";
  const state = books.iterators.get(id);
  if (!state || state.session !== books.session || state.requestType !== requestType) {
    throw new StatusError(3391, statusMessages.badIterator(id));
  }
  if (iteration.iterator === "Stop") {
    books.iterators.delete(id);
    return { status: OK, records: [], options, iterator: { id, remaining: 0 } };
  }
  const maxReturned = query.MaxReturned === undefined ? state.maxReturned : Number(query.MaxReturned);
  return nextPage(books, state, maxReturned, { ...state.options, include: options.include ?? state.options.include });
}

function nextPage(books: Books, state: IteratorState, maxReturned: number | undefined, options: RetOptions): QueryResult {
  const end = maxReturned === undefined ? state.ids.length : Math.min(state.ids.length, state.position + maxReturned);
  // Records deleted since the iterator started are skipped; changed ones come back as they are now.
  const records = state.ids.slice(state.position, end).flatMap((id) => books.store.get(id) ?? []);
  state.position = end;
  const remaining = state.ids.length - end;
  if (remaining === 0) books.iterators.delete(state.id);
  return { status: records.length ? OK : noMatch(), records, options, iterator: { id: state.id, remaining } };
}

function modifiedRange(books: Books, from: Value | undefined, to: Value | undefined): (ms: number) => boolean {
  const offset = books.info.utcOffsetMinutes;
  const fromMs = typeof from === "string" ? parseDateTime(from, offset) : null;
  const toMs = typeof to === "string" ? parseDateTime(to, offset, true) : null;
  return (ms) => (fromMs === null || ms >= fromMs) && (toMs === null || ms <= toMs);
}

function matches(value: string, criterion: string, wanted: string): boolean {
  if (criterion === "StartsWith") return value.startsWith(wanted);
  if (criterion === "EndsWith") return value.endsWith(wanted);
  return value.includes(wanted);
}

/** Numeric reference numbers compare as numbers, others as text. */
function compareRefNumbers(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a.localeCompare(b);
}

function noMatch(): Status {
  return { code: 1, severity: "Info", message: statusMessages.noMatch() };
}
