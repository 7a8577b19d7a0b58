import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { invoices, invoiceLines, payments } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { saveSyncSettings } from "@/server/sync/policies";
import { DEFAULT_SYNC_SETTINGS } from "@/server/sync/settings";
import type { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { refusal } from "./support/refusal";
import { testCompany } from "./support/simulator";
import { runSync } from "./support/sync-driver";

let db: Database;
let company: SimulatedCompany;
let clock: ReturnType<typeof testCompany>["clock"];
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  ({ company, clock } = testCompany());
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
});

/** One Web Connector session against the simulated company; QuickBooks forgets its iterators when it ends. */
async function sync() {
  try {
    return await runSync(db, (xml) => company.handle(xml));
  } finally {
    company.endSession();
  }
}

/** Approves everything listed, both directions, as the office manager's "Approve Checked" with all ticked. */
function approveAll() {
  return caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });
}

async function exportLabels(): Promise<string[]> {
  const page = await caller.sync.candidates({ section: "export", pageSize: 200 });
  return page.rows.map((row) => row.label).sort();
}

/** A web shop's customers and goods, sent to QuickBooks as one "Web Customer" and one "Web Sales" item. */
async function webShop() {
  const webCustomer = await caller.customers.create({ name: "Web Customer" });
  const shopper = await caller.customers.create({ name: "Jane Online", email: "jane@example.com", proxyId: webCustomer.id });
  const webSales = await caller.items.create({ kind: "service", name: "Web Sales", incomeAccount: "Service Income" });
  const order = await caller.items.create({
    kind: "service",
    name: "Online Order",
    salesPrice: "30",
    incomeAccount: "Service Income",
    proxyId: webSales.id,
  });
  return { webCustomer, shopper, webSales, order };
}

