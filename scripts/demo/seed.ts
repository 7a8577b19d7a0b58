import { and, asc, count, eq } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
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
  users,
} from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { contactInput, createContact, type ContactInput } from "@/server/records/contacts";
import { addDays } from "@/lib/dates";
import { saveImportedAccount } from "@/server/records/accounts";
import { billPaymentInput, createBillPayment } from "@/server/records/bill-payments";
import { billInput, createBill, createBillFromPurchaseOrder, type BillDetail } from "@/server/records/bills";
import { createInvoice, invoiceInput, type InvoiceDetail } from "@/server/records/invoices";
import { itemInput, itemList } from "@/server/records/items";
import { paymentMethodInput, paymentMethodList } from "@/server/records/payment-methods";
import { createPayment, paymentInput, type PaymentInput } from "@/server/records/payments";
import { createPurchaseOrder, purchaseOrderInput } from "@/server/records/purchase-orders";
import { salesTaxCodeInput, salesTaxCodeList } from "@/server/records/sales-tax-codes";
import { salesTaxGroupInput, salesTaxGroupList, salesTaxItemInput, salesTaxItemList } from "@/server/records/sales-tax-items";
import { termsInput, termsList } from "@/server/records/terms";
import {
  ACCOUNTS,
  BILL_VENDORS,
  BUSINESS_CUSTOMERS,
  FIRST_NAMES,
  HOUSEHOLD_CUSTOMERS,
  INACTIVE_CUSTOMERS,
  INVOICE_MEMOS,
  SALES_TAX_GROUP,
  SALES_TAX_ITEMS,
  TAX_AGENCY,
  TAX_EXEMPT_CUSTOMERS,
  ITEMS,
  LAST_NAMES,
  PAYMENT_METHODS,
  PURCHASE_ORDERS,
  SALES_TAX_CODES,
  STREETS,
  TERMS,
  TOWNS,
  VENDORS,
  type DemoItem,
} from "./data";
import { createRandom, type Random } from "./random";
import { syncSettings } from "@/server/sync/settings";

export const DEMO_INVOICES = 200;
export const DEMO_PAYMENTS = 150;
export const DEMO_BILLS = 24;
export const DEMO_BILL_PAYMENTS = 8;
/** Invoices are spread over about six months before today. */
const DEMO_DAYS = 182;

export interface SeedOptions {
  /** Replace the records already in the database instead of refusing. */
  force?: boolean;
  /** "YYYY-MM-DD" the demo's dates lead up to; today by default. */
  today?: string;
  seed?: number;
}

export interface DemoSummary {
  customers: number;
  vendors: number;
  items: number;
  paymentMethods: number;
  terms: number;
  salesTaxCodes: number;
  invoices: number;
  draftInvoices: number;
  payments: number;
  partialPayments: number;
  purchaseOrders: number;
  accounts: number;
  bills: number;
  billPayments: number;
  /** The admin the changes are attributed to, or null when there is none yet. */
  attributedTo: string | null;
}

/** Tables holding the records, children first so they can be emptied in this order. */
const RECORD_TABLES = [
  billPaymentApplications,
  billPayments,
  billLines,
  bills,
  accounts,
  purchaseOrderLines,
  purchaseOrders,
  paymentApplications,
  payments,
  invoiceLines,
  invoices,
  items,
  terms,
  paymentMethods,
  salesTaxGroupItems,
  salesTaxItems,
  salesTaxCodes,
  contacts,
] as const;

/**
 * Loads a believable small landscaping company through the record services, so every rule applies,
 * in one transaction: quick, and all or nothing. Refuses a database that already has records
 * unless `force`, which deletes them first.
 */
export function seedDemo(db: Database, options: SeedOptions = {}): Promise<DemoSummary> {
  return db.transaction(async (tx) => {
    await makeRoom(tx, options.force ?? false);
    return loadCompany(tx, {
      actor: await firstAdmin(tx),
      random: createRandom(options.seed ?? 20_250_601),
      today: options.today ?? new Date().toISOString().slice(0, 10),
    });
  });
}

