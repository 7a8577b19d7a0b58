import { createRequest } from "./build-document";
import { QbxmlFieldError } from "./errors";
import { checkNonEmptyList } from "./fields";
import { MAX_LENGTH } from "./limits";
import type { IteratorOptions, MatchCriterion, QbDate, QbDateTime, QbxmlRequest } from "./types";
import {
  aggregate,
  writeBool,
  writeDate,
  writeDateTime,
  writeEnum,
  writeGuids,
  writeIds,
  writeInteger,
  writeText,
  writeTexts,
  type Scope,
} from "./xml-write";

export type { TxnFilterInput, TxnQueryInput, InvoiceQueryInput, ReceivePaymentQueryInput, PurchaseOrderQueryInput, BillQueryInput };
export { invoiceQueryRq, receivePaymentQueryRq, purchaseOrderQueryRq, billQueryRq, billPaymentCheckQueryRq };

/**
 * TxnFilter. The schema makes ModifiedDateRangeFilter/TxnDateRangeFilter a choice, and
 * RefNumberFilter/RefNumberRangeFilter another; the types allow one of each pair.
 */
type TxnFilterInput = {
  readonly maxReturned?: number;
  /** Customer (or other name) on the transaction, e.g. to find an invoice by customer and date. */
  readonly entity?:
    | { readonly listIds: readonly string[]; readonly fullNames?: undefined }
    | { readonly fullNames: readonly string[]; readonly listIds?: undefined };
} & (
  | { readonly modifiedDateRange?: { readonly from?: QbDateTime; readonly to?: QbDateTime }; readonly txnDateRange?: undefined }
  | { readonly txnDateRange?: { readonly from?: QbDate; readonly to?: QbDate }; readonly modifiedDateRange?: undefined }
) &
  (
    | {
        readonly refNumberFilter?: { readonly matchCriterion: MatchCriterion; readonly refNumber: string };
        readonly refNumberRange?: undefined;
      }
    | { readonly refNumberRange?: { readonly from?: string; readonly to?: string }; readonly refNumberFilter?: undefined }
  );

type FilterKeys = "maxReturned" | "entity" | "modifiedDateRange" | "txnDateRange" | "refNumberFilter" | "refNumberRange" | "paidStatus";
type NoFilter = { readonly [K in FilterKeys]?: undefined };

/** A transaction query selects by TxnIDs, by RefNumbers, or by filters. */
type TxnQueryInput<F extends TxnFilterInput = TxnFilterInput> = (
  | ({ readonly txnIds: readonly string[]; readonly refNumbers?: undefined } & NoFilter)
  | ({ readonly refNumbers: readonly string[]; readonly txnIds?: undefined } & NoFilter)
  | (F & { readonly txnIds?: undefined; readonly refNumbers?: undefined })
) & {
  readonly includeLineItems?: boolean;
  readonly includeRetElements?: readonly string[];
  /** "0" returns public custom fields (DataExtRet). */
  readonly ownerIds?: readonly string[];
};

type InvoiceFilterInput = TxnFilterInput & { readonly paidStatus?: "All" | "PaidOnly" | "NotPaidOnly" };
type InvoiceQueryInput = TxnQueryInput<InvoiceFilterInput> & {
  readonly includeLinkedTxns?: boolean;
};

type ReceivePaymentQueryInput = TxnQueryInput;

type PurchaseOrderQueryInput = TxnQueryInput & {
  readonly includeLinkedTxns?: boolean;
};
type BillQueryInput = InvoiceQueryInput;

const ITERATOR = { iterator: true } as const;

function invoiceQueryRq(query: InvoiceQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return paidStatusQueryRq("InvoiceQueryRq", query, options);
}

/** BillQuery has InvoiceQuery's shape: a PaidStatus filter and IncludeLinkedTxns. */
function billQueryRq(query: BillQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return paidStatusQueryRq("BillQueryRq", query, options);
}

function paidStatusQueryRq(type: string, query: InvoiceQueryInput, options?: IteratorOptions): QbxmlRequest {
  return createRequest(
    type,
    options,
    (rq) => {
      writeTxnSelection<InvoiceFilterInput>(rq, query, (filter) => writeEnum(rq, "PaidStatus", filter.paidStatus));
      writeBool(rq, "IncludeLineItems", query.includeLineItems);
      writeBool(rq, "IncludeLinkedTxns", query.includeLinkedTxns);
      writeTexts(rq, "IncludeRetElement", query.includeRetElements, MAX_LENGTH.includeRetElement);
      writeGuids(rq, "OwnerID", query.ownerIds);
    },
    ITERATOR,
  );
}

