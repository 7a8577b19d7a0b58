import type {
  AccountRecord,
  ClassRecord,
  CustomerRecord,
  ItemNonInventoryRecord,
  ItemSalesAndPurchase,
  ItemSalesOrPurchase,
  ItemSalesTaxGroupRecord,
  ItemSalesTaxRecord,
  ItemServiceRecord,
  ListCore,
  PaymentMethodRecord,
  SalesTaxCodeRecord,
  StandardTermsRecord,
  VendorRecord,
} from "./records";
import {
  childElement,
  childElements,
  readAddress,
  readAmount,
  readBool,
  readCustomFields,
  readInteger,
  readNumber,
  readPrice,
  readRef,
  readString,
  type XmlElement,
} from "./xml-read";

export {
  readListCore,
  readCustomer,
  readVendor,
  readItemService,
  readItemNonInventory,
  readPaymentMethod,
  readStandardTerms,
  readAccount,
  readSalesTaxCode,
  readItemSalesTax,
  readItemSalesTaxGroup,
  readClass,
};

function readListCore(ret: XmlElement): ListCore {
  return {
    listId: readString(ret, "ListID"),
    timeCreated: readString(ret, "TimeCreated"),
    timeModified: readString(ret, "TimeModified"),
    editSequence: readString(ret, "EditSequence"),
  };
}

function readCustomer(ret: XmlElement): CustomerRecord {
  return {
    kind: "Customer",
    ...readListCore(ret),
    name: readString(ret, "Name"),
    fullName: readString(ret, "FullName"),
    isActive: readBool(ret, "IsActive"),
    parent: readRef(ret, "ParentRef"),
    sublevel: readInteger(ret, "Sublevel"),
    companyName: readString(ret, "CompanyName"),
    salutation: readString(ret, "Salutation"),
    firstName: readString(ret, "FirstName"),
    middleName: readString(ret, "MiddleName"),
    lastName: readString(ret, "LastName"),
    jobTitle: readString(ret, "JobTitle"),
    billAddress: readAddress(ret, "BillAddress"),
    shipAddress: readAddress(ret, "ShipAddress"),
    phone: readString(ret, "Phone"),
    mobile: readString(ret, "Mobile"),
    altPhone: readString(ret, "AltPhone"),
    fax: readString(ret, "Fax"),
    email: readString(ret, "Email"),
    cc: readString(ret, "Cc"),
    contact: readString(ret, "Contact"),
    terms: readRef(ret, "TermsRef"),
    balance: readAmount(ret, "Balance"),
    totalBalance: readAmount(ret, "TotalBalance"),
    salesTaxCode: readRef(ret, "SalesTaxCodeRef"),
    itemSalesTax: readRef(ret, "ItemSalesTaxRef"),
    resaleNumber: readString(ret, "ResaleNumber"),
    accountNumber: readString(ret, "AccountNumber"),
    creditLimit: readAmount(ret, "CreditLimit"),
    jobStatus: readString(ret, "JobStatus"),
    notes: readString(ret, "Notes"),
    externalGuid: readString(ret, "ExternalGUID"),
    customFields: readCustomFields(ret),
  };
}

function readVendor(ret: XmlElement): VendorRecord {
  return {
    kind: "Vendor",
    ...readListCore(ret),
    name: readString(ret, "Name"),
    isActive: readBool(ret, "IsActive"),
    companyName: readString(ret, "CompanyName"),
    salutation: readString(ret, "Salutation"),
    firstName: readString(ret, "FirstName"),
    middleName: readString(ret, "MiddleName"),
    lastName: readString(ret, "LastName"),
    jobTitle: readString(ret, "JobTitle"),
    vendorAddress: readAddress(ret, "VendorAddress"),
    shipAddress: readAddress(ret, "ShipAddress"),
    phone: readString(ret, "Phone"),
    mobile: readString(ret, "Mobile"),
    altPhone: readString(ret, "AltPhone"),
    fax: readString(ret, "Fax"),
    email: readString(ret, "Email"),
    cc: readString(ret, "Cc"),
    contact: readString(ret, "Contact"),
    nameOnCheck: readString(ret, "NameOnCheck"),
    accountNumber: readString(ret, "AccountNumber"),
    notes: readString(ret, "Notes"),
    terms: readRef(ret, "TermsRef"),
    creditLimit: readAmount(ret, "CreditLimit"),
    vendorTaxIdent: readString(ret, "VendorTaxIdent"),
    isVendorEligibleFor1099: readBool(ret, "IsVendorEligibleFor1099"),
    balance: readAmount(ret, "Balance"),
    externalGuid: readString(ret, "ExternalGUID"),
    customFields: readCustomFields(ret),
  };
}

function readItemService(ret: XmlElement): ItemServiceRecord {
  return { kind: "ItemService", ...readItemCore(ret) };
}

function readItemNonInventory(ret: XmlElement): ItemNonInventoryRecord {
  return {
    kind: "ItemNonInventory",
    ...readItemCore(ret),
    manufacturerPartNumber: readString(ret, "ManufacturerPartNumber"),
  };
}

