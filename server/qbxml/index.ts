// The qbXML 13.0 codec: builders for requests, a parser for responses. No HTTP, React or database here.
export { QbxmlFieldError, QbxmlParseError } from "./errors";
export { checkName, toQuickBooksText } from "./fields";
export { formatAmount, formatPrice, formatQuantity, parseAmount } from "./money";
export { MAX_LENGTH } from "./limits";

export { buildQbxml, type BuildOptions } from "./build-document";
export {
  hostQueryRq,
  companyQueryRq,
  preferencesQueryRq,
  type HostQueryInput,
  type CompanyQueryInput,
  type PreferencesQueryInput,
} from "./build-session";
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
  type ListFilterInput,
  type ListQueryInput,
  type OwnedListQueryInput,
  type EntityQueryInput,
  type TotalBalanceFilterInput,
  type AccountQueryInput,
  type PaymentMethodQueryInput,
} from "./build-list-queries";
export {
  invoiceQueryRq,
  receivePaymentQueryRq,
  purchaseOrderQueryRq,
  type PurchaseOrderQueryInput,
  billQueryRq,
  billPaymentCheckQueryRq,
  type BillQueryInput,
  type TxnFilterInput,
  type TxnQueryInput,
  type InvoiceQueryInput,
  type ReceivePaymentQueryInput,
} from "./build-txn-queries";
export {
  listDeletedQueryRq,
  txnDeletedQueryRq,
  type ListDelType,
  type TxnDelType,
  type ListDeletedQueryInput,
  type TxnDeletedQueryInput,
  type DeletedDateRange,
} from "./build-deleted-queries";
export { customerAddRq, customerModRq, type CustomerFields, type CustomerAddInput, type CustomerModInput } from "./build-customer";
export { vendorAddRq, vendorModRq, type VendorFields, type VendorAddInput, type VendorModInput } from "./build-vendor";
export type { PersonNameInput, CommInfoInput } from "./build-contact-fields";
export {
  itemServiceAddRq,
  itemServiceModRq,
  itemNonInventoryAddRq,
  itemNonInventoryModRq,
  type SalesOrPurchaseInput,
  type SalesAndPurchaseInput,
  type ItemFields,
  type ItemServiceAddInput,
  type ItemServiceModInput,
  type ItemNonInventoryAddInput,
  type ItemNonInventoryModInput,
} from "./build-items";
export { paymentMethodAddRq, type PaymentMethodAddInput } from "./build-payment-method";
export { standardTermsAddRq, type StandardTermsAddInput } from "./build-standard-terms";
export {
  salesTaxCodeAddRq,
  salesTaxCodeModRq,
  itemSalesTaxAddRq,
  itemSalesTaxModRq,
  itemSalesTaxGroupAddRq,
  itemSalesTaxGroupModRq,
  type SalesTaxCodeAddInput,
  type SalesTaxCodeModInput,
  type ItemSalesTaxAddInput,
  type ItemSalesTaxModInput,
  type ItemSalesTaxGroupAddInput,
  type ItemSalesTaxGroupModInput,
} from "./build-sales-tax";
export {
  invoiceAddRq,
  invoiceModRq,
  NEW_TXN_LINE_ID,
  type InvoiceFields,
  type InvoiceLineInput,
  type InvoiceLineModInput,
  type InvoiceAddInput,
  type InvoiceModInput,
} from "./build-invoice";
export {
  purchaseOrderAddRq,
  purchaseOrderModRq,
  type PurchaseOrderFields,
  type PurchaseOrderLineInput,
  type PurchaseOrderLineModInput,
  type PurchaseOrderAddInput,
  type PurchaseOrderModInput,
} from "./build-purchase-order";
export {
  receivePaymentAddRq,
  receivePaymentModRq,
  type AppliedToTxnInput,
  type ReceivePaymentFields,
  type ReceivePaymentAddInput,
  type ReceivePaymentModInput,
} from "./build-receive-payment";
export {
  billAddRq,
  billModRq,
  type BillFields,
  type BillExpenseLineInput,
  type BillItemLineInput,
  type BillAddInput,
  type BillModInput,
} from "./build-bill";
export {
  billPaymentCheckAddRq,
  billPaymentCheckModRq,
  type BillAppliedInput,
  type BillPaymentCheckAddInput,
  type BillPaymentCheckModInput,
} from "./build-bill-payment";
export type {
  Cents,
  PriceCents,
  QbDate,
  QbDateTime,
  RefInput,
  AddressInput,
  ActiveStatus,
  MatchCriterion,
  AccountType,
  PaymentMethodType,
  OnError,
  RequestOptions,
  IteratorOptions,
  QbxmlRequest,
} from "./types";

export { parseQbxmlResponse, recordsOfKind, type QbxmlResponse, type StatusSeverity, type IteratorState } from "./parse-response";
export type * from "./records";
