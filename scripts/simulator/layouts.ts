import {
  AMOUNT,
  BOOL,
  DATE,
  DATETIME,
  DECIMAL,
  field,
  group,
  GUID,
  ID,
  INT,
  oneOf,
  OPAQUE,
  ref,
  text,
  type FieldSpec,
  type FieldType,
  type ListKind,
} from "./fields";

export {
  CUSTOMER,
  VENDOR,
  EMPLOYEE,
  ITEM_SERVICE,
  ITEM_NON_INVENTORY,
  ITEM_SALES_TAX,
  ITEM_SALES_TAX_GROUP,
  PAYMENT_METHOD,
  STANDARD_TERMS,
  SALES_TAX_CODE,
  ACCOUNT,
  CLASS,
  INVOICE,
  INVOICE_LINE,
  RECEIVE_PAYMENT,
  LIST_DELETED,
  TXN_DELETED,
  ITEM_KINDS,
  ACCOUNT_TYPES,
  PAYMENT_METHOD_TYPES,
  LIST_DEL_TYPES,
  TXN_DEL_TYPES,
};

// Every table follows the xsd:sequence of its *Ret, *Add and *Mod in qbxml/13.0/qbxml130.xsd. Where the
// three disagree on order (ClassRef in ItemNonInventoryAdd, ExchangeRate in InvoiceAdd) the element has
// one row per position, each for the modes that put it there.

const ITEM_KINDS: readonly ListKind[] = ["ItemService", "ItemNonInventory", "ItemSalesTax", "ItemSalesTaxGroup"];

const ACCOUNT_TYPES = [
  "AccountsPayable",
  "AccountsReceivable",
  "Bank",
  "CostOfGoodsSold",
  "CreditCard",
  "Equity",
  "Expense",
  "FixedAsset",
  "Income",
  "LongTermLiability",
  "NonPosting",
  "OtherAsset",
  "OtherCurrentAsset",
  "OtherCurrentLiability",
  "OtherExpense",
  "OtherIncome",
];
const PAYMENT_METHOD_TYPES = [
  "AmericanExpress",
  "Cash",
  "Check",
  "DebitCard",
  "Discover",
  "ECheck",
  "GiftCard",
  "MasterCard",
  "Other",
  "OtherCreditCard",
  "Visa",
];
const LIST_DEL_TYPES = [
  "Account",
  "BillingRate",
  "Class",
  "Currency",
  "Customer",
  "CustomerMsg",
  "CustomerType",
  "DateDrivenTerms",
  "Employee",
  "InventorySite",
  "ItemDiscount",
  "ItemFixedAsset",
  "ItemGroup",
  "ItemInventory",
  "ItemInventoryAssembly",
  "ItemNonInventory",
  "ItemOtherCharge",
  "ItemPayment",
  "ItemSalesTax",
  "ItemSalesTaxGroup",
  "ItemService",
  "ItemSubtotal",
  "JobType",
  "OtherName",
  "PaymentMethod",
  "PayrollItemNonWage",
  "PayrollItemWage",
  "PriceLevel",
  "SalesRep",
  "SalesTaxCode",
  "ShipMethod",
  "StandardTerms",
  "ToDo",
  "UnitOfMeasureSet",
  "Vehicle",
  "Vendor",
  "VendorType",
  "WorkersCompCode",
];
const TXN_DEL_TYPES = [
  "ARRefundCreditCard",
  "Bill",
  "BillPaymentCheck",
  "BillPaymentCreditCard",
  "BuildAssembly",
  "Charge",
  "Check",
  "CreditCardCharge",
  "CreditCardCredit",
  "CreditMemo",
  "Deposit",
  "Estimate",
  "InventoryAdjustment",
  "Invoice",
  "ItemReceipt",
  "JournalEntry",
  "PurchaseOrder",
  "ReceivePayment",
  "SalesOrder",
  "SalesReceipt",
  "SalesTaxPaymentCheck",
  "TimeTracking",
  "TransferInventory",
  "VehicleMileage",
  "VendorCredit",
];