async function loadCompany(db: Queryable, { actor, random, today }: { actor: SessionUser | null; random: Random; today: string }) {
  const lists = await loadLists(db, actor);
  const customers = await loadCustomers(db, random, actor);
  const vendors = await loadVendors(db, random, actor);
  await loadSalesTax(db, random, actor, lists.salesTaxCodeIds, customers);
  const demoItems = await loadItems(db, actor);
  const invoiceRows = await loadInvoices(db, random, actor, { today, customers, items: demoItems, terms: lists.terms });
  const plan = planPayments(random, today, invoiceRows, customers);
  for (const { input, method } of plan) {
    await createPayment(db, paymentInput.parse({ ...input, paymentMethodId: lists.paymentMethods[method] }), actor);
  }
  const orders = await loadPurchaseOrders(db, actor, { today, vendors, items: demoItems });
  const { loaded: loadedBills, checking } = await loadBills(db, random, actor, { today, vendors, items: demoItems });
  await billDeliveredOrder(db, actor, orders.first);
  const billPaymentCount = await payOldestBills(db, actor, loadedBills, checking);
  return {
    customers: customers.length,
    vendors: vendors.length + 1,
    items: demoItems.length,
    paymentMethods: Object.keys(lists.paymentMethods).length,
    terms: Object.keys(lists.terms).length,
    salesTaxCodes: lists.salesTaxCodes,
    invoices: invoiceRows.length,
    draftInvoices: invoiceRows.filter((invoice) => invoice.status === "draft").length,
    payments: plan.length,
    partialPayments: plan.filter((payment) => payment.partial).length,
    purchaseOrders: orders.count,
    accounts: ACCOUNTS.length,
    bills: loadedBills.length + 1,
    billPayments: billPaymentCount,
    attributedTo: actor?.email ?? null,
  };
}

async function makeRoom(db: Queryable, force: boolean) {
  const counts = await Promise.all(RECORD_TABLES.map((table) => countRows(db, table)));
  if (counts.every((n) => n === 0)) return;
  if (!force) {
    const [contactCount, invoiceCount] = await Promise.all([countRows(db, contacts), countRows(db, invoices)]);
    throw new AppError(
      "CONFLICT",
      `The database already has records (${contactCount} customers and vendors, ${invoiceCount} invoices, …). Run with --force to delete them and load the demo company instead.`,
    );
  }
  // Customers point at sales tax codes and items, and a sales tax item at its agency (a vendor): unhook them first.
  await db.update(contacts).set({ salesTaxCodeId: null, salesTaxItemId: null });
  for (const table of RECORD_TABLES) await db.delete(table);
}

async function countRows(db: Queryable, table: (typeof RECORD_TABLES)[number]): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

async function firstAdmin(db: Queryable): Promise<SessionUser | null> {
  const [admin] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .orderBy(asc(users.id))
    .limit(1);
  return admin ?? null;
}

async function loadLists(db: Queryable, actor: SessionUser | null) {
  const methodIds: Record<string, number> = {};
  for (const name of PAYMENT_METHODS) {
    methodIds[name] = (await paymentMethodList.create(db, paymentMethodInput.parse({ name }), actor)).id;
  }
  const termsIds: Record<string, number> = {};
  for (const entry of TERMS) termsIds[entry.name] = (await termsList.create(db, termsInput.parse(entry), actor)).id;
  const salesTaxCodeIds: Record<string, number> = {};
  for (const code of SALES_TAX_CODES) {
    salesTaxCodeIds[code.name] = (await salesTaxCodeList.create(db, salesTaxCodeInput.parse(code), actor)).id;
  }
  return { paymentMethods: methodIds, terms: termsIds, salesTaxCodes: SALES_TAX_CODES.length, salesTaxCodeIds };
}

