import type { Cents, PriceCents } from "./money";

export type {
  QbxmlRecord,
  RecordKind,
  RefValue,
  AddressValue,
  CustomField,
  ListCore,
  TxnCore,
  CustomerRecord,
  VendorRecord,
  ItemServiceRecord,
  ItemNonInventoryRecord,
  ItemSalesOrPurchase,
  ItemSalesAndPurchase,
  PaymentMethodRecord,
  StandardTermsRecord,
  AccountRecord,
  SalesTaxCodeRecord,
  ItemSalesTaxRecord,
  ItemSalesTaxGroupRecord,
  ClassRecord,
  InvoiceRecord,
  InvoiceLineRecord,
  LinkedTxnRecord,
  ReceivePaymentRecord,
  AppliedToTxnRecord,
  PurchaseOrderRecord,
  PurchaseOrderLineRecord,
  BillRecord,
  BillExpenseLineRecord,
  BillItemLineRecord,
  BillPaymentCheckRecord,
  HostRecord,
  CompanyRecord,
  PreferencesRecord,
  ListDeletedRecord,
  TxnDeletedRecord,
  OtherRecord,
};

/**
 * Records read from *Ret elements. The schema makes almost every child optional (IncludeRetElement
 * can trim any of them), so fields are optional; lists are always present, possibly empty.
 */
type QbxmlRecord =
  | CustomerRecord
  | VendorRecord
  | ItemServiceRecord
  | ItemNonInventoryRecord
  | PaymentMethodRecord
  | StandardTermsRecord
  | AccountRecord
  | SalesTaxCodeRecord
  | ItemSalesTaxRecord
  | ItemSalesTaxGroupRecord
  | ClassRecord
  | InvoiceRecord
  | ReceivePaymentRecord
  | PurchaseOrderRecord
  | BillRecord
  | BillPaymentCheckRecord
  | HostRecord
  | CompanyRecord
  | PreferencesRecord
  | ListDeletedRecord
  | TxnDeletedRecord
  | OtherRecord;

type RecordKind = QbxmlRecord["kind"];

interface RefValue {
  readonly listId?: string;
  readonly fullName?: string;
}

interface AddressValue {
  readonly addr1?: string;
  readonly addr2?: string;
  readonly addr3?: string;
  readonly addr4?: string;
  readonly addr5?: string;
  readonly city?: string;
  readonly state?: string;
  readonly postalCode?: string;
  readonly country?: string;
  readonly note?: string;
}

/** A DataExtRet: a custom field. OwnerID "0" marks the public ones users see in QuickBooks. */
interface CustomField {
  readonly ownerId?: string;
  readonly name: string;
  readonly type?: string;
  readonly value: string;
}

interface ListCore {
  readonly listId?: string;
  readonly timeCreated?: string;
  readonly timeModified?: string;
  readonly editSequence?: string;
}

interface TxnCore {
  readonly txnId?: string;
  readonly timeCreated?: string;
  readonly timeModified?: string;
  readonly editSequence?: string;
  readonly txnNumber?: number;
}

interface CustomerRecord extends ListCore {
  readonly kind: "Customer";
  readonly name?: string;
  /** "Parent:Job" for jobs. */
  readonly fullName?: string;
  readonly isActive?: boolean;
  readonly parent?: RefValue;
  readonly sublevel?: number;
  readonly companyName?: string;
  readonly salutation?: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly lastName?: string;
  readonly jobTitle?: string;
  readonly billAddress?: AddressValue;
  readonly shipAddress?: AddressValue;
  readonly phone?: string;
  readonly mobile?: string;
  readonly altPhone?: string;
  readonly fax?: string;
  readonly email?: string;
  readonly cc?: string;
  readonly contact?: string;
  readonly terms?: RefValue;
  readonly balance?: Cents;
  readonly totalBalance?: Cents;
  readonly salesTaxCode?: RefValue;
  readonly itemSalesTax?: RefValue;
  readonly resaleNumber?: string;
  readonly accountNumber?: string;
  readonly creditLimit?: Cents;
  readonly jobStatus?: string;
  readonly notes?: string;
  readonly externalGuid?: string;
  readonly customFields: readonly CustomField[];
}