const ADDRESS_LINE = text(41);
const ADDRESS: FieldType = group([
  field("Addr1", ADDRESS_LINE, "amr"),
  field("Addr2", ADDRESS_LINE, "amr"),
  field("Addr3", ADDRESS_LINE, "amr"),
  field("Addr4", ADDRESS_LINE, "amr"),
  field("Addr5", ADDRESS_LINE, "amr"),
  field("City", text(31), "amr"),
  field("State", text(21), "amr"),
  field("PostalCode", text(13), "amr"),
  field("Country", text(31), "amr"),
  field("Note", text(41), "amr"),
]);
const ADDRESS_BLOCK: FieldType = group(["Addr1", "Addr2", "Addr3", "Addr4", "Addr5"].map((name) => field(name, ADDRESS_LINE, "r")));

/** ListCore on Ret, ListCoreMod on Mod. */
const LIST_CORE = [
  field("ListID", ID, "mr", { required: "m" }),
  field("TimeCreated", DATETIME, "r"),
  field("TimeModified", DATETIME, "r"),
  field("EditSequence", text(16), "mr", { required: "m" }),
];
const TXN_CORE = [
  field("TxnID", ID, "mr", { required: "m" }),
  field("TimeCreated", DATETIME, "r"),
  field("TimeModified", DATETIME, "r"),
  field("EditSequence", text(16), "mr", { required: "m" }),
  field("TxnNumber", INT, "r"),
];

const PERSON_NAME = [
  field("Salutation", text(15), "amr"),
  field("FirstName", text(25), "amr"),
  field("MiddleName", text(5), "amr"),
  field("LastName", text(25), "amr"),
  field("Suffix", text(), "amr"),
];

const COMM_INFO = [
  field("Phone", text(21), "amr"),
  field("Mobile", text(21), "amr"),
  field("Pager", text(21), "amr"),
  field("AltPhone", text(21), "amr"),
  field("Fax", text(21), "amr"),
  field("Email", text(1023), "amr"),
  field("Cc", text(1023), "amr"),
  field("Contact", text(41), "amr"),
  field("AltContact", text(41), "amr"),
];

const CONTACTS = field("ContactsRet", OPAQUE, "amr", { repeat: true, alias: { add: "Contacts", mod: "ContactsMod" } });
const ADDITIONAL_NOTES = field("AdditionalNotesRet", OPAQUE, "amr", {
  repeat: true,
  alias: { add: "AdditionalNotes", mod: "AdditionalNotesMod" },
});
/** A custom field's value on a record; returned only to a query naming its OwnerID ("0" for the public ones). */
const DATA_EXT = field(
  "DataExtRet",
  group([
    field("OwnerID", GUID, "r"),
    field("DataExtName", text(31), "r"),
    field(
      "DataExtType",
      oneOf("AMTTYPE", "DATETIMETYPE", "INTTYPE", "PERCENTTYPE", "PRICETYPE", "QUANTYPE", "STR1024TYPE", "STR255TYPE"),
      "r",
    ),
    field("DataExtValue", text(), "r"),
  ]),
  "r",
  { repeat: true },
);
const CLASS_REF = ref("Class", 159);
const ACCOUNT_REF = ref("Account", 159);
const TERMS_REF = ref("StandardTerms", 31);
const SALES_TAX_CODE_REF = ref("SalesTaxCode", 3);
/** A customer's or an invoice's sales tax: an item or a group. */
const SALES_TAX_ITEM_REF = ref(["ItemSalesTax", "ItemSalesTaxGroup"], 31);