describe("proxies: Send to QuickBooks as", () => {
  it("saves a proxy of the same kind and shows its name on the record", async () => {
    const { webCustomer, shopper, webSales, order } = await webShop();
    expect(await caller.customers.get({ id: shopper.id })).toMatchObject({ proxyId: webCustomer.id, proxyName: "Web Customer" });
    expect(await caller.items.get({ id: order.id })).toMatchObject({ proxyId: webSales.id, proxyName: "Web Sales" });
    // Left out of an update (as an import from QuickBooks does), the proxy stays; null clears it.
    await caller.customers.update({ id: shopper.id, data: { name: "Jane Online", phone: "555-0100" } });
    expect((await caller.customers.get({ id: shopper.id })).proxyName).toBe("Web Customer");
    await caller.customers.update({ id: shopper.id, data: { name: "Jane Online", proxyId: null } });
    expect((await caller.customers.get({ id: shopper.id })).proxyName).toBeNull();
  });

  it("refuses a record as its own proxy, a proxy of another kind, a proxy that has a proxy, and a proxy for a record that stands for others", async () => {
    const { webCustomer, shopper, webSales, order } = await webShop();
    const vendor = await caller.vendors.create({ name: "Green Valley Supply" });

    const itself = await refusal(caller.customers.update({ id: webCustomer.id, data: { name: "Web Customer", proxyId: webCustomer.id } }));
    expect(itself.fields.proxyId).toBe("A customer cannot be sent to QuickBooks as itself. Choose another customer, or leave it blank.");

    const otherKind = await refusal(caller.customers.create({ name: "Walk-in", proxyId: vendor.id }));
    expect(otherKind.fields.proxyId).toBe(
      '"Green Valley Supply" is a vendor. A customer can only be sent to QuickBooks as another customer.',
    );

    const chained = await refusal(caller.customers.create({ name: "Sam Online", proxyId: shopper.id }));
    expect(chained.fields.proxyId).toBe(
      '"Jane Online" is itself sent to QuickBooks as "Web Customer", so it cannot stand for other records. Choose "Web Customer" instead.',
    );

    const otherCustomer = await caller.customers.create({ name: "Online Sales" });
    const standing = await refusal(
      caller.customers.update({ id: webCustomer.id, data: { name: "Web Customer", proxyId: otherCustomer.id } }),
    );
    expect(standing.fields.proxyId).toBe(
      '"Web Customer" stands in QuickBooks for "Jane Online", so it cannot be sent as another customer itself. Send those as "Online Sales" first.',
    );

    const itemChain = await refusal(
      caller.items.create({ kind: "service", name: "Gift Card", incomeAccount: "Service Income", proxyId: order.id }),
    );
    expect(itemChain.fields.proxyId).toContain('"Online Order" is itself sent to QuickBooks as "Web Sales"');
    const itemItself = await refusal(
      caller.items.update({
        id: webSales.id,
        data: { kind: "service", name: "Web Sales", incomeAccount: "Service Income", proxyId: webSales.id },
      }),
    );
    expect(itemItself.fields.proxyId).toBe("An item cannot be sent to QuickBooks as itself. Choose another item, or leave it blank.");
  });

  it("offers as proxies only records sent as themselves, never the record itself", async () => {
    const { webCustomer, shopper } = await webShop();
    const options = await caller.lookups.customerProxies({ exceptId: webCustomer.id });
    expect(options.map((option) => option.name)).not.toContain("Web Customer");
    expect(options.map((option) => option.name)).not.toContain(shopper.name);
    expect((await caller.lookups.customerProxies({})).map((option) => option.name)).toContain("Web Customer");
  });

  it("sends a proxied customer's invoice and payment against the proxy, and never creates the proxied records in QuickBooks", async () => {
    const { shopper, order } = await webShop();
    const invoice = await caller.invoices.create({
      customerId: shopper.id,
      txnDate: "2024-03-01",
      status: "final",
      lines: [{ itemId: order.id, quantity: 2, rate: "30" }],
    });
    await caller.payments.create({
      customerId: shopper.id,
      txnDate: "2024-03-02",
      amount: "60",
      applications: [{ invoiceId: invoice.id, amount: "60" }],
    });
    await sync();
    const labels = await exportLabels();
    expect(labels).toEqual(["Invoice 1001", "Payment from Jane Online (as Web Customer) on 2024-03-02", "Web Customer", "Web Sales"]);

    await approveAll();
    const { sent } = await sync();
    const webCustomerId = company.find("Customer", "Web Customer")!.id;
    const webSalesId = company.find("ItemService", "Web Sales")!.id;
    const invoiceAdd = sent.find((xml) => xml.includes("<InvoiceAddRq"))!;
    expect(invoiceAdd).toMatch(new RegExp(`<CustomerRef>\\s*<ListID>${webCustomerId}</ListID>`));
    expect(invoiceAdd).toMatch(new RegExp(`<ItemRef>\\s*<ListID>${webSalesId}</ListID>`));
    expect(sent.find((xml) => xml.includes("<ReceivePaymentAddRq"))).toMatch(
      new RegExp(`<CustomerRef>\\s*<ListID>${webCustomerId}</ListID>`),
    );
    expect(company.find("Customer", "Jane Online")).toBeUndefined();
    expect(company.find("ItemService", "Online Order")).toBeUndefined();
    expect(company.count("Invoice")).toBe(1);
    expect(company.count("ReceivePayment")).toBe(1);

    // QuickBooks echoes what it was sent: nothing to import or export on the next run.
    clock.advance(60_000);
    await sync();
    expect(await exportLabels()).toEqual([]);
    expect((await caller.sync.candidates({ section: "import", search: "Invoice" })).total).toBe(0);

    // A change made in QuickBooks comes back to the invoice without moving it to the proxy customer or item.
    clock.advance(60_000);
    company.update("Invoice", company.list("Invoice")[0]!.id, { Memo: "Gift wrapped" });
    await sync();
    await approveAll();
    await sync();
    const [saved] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(saved).toMatchObject({ memo: "Gift wrapped", customerId: shopper.id });
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    expect(lines.map((line) => line.itemId)).toEqual([order.id]);
  });
});

