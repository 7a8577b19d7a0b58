import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { contacts, syncAudit, syncItems, syncLinks } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { loadRun } from "@/server/sync/run-state";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { SimulatedCompany } from "@/scripts/simulator";
import { testClock } from "./support/simulator";
import { runSync } from "./support/sync-driver";

let db: Database;
let qb: SimulatedCompany;
let clock: ReturnType<typeof testClock>;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  clock = testClock();
  // No starter lists: their terms and payment methods would be import candidates in every test. Accounts are not
  // synced, so what items refer to is set up in QuickBooks beforehand, as a user would; the sales tax code items are
  // sent with is on both sides alike, so the first run links it.
  qb = new SimulatedCompany({ now: clock.now, starterLists: false });
  for (const name of ["Service Income", "Materials Income"]) qb.add("Account", { Name: name, AccountType: "Income" });
  qb.add("SalesTaxCode", { Name: "Non", IsTaxable: "false" });
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
  await caller.salesTaxCodes.create({ name: "Non", taxable: false });
});

/** One Web Connector session against the simulated company; QuickBooks forgets its iterators when it ends. */
async function sync(options: { loseAnswerOf?: number } = {}) {
  try {
    return await runSync(db, (xml) => qb.handle(xml), options);
  } finally {
    qb.endSession();
  }
}

/** Someone changes the company in QuickBooks a minute later. */
function inQuickBooks<T>(change: () => T): T {
  clock.advance(60_000);
  return change();
}

async function approveAll(section?: "import" | "export", uncheckedRule: "keep" | "clear" = "keep") {
  return caller.sync.approve({ checked: { filter: { section } }, uncheckedRule });
}

async function itemFor(localId: number, direction: "import" | "export" = "export") {
  const rows = await db.select().from(syncItems).where(eq(syncItems.localId, localId));
  return rows.find((row) => row.direction === direction)!;
}