const CUSTOMER: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(41), "amr", { required: "a" }),
  field("FullName", text(209), "r"),
  field("IsActive", BOOL, "amr"),
  field("ClassRef", CLASS_REF, "amr"),
  field("ParentRef", ref("Customer", 209), "amr"),
  field("Sublevel", INT, "r"),
  field("CompanyName", text(41), "amr"),
  ...PERSON_NAME,
  field("JobTitle", text(41), "amr"),
  field("BillAddress", ADDRESS, "amr"),
  field("BillAddressBlock", ADDRESS_BLOCK, "r"),
  field("ShipAddress", ADDRESS, "amr"),
  field("ShipAddressBlock", ADDRESS_BLOCK, "r"),
  field("ShipToAddress", OPAQUE, "amr", { repeat: true }),
  field("PrintAs", text(41), "amr"),
  ...COMM_INFO,
  field("AdditionalContactRef", OPAQUE, "amr", { repeat: true }),
  CONTACTS,
  field("CustomerTypeRef", OPAQUE, "amr"),
  field("TermsRef", TERMS_REF, "amr"),
  field("SalesRepRef", OPAQUE, "amr"),
  field("Balance", AMOUNT, "r"),
  field("TotalBalance", AMOUNT, "r"),
  field("OpenBalance", OPAQUE, "a"),
  field("OpenBalanceDate", OPAQUE, "a"),
  field("SalesTaxCodeRef", SALES_TAX_CODE_REF, "amr"),
  field("ItemSalesTaxRef", SALES_TAX_ITEM_REF, "amr"),
  field("SalesTaxCountry", OPAQUE, "amr"),
  field("ResaleNumber", text(15), "amr"),
  field("AccountNumber", text(99), "amr"),
  field("CreditLimit", AMOUNT, "amr"),
  field("PreferredPaymentMethodRef", ref("PaymentMethod", 31), "amr"),
  field("CreditCardInfo", OPAQUE, "amr"),
  field("JobStatus", oneOf("Awarded", "Closed", "InProgress", "None", "NotAwarded", "Pending"), "amr"),
  field("JobStartDate", DATE, "amr"),
  field("JobProjectedEndDate", DATE, "amr"),
  field("JobEndDate", DATE, "amr"),
  field("JobDesc", text(99), "amr"),
  field("JobTypeRef", OPAQUE, "amr"),
  field("Notes", text(4095), "amr"),
  ADDITIONAL_NOTES,
  field("IsStatementWithParent", BOOL, "amr"),
  field("DeliveryMethod", OPAQUE, "amr"),
  field("PreferredDeliveryMethod", OPAQUE, "amr"),
  field("PriceLevelRef", OPAQUE, "amr"),
  field("ExternalGUID", GUID, "ar"),
  field("TaxRegistrationNumber", text(30), "amr"),
  field("CurrencyRef", OPAQUE, "amr"),
  DATA_EXT,
];

const VENDOR: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(41), "amr", { required: "a" }),
  field("IsActive", BOOL, "amr"),
  field("ClassRef", CLASS_REF, "amr"),
  field("IsTaxAgency", BOOL, "r"),
  field("CompanyName", text(41), "amr"),
  ...PERSON_NAME,
  field("JobTitle", text(41), "amr"),
  field("VendorAddress", ADDRESS, "amr"),
  field("VendorAddressBlock", ADDRESS_BLOCK, "r"),
  field("ShipAddress", ADDRESS, "amr"),
  ...COMM_INFO,
  field("AdditionalContactRef", OPAQUE, "amr", { repeat: true }),
  CONTACTS,
  field("NameOnCheck", text(41), "amr"),
  field("AccountNumber", text(99), "amr"),
  field("Notes", text(4095), "amr"),
  ADDITIONAL_NOTES,
  field("VendorTypeRef", OPAQUE, "amr"),
  field("TermsRef", TERMS_REF, "amr"),
  field("CreditLimit", AMOUNT, "amr"),
  field("VendorTaxIdent", text(15), "amr"),
  field("IsVendorEligibleFor1099", BOOL, "amr"),
  field("Balance", AMOUNT, "r"),
  field("OpenBalance", OPAQUE, "a"),
  field("OpenBalanceDate", OPAQUE, "a"),
  field("BillingRateRef", OPAQUE, "amr"),
  field("ExternalGUID", GUID, "ar"),
  field("SalesTaxCodeRef", SALES_TAX_CODE_REF, "amr"),
  ...[
    "SalesTaxCountry",
    "IsSalesTaxAgency",
    "SalesTaxReturnRef",
    "TaxRegistrationNumber",
    "ReportingPeriod",
    "IsTaxTrackedOnPurchases",
    "TaxOnPurchasesAccountRef",
    "IsTaxTrackedOnSales",
    "TaxOnSalesAccountRef",
    "IsTaxOnTax",
  ].map((name) => field(name, OPAQUE, "amr")),
  field("PrefillAccountRef", OPAQUE, "amr", { repeat: true }),
  field("CurrencyRef", OPAQUE, "amr"),
  DATA_EXT,
];

