import { createRequest } from "./build-document";
import { checkNonEmptyList } from "./fields";
import { MAX_LENGTH } from "./limits";
import type { QbDateTime, QbxmlRequest, RequestOptions } from "./types";
import { aggregate, writeDateTime, writeEnums, writeTexts, type Scope } from "./xml-write";

export type { ListDelType, TxnDelType, ListDeletedQueryInput, TxnDeletedQueryInput, DeletedDateRange };
export { listDeletedQueryRq, txnDeletedQueryRq };

type ListDelType =
  | "Account"
  | "BillingRate"
  | "Class"
  | "Currency"
  | "Customer"
  | "CustomerMsg"
  | "CustomerType"
  | "DateDrivenTerms"
  | "Employee"
  | "InventorySite"
  | "ItemDiscount"
  | "ItemFixedAsset"
  | "ItemGroup"
  | "ItemInventory"
  | "ItemInventoryAssembly"
  | "ItemNonInventory"
  | "ItemOtherCharge"
  | "ItemPayment"
  | "ItemSalesTax"
  | "ItemSalesTaxGroup"
  | "ItemService"
  | "ItemSubtotal"
  | "JobType"
  | "OtherName"
  | "PaymentMethod"
  | "PayrollItemNonWage"
  | "PayrollItemWage"
  | "PriceLevel"
  | "SalesRep"
  | "SalesTaxCode"
  | "ShipMethod"
  | "StandardTerms"
  | "ToDo"
  | "UnitOfMeasureSet"
  | "Vehicle"
  | "Vendor"
  | "VendorType"
  | "WorkersCompCode";

type TxnDelType =
  | "ARRefundCreditCard"
  | "Bill"
  | "BillPaymentCheck"
  | "BillPaymentCreditCard"
  | "BuildAssembly"
  | "Charge"
  | "Check"
  | "CreditCardCharge"
  | "CreditCardCredit"
  | "CreditMemo"
  | "Deposit"
  | "Estimate"
  | "InventoryAdjustment"
  | "Invoice"
  | "ItemReceipt"
  | "JournalEntry"
  | "PurchaseOrder"
  | "ReceivePayment"
  | "SalesOrder"
  | "SalesReceipt"
  | "SalesTaxPaymentCheck"
  | "TimeTracking"
  | "TransferInventory"
  | "VehicleMileage"
  | "VendorCredit";

interface DeletedDateRange {
  readonly from?: QbDateTime;
  readonly to?: QbDateTime;
}

// Deletions never appear in modified-date queries; these two queries are the only way to see them.
interface ListDeletedQueryInput {
  readonly listDelTypes: readonly ListDelType[];
  readonly deletedDateRange?: DeletedDateRange;
  readonly includeRetElements?: readonly string[];
}

interface TxnDeletedQueryInput {
  readonly txnDelTypes: readonly TxnDelType[];
  readonly deletedDateRange?: DeletedDateRange;
  readonly includeRetElements?: readonly string[];
}

function listDeletedQueryRq(query: ListDeletedQueryInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ListDeletedQueryRq", options, (rq) => {
    writeEnums(rq, "ListDelType", checkNonEmptyList(`${rq.path}.ListDelType`, query.listDelTypes));
    writeDeletedQueryTail(rq, query.deletedDateRange, query.includeRetElements);
  });
}

function txnDeletedQueryRq(query: TxnDeletedQueryInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("TxnDeletedQueryRq", options, (rq) => {
    writeEnums(rq, "TxnDelType", checkNonEmptyList(`${rq.path}.TxnDelType`, query.txnDelTypes));
    writeDeletedQueryTail(rq, query.deletedDateRange, query.includeRetElements);
  });
}

function writeDeletedQueryTail(rq: Scope, range: DeletedDateRange | undefined, includeRetElements: readonly string[] | undefined): void {
  if (range !== undefined) {
    const filter = aggregate(rq, "DeletedDateRangeFilter");
    writeDateTime(filter, "FromDeletedDate", range.from);
    writeDateTime(filter, "ToDeletedDate", range.to);
  }
  writeTexts(rq, "IncludeRetElement", includeRetElements, MAX_LENGTH.includeRetElement);
}
