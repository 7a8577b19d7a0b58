import type { CompanyRecord, HostRecord, PreferencesRecord } from "./records";
import { childElement, readAddress, readBool, readCustomFields, readRef, readString, readStrings, type XmlElement } from "./xml-read";

export { readHost, readCompany, readPreferences };

/** HostRet: check SupportedQBXMLVersion for "13.0" before sending 13.0 requests. */
function readHost(ret: XmlElement): HostRecord {
  return {
    kind: "Host",
    productName: readString(ret, "ProductName"),
    majorVersion: readString(ret, "MajorVersion"),
    minorVersion: readString(ret, "MinorVersion"),
    country: readString(ret, "Country"),
    supportedQbxmlVersions: readStrings(ret, "SupportedQBXMLVersion").map((version) => version.trim()),
    isAutomaticLogin: readBool(ret, "IsAutomaticLogin"),
    qbFileMode: readString(ret, "QBFileMode"),
  };
}

function readCompany(ret: XmlElement): CompanyRecord {
  return {
    kind: "Company",
    isSampleCompany: readBool(ret, "IsSampleCompany"),
    companyName: readString(ret, "CompanyName"),
    legalCompanyName: readString(ret, "LegalCompanyName"),
    address: readAddress(ret, "Address"),
    phone: readString(ret, "Phone"),
    email: readString(ret, "Email"),
    firstMonthFiscalYear: readString(ret, "FirstMonthFiscalYear"),
    customFields: readCustomFields(ret),
  };
}

function readPreferences(ret: XmlElement): PreferencesRecord {
  const accounting = section(ret, "AccountingPreferences");
  const sales = section(ret, "SalesAndCustomersPreferences");
  const salesTax = section(ret, "SalesTaxPreferences");
  const access = section(ret, "CurrentAppAccessRights");
  return {
    kind: "Preferences",
    isUsingAccountNumbers: readBool(accounting, "IsUsingAccountNumbers"),
    isRequiringAccounts: readBool(accounting, "IsRequiringAccounts"),
    isUsingClassTracking: readBool(accounting, "IsUsingClassTracking"),
    closingDate: readString(accounting, "ClosingDate"),
    isUsingEstimates: readBool(section(ret, "JobsAndEstimatesPreferences"), "IsUsingEstimates"),
    isMultiCurrencyOn: readBool(section(ret, "MultiCurrencyPreferences"), "IsMultiCurrencyOn"),
    isUsingInventory: readBool(section(ret, "PurchasesAndVendorsPreferences"), "IsUsingInventory"),
    isAutoApplyingPayments: readBool(sales, "IsAutoApplyingPayments"),
    isUsingPriceLevels: readBool(section(sales, "PriceLevels"), "IsUsingPriceLevels"),
    defaultItemSalesTax: readRef(salesTax, "DefaultItemSalesTaxRef"),
    defaultTaxableSalesTaxCode: readRef(salesTax, "DefaultTaxableSalesTaxCodeRef"),
    defaultNonTaxableSalesTaxCode: readRef(salesTax, "DefaultNonTaxableSalesTaxCodeRef"),
    isAutomaticLoginAllowed: readBool(access, "IsAutomaticLoginAllowed"),
    isPersonalDataAccessAllowed: readBool(access, "IsPersonalDataAccessAllowed"),
  };
}

/** A preferences section, or an empty one when QuickBooks left it out (e.g. sales tax turned off). */
function section(parent: XmlElement, name: string): XmlElement {
  return childElement(parent, name) ?? { name, attributes: {}, children: [], text: "" };
}