describe("export to QuickBooks", () => {
  it("sends an approved new customer once and links it, with a Successful report entry", async () => {
    const customer = await caller.customers.create({ name: "Maple Court HOA", phone: "207-555-0100" });
    await sync();
    expect(await caller.sync.badgeCount()).toBe(1);
    const page = await caller.sync.candidates({ section: "export" });
    expect(page.rows[0]).toMatchObject({ label: "Maple Court HOA", action: "add" });
    expect(page.rows[0]!.diff).toContainEqual({ field: "phone", before: null, after: "207-555-0100" });

    await approveAll("export");
    await sync();
    expect(qb.count("Customer")).toBe(1);
    const [link] = await db
      .select()
      .from(syncLinks)
      .where(and(eq(syncLinks.entityType, "customer"), eq(syncLinks.localId, customer.id)));
    expect(link?.qbId).toBe(qb.find("Customer", "Maple Court HOA")?.id);
    expect((await caller.sync.successful({})).rows.map((row) => row.label)).toEqual(["Maple Court HOA"]);
    expect(await caller.sync.badgeCount()).toBe(0);

    // A later local change becomes a "changed" candidate that is sent as a Mod.
    await caller.customers.update({ id: customer.id, data: { name: "Maple Court HOA", phone: "207-555-0199" } });
    await sync();
    const changed = await caller.sync.candidates({ section: "export" });
    expect(changed.rows[0]).toMatchObject({ action: "modify" });
    expect(changed.rows[0]!.diff).toEqual([{ field: "phone", before: "207-555-0100", after: "207-555-0199" }]);
    expect(await caller.sync.preview({ id: changed.rows[0]!.id })).toContain("<CustomerModRq");
    await approveAll("export");
    await sync();
    expect(qb.count("Customer")).toBe(1);
    expect(qb.find("Customer", "Maple Court HOA")?.Phone).toBe("207-555-0199");
  });

  it("holds an invoice until its new customer is in QuickBooks, then sends both in order", async () => {
    const customer = await caller.customers.create({ name: "Birchwood Dental" });
    const item = await caller.items.create({ kind: "service", name: "Lawn Mowing", salesPrice: "45", incomeAccount: "Service Income" });
    await caller.invoices.create({
      customerId: customer.id,
      txnDate: "2024-05-02",
      status: "final",
      lines: [{ itemId: item.id, quantity: 2, rate: "45" }],
    });
    await sync();
    // Approve only the item and the invoice: the invoice waits for its customer and says so.
    const exports = await caller.sync.candidates({ section: "export" });
    const notCustomer = exports.rows.filter((row) => row.entityType !== "customer").map((row) => row.id);
    await caller.sync.approve({ checked: notCustomer, uncheckedRule: "keep" });
    await sync();
    const pending = await caller.sync.pending({});
    expect(pending.rows).toHaveLength(1);
    expect(pending.rows[0]!.waitingReason).toContain('customer "Birchwood Dental"');
    expect(qb.count("Invoice")).toBe(0);

    await approveAll("export");
    const { sent } = await sync();
    expect(qb.count("Customer")).toBe(1);
    expect(qb.count("Invoice")).toBe(1);
    const customerAt = sent.findIndex((xml) => xml.includes("<CustomerAddRq"));
    const invoiceAt = sent.findIndex((xml) => xml.includes("<InvoiceAddRq"));
    expect(customerAt).toBeLessThan(invoiceAt);
    expect(sent[invoiceAt]).toContain(`<ListID>${qb.find("Customer", "Birchwood Dental")!.id}</ListID>`);
  });

  it("exports payment methods, terms, items, invoices and payments end to end", async () => {
    const check = await caller.paymentMethods.create({ name: "Check" });
    const net30 = await caller.terms.create({ name: "Net 30", netDays: 30 });
    const customer = await caller.customers.create({ name: "Harbor Light Bakery" });
    await caller.vendors.create({ name: "Green Valley Supply" });
    const mulch = await caller.items.create({
      kind: "non_inventory",
      name: "Mulch",
      salesPrice: "38.50",
      incomeAccount: "Materials Income",
    });
    const invoice = await caller.invoices.create({
      customerId: customer.id,
      txnDate: "2024-05-03",
      termsId: net30.id,
      status: "final",
      lines: [{ itemId: mulch.id, quantity: 3, rate: "38.50" }],
    });
    await caller.payments.create({
      customerId: customer.id,
      txnDate: "2024-05-10",
      amount: "115.50",
      paymentMethodId: check.id,
      refNumber: "1042",
      applications: [{ invoiceId: invoice.id, amount: "115.50" }],
    });
    await sync();
    await approveAll("export");
    await sync();
    for (const type of ["PaymentMethod", "StandardTerms", "ItemNonInventory", "Customer", "Vendor", "Invoice", "ReceivePayment"] as const) {
      expect(qb.count(type), type).toBe(1);
    }
    const [payment] = qb.list("ReceivePayment");
    expect(JSON.stringify(payment)).toContain(qb.list("Invoice")[0]!.id);
    expect((await caller.sync.unsynced({})).total).toBe(0);
  });

  it("drains 2,000 approved customers in batches with a rising percentage", async () => {
    // The first run finds nothing in QuickBooks to import, so the first import is done and exports open.
    await sync();
    const rows = Array.from({ length: 2000 }, (_, index) => ({
      kind: "customer" as const,
      name: `Customer ${index}`,
      nameKey: `customer ${index}`,
    }));
    for (let start = 0; start < rows.length; start += 500) await db.insert(contacts).values(rows.slice(start, start + 500));
    await caller.sync.discoverLocal();
    expect(await caller.sync.badgeCount()).toBe(2000);
    await approveAll();
    const run = await sync();
    expect(qb.count("Customer")).toBe(2000);
    expect(run.requests).toBeGreaterThanOrEqual(40);
    expect(run.percents.at(-2)).toBeGreaterThan(run.percents[0]!);
    expect((await caller.sync.successful({ pageSize: 1 })).total).toBe(2000);
    // The Sync runs page's bars: every stage filled.
    const stages = (await loadRun(db, run.sessionId))!.stages!;
    expect(stages.sending).toEqual({ done: 2000, total: 2000 });
    expect(stages.applying).toEqual({ done: 0, total: 0 });
    expect(stages.discovery.done).toBe(stages.discovery.total);
  }, 60_000);
});

