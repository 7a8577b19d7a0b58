import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { contacts } from "@/db/schema";
import type { SimulatedCompany } from "@/scripts/simulator";
import type { SyncSettings } from "@/server/sync/settings";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testCompany } from "./support/simulator";
import { firstImport, syncWith } from "./support/sync-driver";

// What the sync settings (one side only, start date, payment methods, record types, Send All) let through, on both
// sides, and why a record is held back.
let db: Database;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  caller = callerFor(db, await createTestUser(db, "admin"));
});

const sync = (company: SimulatedCompany) => syncWith(db, company);

/** Every record type syncs but vendors. */
const VENDORS_OFF: SyncSettings["syncTypes"] = {
  customer: true,
  vendor: false,
  item: true,
  invoice: true,
  payment: true,
  purchaseOrder: true,
  bill: true,
  billPayment: true,
};

async function setPolicies(changes: Partial<SyncSettings>) {
  await caller.sync.saveSettings({ ...(await caller.sync.settings()).settings, ...changes });
}

async function candidates(section: "import" | "export") {
  const { rows } = await caller.sync.candidates({ section, pageSize: 200 });
  return rows.map((row) => ({ label: row.label, action: row.action, blockedReason: row.blockedReason }));
}

const labels = async (section: "import" | "export") => (await candidates(section)).map((row) => row.label).sort();

async function finalInvoice(customerId: number, itemId: number, txnDate: string) {
  return caller.invoices.create({ customerId, txnDate, status: "final", lines: [{ itemId, quantity: "1", rate: "45" }] });
}

describe("records found on one side only", () => {
  it("leaves records only in Ledgerbridge alone when set to ignore, yet still sends changes of linked ones", async () => {
    const { company } = testCompany();
    const maple = await caller.customers.create({ name: "Maple Court HOA" });
    await sync(company);
    await caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });
    await sync(company);
    expect(company.find("Customer", "Maple Court HOA")).toBeDefined();

    await setPolicies({ onlyInLedgerbridge: "ignore" });
    await caller.customers.create({ name: "Oak Hill Farm" });
    await caller.customers.update({ id: maple.id, data: { ...maple, phone: "919-555-0100" } });
    await caller.sync.discoverLocal();

    expect(await candidates("export")).toEqual([{ label: "Maple Court HOA", action: "modify", blockedReason: null }]);
  });

  it("leaves records only in QuickBooks alone when set to ignore, yet offers a same-named record's changes", async () => {
    const { company } = testCompany();
    company.addCustomer({ Name: "Harbor Light Bakery" });
    company.addCustomer({ Name: "Birchwood Dental", Phone: "919-555-0199" });
    await caller.customers.create({ name: "Birchwood Dental", phone: "919-555-0111" });
    await setPolicies({ onlyInQuickBooks: "ignore" });

    await sync(company);

    const imports = await candidates("import");
    // The same-named record is on both sides: one Match, whatever the setting for records on one side only.
    expect(imports).toEqual([{ label: "Birchwood Dental", action: "match", blockedReason: null }]);
  });
});

