import { BUSINESS_CUSTOMERS, FIRST_NAMES, HOUSEHOLD_CUSTOMERS, ITEMS, LAST_NAMES, STREETS, TERMS, TOWNS, VENDORS } from "../demo/data";
import { createRandom, type Random } from "../demo/random";
import type { Books } from "./books";
import type { Aggregate } from "./fields";
import { addListRecord } from "./lists";
import { formatCents } from "./money";
import { addStarterLists } from "./starter-lists";
import type { SimRecord } from "./store";
import { formatDate } from "./time";
import { addInvoice, addPayment, invoiceTotals } from "./transactions";

export type { SeedCounts };
export { seedCompany };

/** How many records a seeded company holds (the starter lists come on top). */
interface SeedCounts {
  readonly customers?: number;
  /** Jobs under business customers ("Harbor Dental Group:Spring Cleanup 2"). */
  readonly jobs?: number;
  readonly vendors?: number;
  readonly items?: number;
  readonly invoices?: number;
  /** Payments, each applied to one open invoice (in full or in part). */
  readonly payments?: number;
}

interface SeedOptions {
  readonly seed: number;
  readonly starterLists: boolean;
  /** Runs `work` with QuickBooks' clock at `time`, so records get a TimeCreated in the past. */
  readonly at: <T>(time: number, work: () => T) => T;
}

const DAY = 86_400_000;
const PEOPLE = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => ({ first, last })));
const JOB_NAMES = ["Spring Cleanup", "Irrigation Install", "Patio Beds", "Sod Replacement", "Drainage Fix", "Tree Planting"];

/**
 * A landscaping company (the same one `npm run seed:demo` puts in Ledgerbridge) spread over two years
 * before today: lists first, invoices in the last six months, payments after their invoices.
 */
function seedCompany(books: Books, counts: SeedCounts, options: SeedOptions): void {
  const random = createRandom(options.seed);
  const now = books.nowMs();
  const start = now - 730 * DAY;
  const { at } = options;
  if (options.starterLists) at(start, () => addStarterLists(books));

  const listSpan = 540 * DAY;
  const spread = (index: number, total: number) => start + DAY + Math.floor((index * listSpan) / Math.max(total, 1));

  const vendorCount = counts.vendors ?? 0;
  for (let i = 0; i < vendorCount; i++) at(spread(i, vendorCount), () => addListRecord(books, "Vendor", vendorFields(i, random)));

  const items: SimRecord[] = [];
  const itemCount = counts.items ?? 0;
  for (let i = 0; i < itemCount; i++) items.push(at(spread(i, itemCount), () => addItem(books, i)));

  const customers: SimRecord[] = [];
  const customerCount = counts.customers ?? 0;
  for (let i = 0; i < customerCount; i++) {
    customers.push(at(spread(i, customerCount), () => addListRecord(books, "Customer", customerFields(i, random))));
  }
  const jobCount = counts.jobs ?? 0;
  const businesses = customers.filter((customer) => customer.fields.CompanyName !== undefined);
  for (let i = 0; i < jobCount && businesses.length > 0; i++) {
    const parent = businesses[i % businesses.length]!;
    const nth = Math.floor(i / businesses.length);
    const round = Math.floor(nth / JOB_NAMES.length);
    const name = `${JOB_NAMES[nth % JOB_NAMES.length]}${round === 0 ? "" : ` ${round + 1}`}`;
    customers.push(
      at(spread(i, jobCount) + 30 * DAY, () =>
        addListRecord(books, "Customer", { Name: name, ParentRef: { ListID: parent.id }, JobStatus: "InProgress" }),
      ),
    );
  }

  const active = customers.filter((customer) => customer.fields.IsActive !== "false");
  const invoices: SimRecord[] = [];
  const invoiceCount = active.length > 0 && items.length > 0 ? (counts.invoices ?? 0) : 0;
  for (let i = 0; i < invoiceCount; i++) {
    const time = now - 180 * DAY + Math.floor((i * 170 * DAY) / Math.max(invoiceCount, 1));
    const customer = random.pick(active);
    invoices.push(at(time, () => addInvoice(books, invoiceFields(books, customer, items, random, time))));
  }

  const paymentCount = Math.min(counts.payments ?? 0, invoices.length);
  const order = shuffled(invoices, random);
  for (let i = 0; i < paymentCount; i++) {
    const invoice = order[i]!;
    const balance = invoiceTotals(books, invoice).balance;
    if (balance <= 0) continue;
    const time = Math.min(invoice.created + random.int(3, 40) * DAY, now - DAY);
    const amount = random.chance(0.75) ? balance : Math.max(1, Math.round(balance / 2));
    at(time, () => addPayment(books, paymentFields(books, invoice, amount, random, time)));
  }
}

