import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { formatCents } from "@/lib/money";
import { invoiceTax, taxDifferenceSentence } from "@/lib/sales-tax";
import { SimulatedCompany } from "@/scripts/simulator";
import type { InvoiceInput } from "@/server/records/invoices";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testClock } from "./support/simulator";
import { syncWith } from "./support/sync-driver";

let db: Database;
let qb: SimulatedCompany;
let clock: ReturnType<typeof testClock>;
let caller: ReturnType<typeof callerFor>;
let ids: Awaited<ReturnType<typeof setUpTaxedCompany>>;

const sync = () => syncWith(db, qb);
const approveAll = () => caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });

/** Approves whatever the last run raised and lets the next run carry it over. */
async function syncApproved() {
  await sync();
  await approveAll();
  await sync();
}

/** A company that charges sales tax, on both sides: codes, a state and a city rate, a group of both, a zero rate. */
async function setUpTaxedCompany() {
  for (const name of ["Service Income", "Materials Income"]) qb.add("Account", { Name: name, AccountType: "Income" });
  const tax = await caller.salesTaxCodes.create({ name: "Tax", description: "Taxable Sales", taxable: true });
  const non = await caller.salesTaxCodes.create({ name: "Non", description: "Non-Taxable Sales", taxable: false });
  const agency = await caller.vendors.create({ name: "Maine Revenue Services" });
  const state = await caller.salesTaxItems.create({ name: "State", ratePercent: "5.5", agencyId: agency.id });
  const city = await caller.salesTaxItems.create({ name: "City", ratePercent: "2.75", agencyId: agency.id });
  const zero = await caller.salesTaxItems.create({ name: "Exempt Zone", ratePercent: "0" });
  const portland = await caller.salesTaxGroups.create({ name: "Portland", itemIds: [state.id, city.id] });
  const taxable = await caller.customers.create({ name: "Harbor Dental", salesTaxCodeId: tax.id, salesTaxItemId: state.id });
  const exempt = await caller.customers.create({ name: "Town Library", salesTaxCodeId: non.id, salesTaxItemId: state.id });
  const mulch = await caller.items.create({ kind: "non_inventory", name: "Mulch", incomeAccount: "Materials Income", taxable: true });
  const labor = await caller.items.create({ kind: "service", name: "Labor", incomeAccount: "Service Income", taxable: false });
  await syncApproved();
  return { tax, non, state, city, zero, portland, taxable, exempt, mulch, labor };
}

beforeAll(async () => {
  db = await createTestDatabase();
  clock = testClock();
  qb = new SimulatedCompany({ now: clock.now, starterLists: false });
  caller = callerFor(db, await createTestUser(db, "admin"));
  ids = await setUpTaxedCompany();
});

type Line = { item: "mulch" | "labor"; quantity: number; rate: string; code?: "tax" | "non" };
interface TaxCase {
  name: string;
  customer: "taxable" | "exempt";
  taxItem: "state" | "city" | "zero" | "portland";
  lines: Line[];
  tax: number;
}