/** Employees only exist to share the name pool; they are returned, never added or changed by a request. */
const EMPLOYEE: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(41), "r"),
  field("IsActive", BOOL, "r"),
  field("Salutation", text(15), "r"),
  field("FirstName", text(25), "r"),
  field("MiddleName", text(5), "r"),
  field("LastName", text(25), "r"),
  field("JobTitle", text(41), "r"),
  field("Phone", text(21), "r"),
  field("Email", text(1023), "r"),
  field("Notes", text(4095), "r"),
  DATA_EXT,
];

const SALES_OR_PURCHASE: FieldType = group([
  field("Desc", text(4095), "amr"),
  field("Price", DECIMAL, "amr", { choice: "price" }),
  field("PricePercent", DECIMAL, "amr", { choice: "price" }),
  field("AccountRef", ACCOUNT_REF, "amr"),
  field("ApplyAccountRefToExistingTxns", OPAQUE, "m"),
]);

const SALES_AND_PURCHASE: FieldType = group([
  field("SalesDesc", text(4095), "amr"),
  field("SalesPrice", DECIMAL, "amr"),
  field("IncomeAccountRef", ACCOUNT_REF, "amr"),
  field("ApplyIncomeAccountRefToExistingTxns", OPAQUE, "m"),
  field("PurchaseDesc", text(4095), "amr"),
  field("PurchaseCost", DECIMAL, "amr"),
  field("PurchaseTaxCodeRef", OPAQUE, "amr"),
  field("ExpenseAccountRef", ACCOUNT_REF, "amr"),
  field("ApplyExpenseAccountRefToExistingTxns", OPAQUE, "m"),
  field("PrefVendorRef", ref("Vendor", 41), "amr"),
]);

function itemTail(): FieldSpec[] {
  return [
    field("UnitOfMeasureSetRef", OPAQUE, "amr"),
    field("ForceUOMChange", OPAQUE, "m"),
    field("IsTaxIncluded", OPAQUE, "amr"),
    field("SalesTaxCodeRef", SALES_TAX_CODE_REF, "amr"),
    field("SalesOrPurchase", SALES_OR_PURCHASE, "amr", { alias: { mod: "SalesOrPurchaseMod" }, choice: "pricing" }),
    field("SalesAndPurchase", SALES_AND_PURCHASE, "amr", { alias: { mod: "SalesAndPurchaseMod" }, choice: "pricing" }),
    field("ExternalGUID", GUID, "ar"),
    DATA_EXT,
  ];
}

const ITEM_SERVICE: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(31), "amr", { required: "a" }),
  field("FullName", text(159), "r"),
  field("BarCodeValue", OPAQUE, "amr", { alias: { add: "BarCode", mod: "BarCode" } }),
  field("IsActive", BOOL, "amr"),
  field("ClassRef", CLASS_REF, "amr"),
  field("ParentRef", ref("ItemService", 159), "amr"),
  field("Sublevel", INT, "r"),
  ...itemTail(),
];

const ITEM_NON_INVENTORY: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(31), "amr", { required: "a" }),
  field("FullName", text(159), "r"),
  field("BarCodeValue", OPAQUE, "amr", { alias: { add: "BarCode", mod: "BarCode" } }),
  field("IsActive", BOOL, "amr"),
  field("ClassRef", CLASS_REF, "mr"),
  field("ParentRef", ref("ItemNonInventory", 159), "amr"),
  // ItemNonInventoryAdd alone puts ClassRef after ParentRef.
  field("ClassRef", CLASS_REF, "a"),
  field("Sublevel", INT, "r"),
  field("ManufacturerPartNumber", text(31), "amr"),
  ...itemTail(),
];

// BarCodeValue on a Ret is BarCode on an Add or Mod, in the same place.
const BAR_CODE = field("BarCodeValue", OPAQUE, "amr", { alias: { add: "BarCode", mod: "BarCode" } });

