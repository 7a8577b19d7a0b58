import { asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import {
  accounts,
  billLines,
  billPaymentApplications,
  billPayments,
  bills,
  contacts,
  invoiceLines,
  invoices,
  items,
  paymentApplications,
  paymentMethods,
  payments,
  purchaseOrderLines,
  purchaseOrders,
  salesTaxCodes,
  salesTaxGroupItems,
  salesTaxItems,
  terms,
} from "@/db/schema";
import { SimulatedCompany, type CompanyOptions } from "./company";
import type { Aggregate } from "./fields";

export type { OverlapSummary };
export { overlapCompany };

/** What "the same business before Ledgerbridge" holds, against the Ledgerbridge database it was made from. */
interface OverlapSummary {
  /** Records also in Ledgerbridge, by kind, and how many of them were changed in QuickBooks. */
  shared: Record<
    "paymentMethods" | "terms" | "customers" | "vendors" | "items" | "invoices" | "payments" | "purchaseOrders" | "bills" | "billPayments",
    number
  >;
  changed: number;
  /** Shared names spelt with another case in QuickBooks (the same record as QuickBooks compares names). */
  otherCase: number;
  onlyInQuickBooks: Record<"customers" | "items" | "invoices" | "payments" | "bills", number>;
  /** QuickBooks invoices whose number a different Ledgerbridge invoice uses. */
  numberClashes: number;
  /** Shared customers given a credit memo only in QuickBooks: their balance there differs from what syncs. */
  creditMemos: number;
}

/** Credit memos entered only in QuickBooks (Ledgerbridge does not sync them), in cents, for the first shared customers with invoices. */
const CREDIT_MEMOS = [-15000, -7500];

const ONLY_IN_QUICKBOOKS = ["Brookside Veterinary", "Carla Jimenez", "Eastgate Storage", "Hollis Family Dental", "Quentin Marsh"];

/**
 * A QuickBooks company as the office kept it before Ledgerbridge, made from a Ledgerbridge database: every payment
 * method and terms, every second customer, vendor and item (some with a field changed, a few names in another case), a
 * third of the final invoices of those customers with the same number, customer and lines, their payments, every second
 * expense-only bill of the shared vendors, and records only in QuickBooks (a bill among them), one invoice among them
 * numbered like a local one for another customer, the purchase orders whose vendor and items are shared (the first of
 * them received there), and credit memos only in QuickBooks for two customers, whose balances there then differ from
 * what syncs. Deterministic:
 * the same database gives the same company.
 */
async function overlapCompany(
  db: Queryable,
  options: Pick<CompanyOptions, "now"> = {},
): Promise<{ company: SimulatedCompany; summary: OverlapSummary }> {
  const company = new SimulatedCompany({ now: options.now, starterLists: true });
  const summary: OverlapSummary = {
    shared: {
      paymentMethods: 0,
      terms: 0,
      customers: 0,
      vendors: 0,
      items: 0,
      invoices: 0,
      payments: 0,
      purchaseOrders: 0,
      bills: 0,
      billPayments: 0,
    },
    changed: 0,
    otherCase: 0,
    onlyInQuickBooks: { customers: 0, items: 0, invoices: 0, payments: 0, bills: 0 },
    numberClashes: 0,
    creditMemos: 0,
  };
  const has = (kind: "PaymentMethod" | "StandardTerms", name: string) => company.find(kind, name) !== undefined;

  for (const method of await db.select().from(paymentMethods).orderBy(asc(paymentMethods.id))) {
    if (!has("PaymentMethod", method.name)) company.add("PaymentMethod", { Name: method.name, IsActive: String(method.active) });
    summary.shared.paymentMethods += 1;
  }
  for (const entry of await db.select().from(terms).orderBy(asc(terms.id))) {
    if (!has("StandardTerms", entry.name))
      company.add("StandardTerms", { Name: entry.name, StdDueDays: String(entry.netDays), IsActive: String(entry.active) });
    summary.shared.terms += 1;
  }

  // Every second record is shared; every fourth shared one was changed in QuickBooks since; every tenth is spelt in capitals.
  // The sales tax lists as Ledgerbridge keeps them, so QuickBooks taxes the shared invoices as Ledgerbridge did.
  const codes = new Map((await db.select().from(salesTaxCodes)).map((code) => [code.id, code]));
  for (const code of codes.values()) {
    if (!company.find("SalesTaxCode", code.name)) {
      company.add("SalesTaxCode", { Name: code.name, IsTaxable: String(code.taxable), ...optional({ Desc: code.description }) });
    }
  }
  const taxItems = new Map((await db.select().from(salesTaxItems).orderBy(asc(salesTaxItems.id))).map((item) => [item.id, item]));
  const people = await db.select().from(contacts).orderBy(asc(contacts.id));
  const members = await db.select().from(salesTaxGroupItems).orderBy(asc(salesTaxGroupItems.position));
  for (const item of [...taxItems.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "item" ? -1 : 1))) {
    if (item.kind === "item") {
      const agency = people.find((contact) => contact.id === item.agencyId);
      if (agency && !company.find("Vendor", agency.name)) company.addVendor({ Name: agency.name });
      company.add("ItemSalesTax", {
        Name: item.name,
        TaxRate: String(item.ratePercent ?? 0),
        ...optional({ ItemDesc: item.description }),
        ...(agency ? { TaxVendorRef: { FullName: agency.name } } : {}),
      });
    } else {
      company.add("ItemSalesTaxGroup", {
        Name: item.name,
        ...optional({ ItemDesc: item.description }),
        ItemSalesTaxRef: members
          .filter((member) => member.groupId === item.id)
          .map((member) => ({ FullName: taxItems.get(member.itemId)!.name })),
      });
    }
  }
  const codeName = (id: number | null) => (id === null ? undefined : codes.get(id)?.name);
  const taxItemName = (id: number | null) => (id === null ? undefined : taxItems.get(id)?.name);

  const sharedIds = new Set<number>();
  const every = <T extends { id: number }>(rows: T[], step: number) => rows.filter((_row, index) => index % step === 0);
  for (const kind of ["customer", "vendor"] as const) {
    const shared = every(
      people.filter((contact) => contact.kind === kind && contact.proxyId === null),
      2,
    );
    shared.forEach((contact, index) => {
      const changed = index % 4 === 3;
      const capitals = index % 10 === 5;
      const fields: Aggregate = {
        Name: capitals ? contact.name.toUpperCase() : contact.name,
        IsActive: String(contact.active),
        ...optional({ CompanyName: contact.companyName, FirstName: contact.firstName, LastName: contact.lastName }),
        ...optional({ Phone: changed ? "(919) 555-0000" : contact.phone, Email: contact.email, Notes: contact.notes }),
        ...address(kind === "customer" ? "BillAddress" : "VendorAddress", contact),
        ...refs({ SalesTaxCodeRef: codeName(contact.salesTaxCodeId), ItemSalesTaxRef: taxItemName(contact.salesTaxItemId) }),
      };
      // A tax agency is in QuickBooks already, added with its sales tax items.
      const agencyAdded = kind === "vendor" && company.find("Vendor", contact.name) !== undefined;
      if (!agencyAdded) company.add(kind === "customer" ? "Customer" : "Vendor", fields);
      sharedIds.add(contact.id);
      summary.shared[kind === "customer" ? "customers" : "vendors"] += 1;
      if (changed || capitals) summary.changed += 1;
      if (capitals) summary.otherCase += 1;
    });
  }

  const localItems = await db.select().from(items).orderBy(asc(items.id));
  const sharedInvoices = every(
    (await db.select().from(invoices).where(eq(invoices.status, "final")).orderBy(asc(invoices.id))).filter(
      (invoice) => sharedIds.has(invoice.customerId) && !invoice.ncOnly,
    ),
    3,
  );
  const lines =
    sharedInvoices.length === 0
      ? []
      : await db
          .select()
          .from(invoiceLines)
          .where(
            inArray(
              invoiceLines.invoiceId,
              sharedInvoices.map((invoice) => invoice.id),
            ),
          )
          .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
  const itemsOnInvoices = new Set(lines.map((line) => line.itemId));
  const taxableItems = new Set(localItems.filter((item) => item.taxable).map((item) => item.id));
  const itemIds = new Map<number, string>();
  every(localItems, 2).forEach((item) => itemIds.set(item.id, ""));
  for (const id of itemsOnInvoices) itemIds.set(id, "");
  // A sub-item's categories are there too, and added before it (the shallower first).
  const byId = new Map(localItems.map((item) => [item.id, item]));
  for (const id of [...itemIds.keys()]) {
    for (let parentId = byId.get(id)?.parentId; parentId; parentId = byId.get(parentId)?.parentId) itemIds.set(parentId, "");
  }
  const depth = (item: (typeof localItems)[number]) => item.fullName.split(":").length;
  let itemIndex = 0;
  for (const item of [...localItems].sort((a, b) => depth(a) - depth(b))) {
    if (!itemIds.has(item.id) || item.proxyId !== null) continue;
    const changed = itemIndex % 4 === 3 && !itemsOnInvoices.has(item.id);
    itemIndex += 1;
    ensureAccount(company, item.incomeAccount);
    const price = changed ? (item.salesPriceCents ?? 0) + 500 : item.salesPriceCents;
    const added = company.add(item.kind === "service" ? "ItemService" : "ItemNonInventory", {
      Name: item.name,
      IsActive: String(item.active),
      ...(item.parentId === null ? {} : { ParentRef: { ListID: itemIds.get(item.parentId)! } }),
      SalesTaxCodeRef: { FullName: item.taxable ? "Tax" : "Non" },
      SalesOrPurchase: {
        ...optional({ Desc: item.description }),
        ...(price === null ? {} : { Price: money(price) }),
        AccountRef: { FullName: item.incomeAccount },
      },
    });
    itemIds.set(item.id, added.id);
    summary.shared.items += 1;
    if (changed) summary.changed += 1;
  }

  const customerIds = new Map(company.list("Customer").map((record) => [String(record.Name).toLowerCase(), record.id]));
  const customerOf = (id: number) => customerIds.get(people.find((contact) => contact.id === id)!.name.toLowerCase())!;
  const txnIds = new Map<number, string>();
  for (const invoice of sharedInvoices) {
    const added = company.addInvoice({
      CustomerRef: { ListID: customerOf(invoice.customerId) },
      TxnDate: invoice.txnDate,
      RefNumber: invoice.number,
      ...optional({ DueDate: invoice.dueDate, Memo: invoice.memo }),
      // As Ledgerbridge sends them: without a tax item, the customer's code is non-taxable.
      ...refs({
        ItemSalesTaxRef: taxItemName(invoice.salesTaxItemId),
        CustomerSalesTaxCodeRef: invoice.salesTaxItemId === null ? "Non" : (codeName(invoice.customerSalesTaxCodeId) ?? "Tax"),
      }),
      ...(invoice.termsId === null
        ? {}
        : { TermsRef: { FullName: (await db.select().from(terms).where(eq(terms.id, invoice.termsId)))[0]!.name } }),
      InvoiceLineRet: lines
        .filter((line) => line.invoiceId === invoice.id)
        .map((line) => ({
          ItemRef: { ListID: itemIds.get(line.itemId)! },
          ...optional({ Desc: line.description }),
          Quantity: String(line.quantity),
          Rate: money(line.rateCents),
          SalesTaxCodeRef: { FullName: codeName(line.salesTaxCodeId) ?? (taxableItems.has(line.itemId) ? "Tax" : "Non") },
        })),
    });
    txnIds.set(invoice.id, added.id);
    summary.shared.invoices += 1;
  }

  const applications =
    txnIds.size === 0
      ? []
      : await db
          .select()
          .from(paymentApplications)
          .where(inArray(paymentApplications.invoiceId, [...txnIds.keys()]));
  const paymentIds = [...new Set(applications.map((application) => application.paymentId))];
  const methods = new Map((await db.select().from(paymentMethods)).map((method) => [method.id, method.name]));
  for (const payment of paymentIds.length === 0
    ? []
    : await db.select().from(payments).where(inArray(payments.id, paymentIds)).orderBy(asc(payments.id))) {
    const own = applications.filter((application) => application.paymentId === payment.id);
    // Only payments applied wholly to shared invoices are in QuickBooks as they are here.
    const all = await db.select().from(paymentApplications).where(eq(paymentApplications.paymentId, payment.id));
    if (all.length !== own.length) continue;
    company.receivePayment({
      CustomerRef: { ListID: customerOf(payment.customerId) },
      TxnDate: payment.txnDate,
      TotalAmount: money(payment.amountCents),
      ...optional({ RefNumber: payment.refNumber, Memo: payment.memo }),
      ...(payment.paymentMethodId === null ? {} : { PaymentMethodRef: { FullName: methods.get(payment.paymentMethodId)! } }),
      AppliedToTxnRet: own.map((application) => ({
        TxnID: txnIds.get(application.invoiceId)!,
        PaymentAmount: money(application.amountCents),
      })),
    });
    summary.shared.payments += 1;
  }

  const invoiced = [...new Set(sharedInvoices.map((invoice) => customerOf(invoice.customerId)))];
  CREDIT_MEMOS.forEach((cents, index) => {
    if (invoiced[index] === undefined) return;
    company.adjustBalance("Customer", invoiced[index], cents);
    summary.creditMemos += 1;
  });
  await addSharedPurchaseOrders(db, company, summary);
  await addSharedBills(db, company, summary);

  const sharedNumbers = new Set(sharedInvoices.map((invoice) => invoice.number));
  const localNumbers = (await db.select({ number: invoices.number }).from(invoices).orderBy(asc(invoices.id))).map((row) => row.number);
  addOnlyInQuickBooks(
    company,
    summary,
    localNumbers,
    localNumbers.find((number) => !sharedNumbers.has(number)),
  );
  return { company, summary };
}