describe("approval", () => {
  it("keeps unchecked candidates for the next run with Keep Unchecked, and hides them with Clear until they change", async () => {
    const a = await caller.customers.create({ name: "Alder Street Co-op" });
    const b = await caller.customers.create({ name: "Birch Lane Condos" });
    await sync();
    const first = await itemFor(a.id);
    await caller.sync.approve({ checked: [first.id], uncheckedRule: "keep" });
    await sync();
    expect((await caller.sync.candidates({})).rows.map((row) => row.label)).toEqual(["Birch Lane Condos"]);

    const second = await itemFor(b.id);
    await caller.sync.approve({ checked: [], uncheckedRule: "clear" });
    // A double click changes nothing the second time.
    expect(await caller.sync.approve({ checked: [], uncheckedRule: "clear" })).toEqual({ approved: 0, dismissed: 0 });
    await sync();
    expect(await caller.sync.badgeCount()).toBe(0);
    expect((await itemFor(b.id)).state).toBe("dismissed");
    // Who approved or dismissed what is in the audit log, once each.
    const audit = await db.select().from(syncAudit).orderBy(syncAudit.id);
    expect(audit.map((row) => [row.action, row.syncItemId, row.userName])).toEqual([
      ["approve", first.id, admin.name],
      ["dismiss", second.id, admin.name],
    ]);
    // The audit log page reads it newest first, with the record's name, and filters by action.
    const log = await caller.sync.auditLog({ sort: "at", direction: "desc" });
    expect(log.rows.map((row) => [row.action, row.label, row.userName])).toEqual([
      ["dismiss", "Birch Lane Condos", admin.name],
      ["approve", "Alder Street Co-op", admin.name],
    ]);
    expect((await caller.sync.auditLog({ action: "approve" })).total).toBe(1);

    await caller.customers.update({ id: b.id, data: { name: "Birch Lane Condos", email: "board@birchlane.example" } });
    await sync();
    expect((await itemFor(b.id)).id).toBe(second.id);
    expect((await itemFor(b.id)).state).toBe("candidate");
  });
});

describe("import from QuickBooks", () => {
  it("raises new and changed QuickBooks records as import candidates and applies QuickBooks' current data", async () => {
    const harbor = qb.addCustomer({ Name: "Harbor Light Bakery", Phone: "207-555-0199" });
    qb.addVendor({ Name: "Green Valley Supply" });
    qb.add("ItemService", { Name: "Snow Plowing", SalesOrPurchase: { AccountRef: { FullName: "Service Income" } } });
    await sync();
    const imports = await caller.sync.candidates({ section: "import" });
    expect(imports.rows.map((row) => row.label).sort()).toEqual(["Green Valley Supply", "Harbor Light Bakery", "Snow Plowing"]);

    inQuickBooks(() => qb.updateCustomer(harbor.id, { Phone: "207-555-0123" }));
    await approveAll("import");
    await sync();
    const [local] = await db.select().from(contacts).where(eq(contacts.name, "Harbor Light Bakery"));
    expect(local?.phone).toBe("207-555-0123");
    expect(await caller.sync.badgeCount()).toBe(0);

    // The next run asks only for what changed since the checkpoint (with an hour of overlap).
    const lastRun = await sync();
    expect(lastRun.sent.find((xml) => xml.includes("<CustomerQueryRq"))).toMatch(
      /<FromModifiedDate>2024-03-04T\d\d:\d\d:\d\d-05:00<\/FromModifiedDate>/,
    );
    expect(await caller.sync.badgeCount()).toBe(0);

    inQuickBooks(() => qb.deleteCustomer(harbor.id));
    await sync();
    const deleted = await caller.sync.candidates({ section: "import", action: "delete" });
    expect(deleted.rows.map((row) => row.label)).toEqual(["Harbor Light Bakery"]);
  });
});