function receivePaymentQueryRq(query: ReceivePaymentQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return plainTxnQueryRq("ReceivePaymentQueryRq", query, options);
}

/** BillPaymentCheckQuery has ReceivePaymentQuery's shape (the schema's TxnQuery group). */
function billPaymentCheckQueryRq(query: TxnQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return plainTxnQueryRq("BillPaymentCheckQueryRq", query, options);
}

function plainTxnQueryRq(type: string, query: TxnQueryInput, options?: IteratorOptions): QbxmlRequest {
  return createRequest(
    type,
    options,
    (rq) => {
      writeTxnSelection(rq, query);
      writeBool(rq, "IncludeLineItems", query.includeLineItems);
      writeTexts(rq, "IncludeRetElement", query.includeRetElements, MAX_LENGTH.includeRetElement);
      writeGuids(rq, "OwnerID", query.ownerIds);
    },
    ITERATOR,
  );
}

function purchaseOrderQueryRq(query: PurchaseOrderQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return createRequest(
    "PurchaseOrderQueryRq",
    options,
    (rq) => {
      writeTxnSelection(rq, query);
      writeBool(rq, "IncludeLineItems", query.includeLineItems);
      writeBool(rq, "IncludeLinkedTxns", query.includeLinkedTxns);
      writeTexts(rq, "IncludeRetElement", query.includeRetElements, MAX_LENGTH.includeRetElement);
      writeGuids(rq, "OwnerID", query.ownerIds);
    },
    ITERATOR,
  );
}

function writeTxnSelection<F extends TxnFilterInput = TxnFilterInput>(
  rq: Scope,
  query: TxnQueryInput<NoInfer<F>>,
  writeExtraFilters?: (filter: F) => void,
): void {
  if (query.txnIds !== undefined) {
    writeIds(rq, "TxnID", query.txnIds);
  } else if (query.refNumbers !== undefined) {
    writeTexts(rq, "RefNumber", checkNonEmptyList(`${rq.path}.RefNumber`, query.refNumbers));
  } else {
    const filter: F = query;
    writeTxnFilter(rq, filter);
    writeExtraFilters?.(filter);
  }
}

function writeTxnFilter(rq: Scope, filter: TxnFilterInput): void {
  writeInteger(rq, "MaxReturned", filter.maxReturned, 1);
  refuseBoth(rq, filter.modifiedDateRange, filter.txnDateRange, "ModifiedDateRangeFilter", "TxnDateRangeFilter");
  if (filter.modifiedDateRange !== undefined) {
    const range = aggregate(rq, "ModifiedDateRangeFilter");
    writeDateTime(range, "FromModifiedDate", filter.modifiedDateRange.from);
    writeDateTime(range, "ToModifiedDate", filter.modifiedDateRange.to);
  }
  if (filter.txnDateRange !== undefined) {
    const range = aggregate(rq, "TxnDateRangeFilter");
    writeDate(range, "FromTxnDate", filter.txnDateRange.from);
    writeDate(range, "ToTxnDate", filter.txnDateRange.to);
  }
  writeEntityFilter(rq, filter.entity);
  refuseBoth(rq, filter.refNumberFilter, filter.refNumberRange, "RefNumberFilter", "RefNumberRangeFilter");
  if (filter.refNumberFilter !== undefined) {
    const refFilter = aggregate(rq, "RefNumberFilter");
    writeEnum(refFilter, "MatchCriterion", filter.refNumberFilter.matchCriterion);
    writeText(refFilter, "RefNumber", filter.refNumberFilter.refNumber);
  }
  if (filter.refNumberRange !== undefined) {
    const range = aggregate(rq, "RefNumberRangeFilter");
    writeText(range, "FromRefNumber", filter.refNumberRange.from);
    writeText(range, "ToRefNumber", filter.refNumberRange.to);
  }
}

function writeEntityFilter(rq: Scope, entity: TxnFilterInput["entity"]): void {
  if (entity === undefined) return;
  const filter = aggregate(rq, "EntityFilter");
  if (entity.listIds !== undefined) writeIds(filter, "ListID", entity.listIds);
  else writeTexts(filter, "FullName", checkNonEmptyList(`${filter.path}.FullName`, entity.fullNames));
}

function refuseBoth(rq: Scope, first: unknown, second: unknown, firstName: string, secondName: string): void {
  if (first !== undefined && second !== undefined) {
    throw new QbxmlFieldError(`${rq.path}.${secondName}`, `cannot be combined with ${firstName}; QuickBooks accepts one of them.`);
  }
}