/** Purchase orders whose vendor and items QuickBooks has, as they are here; the first one received there in full. */
async function addSharedPurchaseOrders(db: Queryable, company: SimulatedCompany, summary: OverlapSummary): Promise<void> {
  const orders = await db
    .select({ order: purchaseOrders, vendor: contacts.name })
    .from(purchaseOrders)
    .innerJoin(contacts, eq(contacts.id, purchaseOrders.vendorId))
    .orderBy(asc(purchaseOrders.id));
  for (const { order, vendor } of orders) {
    const vendorThere = company.find("Vendor", vendor);
    const lines = await db
      .select({ line: purchaseOrderLines, item: items.name })
      .from(purchaseOrderLines)
      .innerJoin(items, eq(items.id, purchaseOrderLines.itemId))
      .where(eq(purchaseOrderLines.purchaseOrderId, order.id))
      .orderBy(asc(purchaseOrderLines.position));
    const itemsThere = lines.map(({ item }) => company.find("ItemNonInventory", item) ?? company.find("ItemService", item));
    if (!vendorThere || itemsThere.some((item) => item === undefined)) continue;
    const added = company.addPurchaseOrder({
      VendorRef: { ListID: vendorThere.id },
      TxnDate: order.txnDate,
      RefNumber: order.number,
      ...optional({ ExpectedDate: order.expectedDate, Memo: order.memo }),
      PurchaseOrderLineRet: lines.map(({ line }, index) => ({
        ItemRef: { ListID: itemsThere[index]!.id },
        ...optional({ Desc: line.description }),
        Quantity: String(line.quantity),
        Rate: money(line.rateCents),
        Amount: money(line.amountCents),
      })),
    });
    if (summary.shared.purchaseOrders === 0) company.receivePurchaseOrder(added.id);
    summary.shared.purchaseOrders += 1;
  }
}