/** The tax agency, the state and county rates and their group; every customer taxable at the group but two exempt ones. */
async function loadSalesTax(
  db: Queryable,
  random: Random,
  actor: SessionUser | null,
  codeIds: Record<string, number>,
  customers: DemoCustomer[],
) {
  const agency = await createContact(db, "vendor", contactInput.parse(businessContact(random, TAX_AGENCY)), actor);
  const itemIds = [];
  for (const item of SALES_TAX_ITEMS) {
    itemIds.push((await salesTaxItemList.create(db, salesTaxItemInput.parse({ ...item, agencyId: agency.id }), actor)).id);
  }
  const group = await salesTaxGroupList.create(db, salesTaxGroupInput.parse({ ...SALES_TAX_GROUP, itemIds }), actor);
  for (const customer of customers) {
    const exempt = (TAX_EXEMPT_CUSTOMERS as readonly string[]).includes(customer.name);
    await db
      .update(contacts)
      .set({ salesTaxCodeId: codeIds[exempt ? "Non" : "Tax"], salesTaxItemId: group.id })
      .where(eq(contacts.id, customer.id));
  }
}

interface DemoCustomer {
  id: number;
  name: string;
  business: boolean;
  active: boolean;
}

async function loadCustomers(db: Queryable, random: Random, actor: SessionUser | null): Promise<DemoCustomer[]> {
  const loaded: DemoCustomer[] = [];
  const names = [
    ...BUSINESS_CUSTOMERS.map((name) => ({ name, business: true })),
    ...HOUSEHOLD_CUSTOMERS.map((name) => ({ name, business: false })),
  ];
  for (const { name, business } of names) {
    const active = !(INACTIVE_CUSTOMERS as readonly string[]).includes(name);
    const input = business ? businessContact(random, name) : householdContact(random, name);
    const saved = await createContact(db, "customer", contactInput.parse({ ...input, active }), actor);
    loaded.push({ id: saved.id, name, business, active });
  }
  return loaded;
}

async function loadVendors(db: Queryable, random: Random, actor: SessionUser | null) {
  const loaded = [];
  for (const name of VENDORS) {
    loaded.push(await createContact(db, "vendor", contactInput.parse(businessContact(random, name)), actor));
  }
  return loaded;
}

function businessContact(random: Random, name: string): ContactInput {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const domain = name
    .toLowerCase()
    .replace(/[^a-z]/g, "")
    .slice(0, 24);
  return {
    name,
    companyName: name,
    firstName,
    lastName,
    email: `${random.pick(["office", "billing", "accounts", firstName.toLowerCase()])}@${domain}.example`,
    ...phoneAndAddress(random),
  };
}

