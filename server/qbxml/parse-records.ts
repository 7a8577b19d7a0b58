import {
  readAccount,
  readClass,
  readCustomer,
  readItemNonInventory,
  readItemSalesTax,
  readItemSalesTaxGroup,
  readItemService,
  readPaymentMethod,
  readSalesTaxCode,
  readStandardTerms,
  readVendor,
} from "./parse-lists";
import { readListDeleted, readTxnDeleted } from "./parse-deleted";
import { readCompany, readHost, readPreferences } from "./parse-session";
import { readBill, readBillPaymentCheck, readInvoice, readPurchaseOrder, readReceivePayment } from "./parse-txns";
import type { OtherRecord, QbxmlRecord } from "./records";
import { readString, type XmlElement } from "./xml-read";

export { readRecords };

const READERS: Readonly<Record<string, (ret: XmlElement) => QbxmlRecord>> = {
  CustomerRet: readCustomer,
  VendorRet: readVendor,
  ItemServiceRet: readItemService,
  ItemNonInventoryRet: readItemNonInventory,
  PaymentMethodRet: readPaymentMethod,
  StandardTermsRet: readStandardTerms,
  AccountRet: readAccount,
  SalesTaxCodeRet: readSalesTaxCode,
  ItemSalesTaxRet: readItemSalesTax,
  ItemSalesTaxGroupRet: readItemSalesTaxGroup,
  ClassRet: readClass,
  InvoiceRet: readInvoice,
  ReceivePaymentRet: readReceivePayment,
  PurchaseOrderRet: readPurchaseOrder,
  BillRet: readBill,
  BillPaymentCheckRet: readBillPaymentCheck,
  HostRet: readHost,
  CompanyRet: readCompany,
  PreferencesRet: readPreferences,
  ListDeletedRet: readListDeleted,
  TxnDeletedRet: readTxnDeleted,
};

/** Every *Ret child of a *Rs element, in document order; other children (ErrorRecovery, ...) are skipped. */
function readRecords(rs: XmlElement): QbxmlRecord[] {
  return rs.children
    .filter((child) => child.name.endsWith("Ret"))
    .map((ret) => ((Object.hasOwn(READERS, ret.name) ? READERS[ret.name] : undefined) ?? readOther)(ret));
}

function readOther(ret: XmlElement): OtherRecord {
  return {
    kind: "Other",
    element: ret.name,
    listId: readString(ret, "ListID"),
    txnId: readString(ret, "TxnID"),
    timeCreated: readString(ret, "TimeCreated"),
    timeModified: readString(ret, "TimeModified"),
    editSequence: readString(ret, "EditSequence"),
    name: readString(ret, "Name"),
    fullName: readString(ret, "FullName"),
  };
}