interface VendorRecord extends ListCore {
  readonly kind: "Vendor";
  readonly name?: string;
  readonly isActive?: boolean;
  readonly companyName?: string;
  readonly salutation?: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly lastName?: string;
  readonly jobTitle?: string;
  readonly vendorAddress?: AddressValue;
  readonly shipAddress?: AddressValue;
  readonly phone?: string;
  readonly mobile?: string;
  readonly altPhone?: string;
  readonly fax?: string;
  readonly email?: string;
  readonly cc?: string;
  readonly contact?: string;
  readonly nameOnCheck?: string;
  readonly accountNumber?: string;
  readonly notes?: string;
  readonly terms?: RefValue;
  readonly creditLimit?: Cents;
  readonly vendorTaxIdent?: string;
  readonly isVendorEligibleFor1099?: boolean;
  readonly balance?: Cents;
  readonly externalGuid?: string;
  readonly customFields: readonly CustomField[];
}

interface ItemSalesOrPurchase {
  readonly desc?: string;
  readonly price?: PriceCents;
  readonly pricePercent?: number;
  readonly account?: RefValue;
}

interface ItemSalesAndPurchase {
  readonly salesDesc?: string;
  readonly salesPrice?: PriceCents;
  readonly incomeAccount?: RefValue;
  readonly purchaseDesc?: string;
  readonly purchaseCost?: PriceCents;
  readonly expenseAccount?: RefValue;
  readonly prefVendor?: RefValue;
}

interface ItemCore extends ListCore {
  readonly name?: string;
  readonly fullName?: string;
  readonly isActive?: boolean;
  readonly parent?: RefValue;
  readonly sublevel?: number;
  readonly salesTaxCode?: RefValue;
  readonly salesOrPurchase?: ItemSalesOrPurchase;
  readonly salesAndPurchase?: ItemSalesAndPurchase;
  readonly externalGuid?: string;
  readonly customFields: readonly CustomField[];
}

interface ItemServiceRecord extends ItemCore {
  readonly kind: "ItemService";
}

interface ItemNonInventoryRecord extends ItemCore {
  readonly kind: "ItemNonInventory";
  readonly manufacturerPartNumber?: string;
}

interface PaymentMethodRecord extends ListCore {
  readonly kind: "PaymentMethod";
  readonly name?: string;
  readonly isActive?: boolean;
  readonly paymentMethodType?: string;
}

interface StandardTermsRecord extends ListCore {
  readonly kind: "StandardTerms";
  readonly name?: string;
  readonly isActive?: boolean;
  readonly stdDueDays?: number;
  readonly stdDiscountDays?: number;
  readonly discountPct?: number;
}

interface AccountRecord extends ListCore {
  readonly kind: "Account";
  readonly name?: string;
  readonly fullName?: string;
  readonly isActive?: boolean;
  readonly parent?: RefValue;
  readonly sublevel?: number;
  readonly accountType?: string;
  readonly specialAccountType?: string;
  readonly accountNumber?: string;
  readonly desc?: string;
  readonly balance?: Cents;
  readonly totalBalance?: Cents;
  readonly customFields: readonly CustomField[];
}

interface SalesTaxCodeRecord extends ListCore {
  readonly kind: "SalesTaxCode";
  readonly name?: string;
  readonly isActive?: boolean;
  readonly isTaxable?: boolean;
  readonly desc?: string;
}

interface ItemSalesTaxRecord extends ListCore {
  readonly kind: "ItemSalesTax";
  readonly name?: string;
  readonly isActive?: boolean;
  readonly itemDesc?: string;
  /** Percent, e.g. 8.25. */
  readonly taxRate?: number;
  /** The tax agency, a vendor. */
  readonly taxVendor?: RefValue;
}

interface ItemSalesTaxGroupRecord extends ListCore {
  readonly kind: "ItemSalesTaxGroup";
  readonly name?: string;
  readonly isActive?: boolean;
  readonly itemDesc?: string;
  readonly items: readonly RefValue[];
}

interface ClassRecord extends ListCore {
  readonly kind: "Class";
  readonly name?: string;
  readonly fullName?: string;
  readonly isActive?: boolean;
  readonly parent?: RefValue;
  readonly sublevel?: number;
}