describe("NC Only: not for QuickBooks", () => {
  it("never raises an NC Only invoice or payment as an export candidate, and marks them in the lists", async () => {
    const customer = await caller.customers.create({ name: "Harbor Light Bakery" });
    const item = await caller.items.create({ kind: "service", name: "Lawn Mowing", salesPrice: "45", incomeAccount: "Service Income" });
    const kept = await caller.invoices.create({
      customerId: customer.id,
      txnDate: "2024-03-01",
      status: "final",
      ncOnly: true,
      lines: [{ itemId: item.id, quantity: 1, rate: "45" }],
    });
    await caller.invoices.create({
      customerId: customer.id,
      txnDate: "2024-03-01",
      status: "final",
      lines: [{ itemId: item.id, quantity: 2, rate: "45" }],
    });
    await caller.payments.create({
      customerId: customer.id,
      txnDate: "2024-03-05",
      amount: "45",
      ncOnly: true,
      refNumber: "CASH-1",
      applications: [{ invoiceId: kept.id, amount: "45" }],
    });
    await sync();
    expect(await exportLabels()).toEqual(["Harbor Light Bakery", "Invoice 1002", "Lawn Mowing"]);
    await approveAll();
    await sync();
    expect(company.count("Invoice")).toBe(1);
    expect(company.count("ReceivePayment")).toBe(0);

    const listed = await caller.invoices.list({ sort: "number" });
    expect(listed.rows.map((row) => [row.number, row.ncOnly])).toEqual([
      ["1001", true],
      ["1002", false],
    ]);
    expect((await caller.payments.list({})).rows[0]).toMatchObject({ refNumber: "CASH-1", ncOnly: true });
  });

  it("refuses a payment for QuickBooks on an NC Only invoice, and NC Only on an invoice such a payment pays", async () => {
    const customer = await caller.customers.create({ name: "Birchwood Dental" });
    const item = await caller.items.create({ kind: "service", name: "Snow Plowing", incomeAccount: "Service Income" });
    const lines = [{ itemId: item.id, quantity: 1, rate: "75" }];
    const ncOnly = await caller.invoices.create({ customerId: customer.id, txnDate: "2024-03-01", status: "final", ncOnly: true, lines });
    const refused = await refusal(
      caller.payments.create({
        customerId: customer.id,
        txnDate: "2024-03-02",
        amount: "75",
        applications: [{ invoiceId: ncOnly.id, amount: "75" }],
      }),
    );
    expect(refused.fields["applications.0.invoiceId"]).toBe(
      `Invoice ${ncOnly.number} is Not for QuickBooks (NC Only), so a payment sent to QuickBooks cannot pay it. Mark this payment NC Only too, or clear the box on the invoice.`,
    );

    const sent = await caller.invoices.create({ customerId: customer.id, txnDate: "2024-03-01", status: "final", lines });
    await caller.payments.create({
      customerId: customer.id,
      txnDate: "2024-03-02",
      amount: "75",
      applications: [{ invoiceId: sent.id, amount: "75" }],
    });
    const flagged = await refusal(
      caller.invoices.update({
        id: sent.id,
        data: { customerId: customer.id, txnDate: "2024-03-01", status: "final", ncOnly: true, lines },
      }),
    );
    expect(flagged.fields.ncOnly).toBe(
      "A payment that goes to QuickBooks is applied to this invoice, so it cannot be Not for QuickBooks. Mark that payment NC Only first.",
    );
  });

  it("starts a new zero-amount invoice as NC Only when the setting is on, unless the person said otherwise", async () => {
    const customer = await caller.customers.create({ name: "Maple Court HOA" });
    const item = await caller.items.create({ kind: "service", name: "Warranty Visit", incomeAccount: "Service Income" });
    const free = {
      customerId: customer.id,
      txnDate: "2024-03-01",
      status: "final" as const,
      lines: [{ itemId: item.id, quantity: 1, rate: "0" }],
    };
    const paid = { ...free, lines: [{ itemId: item.id, quantity: 1, rate: "45" }] };

    expect((await caller.invoices.create(free)).ncOnly).toBe(false);
    await saveSyncSettings(db, { ...DEFAULT_SYNC_SETTINGS, ncOnlyZeroAmountInvoices: true }, admin);
    const zero = await caller.invoices.create(free);
    expect(zero.ncOnly).toBe(true);
    expect((await caller.invoices.create(paid)).ncOnly).toBe(false);
    expect((await caller.invoices.create({ ...free, ncOnly: false })).ncOnly).toBe(false);
    // An edit that does not mention it keeps it as saved, even once the total is no longer zero.
    expect((await caller.invoices.update({ id: zero.id, data: paid })).ncOnly).toBe(true);
    expect((await caller.invoices.update({ id: zero.id, data: { ...paid, ncOnly: false } })).ncOnly).toBe(false);
  });
});