function customerFields(index: number, random: Random): Aggregate {
  const names = BUSINESS_CUSTOMERS.length + HOUSEHOLD_CUSTOMERS.length + PEOPLE.length;
  const slot = index % names;
  const round = Math.floor(index / names);
  const suffix = round === 0 ? "" : ` ${round + 1}`;
  const town = random.pick(TOWNS);
  const address = {
    Addr1: `${random.int(100, 9899)} ${random.pick(STREETS)}`,
    City: town.city,
    State: "NC",
    PostalCode: random.pick(town.postalCodes),
  };
  const common: Aggregate = {
    BillAddress: address,
    Phone: `919-555-01${String(random.int(0, 99)).padStart(2, "0")}`,
    TermsRef: { FullName: random.pick(TERMS).name },
    ...(random.chance(0.03) ? { IsActive: "false" } : {}),
  };
  if (slot < BUSINESS_CUSTOMERS.length) {
    const company = BUSINESS_CUSTOMERS[slot]!;
    return { Name: `${company}${suffix}`, CompanyName: company, ...common, SalesTaxCodeRef: { FullName: "Tax" } };
  }
  const person =
    slot < BUSINESS_CUSTOMERS.length + HOUSEHOLD_CUSTOMERS.length
      ? splitName(HOUSEHOLD_CUSTOMERS[slot - BUSINESS_CUSTOMERS.length]!)
      : PEOPLE[slot - BUSINESS_CUSTOMERS.length - HOUSEHOLD_CUSTOMERS.length]!;
  const email = `${person.first}.${person.last}${round || ""}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, "");
  return { Name: `${person.first} ${person.last}${suffix}`, FirstName: person.first, LastName: person.last, ...common, Email: email };
}

function splitName(name: string): { first: string; last: string } {
  const space = name.lastIndexOf(" ");
  return { first: name.slice(0, space), last: name.slice(space + 1) };
}

function vendorFields(index: number, random: Random): Aggregate {
  const name = VENDORS[index % VENDORS.length]!;
  const round = Math.floor(index / VENDORS.length);
  const town = random.pick(TOWNS);
  return {
    Name: round === 0 ? name : `${name} ${round + 1}`,
    CompanyName: name,
    VendorAddress: {
      Addr1: `${random.int(100, 9899)} ${random.pick(STREETS)}`,
      City: town.city,
      State: "NC",
      PostalCode: town.postalCodes[0],
    },
    Phone: `919-555-02${String(random.int(0, 99)).padStart(2, "0")}`,
    TermsRef: { FullName: "Net 30" },
  };
}

const SERVICES = ITEMS.filter((item) => item.kind === "service");
const GOODS = ITEMS.filter((item) => item.kind === "non_inventory");

/** Services and goods in turn, so even a few items include both kinds. */
function addItem(books: Books, index: number): SimRecord {
  const list = index % 2 === 0 ? SERVICES : GOODS;
  const nth = Math.floor(index / 2);
  const item = list[nth % list.length]!;
  const round = Math.floor(nth / list.length);
  const numbered = (name: string) => (round === 0 ? name : `${name} ${round + 1}`);
  const kind = item.kind === "service" ? "ItemService" : "ItemNonInventory";
  return addListRecord(books, kind, {
    Name: numbered(item.name),
    // Its category comes earlier in the same list, so it is already there.
    ...(item.parent === undefined ? {} : { ParentRef: { FullName: numbered(item.parent) } }),
    SalesTaxCodeRef: { FullName: item.kind === "service" ? "Non" : "Tax" },
    SalesOrPurchase: {
      Desc: item.description,
      Price: item.price,
      AccountRef: { FullName: item.kind === "service" ? "Service Income" : "Materials Income" },
    },
  });
}

function invoiceFields(books: Books, customer: SimRecord, items: readonly SimRecord[], random: Random, time: number): Aggregate {
  const lines = Array.from({ length: random.int(1, 3) }, () => {
    const item = random.pick(items);
    const demo = ITEMS.find((candidate) => (item.fields.Name as string).startsWith(candidate.name)) ?? ITEMS[0]!;
    const [from, to, step] = demo.quantity;
    const quantity = from + step * random.int(0, Math.round((to - from) / step));
    return { ItemRef: { ListID: item.id }, Quantity: String(quantity) } as Aggregate;
  });
  return { CustomerRef: { ListID: customer.id }, TxnDate: formatDate(time, books.info.utcOffsetMinutes), InvoiceLineRet: lines };
}

function paymentFields(books: Books, invoice: SimRecord, cents: number, random: Random, time: number): Aggregate {
  const method = random.pick(["Check", "Check", "Visa", "MasterCard", "ACH", "Cash"]);
  return {
    CustomerRef: invoice.fields.CustomerRef,
    TxnDate: formatDate(time, books.info.utcOffsetMinutes),
    RefNumber: method === "Check" ? `CHK-${random.int(1000, 9999)}` : undefined,
    TotalAmount: formatCents(cents),
    PaymentMethodRef: { FullName: method },
    AppliedToTxnRet: [{ TxnID: invoice.id, PaymentAmount: formatCents(cents) }],
  };
}

function shuffled<T>(values: readonly T[], random: Random): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