describe("no duplicates and recovery", () => {
  it("links instead of re-adding when QuickBooks' answer to an Add was lost", async () => {
    const customer = await caller.customers.create({ name: "Cedar Ridge Apartments" });
    await sync();
    await approveAll();
    await sync({ loseAnswerOf: 1 });
    expect((await itemFor(customer.id)).state).toBe("in_doubt");
    await sync();
    expect(qb.count("Customer")).toBe(1);
    expect((await itemFor(customer.id)).state).toBe("succeeded");
    const [link] = await db
      .select()
      .from(syncLinks)
      .where(and(eq(syncLinks.entityType, "customer"), eq(syncLinks.localId, customer.id)));
    expect(link?.qbId).toBe(qb.find("Customer", "Cedar Ridge Apartments")?.id);
  });

  it("lists a 3100 name clash as unsynced with guidance, and retries busy records on the next run", async () => {
    const busy = await caller.customers.create({ name: "Pine Grove School" });
    const customer = await caller.customers.create({ name: "Oak Hill Farm" });
    await sync();
    await caller.sync.approve({ checked: [(await itemFor(customer.id)).id, (await itemFor(busy.id)).id], uncheckedRule: "clear" });
    // After the run read QuickBooks, someone there adds a vendor of that name: the Add meets it (one name pool).
    qb.addVendor({ Name: "Oak Hill Farm" });
    // Another user holds the Customers list for the one Add that passes the name check (3100 comes first).
    qb.failNextWrites(1);
    await sync();
    const unsynced = await caller.sync.unsynced({});
    expect(unsynced.rows.map((row) => [row.label, row.statusCode])).toEqual([["Oak Hill Farm", "3100"]]);
    expect(unsynced.rows[0]!.guidance.title).toBe("Name already in use");
    expect((await itemFor(busy.id)).state).toBe("retry");
    await sync();
    expect((await itemFor(busy.id)).state).toBe("succeeded");
    expect((await caller.sync.failed({})).total).toBe(2);
  });

  it("re-reads and resends once after 3200, and offers Clear ID after 3120 so the next export links by name", async () => {
    const customer = await caller.customers.create({ name: "Willow Creek Dental" });
    await sync();
    await approveAll();
    await sync();
    inQuickBooks(() => qb.updateCustomer("Willow Creek Dental", { Fax: "207-555-0000" }));
    await caller.customers.update({ id: customer.id, data: { name: "Willow Creek Dental", phone: "207-555-0111" } });
    await caller.sync.discoverLocal();
    await approveAll("export");
    await sync();
    expect((await itemFor(customer.id)).state).toBe("succeeded");
    expect((await caller.sync.failed({})).rows.map((row) => row.statusCode)).toEqual(["3200"]);

    // Someone deletes the customer in QuickBooks and enters it again: the linked ListID is gone (3120).
    inQuickBooks(() => {
      qb.deleteCustomer("Willow Creek Dental");
      qb.addCustomer({ Name: "Willow Creek Dental" });
    });
    await caller.customers.update({ id: customer.id, data: { name: "Willow Creek Dental", phone: "207-555-0222" } });
    await caller.sync.discoverLocal();
    await approveAll("export");
    await sync();
    const [failed] = (await caller.sync.unsynced({})).rows;
    expect(failed?.guidance.action).toBe("clear_id");
    const staff = callerFor(db, await createTestUser(db, "staff"));
    await expect(staff.sync.clearId({ ids: [failed!.id] })).rejects.toThrow(/admin/);
    await caller.sync.clearId({ ids: [failed!.id] });
    await caller.sync.resync({ ids: [failed!.id] });
    await sync();
    expect(qb.count("Customer")).toBe(1);
    expect((await itemFor(customer.id)).state).toBe("succeeded");
    expect(qb.find("Customer", "Willow Creek Dental")?.Phone).toBe("207-555-0222");
  });

  it("holds a record QuickBooks answers 3140 for, and sends it and its invoice once the reference exists", async () => {
    // Accounts are not synced, so an item naming an income account QuickBooks lacks is answered 3140.
    const customer = await caller.customers.create({ name: "Spruce Park" });
    const item = await caller.items.create({ kind: "service", name: "Pruning", salesPrice: "60", incomeAccount: "Landscaping Income" });
    await caller.invoices.create({
      customerId: customer.id,
      txnDate: "2024-05-02",
      status: "final",
      lines: [{ itemId: item.id, quantity: 1, rate: "60" }],
    });
    await sync();
    await approveAll();
    await sync();
    const held = (await caller.sync.pending({})).rows.find((row) => row.label === "Pruning");
    expect(held).toMatchObject({ state: "waiting", statusCode: "3140" });
    expect(qb.count("Invoice")).toBe(0);

    inQuickBooks(() => qb.add("Account", { Name: "Landscaping Income", AccountType: "Income" }));
    await sync();
    expect(qb.count("ItemService")).toBe(1);
    expect(qb.count("Invoice")).toBe(1);
  });
});