describe("Send to QuickBooks", () => {
  async function basics() {
    const customer = await caller.customers.create({ name: "Lakeside Plumbing" });
    const item = await caller.items.create({ kind: "service", name: "Gutter Cleaning", incomeAccount: "Service Income" });
    const invoice = (status: "draft" | "final", ncOnly = false, memo = "Spring") =>
      caller.invoices.create({
        customerId: customer.id,
        txnDate: "2024-03-01",
        status,
        ncOnly,
        memo,
        lines: [{ itemId: item.id, quantity: 1, rate: "90" }],
      });
    return { customer, invoice };
  }

  it("marks a final invoice or a saved payment with the time a person chose Send to QuickBooks", async () => {
    const { customer, invoice } = await basics();
    const final = await invoice("final");
    expect(final.sendRequestedAt).toBeNull();
    const before = Date.now();
    expect(await caller.invoices.sendToQuickBooks({ ids: [final.id] })).toEqual({ requested: 1, skipped: [] });
    const marked = await caller.invoices.get({ id: final.id });
    expect(marked.sendRequestedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const payment = await caller.payments.create({ customerId: customer.id, txnDate: "2024-03-02", amount: "90" });
    expect(await caller.payments.sendToQuickBooks({ ids: [payment.id] })).toEqual({ requested: 1, skipped: [] });
    const [row] = await db.select().from(payments).where(eq(payments.id, payment.id));
    expect(row!.sendRequestedAt).toBeInstanceOf(Date);

    await expect(callerFor(db, null).invoices.sendToQuickBooks({ ids: [final.id] })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("says why drafts and NC Only invoices of a selection were left out, and refuses when none can be sent", async () => {
    const { invoice } = await basics();
    const draft = await invoice("draft");
    const refused = await refusal(caller.invoices.sendToQuickBooks({ ids: [draft.id] }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: "Nothing was sent: A draft invoice cannot be sent; make it final first." });
    expect((await caller.invoices.get({ id: draft.id })).sendRequestedAt).toBeNull();

    await invoice("draft");
    await invoice("final", true);
    const wanted = await invoice("final");
    const other = await invoice("final", false, "Autumn");
    // Everything matching the list's search "Spring", as a selection across pages.
    const result = await caller.invoices.sendToQuickBooks({ matching: { search: "Spring" }, except: [] });
    expect(result).toEqual({
      requested: 1,
      skipped: [
        "2 draft invoices were left out; make them final first.",
        "An invoice marked Not for QuickBooks (NC Only) cannot be sent; clear that box first.",
      ],
    });
    expect((await caller.invoices.get({ id: wanted.id })).sendRequestedAt).not.toBeNull();
    expect((await caller.invoices.get({ id: other.id })).sendRequestedAt).toBeNull();
  });
});