interface InvoiceLineRecord {
  readonly txnLineId?: string;
  /** Set on lines that belong to a group item line (InvoiceLineGroupRet). */
  readonly groupTxnLineId?: string;
  readonly item?: RefValue;
  readonly desc?: string;
  readonly quantity?: number;
  readonly rate?: PriceCents;
  readonly ratePercent?: number;
  readonly amount?: Cents;
  readonly serviceDate?: string;
  readonly salesTaxCode?: RefValue;
  readonly customFields: readonly CustomField[];
}

interface LinkedTxnRecord {
  readonly txnId?: string;
  readonly txnType?: string;
  readonly txnDate?: string;
  readonly refNumber?: string;
  readonly linkType?: string;
  readonly amount?: Cents;
}

interface InvoiceRecord extends TxnCore {
  readonly kind: "Invoice";
  readonly customer?: RefValue;
  readonly arAccount?: RefValue;
  readonly template?: RefValue;
  readonly txnDate?: string;
  readonly refNumber?: string;
  readonly billAddress?: AddressValue;
  readonly shipAddress?: AddressValue;
  readonly isPending?: boolean;
  readonly poNumber?: string;
  readonly terms?: RefValue;
  readonly dueDate?: string;
  readonly shipDate?: string;
  readonly subtotal?: Cents;
  readonly itemSalesTax?: RefValue;
  readonly salesTaxPercentage?: number;
  readonly salesTaxTotal?: Cents;
  readonly appliedAmount?: Cents;
  readonly balanceRemaining?: Cents;
  readonly memo?: string;
  readonly isPaid?: boolean;
  readonly isToBePrinted?: boolean;
  readonly isToBeEmailed?: boolean;
  readonly customerSalesTaxCode?: RefValue;
  readonly other?: string;
  readonly externalGuid?: string;
  readonly linkedTxns: readonly LinkedTxnRecord[];
  readonly lines: readonly InvoiceLineRecord[];
  readonly customFields: readonly CustomField[];
}

interface PurchaseOrderLineRecord {
  readonly txnLineId?: string;
  readonly item?: RefValue;
  readonly desc?: string;
  readonly quantity?: number;
  readonly rate?: PriceCents;
  readonly amount?: Cents;
  readonly customer?: RefValue;
  readonly receivedQuantity?: number;
  readonly isManuallyClosed?: boolean;
}

interface PurchaseOrderRecord extends TxnCore {
  readonly kind: "PurchaseOrder";
  readonly vendor?: RefValue;
  readonly shipToEntity?: RefValue;
  readonly txnDate?: string;
  readonly refNumber?: string;
  readonly terms?: RefValue;
  readonly dueDate?: string;
  readonly expectedDate?: string;
  readonly totalAmount?: Cents;
  readonly isManuallyClosed?: boolean;
  readonly isFullyReceived?: boolean;
  readonly memo?: string;
  readonly vendorMsg?: string;
  readonly externalGuid?: string;
  readonly linkedTxns: readonly LinkedTxnRecord[];
  readonly lines: readonly PurchaseOrderLineRecord[];
  readonly customFields: readonly CustomField[];
}

interface AppliedToTxnRecord {
  readonly txnId?: string;
  readonly txnType?: string;
  readonly txnDate?: string;
  readonly refNumber?: string;
  readonly balanceRemaining?: Cents;
  readonly amount?: Cents;
  readonly discountAmount?: Cents;
}

interface ReceivePaymentRecord extends TxnCore {
  readonly kind: "ReceivePayment";
  readonly customer?: RefValue;
  readonly arAccount?: RefValue;
  readonly txnDate?: string;
  readonly refNumber?: string;
  readonly totalAmount?: Cents;
  readonly paymentMethod?: RefValue;
  readonly memo?: string;
  readonly depositToAccount?: RefValue;
  readonly unusedPayment?: Cents;
  readonly unusedCredits?: Cents;
  readonly externalGuid?: string;
  readonly appliedTo: readonly AppliedToTxnRecord[];
  readonly customFields: readonly CustomField[];
}

interface BillExpenseLineRecord {
  readonly txnLineId?: string;
  readonly account?: RefValue;
  readonly amount?: Cents;
  readonly memo?: string;
}