// Each case's tax is worked out by hand: rate × the taxable lines' sum, rounded once, half away from zero.
const CASES: TaxCase[] = [
  { name: "a half cent rounds up", customer: "taxable", taxItem: "state", lines: [{ item: "mulch", quantity: 1, rate: "1.00" }], tax: 6 },
  {
    name: "rounding once per invoice, not per line",
    customer: "taxable",
    taxItem: "state",
    lines: [
      { item: "mulch", quantity: 1, rate: "1.00" },
      { item: "mulch", quantity: 1, rate: "1.00" },
    ],
    tax: 11,
  },
  {
    name: "just under a half cent rounds down",
    customer: "taxable",
    taxItem: "city",
    lines: [{ item: "mulch", quantity: 1, rate: "0.18" }],
    tax: 0,
  },
  {
    name: "taxable and non-taxable lines",
    customer: "taxable",
    taxItem: "state",
    lines: [
      { item: "mulch", quantity: 3, rate: "12.99" },
      { item: "labor", quantity: 2.5, rate: "60.00" },
      { item: "mulch", quantity: 1.5, rate: "38.33" },
    ],
    // 38.97 + 57.50 (57.495 rounded on the line) taxable: 5.5% of 96.47 is 5.30585.
    tax: 531,
  },
  {
    name: "a line coded taxable whatever its item",
    customer: "taxable",
    taxItem: "state",
    lines: [{ item: "labor", quantity: 1, rate: "100", code: "tax" }],
    tax: 550,
  },
  {
    name: "a line coded non-taxable whatever its item",
    customer: "taxable",
    taxItem: "state",
    lines: [{ item: "mulch", quantity: 1, rate: "100", code: "non" }],
    tax: 0,
  },
  {
    name: "a group charges the sum of its rates",
    customer: "taxable",
    taxItem: "portland",
    lines: [{ item: "mulch", quantity: 1, rate: "12.34" }],
    tax: 102,
  },
  {
    name: "a non-taxable customer pays no tax",
    customer: "exempt",
    taxItem: "state",
    lines: [{ item: "mulch", quantity: 1, rate: "500" }],
    tax: 0,
  },
  { name: "a zero rate", customer: "taxable", taxItem: "zero", lines: [{ item: "mulch", quantity: 1, rate: "500" }], tax: 0 },
  {
    name: "a discount line lowers the taxable amount",
    customer: "taxable",
    taxItem: "portland",
    lines: [
      { item: "mulch", quantity: 1, rate: "100" },
      { item: "mulch", quantity: 1, rate: "-10" },
    ],
    tax: 743,
  },
];

function invoiceOf(testCase: TaxCase): InvoiceInput {
  return {
    customerId: ids[testCase.customer].id,
    txnDate: "2024-03-04",
    status: "final",
    salesTaxItemId: ids[testCase.taxItem].id,
    lines: testCase.lines.map((line) => ({
      itemId: ids[line.item].id,
      quantity: line.quantity,
      rate: line.rate,
      salesTaxCodeId: line.code ? ids[line.code].id : null,
    })),
  };
}