/** Records the office keeps only in QuickBooks: customers, an item, their invoices and payments. */
function addOnlyInQuickBooks(company: SimulatedCompany, summary: OverlapSummary, localNumbers: string[], clashNumber: string | undefined) {
  ensureAccount(company, "Service Income");
  const item = company.add("ItemService", {
    Name: "Snow Removal",
    SalesTaxCodeRef: { FullName: "Non" },
    SalesOrPurchase: { Desc: "Plowing and salting, per visit", Price: "85.00", AccountRef: { FullName: "Service Income" } },
  });
  summary.onlyInQuickBooks.items += 1;
  const numeric = localNumbers.map(Number).filter(Number.isFinite);
  let next = (numeric.length > 0 ? Math.max(...numeric) : 1000) + 500;
  ONLY_IN_QUICKBOOKS.forEach((name, index) => {
    const customer = company.add("Customer", { Name: name, Phone: `(919) 555-02${String(index).padStart(2, "0")}` });
    summary.onlyInQuickBooks.customers += 1;
    // The first one's invoice reuses a number Ledgerbridge gave another customer's invoice.
    const clash = index === 0 && clashNumber !== undefined;
    const invoice = company.addInvoice({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2025-01-15",
      RefNumber: clash ? clashNumber : String(next++),
      InvoiceLineRet: [{ ItemRef: { ListID: item.id }, Quantity: String(index + 1), Rate: "85.00" }],
    });
    if (clash) summary.numberClashes += 1;
    else summary.onlyInQuickBooks.invoices += 1;
    if (index % 2 === 1) {
      company.receivePayment({
        CustomerRef: { ListID: customer.id },
        TxnDate: "2025-01-30",
        TotalAmount: money(8500 * (index + 1)),
        RefNumber: `QB-${index}`,
        PaymentMethodRef: { FullName: "Check" },
        AppliedToTxnRet: [{ TxnID: invoice.id, PaymentAmount: money(8500 * (index + 1)) }],
      });
      summary.onlyInQuickBooks.payments += 1;
    }
  });
}

