import { createRequest } from "./build-document";
import { checkNonEmptyList } from "./fields";
import { MAX_LENGTH } from "./limits";
import type {
  AccountType,
  ActiveStatus,
  Cents,
  IteratorOptions,
  MatchCriterion,
  PaymentMethodType,
  QbDateTime,
  QbxmlRequest,
  RequestOptions,
} from "./types";
import {
  aggregate,
  writeAmount,
  writeDateTime,
  writeEnum,
  writeEnums,
  writeGuids,
  writeIds,
  writeInteger,
  writeText,
  writeTexts,
  type Scope,
} from "./xml-write";

export type {
  ListFilterInput,
  ListQueryInput,
  OwnedListQueryInput,
  EntityQueryInput,
  TotalBalanceFilterInput,
  AccountQueryInput,
  PaymentMethodQueryInput,
};
export {
  customerQueryRq,
  vendorQueryRq,
  itemQueryRq,
  itemServiceQueryRq,
  itemNonInventoryQueryRq,
  itemSalesTaxQueryRq,
  itemSalesTaxGroupQueryRq,
  accountQueryRq,
  paymentMethodQueryRq,
  standardTermsQueryRq,
  salesTaxCodeQueryRq,
  classQueryRq,
};

/** ListFilter: the filter used when no ListIDs or FullNames are given. */
interface ListFilterInput {
  readonly maxReturned?: number;
  /** Defaults to "All": the schema default, ActiveOnly, would hide inactive records from a sync. */
  readonly activeStatus?: ActiveStatus;
  readonly fromModifiedDate?: QbDateTime;
  readonly toModifiedDate?: QbDateTime;
  readonly nameFilter?: { readonly matchCriterion: MatchCriterion; readonly name: string };
}

type Unset<T> = { readonly [K in keyof T]?: undefined };

/** A list query selects by ListIDs, by FullNames, or by filters: the schema makes them a choice. */
type ListQueryInput<F extends ListFilterInput = ListFilterInput> = (
  | ({ readonly listIds: readonly string[]; readonly fullNames?: undefined } & Unset<F>)
  | ({ readonly fullNames: readonly string[]; readonly listIds?: undefined } & Unset<F>)
  | (F & { readonly listIds?: undefined; readonly fullNames?: undefined })
) & { readonly includeRetElements?: readonly string[] };

/** For the list queries whose schema ends in OwnerID: "0" returns public custom fields (DataExtRet). */
type OwnedListQueryInput<F extends ListFilterInput = ListFilterInput> = ListQueryInput<F> & {
  readonly ownerIds?: readonly string[];
};

/** TotalBalanceFilter: the schema offers no "not equal", so "not zero" takes two queries. */
interface TotalBalanceFilterInput {
  readonly operator: "LessThan" | "LessThanEqual" | "Equal" | "GreaterThan" | "GreaterThanEqual";
  readonly amount: Cents;
}

type EntityFilterInput = ListFilterInput & { readonly totalBalanceFilter?: TotalBalanceFilterInput };
/** Customer and vendor queries: a ListFilter may add TotalBalanceFilter (customers: TotalBalance, with jobs). */
type EntityQueryInput = OwnedListQueryInput<EntityFilterInput>;

type AccountFilterInput = ListFilterInput & { readonly accountTypes?: readonly AccountType[] };
type PaymentMethodFilterInput = ListFilterInput & { readonly paymentMethodTypes?: readonly PaymentMethodType[] };
type AccountQueryInput = OwnedListQueryInput<AccountFilterInput>;
type PaymentMethodQueryInput = ListQueryInput<PaymentMethodFilterInput>;

const ITERATOR = { iterator: true } as const;

function customerQueryRq(query: EntityQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return createRequest("CustomerQueryRq", options, (rq) => writeEntityQuery(rq, query), ITERATOR);
}

function vendorQueryRq(query: EntityQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return createRequest("VendorQueryRq", options, (rq) => writeEntityQuery(rq, query), ITERATOR);
}

function writeEntityQuery(rq: Scope, query: EntityQueryInput): void {
  writeListQuery<EntityFilterInput>(rq, query, query.ownerIds, (filter) => {
    if (filter.totalBalanceFilter === undefined) return;
    const balance = aggregate(rq, "TotalBalanceFilter");
    writeEnum(balance, "Operator", filter.totalBalanceFilter.operator);
    writeAmount(balance, "Amount", filter.totalBalanceFilter.amount);
  });
}