describe("sales tax on invoices", () => {
  it("computes each case's tax here and QuickBooks agrees to the cent once the invoices are sent", async () => {
    const saved = [];
    for (const testCase of CASES) saved.push(await caller.invoices.create(invoiceOf(testCase)));
    expect(saved.map((invoice) => [invoice.taxCents, invoice.totalCents - invoice.subtotalCents])).toEqual(
      CASES.map((testCase) => [testCase.tax, testCase.tax]),
    );
    await syncApproved();
    for (const [index, invoice] of saved.entries()) {
      const inQuickBooks = qb.find("Invoice", invoice.number)!;
      const quickBooksTax = Math.round(Number(inQuickBooks.SalesTaxTotal) * 100);
      const quickBooksTotal = Math.round(Number(inQuickBooks.Subtotal) * 100) + quickBooksTax;
      expect([CASES[index]!.name, quickBooksTax, quickBooksTotal]).toEqual([CASES[index]!.name, invoice.taxCents, invoice.totalCents]);
      expect(await caller.invoices.get({ id: invoice.id })).toMatchObject({ quickBooksTaxCents: null, quickBooksTotalCents: null });
    }
  });

  it("takes the customer's tax code and tax item when the invoice names none", async () => {
    const saved = await caller.invoices.create({
      customerId: ids.taxable.id,
      txnDate: "2024-03-05",
      lines: [{ itemId: ids.mulch.id, quantity: 1, rate: "200" }],
    });
    expect(saved).toMatchObject({
      salesTaxItemName: "State",
      customerSalesTaxCodeName: "Tax",
      subtotalCents: 20000,
      taxCents: 1100,
      totalCents: 21100,
    });
  });

  it("sends an invoice without a tax item as non-taxable, so QuickBooks' default tax item never applies", async () => {
    const saved = await caller.invoices.create({
      customerId: ids.taxable.id,
      txnDate: "2024-03-06",
      status: "final",
      salesTaxItemId: null,
      lines: [{ itemId: ids.mulch.id, quantity: 1, rate: "80" }],
    });
    expect(saved.taxCents).toBe(0);
    const { sent } = await sync();
    await approveAll();
    await sync();
    expect(sent.join("")).not.toContain("<ItemSalesTaxRef>");
    const inQuickBooks = qb.find("Invoice", saved.number)!;
    expect(inQuickBooks).toMatchObject({ SalesTaxTotal: "0.00", CustomerSalesTaxCodeRef: { FullName: "Non" } });
  });

  it("shows QuickBooks' tax beside ours after a rate changed in QuickBooks", async () => {
    const saved = await caller.invoices.create({ ...invoiceOf(CASES[0]!), lines: [{ itemId: ids.mulch.id, quantity: 1, rate: "150.00" }] });
    await syncApproved();
    expect((await caller.invoices.get({ id: saved.id })).quickBooksTaxCents).toBeNull();

    clock.advance(60_000);
    qb.update("ItemSalesTax", "State", { TaxRate: "5.51" });
    await caller.invoices.update({
      id: saved.id,
      data: { ...invoiceOf(CASES[0]!), memo: "Second delivery", lines: [{ itemId: ids.mulch.id, quantity: 1, rate: "150.00" }] },
    });
    await sync();
    await caller.sync.approve({ checked: { filter: { section: "export", entityType: "invoice" } }, uncheckedRule: "keep" });
    await sync();
    const shown = await caller.invoices.get({ id: saved.id });
    expect(shown).toMatchObject({ taxCents: 825, quickBooksTaxCents: 827, quickBooksTotalCents: 15827, quickBooksTaxPercent: 5.51 });
    const flagged = (await caller.invoices.list({ search: saved.number })).rows[0];
    expect(flagged).toMatchObject({ quickBooksTaxCents: 827 });
    expect(
      taxDifferenceSentence({ taxCents: 825, ratePercent: shown.ratePercent }, { taxCents: 827, ratePercent: 5.51 }, formatCents),
    ).toEqual({
      difference: "QuickBooks computed $8.27 tax, Ledgerbridge $8.25.",
      likelyCause: expect.stringContaining("the rate was probably changed in QuickBooks"),
    });
  });

  it("imports a taxed QuickBooks invoice with its codes, tax item, subtotal and tax", async () => {
    clock.advance(60_000);
    const customer = qb.find("Customer", "Harbor Dental")!;
    qb.addInvoice({
      CustomerRef: { ListID: customer.id },
      RefNumber: "QB-77",
      TxnDate: "2024-03-07",
      ItemSalesTaxRef: { FullName: "Portland" },
      InvoiceLineRet: [
        { ItemRef: { FullName: "Mulch" }, Quantity: "2", Rate: "10.01" },
        { ItemRef: { FullName: "Labor" }, Quantity: "1", Rate: "75" },
      ],
    });
    await syncApproved();
    const [row] = (await caller.invoices.list({ search: "QB-77" })).rows;
    const imported = await caller.invoices.get({ id: row!.id });
    expect(imported).toMatchObject({
      salesTaxItemName: "Portland",
      customerSalesTaxCodeName: "Tax",
      subtotalCents: 9502,
      taxCents: 165,
      totalCents: 9667,
      quickBooksTaxCents: null,
    });
    expect(imported.lines.map((line) => line.salesTaxCodeName)).toEqual(["Tax", "Non"]);
  });
});

describe("the tax computation", () => {
  it("rounds half away from zero, also below zero", () => {
    expect(invoiceTax({ customerTaxable: true, ratePercent: 5, lines: [{ amountCents: 10, taxable: true }] }).taxCents).toBe(1);
    expect(invoiceTax({ customerTaxable: true, ratePercent: 5, lines: [{ amountCents: -10, taxable: true }] }).taxCents).toBe(-1);
    expect(invoiceTax({ customerTaxable: true, ratePercent: 8.25, lines: [{ amountCents: 10000, taxable: true }] })).toEqual({
      subtotalCents: 10000,
      taxableCents: 10000,
      taxCents: 825,
      totalCents: 10825,
    });
  });
});