/**
 * Every second bill of a vendor QuickBooks has, when all its lines are expenses (its items may be Ledgerbridge's alone),
 * as it is here; and a fuel bill entered only in QuickBooks.
 */
async function addSharedBills(db: Queryable, company: SimulatedCompany, summary: OverlapSummary): Promise<void> {
  const vendorIds = new Map(company.list("Vendor").map((record) => [String(record.Name).toLowerCase(), record.id]));
  const lines = await db
    .select({
      billId: billLines.billId,
      kind: billLines.kind,
      account: accounts.fullName,
      amountCents: billLines.amountCents,
      memo: billLines.memo,
    })
    .from(billLines)
    .leftJoin(accounts, eq(accounts.id, billLines.accountId));
  const localBills = await db
    .select({ bill: bills, vendor: contacts.name })
    .from(bills)
    .innerJoin(contacts, eq(contacts.id, bills.vendorId))
    .orderBy(asc(bills.id));
  const expenseOnly = localBills.filter(
    ({ bill, vendor }) => vendorIds.has(vendor.toLowerCase()) && lines.every((line) => line.billId !== bill.id || line.kind === "expense"),
  );
  const sharedBills = new Map<number, string>();
  for (const [index, { bill, vendor }] of expenseOnly.entries()) {
    if (index % 2 === 1) continue;
    for (const line of lines) if (line.billId === bill.id && line.account) ensureAccount(company, line.account, "Expense");
    const added = company.enterBill({
      VendorRef: { ListID: vendorIds.get(vendor.toLowerCase())! },
      TxnDate: bill.txnDate,
      ...optional({ DueDate: bill.dueDate, RefNumber: bill.refNumber, Memo: bill.memo }),
      ExpenseLineRet: lines
        .filter((line) => line.billId === bill.id)
        .map((line) => ({ AccountRef: { FullName: line.account! }, Amount: money(line.amountCents), ...optional({ Memo: line.memo }) })),
    });
    sharedBills.set(bill.id, added.id);
    summary.shared.bills += 1;
  }
  await addSharedBillPayments(db, company, summary, sharedBills);
  const [vendorId] = vendorIds.values();
  if (vendorId === undefined) return;
  ensureAccount(company, "Fuel", "Expense");
  company.enterBill({
    VendorRef: { ListID: vendorId },
    TxnDate: "2025-01-20",
    RefNumber: "QB-FUEL-1",
    ExpenseLineRet: [{ AccountRef: { FullName: "Fuel" }, Amount: "212.40", Memo: "Entered in QuickBooks only" }],
  });
  summary.onlyInQuickBooks.bills += 1;
}