/** ItemQuery returns every item type (ItemServiceRet, ItemNonInventoryRet, ItemInventoryRet, ...). */
function itemQueryRq(query: OwnedListQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return createRequest("ItemQueryRq", options, (rq) => writeListQuery(rq, query, query.ownerIds), ITERATOR);
}

function itemServiceQueryRq(query: OwnedListQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return createRequest("ItemServiceQueryRq", options, (rq) => writeListQuery(rq, query, query.ownerIds), ITERATOR);
}

function itemNonInventoryQueryRq(query: OwnedListQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return createRequest("ItemNonInventoryQueryRq", options, (rq) => writeListQuery(rq, query, query.ownerIds), ITERATOR);
}

function itemSalesTaxQueryRq(query: OwnedListQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return createRequest("ItemSalesTaxQueryRq", options, (rq) => writeListQuery(rq, query, query.ownerIds), ITERATOR);
}

function itemSalesTaxGroupQueryRq(query: OwnedListQueryInput = {}, options?: IteratorOptions): QbxmlRequest {
  return createRequest("ItemSalesTaxGroupQueryRq", options, (rq) => writeListQuery(rq, query, query.ownerIds), ITERATOR);
}

function accountQueryRq(query: AccountQueryInput = {}, options?: RequestOptions): QbxmlRequest {
  return createRequest("AccountQueryRq", options, (rq) =>
    writeListQuery<AccountFilterInput>(rq, query, query.ownerIds, (filter) => writeEnums(rq, "AccountType", filter.accountTypes)),
  );
}

function paymentMethodQueryRq(query: PaymentMethodQueryInput = {}, options?: RequestOptions): QbxmlRequest {
  return createRequest("PaymentMethodQueryRq", options, (rq) =>
    writeListQuery<PaymentMethodFilterInput>(rq, query, undefined, (filter) =>
      writeEnums(rq, "PaymentMethodType", filter.paymentMethodTypes),
    ),
  );
}

function standardTermsQueryRq(query: ListQueryInput = {}, options?: RequestOptions): QbxmlRequest {
  return createRequest("StandardTermsQueryRq", options, (rq) => writeListQuery(rq, query));
}

function salesTaxCodeQueryRq(query: ListQueryInput = {}, options?: RequestOptions): QbxmlRequest {
  return createRequest("SalesTaxCodeQueryRq", options, (rq) => writeListQuery(rq, query));
}

function classQueryRq(query: ListQueryInput = {}, options?: RequestOptions): QbxmlRequest {
  return createRequest("ClassQueryRq", options, (rq) => writeListQuery(rq, query));
}

function writeListQuery<F extends ListFilterInput = ListFilterInput>(
  rq: Scope,
  query: ListQueryInput<NoInfer<F>>,
  ownerIds?: readonly string[],
  writeExtraFilters?: (filter: F) => void,
): void {
  if (query.listIds !== undefined) {
    writeIds(rq, "ListID", query.listIds);
  } else if (query.fullNames !== undefined) {
    writeTexts(rq, "FullName", checkNonEmptyList(`${rq.path}.FullName`, query.fullNames));
  } else {
    const filter: F = query;
    writeListFilter(rq, filter);
    writeExtraFilters?.(filter);
  }
  writeTexts(rq, "IncludeRetElement", query.includeRetElements, MAX_LENGTH.includeRetElement);
  writeGuids(rq, "OwnerID", ownerIds);
}

function writeListFilter(rq: Scope, filter: ListFilterInput): void {
  writeInteger(rq, "MaxReturned", filter.maxReturned, 1);
  writeEnum(rq, "ActiveStatus", filter.activeStatus ?? "All");
  writeDateTime(rq, "FromModifiedDate", filter.fromModifiedDate);
  writeDateTime(rq, "ToModifiedDate", filter.toModifiedDate);
  if (filter.nameFilter !== undefined) {
    const nameFilter = aggregate(rq, "NameFilter");
    writeEnum(nameFilter, "MatchCriterion", filter.nameFilter.matchCriterion);
    writeText(nameFilter, "Name", filter.nameFilter.name);
  }
}
