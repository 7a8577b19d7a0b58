import type { Books } from "./books";
import { XmlWriter } from "./xml";

export { writeHostRet, writeCompanyRet, writePreferencesRet, DEFAULT_SALES_TAX_ITEM };

const DEFAULT_SALES_TAX_ITEM = "State Sales Tax";

/** Every qbXML version up to the request processor's, as HostRet lists them (1.0, 1.1, 2.0, … 13.0, …). */
function supportedVersions(newest: { major: number; minor: number }): string[] {
  const early = ["1.0", "1.1", "2.0", "2.1", "3.0", "4.0", "4.1"];
  const later = Array.from({ length: Math.max(0, newest.major - 4) }, (_, index) => `${index + 5}.0`);
  return [...early, ...later].filter((version) => {
    const [major, minor] = version.split(".").map(Number);
    return major! < newest.major || (major === newest.major && minor! <= newest.minor);
  });
}

type Include = ReadonlySet<string> | undefined;

function writeHostRet(writer: XmlWriter, books: Books, include: Include): void {
  const { info } = books;
  const leaf = leafWriter(writer, include);
  writer.open("HostRet");
  leaf("ProductName", info.productName);
  leaf("MajorVersion", info.productMajorVersion);
  leaf("MinorVersion", "0");
  leaf("Country", info.country);
  for (const version of supportedVersions(info.qbxmlVersion)) leaf("SupportedQBXMLVersion", version);
  leaf("IsAutomaticLogin", "true");
  leaf("QBFileMode", "SingleUser");
  writer.close("HostRet");
}

/** CompanyRet; a data extension (such as an app's FileID stamp) comes back only to its OwnerID. */
function writeCompanyRet(writer: XmlWriter, books: Books, include: Include, ownerIds: readonly string[]): void {
  const { info } = books;
  const leaf = leafWriter(writer, include);
  writer.open("CompanyRet");
  leaf("IsSampleCompany", "false");
  leaf("CompanyName", info.companyName);
  leaf("LegalCompanyName", info.legalCompanyName);
  if (!include || include.has("Address")) {
    writer.open("Address");
    writer.leaf("Addr1", "200 Commercial Street");
    writer.leaf("City", "Portland");
    writer.leaf("State", "ME");
    writer.leaf("PostalCode", "04101");
    writer.leaf("Country", info.country);
    writer.close("Address");
  }
  leaf("Phone", "207-555-0100");
  leaf("Email", "office@harborlight.example");
  leaf("FirstMonthFiscalYear", "January");
  leaf("FirstMonthIncomeTaxYear", "January");
  leaf("CompanyType", "Retail");
  leaf("TaxForm", "Form1120S");
  const wanted = new Set(ownerIds.map((id) => id.toUpperCase()));
  for (const extension of info.dataExtensions) {
    if (!wanted.has(extension.ownerId.toUpperCase()) || (include && !include.has("DataExtRet"))) continue;
    writer.open("DataExtRet");
    writer.leaf("OwnerID", extension.ownerId);
    writer.leaf("DataExtName", extension.name);
    writer.leaf("DataExtType", "STR255TYPE");
    writer.leaf("DataExtValue", extension.value);
    writer.close("DataExtRet");
  }
  writer.close("CompanyRet");
}

/** Elements and their values in schema order; a nested list is an aggregate. */
type Leaves = readonly (readonly [string, string | Leaves])[];

/** A fixed set of preferences: no class tracking, no inventory, payments auto-applied. */
const PREFERENCES: readonly (readonly [string, Leaves])[] = [
  [
    "AccountingPreferences",
    [
      ["IsUsingAccountNumbers", "false"],
      ["IsRequiringAccounts", "true"],
      ["IsUsingClassTracking", "false"],
      ["IsUsingAuditTrail", "true"],
      ["IsAssigningJournalEntryNumbers", "true"],
    ],
  ],
  [
    "FinanceChargePreferences",
    [
      ["AnnualInterestRate", "0.00"],
      ["MinFinanceCharge", "0.00"],
      ["GracePeriod", "0"],
      ["IsAssessingForOverdueCharges", "false"],
      ["CalculateChargesFrom", "DueDate"],
      ["IsMarkedToBePrinted", "false"],
    ],
  ],
  [
    "JobsAndEstimatesPreferences",
    [
      ["IsUsingEstimates", "true"],
      ["IsUsingProgressInvoicing", "false"],
      ["IsPrintingItemsWithZeroAmounts", "false"],
    ],
  ],
  ["MultiCurrencyPreferences", [["IsMultiCurrencyOn", "false"]]],
  [
    "PurchasesAndVendorsPreferences",
    [
      ["IsUsingInventory", "false"],
      ["DaysBillsAreDue", "10"],
      ["IsAutomaticallyUsingDiscounts", "false"],
    ],
  ],
  [
    "ReportsPreferences",
    [
      ["AgingReportBasis", "AgeFromDueDate"],
      ["SummaryReportBasis", "Accrual"],
    ],
  ],
  [
    "SalesAndCustomersPreferences",
    [
      ["IsTrackingReimbursedExpensesAsIncome", "false"],
      ["IsAutoApplyingPayments", "true"],
      ["PriceLevels", [["IsUsingPriceLevels", "false"]]],
    ],
  ],
  // SalesTaxPreferences comes here; it names the company's own tax item and codes.
  ["TimeTrackingPreferences", [["FirstDayOfWeek", "Monday"]]],
  [
    "CurrentAppAccessRights",
    [
      ["IsAutomaticLoginAllowed", "true"],
      ["AutomaticLoginUserName", "Admin"],
      ["IsPersonalDataAccessAllowed", "false"],
    ],
  ],
];

function writePreferencesRet(writer: XmlWriter, books: Books, include: Include): void {
  writer.open("PreferencesRet");
  for (const [section, leaves] of PREFERENCES) {
    if (section === "TimeTrackingPreferences") writeSalesTaxPreferences(writer, books, include);
    if (!include || include.has(section)) writeLeaves(writer, [[section, leaves]]);
  }
  writer.close("PreferencesRet");
}

/** The schema requires all three refs; without them the company has sales tax turned off. */
function writeSalesTaxPreferences(writer: XmlWriter, books: Books, include: Include): void {
  const item = books.store.byName(["ItemSalesTax"], DEFAULT_SALES_TAX_ITEM);
  const taxable = books.store.byName(["SalesTaxCode"], "Tax");
  const nonTaxable = books.store.byName(["SalesTaxCode"], "Non");
  if (!item || !taxable || !nonTaxable || (include && !include.has("SalesTaxPreferences"))) return;
  const ref = (id: string, name: string): Leaves => [
    ["ListID", id],
    ["FullName", name],
  ];
  writeLeaves(writer, [
    [
      "SalesTaxPreferences",
      [
        ["DefaultItemSalesTaxRef", ref(item.id, DEFAULT_SALES_TAX_ITEM)],
        ["PaySalesTax", "Monthly"],
        ["DefaultTaxableSalesTaxCodeRef", ref(taxable.id, "Tax")],
        ["DefaultNonTaxableSalesTaxCodeRef", ref(nonTaxable.id, "Non")],
      ],
    ],
  ]);
}

function writeLeaves(writer: XmlWriter, leaves: Leaves): void {
  for (const [name, value] of leaves) {
    if (typeof value === "string") {
      writer.leaf(name, value);
    } else {
      writer.open(name);
      writeLeaves(writer, value);
      writer.close(name);
    }
  }
}

function leafWriter(writer: XmlWriter, include: Include) {
  return (name: string, value: string) => {
    if (!include || include.has(name)) writer.leaf(name, value);
  };
}