describe("a start date", () => {
  it("leaves out customers created and transactions dated before it, and holds back an invoice whose customer it leaves out", async () => {
    const { company } = testCompany();
    const lawn = await caller.items.create({ kind: "service", name: "Hedge Trimming", salesPrice: "45", incomeAccount: "Service Income" });
    const old = await caller.customers.create({ name: "Old Orchard Farm" });
    await db
      .update(contacts)
      .set({ createdAt: new Date("2024-01-15T12:00:00") })
      .where(eq(contacts.id, old.id));
    const fresh = await caller.customers.create({ name: "New Leaf Landscaping" });
    await finalInvoice(old.id, lawn.id, "2024-06-03");
    await finalInvoice(fresh.id, lawn.id, "2024-06-04");
    await finalInvoice(fresh.id, lawn.id, "2024-04-30");
    await setPolicies({ startDate: "2024-05-01" });
    await firstImport(db, caller, company);

    const exports = await candidates("export");
    expect(exports.map((row) => row.label).sort()).toEqual(["Hedge Trimming", "Invoice 1001", "Invoice 1002", "New Leaf Landscaping"]);
    expect(exports.find((row) => row.label === "Invoice 1001")!.blockedReason).toBe(
      'Customer "Old Orchard Farm" was created before the sync start date (2024-05-01), so it is not synced.',
    );
    expect(exports.find((row) => row.label === "Invoice 1002")!.blockedReason).toBeNull();

    // The dependency view names what the left-out customer holds back.
    expect(await caller.sync.heldBack({ heldBy: `customer:local:${old.id}` })).toEqual([
      expect.objectContaining({ label: "Invoice 1001", state: "candidate", reason: expect.stringContaining("before the sync start date") }),
    ]);

    // Approving everything leaves the blocked invoice where it is, saying why.
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });
    expect(await candidates("export")).toEqual([
      expect.objectContaining({ label: "Invoice 1001", blockedReason: expect.stringContaining("Old Orchard Farm") }),
    ]);
  });

  it("imports only QuickBooks invoices dated on or after it", async () => {
    const { company } = testCompany();
    const customer = company.addCustomer({ Name: "Harbor Light Bakery" });
    const item = company.add("ItemService", {
      Name: "Window Washing",
      SalesOrPurchase: { Price: "30.00", AccountRef: { FullName: "Service Income" } },
    });
    await setPolicies({ startDate: "2024-05-01" });
    await firstImport(db, caller, company);
    company.addInvoice({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-04-20",
      RefNumber: "QB-OLD",
      InvoiceLineRet: [{ ItemRef: { ListID: item.id }, Quantity: "1", Rate: "30.00" }],
    });
    company.addInvoice({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-02",
      RefNumber: "QB-NEW",
      InvoiceLineRet: [{ ItemRef: { ListID: item.id }, Quantity: "1", Rate: "30.00" }],
    });

    await sync(company);

    expect(await labels("import")).toEqual(["Invoice QB-NEW"]);
  });
});

describe("payment methods", () => {
  it("neither imports nor exports payments taken with an unticked method", async () => {
    const { company } = testCompany();
    const harbor = company.addCustomer({ Name: "Harbor Light Bakery" });
    await firstImport(db, caller, company);
    await setPolicies({ excludedPaymentMethods: ["Visa"] });
    const customer = (await caller.customers.list({ search: "Harbor Light Bakery" })).rows[0]!;
    const methods = (await caller.paymentMethods.list({ pageSize: 50 })).rows;
    const visa = methods.find((method) => method.name === "Visa")!;
    const check = methods.find((method) => method.name === "Check")!;
    // Told apart by their dates: a payment is labelled by its customer and date.
    await caller.payments.create({
      customerId: customer.id,
      txnDate: "2024-06-01",
      amount: "40",
      paymentMethodId: visa.id,
      refNumber: "V-1",
    });
    await caller.payments.create({
      customerId: customer.id,
      txnDate: "2024-06-05",
      amount: "50",
      paymentMethodId: check.id,
      refNumber: "CHK-2",
    });
    company.receivePayment({
      CustomerRef: { ListID: harbor.id },
      TxnDate: "2024-06-02",
      RefNumber: "QB-VISA",
      TotalAmount: "25.00",
      PaymentMethodRef: { FullName: "Visa" },
    });
    company.receivePayment({
      CustomerRef: { ListID: harbor.id },
      TxnDate: "2024-06-03",
      RefNumber: "QB-CASH",
      TotalAmount: "35.00",
      PaymentMethodRef: { FullName: "Cash" },
    });

    await sync(company);

    expect(await labels("export")).toEqual(["Payment from Harbor Light Bakery on 2024-06-05 (#CHK-2)"]);
    expect(await labels("import")).toEqual(["Payment from Harbor Light Bakery on 2024-06-03"]);
  });
});