interface BillItemLineRecord {
  readonly txnLineId?: string;
  /** Set on lines that belong to a group item line (ItemGroupLineRet). */
  readonly groupTxnLineId?: string;
  readonly item?: RefValue;
  readonly desc?: string;
  readonly quantity?: number;
  readonly cost?: PriceCents;
  readonly amount?: Cents;
}

interface BillRecord extends TxnCore {
  readonly kind: "Bill";
  readonly vendor?: RefValue;
  readonly apAccount?: RefValue;
  readonly txnDate?: string;
  readonly dueDate?: string;
  /** What is still owed on the bill. */
  readonly amountDue?: Cents;
  readonly refNumber?: string;
  readonly terms?: RefValue;
  readonly memo?: string;
  readonly isPaid?: boolean;
  readonly externalGuid?: string;
  readonly linkedTxns: readonly LinkedTxnRecord[];
  readonly expenseLines: readonly BillExpenseLineRecord[];
  readonly itemLines: readonly BillItemLineRecord[];
  readonly openAmount?: Cents;
  readonly customFields: readonly CustomField[];
}

interface BillPaymentCheckRecord extends TxnCore {
  readonly kind: "BillPaymentCheck";
  readonly payee?: RefValue;
  readonly apAccount?: RefValue;
  readonly txnDate?: string;
  readonly bankAccount?: RefValue;
  readonly amount?: Cents;
  readonly refNumber?: string;
  readonly memo?: string;
  readonly isToBePrinted?: boolean;
  readonly externalGuid?: string;
  readonly appliedTo: readonly AppliedToTxnRecord[];
  readonly customFields: readonly CustomField[];
}

interface HostRecord {
  readonly kind: "Host";
  readonly productName?: string;
  readonly majorVersion?: string;
  readonly minorVersion?: string;
  /** "US", "CA", "UK", ...: tells the edition. */
  readonly country?: string;
  readonly supportedQbxmlVersions: readonly string[];
  readonly isAutomaticLogin?: boolean;
  readonly qbFileMode?: string;
}

interface CompanyRecord {
  readonly kind: "Company";
  readonly isSampleCompany?: boolean;
  readonly companyName?: string;
  readonly legalCompanyName?: string;
  readonly address?: AddressValue;
  readonly phone?: string;
  readonly email?: string;
  readonly firstMonthFiscalYear?: string;
  readonly customFields: readonly CustomField[];
}

interface PreferencesRecord {
  readonly kind: "Preferences";
  readonly isUsingAccountNumbers?: boolean;
  readonly isRequiringAccounts?: boolean;
  readonly isUsingClassTracking?: boolean;
  /** Transactions dated on or before the closing date may be refused. */
  readonly closingDate?: string;
  readonly isUsingEstimates?: boolean;
  readonly isMultiCurrencyOn?: boolean;
  readonly isUsingInventory?: boolean;
  readonly isAutoApplyingPayments?: boolean;
  readonly isUsingPriceLevels?: boolean;
  readonly defaultItemSalesTax?: RefValue;
  readonly defaultTaxableSalesTaxCode?: RefValue;
  readonly defaultNonTaxableSalesTaxCode?: RefValue;
  readonly isAutomaticLoginAllowed?: boolean;
  readonly isPersonalDataAccessAllowed?: boolean;
}

interface ListDeletedRecord {
  readonly kind: "ListDeleted";
  readonly listDelType?: string;
  readonly listId?: string;
  readonly timeCreated?: string;
  readonly timeDeleted?: string;
  readonly fullName?: string;
}

interface TxnDeletedRecord {
  readonly kind: "TxnDeleted";
  readonly txnDelType?: string;
  readonly txnId?: string;
  readonly timeCreated?: string;
  readonly timeDeleted?: string;
  readonly refNumber?: string;
}

/** A *Ret the codec has no reader for (e.g. ItemInventoryRet from an ItemQuery): its identity only. */
interface OtherRecord {
  readonly kind: "Other";
  /** The element name, e.g. "ItemInventoryRet". */
  readonly element: string;
  readonly listId?: string;
  readonly txnId?: string;
  readonly timeCreated?: string;
  readonly timeModified?: string;
  readonly editSequence?: string;
  readonly name?: string;
  readonly fullName?: string;
}