function householdContact(random: Random, name: string): ContactInput {
  const lastSpace = name.lastIndexOf(" ");
  const firstName = name.slice(0, lastSpace);
  const lastName = name.slice(lastSpace + 1);
  const local = `${firstName.split(" ")[0]}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, "");
  return { name, firstName, lastName, email: `${local}@${random.pick(["example.com", "example.net"])}`, ...phoneAndAddress(random) };
}

function phoneAndAddress(random: Random) {
  const town = random.pick(TOWNS);
  return {
    phone: `(${random.pick(["919", "984"])}) 555-01${String(random.int(0, 99)).padStart(2, "0")}`,
    billAddr1: `${random.int(100, 9899)} ${random.pick(STREETS)}`,
    billCity: town.city,
    billState: "NC",
    billPostalCode: random.pick(town.postalCodes),
  };
}

interface LoadedItem extends DemoItem {
  id: number;
}

async function loadItems(db: Queryable, actor: SessionUser | null): Promise<LoadedItem[]> {
  const loaded: LoadedItem[] = [];
  for (const item of ITEMS) {
    const input = itemInput.parse({
      kind: item.kind,
      name: item.name,
      description: item.description,
      salesPrice: item.price,
      incomeAccount: item.kind === "service" ? "Service Income" : "Materials Income",
      // Materials sold are taxable in North Carolina; the labor here is not.
      taxable: item.kind === "non_inventory",
      parentId: item.parent === undefined ? null : loaded.find((parent) => parent.name === item.parent)!.id,
    });
    loaded.push({ ...item, id: (await itemList.create(db, input, actor)).id });
  }
  return loaded;
}

/** A few materials orders to the vendors that supply them, numbered 1, 2, … in date order. */
async function loadPurchaseOrders(
  db: Queryable,
  actor: SessionUser | null,
  context: { today: string; vendors: { id: number; name: string }[]; items: LoadedItem[] },
): Promise<{ count: number; first: { id: number; deliveredOn: string } }> {
  let first: { id: number; deliveredOn: string } | undefined;
  for (const order of PURCHASE_ORDERS) {
    const txnDate = addDays(context.today, -order.daysAgo);
    const input = purchaseOrderInput.parse({
      vendorId: context.vendors.find((vendor) => vendor.name === order.vendor)!.id,
      txnDate,
      expectedDate: addDays(txnDate, order.expectedIn),
      memo: order.memo ?? "",
      lines: order.lines.map(([name, quantity, rate]) => ({
        itemId: context.items.find((item) => item.name === name)!.id,
        quantity,
        rate,
      })),
    });
    const created = await createPurchaseOrder(db, input, actor);
    first ??= { id: created.id, deliveredOn: addDays(txnDate, order.expectedIn) };
  }
  return { count: PURCHASE_ORDERS.length, first: first! };
}

/** The oldest order has been delivered, and the office entered the vendor's bill from it (Create bill). */
async function billDeliveredOrder(db: Queryable, actor: SessionUser | null, order: { id: number; deliveredOn: string }) {
  await createBillFromPurchaseOrder(db, order.id, actor, order.deliveredOn);
}

interface InvoiceContext {
  today: string;
  customers: DemoCustomer[];
  items: LoadedItem[];
  terms: Record<string, number>;
}

/** Invoices in date order, so the numbers the service assigns (1001, 1002, …) rise with the dates. */
async function loadInvoices(db: Queryable, random: Random, actor: SessionUser | null, context: InvoiceContext) {
  const rules = { zeroAmountIsNcOnly: (await syncSettings(db)).ncOnlyZeroAmountInvoices };
  const active = context.customers.filter((customer) => customer.active);
  // A few regulars (the first customers) get most of the work, as in a real route book.
  const regulars = active.slice(0, 12);
  const ages = Array.from({ length: DEMO_INVOICES }, () => random.int(0, DEMO_DAYS)).sort((a, b) => b - a);
  const loaded: InvoiceDetail[] = [];
  for (const age of ages) {
    const customer = random.chance(0.5) ? random.pick(regulars) : random.pick(active);
    const termsId = customer.business ? context.terms[random.chance(0.7) ? "Net 30" : "Net 15"] : context.terms["Due on receipt"];
    const input = invoiceInput.parse({
      customerId: customer.id,
      txnDate: addDays(context.today, -age),
      termsId,
      memo: random.chance(0.25) ? random.pick(INVOICE_MEMOS) : null,
      status: random.chance(age < 21 ? 0.45 : 0.03) ? "draft" : "final",
      lines: demoLines(random, context.items),
    });
    loaded.push(await createInvoice(db, input, actor, rules));
  }
  return loaded;
}

function demoLines(random: Random, demoItems: LoadedItem[]) {
  const chosen = new Set<LoadedItem>();
  const count = random.int(1, 4);
  while (chosen.size < count) chosen.add(random.pick(demoItems));
  return [...chosen].map((item) => {
    const [from, to, step] = item.quantity;
    return {
      itemId: item.id,
      description: item.description,
      quantity: from + step * random.int(0, Math.round((to - from) / step)),
      rate: item.price,
    };
  });
}

/**
 * The chart of accounts as the first run would read it from QuickBooks (that run links these by name), and materials
 * bills from the suppliers over the same months as the invoices: an expense line each, an item line on every fourth.
 */
async function loadBills(
  db: Queryable,
  random: Random,
  actor: SessionUser | null,
  context: { today: string; vendors: { id: number; name: string }[]; items: LoadedItem[] },
): Promise<{ loaded: BillDetail[]; checking: number }> {
  const accountIds = new Map<string, number>();
  for (const account of ACCOUNTS) {
    const values = { name: account.name, fullName: account.name, accountType: account.type, accountNumber: null, active: true };
    accountIds.set(account.name, await saveImportedAccount(db, values, null));
  }
  const materials = context.items.filter((item) => item.kind === "non_inventory");
  const ages = Array.from({ length: DEMO_BILLS }, () => random.int(0, DEMO_DAYS)).sort((a, b) => b - a);
  const loaded: BillDetail[] = [];
  for (const [index, age] of ages.entries()) {
    const supplier = BILL_VENDORS[index % BILL_VENDORS.length]!;
    const vendor = context.vendors.find((each) => each.name === supplier.vendor)!;
    const item = index % 4 === 3 && materials.length > 0 ? random.pick(materials) : undefined;
    const input = billInput.parse({
      vendorId: vendor.id,
      txnDate: addDays(context.today, -age),
      dueDate: addDays(context.today, 30 - age),
      refNumber: `${supplier.prefix}-${4100 + index}`,
      memo: supplier.memo,
      expenseLines: [{ accountId: accountIds.get(supplier.account)!, amount: `${random.int(80, 900)}.${random.int(10, 99)}` }],
      // Bought at about 60% of the price it is sold for.
      itemLines: item
        ? [{ itemId: item.id, description: item.description, quantity: random.int(2, 12), cost: (Number(item.price) * 0.6).toFixed(2) }]
        : [],
    });
    loaded.push(await createBill(db, input, actor));
  }
  return { loaded, checking: accountIds.get("Checking")! };
}

/** The office pays its oldest bills by check from Checking, one check per bill; the last six months' stay open. */
async function payOldestBills(db: Queryable, actor: SessionUser | null, loaded: BillDetail[], checking: number): Promise<number> {
  const oldest = loaded.slice(0, DEMO_BILL_PAYMENTS);
  for (const [index, bill] of oldest.entries()) {
    const input = billPaymentInput.parse({
      vendorId: bill.vendorId,
      txnDate: addDays(bill.txnDate, 20),
      bankAccountId: checking,
      refNumber: String(5001 + index),
      applications: [{ billId: bill.id, amount: (bill.totalCents / 100).toFixed(2) }],
    });
    await createBillPayment(db, input, actor);
  }
  return oldest.length;
}

interface PlannedPayment {
  input: Omit<PaymentInput, "paymentMethodId">;
  method: (typeof PAYMENT_METHODS)[number];
  partial: boolean;
}

/**
 * Most final invoices get paid in full some days after they are sent; some in two parts; the newest are
 * often still open. The earliest DEMO_PAYMENTS payments are kept, so unpaid work piles up towards today.
 */
function planPayments(random: Random, today: string, invoiceRows: InvoiceDetail[], customers: DemoCustomer[]) {
  const business = new Set(customers.filter((customer) => customer.business).map((customer) => customer.id));
  const planned: PlannedPayment[] = [];
  const pay = (invoice: InvoiceDetail, txnDate: string, cents: number, partial: boolean) => {
    const method = business.has(invoice.customerId)
      ? random.pick(["Check", "Check", "ACH"] as const)
      : random.pick(["Check", "Visa", "MasterCard", "Cash"] as const);
    const refNumber = method === "Check" ? String(random.int(1001, 9999)) : method === "ACH" ? `ACH${random.int(100000, 999999)}` : null;
    const amount = (cents / 100).toFixed(2);
    const applications = [{ invoiceId: invoice.id, amount }];
    planned.push({ input: { customerId: invoice.customerId, txnDate, amount, refNumber, applications }, method, partial });
  };
  for (const invoice of invoiceRows) {
    if (invoice.status !== "final") continue;
    const recent = invoice.txnDate > addDays(today, -20);
    if (random.chance(recent ? 0.5 : 0.2)) continue;
    const paidOn = minDate(today, addDays(invoice.txnDate, random.int(0, 40)));
    if (invoice.totalCents >= 20_000 && random.chance(0.2)) {
      const first = Math.round((invoice.totalCents * random.int(30, 60)) / 100 / 100) * 100;
      pay(invoice, paidOn, first, true);
      const rest = addDays(paidOn, random.int(10, 35));
      if (rest <= today) pay(invoice, rest, invoice.totalCents - first, false);
    } else {
      pay(invoice, paidOn, invoice.totalCents, false);
    }
  }
  return planned
    .map((payment, order) => ({ payment, order }))
    .sort((a, b) => a.payment.input.txnDate.localeCompare(b.payment.input.txnDate) || a.order - b.order)
    .slice(0, DEMO_PAYMENTS)
    .map(({ payment }) => payment);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