describe("record types", () => {
  it("syncs a switched-off type in neither direction and withdraws its waiting candidates", async () => {
    const { company } = testCompany();
    await firstImport(db, caller, company);
    await caller.vendors.create({ name: "Green Valley Supply" });
    company.addVendor({ Name: "Blue Ridge Stone" });
    await sync(company);
    expect(await labels("export")).toContain("Green Valley Supply");
    expect(await labels("import")).toContain("Blue Ridge Stone");

    await setPolicies({ syncTypes: VENDORS_OFF });
    company.addVendor({ Name: "Cedar Mulch Co" });
    await sync(company);

    expect(await labels("export")).not.toContain("Green Valley Supply");
    expect(await labels("import")).toEqual([]);
  });
});

describe("Send All", () => {
  it("raises only the invoices a person sent when Send All is off", async () => {
    const { company } = testCompany();
    await firstImport(db, caller, company);
    await setPolicies({ sendAll: false });
    const customer = await caller.customers.create({ name: "Maple Court HOA" });
    const lawn = await caller.items.create({ kind: "service", name: "Lawn Mowing", salesPrice: "45", incomeAccount: "Service Income" });
    const first = await finalInvoice(customer.id, lawn.id, "2024-06-03");
    await finalInvoice(customer.id, lawn.id, "2024-06-04");

    await caller.sync.discoverLocal();
    expect(await labels("export")).toEqual(["Lawn Mowing", "Maple Court HOA"]);

    await caller.invoices.sendToQuickBooks({ ids: [first.id] });
    await caller.sync.discoverLocal();
    expect(await labels("export")).toEqual(["Invoice 1001", "Lawn Mowing", "Maple Court HOA"]);
  });
});

describe("the dependency view", () => {
  it("shows what a failed customer holds back, and releases it once the customer syncs", async () => {
    const { company } = testCompany();
    await firstImport(db, caller, company);
    const customer = await caller.customers.create({ name: "Willow Creek Stables" });
    const item = await caller.items.create({ kind: "service", name: "Stall Cleaning", salesPrice: "60", incomeAccount: "Service Income" });
    await finalInvoice(customer.id, item.id, "2024-06-03");
    await caller.sync.discoverLocal();
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });
    // Meanwhile a vendor of that name is added in QuickBooks: the customer's Add meets it there (one name pool).
    company.addVendor({ Name: "Willow Creek Stables" });

    await sync(company);

    const [failed] = (await caller.sync.unsynced({})).rows;
    expect(failed).toMatchObject({ label: "Willow Creek Stables", statusCode: "3100", held: 2 });
    // The invoice waits for it, and so does QuickBooks' vendor, whose name the customer holds here.
    expect(await caller.sync.heldBack({ heldBy: `customer:local:${customer.id}` })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          label: "Invoice 1001",
          state: "waiting",
          reason: 'Waiting for customer "Willow Creek Stables", which failed to sync: fix it on the Unsynced Entities page.',
        }),
        expect.objectContaining({
          label: "Willow Creek Stables",
          state: "candidate",
          reason:
            'Vendor "Willow Creek Stables" in QuickBooks is not imported: customer "Willow Creek Stables" has the same name here. Rename the one here, and this one is imported at the next run.',
        }),
      ]),
    );

    await caller.customers.update({ id: customer.id, data: { ...customer, name: "Willow Creek Stables LLC" } });
    await caller.sync.resync({ ids: [failed!.id] });
    await sync(company);
    expect(company.find("Invoice", "1001")).toBeDefined();
    expect(await caller.sync.heldBack({ heldBy: `customer:local:${customer.id}` })).toEqual([]);
  });
});

