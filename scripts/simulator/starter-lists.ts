import type { Books } from "./books";
import type { Aggregate, ListKind } from "./fields";
import { DEFAULT_SALES_TAX_ITEM } from "./host";
import { addListRecord } from "./lists";

export { addStarterLists };

/** The chart of accounts of a small service company; items point at the income accounts, bills at the expense ones. */
const STARTER_ACCOUNTS: readonly { name: string; type: string; special?: string }[] = [
  { name: "Checking", type: "Bank" },
  { name: "Accounts Receivable", type: "AccountsReceivable", special: "AccountsReceivable" },
  { name: "Undeposited Funds", type: "OtherCurrentAsset", special: "UndepositedFunds" },
  { name: "Accounts Payable", type: "AccountsPayable", special: "AccountsPayable" },
  { name: "Sales Tax Payable", type: "OtherCurrentLiability", special: "SalesTaxPayable" },
  { name: "Opening Balance Equity", type: "Equity", special: "OpeningBalanceEquity" },
  { name: "Sales Income", type: "Income" },
  // Ledgerbridge's demo company books services to "Service Income"; the reference examples say "Services Income".
  { name: "Service Income", type: "Income" },
  { name: "Services Income", type: "Income" },
  { name: "Materials Income", type: "Income" },
  { name: "Cost of Goods Sold", type: "CostOfGoodsSold", special: "CostOfGoodsSold" },
  // What a field-service office books its vendors' bills to.
  { name: "Materials", type: "Expense" },
  { name: "Job Supplies", type: "Expense" },
  { name: "Fuel", type: "Expense" },
];

const STARTER_LISTS: readonly [ListKind, Aggregate][] = [
  ...STARTER_ACCOUNTS.map(({ name, type, special }): [ListKind, Aggregate] => [
    "Account",
    { Name: name, AccountType: type, ...(special ? { SpecialAccountType: special } : {}) },
  ]),
  ["StandardTerms", { Name: "Due on receipt", StdDueDays: "0", StdDiscountDays: "0", DiscountPct: "0" }],
  ["StandardTerms", { Name: "Net 15", StdDueDays: "15", StdDiscountDays: "0", DiscountPct: "0" }],
  ["StandardTerms", { Name: "Net 30", StdDueDays: "30", StdDiscountDays: "0", DiscountPct: "0" }],
  ["StandardTerms", { Name: "1% 10 Net 30", StdDueDays: "30", StdDiscountDays: "10", DiscountPct: "1" }],
  ["PaymentMethod", { Name: "Cash", PaymentMethodType: "Cash" }],
  ["PaymentMethod", { Name: "Check", PaymentMethodType: "Check" }],
  ["PaymentMethod", { Name: "Visa", PaymentMethodType: "Visa" }],
  ["PaymentMethod", { Name: "MasterCard", PaymentMethodType: "MasterCard" }],
  ["PaymentMethod", { Name: "American Express", PaymentMethodType: "AmericanExpress" }],
  ["PaymentMethod", { Name: "ACH", PaymentMethodType: "ECheck" }],
  ["SalesTaxCode", { Name: "Tax", IsTaxable: "true", Desc: "Taxable Sales" }],
  ["SalesTaxCode", { Name: "Non", IsTaxable: "false", Desc: "Non-Taxable Sales" }],
  ["ItemSalesTax", { Name: DEFAULT_SALES_TAX_ITEM, ItemDesc: "State sales tax", TaxRate: "4.75" }],
  ["Class", { Name: "Residential" }],
  ["Class", { Name: "Commercial" }],
  ["Employee", { Name: "Pat Rivera", FirstName: "Pat", LastName: "Rivera" }],
  ["Employee", { Name: "Sam Okoro", FirstName: "Sam", LastName: "Okoro" }],
];

/** The lists a QuickBooks company has before anyone syncs: accounts, terms, payment methods, tax codes. */
function addStarterLists(books: Books): void {
  for (const [kind, fields] of STARTER_LISTS) addListRecord(books, kind, fields);
}