const ITEM_SALES_TAX: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(31), "amr", { required: "a" }),
  BAR_CODE,
  field("IsActive", BOOL, "amr"),
  field("ClassRef", CLASS_REF, "amr"),
  field("ItemDesc", text(4095), "amr"),
  field("TaxRate", DECIMAL, "amr"),
  field("TaxVendorRef", ref("Vendor", 41), "amr"),
  field("SalesTaxReturnLineRef", OPAQUE, "amr"),
  field("ExternalGUID", GUID, "ar"),
  DATA_EXT,
];

const ITEM_SALES_TAX_GROUP: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(31), "amr", { required: "a" }),
  BAR_CODE,
  field("IsActive", BOOL, "amr"),
  field("ItemDesc", text(4095), "amr"),
  field("ExternalGUID", GUID, "ar"),
  field("ItemSalesTaxRef", ref("ItemSalesTax", 31), "amr", { repeat: true, required: "a" }),
  DATA_EXT,
];

const PAYMENT_METHOD: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(31), "ar", { required: "a" }),
  field("IsActive", BOOL, "ar"),
  field("PaymentMethodType", oneOf(...PAYMENT_METHOD_TYPES), "ar"),
];

const STANDARD_TERMS: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(31), "ar", { required: "a" }),
  field("IsActive", BOOL, "ar"),
  field("StdDueDays", INT, "ar"),
  field("StdDiscountDays", INT, "ar"),
  field("DiscountPct", DECIMAL, "ar"),
];

const SALES_TAX_CODE: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(3), "amr", { required: "a" }),
  field("IsActive", BOOL, "amr"),
  field("IsTaxable", BOOL, "amr", { required: "a" }),
  field("Desc", text(31), "amr"),
  field("ItemPurchaseTaxRef", OPAQUE, "amr"),
  field("ItemSalesTaxRef", ref("ItemSalesTax", 31), "amr"),
];

const ACCOUNT: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(31), "r"),
  field("FullName", text(159), "r"),
  field("IsActive", BOOL, "r"),
  field("ParentRef", ACCOUNT_REF, "r"),
  field("Sublevel", INT, "r"),
  field("AccountType", oneOf(...ACCOUNT_TYPES), "r"),
  field("DetailAccountType", OPAQUE, "r"),
  field("SpecialAccountType", text(), "r"),
  field("IsTaxAccount", OPAQUE, "r"),
  field("AccountNumber", text(7), "r"),
  field("BankNumber", OPAQUE, "r"),
  field("LastCheckNumber", OPAQUE, "r"),
  field("Desc", text(200), "r"),
  field("Balance", AMOUNT, "r"),
  field("TotalBalance", AMOUNT, "r"),
  DATA_EXT,
];

const CLASS: readonly FieldSpec[] = [
  ...LIST_CORE,
  field("Name", text(31), "r"),
  field("FullName", text(159), "r"),
  field("IsActive", BOOL, "r"),
  field("ParentRef", CLASS_REF, "r"),
  field("Sublevel", INT, "r"),
];

const LINKED_TXN: FieldType = group([
  field("TxnID", ID, "r"),
  field("TxnType", text(), "r"),
  field("TxnDate", DATE, "r"),
  field("RefNumber", text(), "r"),
  field("LinkType", text(), "r"),
  field("Amount", AMOUNT, "r"),
]);