function readItemCore(ret: XmlElement): Omit<ItemServiceRecord, "kind"> {
  return {
    ...readListCore(ret),
    name: readString(ret, "Name"),
    fullName: readString(ret, "FullName"),
    isActive: readBool(ret, "IsActive"),
    parent: readRef(ret, "ParentRef"),
    sublevel: readInteger(ret, "Sublevel"),
    salesTaxCode: readRef(ret, "SalesTaxCodeRef"),
    salesOrPurchase: readSalesOrPurchase(childElement(ret, "SalesOrPurchase")),
    salesAndPurchase: readSalesAndPurchase(childElement(ret, "SalesAndPurchase")),
    externalGuid: readString(ret, "ExternalGUID"),
    customFields: readCustomFields(ret),
  };
}

function readSalesOrPurchase(element: XmlElement | undefined): ItemSalesOrPurchase | undefined {
  if (element === undefined) return undefined;
  return {
    desc: readString(element, "Desc"),
    price: readPrice(element, "Price"),
    pricePercent: readNumber(element, "PricePercent"),
    account: readRef(element, "AccountRef"),
  };
}

function readSalesAndPurchase(element: XmlElement | undefined): ItemSalesAndPurchase | undefined {
  if (element === undefined) return undefined;
  return {
    salesDesc: readString(element, "SalesDesc"),
    salesPrice: readPrice(element, "SalesPrice"),
    incomeAccount: readRef(element, "IncomeAccountRef"),
    purchaseDesc: readString(element, "PurchaseDesc"),
    purchaseCost: readPrice(element, "PurchaseCost"),
    expenseAccount: readRef(element, "ExpenseAccountRef"),
    prefVendor: readRef(element, "PrefVendorRef"),
  };
}

function readPaymentMethod(ret: XmlElement): PaymentMethodRecord {
  return {
    kind: "PaymentMethod",
    ...readListCore(ret),
    name: readString(ret, "Name"),
    isActive: readBool(ret, "IsActive"),
    paymentMethodType: readString(ret, "PaymentMethodType"),
  };
}

function readStandardTerms(ret: XmlElement): StandardTermsRecord {
  return {
    kind: "StandardTerms",
    ...readListCore(ret),
    name: readString(ret, "Name"),
    isActive: readBool(ret, "IsActive"),
    stdDueDays: readInteger(ret, "StdDueDays"),
    stdDiscountDays: readInteger(ret, "StdDiscountDays"),
    discountPct: readNumber(ret, "DiscountPct"),
  };
}

function readAccount(ret: XmlElement): AccountRecord {
  return {
    kind: "Account",
    ...readListCore(ret),
    name: readString(ret, "Name"),
    fullName: readString(ret, "FullName"),
    isActive: readBool(ret, "IsActive"),
    parent: readRef(ret, "ParentRef"),
    sublevel: readInteger(ret, "Sublevel"),
    accountType: readString(ret, "AccountType"),
    specialAccountType: readString(ret, "SpecialAccountType"),
    accountNumber: readString(ret, "AccountNumber"),
    desc: readString(ret, "Desc"),
    balance: readAmount(ret, "Balance"),
    totalBalance: readAmount(ret, "TotalBalance"),
    customFields: readCustomFields(ret),
  };
}

function readSalesTaxCode(ret: XmlElement): SalesTaxCodeRecord {
  return {
    kind: "SalesTaxCode",
    ...readListCore(ret),
    name: readString(ret, "Name"),
    isActive: readBool(ret, "IsActive"),
    isTaxable: readBool(ret, "IsTaxable"),
    desc: readString(ret, "Desc"),
  };
}

function readItemSalesTax(ret: XmlElement): ItemSalesTaxRecord {
  return {
    kind: "ItemSalesTax",
    ...readListCore(ret),
    name: readString(ret, "Name"),
    isActive: readBool(ret, "IsActive"),
    itemDesc: readString(ret, "ItemDesc"),
    taxRate: readNumber(ret, "TaxRate"),
    taxVendor: readRef(ret, "TaxVendorRef"),
  };
}

function readItemSalesTaxGroup(ret: XmlElement): ItemSalesTaxGroupRecord {
  return {
    kind: "ItemSalesTaxGroup",
    ...readListCore(ret),
    name: readString(ret, "Name"),
    isActive: readBool(ret, "IsActive"),
    itemDesc: readString(ret, "ItemDesc"),
    items: childElements(ret, "ItemSalesTaxRef").map((ref) => ({
      listId: readString(ref, "ListID"),
      fullName: readString(ref, "FullName"),
    })),
  };
}

function readClass(ret: XmlElement): ClassRecord {
  return {
    kind: "Class",
    ...readListCore(ret),
    name: readString(ret, "Name"),
    fullName: readString(ret, "FullName"),
    isActive: readBool(ret, "IsActive"),
    parent: readRef(ret, "ParentRef"),
    sublevel: readInteger(ret, "Sublevel"),
  };
}