/** The checks here that pay only shared bills, written in QuickBooks too. */
async function addSharedBillPayments(db: Queryable, company: SimulatedCompany, summary: OverlapSummary, sharedBills: Map<number, string>) {
  const applications = await db.select().from(billPaymentApplications);
  const checks = await db
    .select({ payment: billPayments, vendor: contacts.name, bank: accounts.fullName })
    .from(billPayments)
    .innerJoin(contacts, eq(contacts.id, billPayments.vendorId))
    .innerJoin(accounts, eq(accounts.id, billPayments.bankAccountId))
    .orderBy(asc(billPayments.id));
  for (const { payment, vendor, bank } of checks) {
    const own = applications.filter((application) => application.billPaymentId === payment.id);
    if (own.length === 0 || !own.every((application) => sharedBills.has(application.billId))) continue;
    ensureAccount(company, bank, "Bank");
    company.payBills({
      PayeeEntityRef: { FullName: vendor },
      TxnDate: payment.txnDate,
      BankAccountRef: { FullName: bank },
      ...optional({ RefNumber: payment.refNumber, Memo: payment.memo }),
      AppliedToTxnRet: own.map((application) => ({
        TxnID: sharedBills.get(application.billId)!,
        PaymentAmount: money(application.amountCents),
      })),
    });
    summary.shared.billPayments += 1;
  }
}

function ensureAccount(company: SimulatedCompany, name: string, type = "Income"): void {
  if (!company.find("Account", name)) company.add("Account", { Name: name, AccountType: type });
}

function address(element: "BillAddress" | "VendorAddress", contact: typeof contacts.$inferSelect): Aggregate {
  const lines = optional({
    Addr1: contact.billAddr1,
    Addr2: contact.billAddr2,
    City: contact.billCity,
    State: contact.billState,
    PostalCode: contact.billPostalCode,
    Country: contact.billCountry,
  });
  return Object.keys(lines).length === 0 ? {} : { [element]: lines };
}

/** References by full name, for those that have one. */
function refs(names: Record<string, string | undefined>): Aggregate {
  return Object.fromEntries(
    Object.entries(names).flatMap(([element, name]) => (name === undefined ? [] : [[element, { FullName: name }]])),
  );
}

/** The fields that have a value: QuickBooks leaves the others out. */
function optional(fields: Record<string, string | null | undefined>): Aggregate {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
}

function money(cents: number): string {
  return (cents / 100).toFixed(2);
}