const INVOICE_LINE: readonly FieldSpec[] = [
  field("TxnLineID", ID, "mr", { required: "m" }),
  field("ItemRef", ref(ITEM_KINDS), "amr"),
  field("Desc", text(4095), "amr"),
  field("Quantity", DECIMAL, "amr"),
  field("UnitOfMeasure", text(31), "amr"),
  field("OverrideUOMSetRef", OPAQUE, "mr"),
  field("Rate", DECIMAL, "amr", { choice: "rate" }),
  field("RatePercent", DECIMAL, "amr", { choice: "rate" }),
  field("PriceLevelRef", OPAQUE, "am", { choice: "rate" }),
  field("ClassRef", CLASS_REF, "amr"),
  field("Amount", AMOUNT, "amr"),
  field("TaxAmount", OPAQUE, "amr"),
  field("OptionForPriceRuleConflict", OPAQUE, "am"),
  field("InventorySiteRef", OPAQUE, "amr"),
  field("InventorySiteLocationRef", OPAQUE, "amr"),
  field("SerialNumber", OPAQUE, "amr", { choice: "serial" }),
  field("LotNumber", OPAQUE, "amr", { choice: "serial" }),
  field("ServiceDate", DATE, "amr"),
  field("SalesTaxCodeRef", SALES_TAX_CODE_REF, "amr"),
  field("IsTaxable", OPAQUE, "ar"),
  field("OverrideItemAccountRef", OPAQUE, "am"),
  field("Other1", text(29), "amr"),
  field("Other2", text(29), "amr"),
  field("LinkToTxn", OPAQUE, "a"),
  field("DataExtRet", OPAQUE, "ar", { repeat: true, alias: { add: "DataExt" } }),
];

const INVOICE: readonly FieldSpec[] = [
  ...TXN_CORE,
  field("CustomerRef", ref("Customer", 209), "amr", { required: "a" }),
  field("ClassRef", CLASS_REF, "amr"),
  field("ARAccountRef", ACCOUNT_REF, "amr"),
  field("TemplateRef", OPAQUE, "amr"),
  field("TxnDate", DATE, "amr"),
  field("RefNumber", text(11), "amr"),
  field("BillAddress", ADDRESS, "amr"),
  field("BillAddressBlock", ADDRESS_BLOCK, "r"),
  field("ShipAddress", ADDRESS, "amr"),
  field("ShipAddressBlock", ADDRESS_BLOCK, "r"),
  field("IsPending", BOOL, "amr"),
  field("IsFinanceCharge", BOOL, "ar"),
  field("PONumber", text(25), "amr"),
  field("TermsRef", TERMS_REF, "amr"),
  field("DueDate", DATE, "amr"),
  field("SalesRepRef", OPAQUE, "amr"),
  field("FOB", text(13), "amr"),
  field("ShipDate", DATE, "amr"),
  field("ShipMethodRef", OPAQUE, "amr"),
  field("Subtotal", AMOUNT, "r"),
  field("ItemSalesTaxRef", SALES_TAX_ITEM_REF, "amr"),
  field("SalesTaxPercentage", DECIMAL, "r"),
  field("SalesTaxTotal", AMOUNT, "r"),
  field("AppliedAmount", AMOUNT, "r"),
  field("BalanceRemaining", AMOUNT, "r"),
  field("CurrencyRef", OPAQUE, "r"),
  // InvoiceRet has ExchangeRate before Memo; InvoiceAdd and InvoiceMod have it after Other.
  field("ExchangeRate", OPAQUE, "r"),
  field("BalanceRemainingInHomeCurrency", OPAQUE, "r"),
  field("Memo", text(4095), "amr"),
  field("IsPaid", BOOL, "r"),
  field("CustomerMsgRef", OPAQUE, "amr"),
  field("IsToBePrinted", BOOL, "amr"),
  field("IsToBeEmailed", BOOL, "amr"),
  field("IsTaxIncluded", OPAQUE, "amr"),
  field("CustomerSalesTaxCodeRef", SALES_TAX_CODE_REF, "amr"),
  field("SuggestedDiscountAmount", OPAQUE, "r"),
  field("SuggestedDiscountDate", OPAQUE, "r"),
  field("Other", text(29), "amr"),
  field("ExchangeRate", OPAQUE, "am"),
  field("ExternalGUID", GUID, "ar"),
  field("LinkToTxnID", OPAQUE, "a", { repeat: true }),
  field("SetCredit", OPAQUE, "am", { repeat: true }),
  field("LinkedTxn", LINKED_TXN, "r", { repeat: true }),
  field("InvoiceLineRet", group(INVOICE_LINE), "amr", {
    repeat: true,
    alias: { add: "InvoiceLineAdd", mod: "InvoiceLineMod" },
  }),
  field("InvoiceLineGroupRet", OPAQUE, "amr", {
    repeat: true,
    alias: { add: "InvoiceLineGroupAdd", mod: "InvoiceLineGroupMod" },
  }),
  field("DiscountLineRet", OPAQUE, "ar", { alias: { add: "DiscountLineAdd" } }),
  field("SalesTaxLineRet", OPAQUE, "ar", { alias: { add: "SalesTaxLineAdd" } }),
  field("ShippingLineRet", OPAQUE, "ar", { alias: { add: "ShippingLineAdd" } }),
  DATA_EXT,
];