describe("QuickBooks naming exceptions", () => {
  it("holds back a name QuickBooks would refuse, before sending, with a suggested fix", async () => {
    const { company } = testCompany();
    await firstImport(db, caller, company);
    // Written past the forms, as an older import or another program could leave them.
    const long = "Riverside Community Association Landscaping";
    for (const name of [long, "Oakwood:Phase 2"]) {
      await db.insert(contacts).values({ kind: "customer", name, nameKey: name.toLowerCase() });
    }

    await caller.sync.discoverLocal();

    const exports = await candidates("export");
    expect(exports.find((row) => row.label === long)!.blockedReason).toBe(
      `QuickBooks would refuse the name "${long}": it is 43 characters long and QuickBooks allows 41. Rename it, e.g. to "Riverside Community Association Landscapi".`,
    );
    expect(exports.find((row) => row.label === "Oakwood:Phase 2")!.blockedReason).toBe(
      'QuickBooks would refuse the name "Oakwood:Phase 2": it contains ":", which QuickBooks reads as parent:child. Rename it, e.g. to "Oakwood - Phase 2".',
    );
  });
});

describe("records deleted in QuickBooks", () => {
  it("offers to delete the record here or unlink it; unlinked, it is offered for creating again", async () => {
    const { company } = testCompany();
    await firstImport(db, caller, company);
    const customer = await caller.customers.create({ name: "Cedar Ridge Apartments" });
    await sync(company);
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });
    await sync(company);
    company.deleteCustomer("Cedar Ridge Apartments");

    await sync(company);
    const [deletion] = (await caller.sync.candidates({ section: "import" })).rows;
    expect(deletion).toMatchObject({ label: "Cedar Ridge Apartments", action: "delete" });

    expect(await caller.sync.unlink({ ids: [deletion!.id] })).toEqual({ unlinked: 1 });
    expect((await caller.customers.get({ id: customer.id })).name).toBe("Cedar Ridge Apartments");
    expect(await labels("import")).toEqual([]);

    await sync(company);
    expect(await candidates("export")).toEqual([{ label: "Cedar Ridge Apartments", action: "add", blockedReason: null }]);
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });
    await sync(company);
    expect(company.find("Customer", "Cedar Ridge Apartments")).toBeDefined();
  });
});

describe("the settings themselves", () => {
  it("refuses a start date that does not exist, in words", async () => {
    const current = (await caller.sync.settings()).settings;
    await expect(caller.sync.saveSettings({ ...current, startDate: "2025-02-30" })).rejects.toThrow(
      "That start date does not exist in the calendar",
    );
    await expect(caller.sync.saveSettings({ ...current, startDate: "20245-05-01" })).rejects.toThrow(
      "Enter a start date such as 2025-01-01",
    );
    expect((await caller.sync.settings()).settings.startDate).toBeNull();
  });
});

describe("summary counts", () => {
  it("counts each side per type under the current settings, QuickBooks' as the last run saw them", async () => {
    const { company } = testCompany();
    company.addCustomer({ Name: "Harbor Light Bakery" });
    expect((await caller.sync.summary()).countedAt).toBeNull();
    await firstImport(db, caller, company);
    const harbor = (await caller.customers.list({ search: "Harbor Light Bakery" })).rows[0]!;
    await caller.customers.update({ id: harbor.id, data: { ...harbor, phone: "919-555-0100" } });
    await caller.customers.create({ name: "Maple Court HOA" });
    await caller.sync.discoverLocal();
    company.addCustomer({ Name: "Oak Hill Farm" });
    await sync(company);

    const summary = await caller.sync.summary();
    const customers = summary.types.find((row) => row.type === "customer")!;
    expect(customers).toMatchObject({
      synced: true,
      ledgerbridge: { inScope: 2, notInQuickBooks: 1, changed: 1 },
      quickBooks: { found: 1 },
    });
    expect(summary.countedAt).toEqual(expect.any(Date));
    expect(summary.stale).toBe(false);

    await setPolicies({ syncTypes: VENDORS_OFF });
    const after = await caller.sync.summary();
    expect(after.types.find((row) => row.type === "vendor")).toMatchObject({ synced: false });
    expect(after.stale).toBe(true);
  });
});
