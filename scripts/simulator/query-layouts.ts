import { AMOUNT, BOOL, DATE, DATETIME, field, group, GUID, ID, INT, oneOf, text, UNMODELED, type FieldSpec } from "./fields";
import { ACCOUNT_TYPES, LIST_DEL_TYPES, PAYMENT_METHOD_TYPES, TXN_DEL_TYPES } from "./layouts";

export { LIST_FILTER_NAMES, TXN_FILTER_NAMES, listQuery, txnQuery, DELETED_QUERY, HOST_QUERY, COMPANY_QUERY, PREFERENCES_QUERY };

// The query request types of qbxmlops130.xsd (e.g. CustomerQueryRqType), in schema order.

const INCLUDE_RET_ELEMENT = field("IncludeRetElement", text(50), "q", { repeat: true });
const OWNER_ID = field("OwnerID", GUID, "q", { repeat: true });
const MATCH_CRITERION = oneOf("StartsWith", "Contains", "EndsWith");

/** The ListFilter elements; a query that names ListIDs or FullNames may not use them. */
const LIST_FILTER_NAMES = new Set(["MaxReturned", "ActiveStatus", "FromModifiedDate", "ToModifiedDate", "NameFilter", "NameRangeFilter"]);

/** A list query: ListID* | FullName* | ListFilter plus the type's own filters, then IncludeRetElement (and OwnerID). */
function listQuery(extraFilters: readonly FieldSpec[], options: { ownerId: boolean }): readonly FieldSpec[] {
  return [
    field("ListID", ID, "q", { repeat: true, choice: "select" }),
    field("FullName", text(), "q", { repeat: true, choice: "select" }),
    field("MaxReturned", INT, "q"),
    field("ActiveStatus", oneOf("ActiveOnly", "InactiveOnly", "All"), "q"),
    field("FromModifiedDate", DATETIME, "q"),
    field("ToModifiedDate", DATETIME, "q"),
    field(
      "NameFilter",
      group([field("MatchCriterion", MATCH_CRITERION, "q", { required: "q" }), field("Name", text(), "q", { required: "q" })]),
      "q",
      { choice: "name" },
    ),
    field("NameRangeFilter", group([field("FromName", text(), "q"), field("ToName", text(), "q")]), "q", { choice: "name" }),
    ...extraFilters,
    INCLUDE_RET_ELEMENT,
    ...(options.ownerId ? [OWNER_ID] : []),
  ];
}

const LIST_EXTRAS = {
  entity: [
    field(
      "TotalBalanceFilter",
      group([
        field("Operator", oneOf("LessThan", "LessThanEqual", "Equal", "GreaterThan", "GreaterThanEqual"), "q", { required: "q" }),
        field("Amount", AMOUNT, "q", { required: "q" }),
      ]),
      "q",
    ),
    field("CurrencyFilter", UNMODELED, "q"),
    field("ClassFilter", UNMODELED, "q"),
  ],
  classFilter: [field("ClassFilter", UNMODELED, "q")],
  account: [field("AccountType", oneOf(...ACCOUNT_TYPES), "q", { repeat: true }), field("CurrencyFilter", UNMODELED, "q")],
  paymentMethod: [field("PaymentMethodType", oneOf(...PAYMENT_METHOD_TYPES), "q", { repeat: true })],
};
export { LIST_EXTRAS };

/** TxnFilter elements: a query that names TxnIDs or RefNumbers may not use them. */
const TXN_FILTER_NAMES = new Set([
  "MaxReturned",
  "ModifiedDateRangeFilter",
  "TxnDateRangeFilter",
  "EntityFilter",
  "AccountFilter",
  "RefNumberFilter",
  "RefNumberRangeFilter",
  "CurrencyFilter",
  "PaidStatus",
]);

/**
 * `paidStatus`: InvoiceQuery and BillQuery filter by PaidStatus. `linkedTxns`: they and PurchaseOrderQuery may include
 * linked transactions.
 */
function txnQuery(options: { paidStatus: boolean; linkedTxns: boolean }): readonly FieldSpec[] {
  return [
    field("TxnID", ID, "q", { repeat: true, choice: "select" }),
    field("RefNumber", text(), "q", { repeat: true, choice: "select" }),
    field("RefNumberCaseSensitive", text(), "q", { repeat: true, choice: "select" }),
    field("MaxReturned", INT, "q"),
    field("ModifiedDateRangeFilter", group([field("FromModifiedDate", DATETIME, "q"), field("ToModifiedDate", DATETIME, "q")]), "q", {
      choice: "date",
    }),
    field(
      "TxnDateRangeFilter",
      // From and To together are one branch of the schema's choice; DateMacro, the other, is not modelled (refused).
      group([field("FromTxnDate", DATE, "q"), field("ToTxnDate", DATE, "q"), field("DateMacro", UNMODELED, "q")]),
      "q",
      { choice: "date" },
    ),
    field(
      "EntityFilter",
      group([
        field("ListID", ID, "q", { repeat: true, choice: "entity" }),
        field("FullName", text(), "q", { repeat: true, choice: "entity" }),
        field("ListIDWithChildren", ID, "q", { choice: "entity" }),
        field("FullNameWithChildren", text(), "q", { choice: "entity" }),
      ]),
      "q",
    ),
    field("AccountFilter", UNMODELED, "q"),
    field(
      "RefNumberFilter",
      group([field("MatchCriterion", MATCH_CRITERION, "q", { required: "q" }), field("RefNumber", text(), "q", { required: "q" })]),
      "q",
      { choice: "ref" },
    ),
    field("RefNumberRangeFilter", group([field("FromRefNumber", text(), "q"), field("ToRefNumber", text(), "q")]), "q", {
      choice: "ref",
    }),
    field("CurrencyFilter", UNMODELED, "q"),
    ...(options.paidStatus ? [field("PaidStatus", oneOf("All", "PaidOnly", "NotPaidOnly"), "q")] : []),
    field("IncludeLineItems", BOOL, "q"),
    ...(options.linkedTxns ? [field("IncludeLinkedTxns", BOOL, "q")] : []),
    INCLUDE_RET_ELEMENT,
    OWNER_ID,
  ];
}

function deletedQuery(typeElement: string, types: readonly string[]): readonly FieldSpec[] {
  return [
    field(typeElement, oneOf(...types), "q", { repeat: true, required: "q" }),
    field("DeletedDateRangeFilter", group([field("FromDeletedDate", DATETIME, "q"), field("ToDeletedDate", DATETIME, "q")]), "q"),
    INCLUDE_RET_ELEMENT,
  ];
}

const DELETED_QUERY = {
  list: deletedQuery("ListDelType", LIST_DEL_TYPES),
  txn: deletedQuery("TxnDelType", TXN_DEL_TYPES),
};

const HOST_QUERY: readonly FieldSpec[] = [field("IncludeListMetaData", UNMODELED, "q"), INCLUDE_RET_ELEMENT];
const COMPANY_QUERY: readonly FieldSpec[] = [INCLUDE_RET_ELEMENT, OWNER_ID];
const PREFERENCES_QUERY: readonly FieldSpec[] = [INCLUDE_RET_ELEMENT];