const APPLIED_TO_TXN: readonly FieldSpec[] = [
  field("TxnID", ID, "amr", { required: "am" }),
  field("TxnType", text(), "r"),
  field("TxnDate", DATE, "r"),
  field("RefNumber", text(), "r"),
  field("BalanceRemaining", AMOUNT, "r"),
  field("Amount", AMOUNT, "r"),
  field("PaymentAmount", AMOUNT, "am"),
  field("TxnLineDetail", OPAQUE, "ar", { repeat: true }),
  field("SetCredit", OPAQUE, "am", { repeat: true }),
  field("DiscountAmount", AMOUNT, "amr"),
  field("DiscountAccountRef", ACCOUNT_REF, "amr"),
  field("DiscountClassRef", OPAQUE, "amr"),
  field("LinkedTxn", OPAQUE, "r", { repeat: true }),
];

const RECEIVE_PAYMENT: readonly FieldSpec[] = [
  ...TXN_CORE,
  field("CustomerRef", ref("Customer", 209), "amr", { required: "a" }),
  field("ARAccountRef", ACCOUNT_REF, "amr"),
  field("TxnDate", DATE, "amr"),
  field("RefNumber", text(20), "amr"),
  field("TotalAmount", AMOUNT, "amr"),
  field("CurrencyRef", OPAQUE, "r"),
  field("ExchangeRate", OPAQUE, "amr"),
  field("TotalAmountInHomeCurrency", OPAQUE, "r"),
  field("PaymentMethodRef", ref("PaymentMethod", 31), "amr"),
  field("Memo", text(4095), "amr"),
  field("DepositToAccountRef", ACCOUNT_REF, "amr"),
  field("CreditCardTxnInfo", OPAQUE, "amr", { alias: { mod: "CreditCardTxnInfoMod" } }),
  field("UnusedPayment", AMOUNT, "r"),
  field("UnusedCredits", AMOUNT, "r"),
  field("ExternalGUID", GUID, "ar"),
  field("IsAutoApply", BOOL, "a", { choice: "apply" }),
  field("AppliedToTxnRet", group(APPLIED_TO_TXN), "amr", {
    repeat: true,
    alias: { add: "AppliedToTxnAdd", mod: "AppliedToTxnMod" },
    choice: "apply",
  }),
  DATA_EXT,
];

const LIST_DELETED: readonly FieldSpec[] = [
  field("ListDelType", text(), "r"),
  field("ListID", ID, "r"),
  field("TimeCreated", DATETIME, "r"),
  field("TimeDeleted", DATETIME, "r"),
  field("FullName", text(), "r"),
];

const TXN_DELETED: readonly FieldSpec[] = [
  field("TxnDelType", text(), "r"),
  field("TxnID", ID, "r"),
  field("TimeCreated", DATETIME, "r"),
  field("TimeDeleted", DATETIME, "r"),
  field("RefNumber", text(), "r"),
];

/** The field table of each record kind. */
export const LAYOUTS = {
  Customer: CUSTOMER,
  Vendor: VENDOR,
  Employee: EMPLOYEE,
  ItemService: ITEM_SERVICE,
  ItemNonInventory: ITEM_NON_INVENTORY,
  ItemSalesTax: ITEM_SALES_TAX,
  ItemSalesTaxGroup: ITEM_SALES_TAX_GROUP,
  PaymentMethod: PAYMENT_METHOD,
  StandardTerms: STANDARD_TERMS,
  SalesTaxCode: SALES_TAX_CODE,
  Account: ACCOUNT,
  Class: CLASS,
  Invoice: INVOICE,
  ReceivePayment: RECEIVE_PAYMENT,
} as const satisfies Record<string, readonly FieldSpec[]>;
