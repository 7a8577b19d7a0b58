import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { contacts, invoiceLines, invoices, syncAudit, syncLinks } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testClock } from "./support/simulator";
import { firstImport, syncWith } from "./support/sync-driver";

// An admin can undo the imports the latest Web Connector run applied; QuickBooks is left as it is.
let db: Database;
let qb: SimulatedCompany;
let clock: ReturnType<typeof testClock>;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  clock = testClock();
  qb = new SimulatedCompany({ now: clock.now, starterLists: false });
  qb.add("Account", { Name: "Service Income", AccountType: "Income" });
  qb.add("SalesTaxCode", { Name: "Non", IsTaxable: "false" });
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
  // The same code on both sides, so the first run links it and the runs' imports are the records each test adds.
  await caller.salesTaxCodes.create({ name: "Non", taxable: false });
});

const sync = () => syncWith(db, qb);
/** A run finds QuickBooks' changes, the office approves every import, the next run applies them. */
const importEverything = () => firstImport(db, caller, qb);

function inQuickBooks<T>(change: () => T): T {
  clock.advance(60_000);
  return change();
}

async function contactNamed(name: string) {
  const [row] = await db.select().from(contacts).where(eq(contacts.name, name));
  return row;
}

async function linesOf(invoiceId: number) {
  const rows = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(invoiceLines.position);
  return rows.map(({ position, itemId, description, quantity, rateCents, amountCents }) => ({
    position,
    itemId,
    description,
    quantity,
    rateCents,
    amountCents,
  }));
}

describe("undo last import", () => {
  it("puts back a customer's local fields after its QuickBooks change was imported, and offers it as an export", async () => {
    const harbor = qb.addCustomer({ Name: "Harbor Light Bakery", Phone: "207-555-0100", Notes: "Back door" });
    await importEverything();
    const before = await contactNamed("Harbor Light Bakery");

    inQuickBooks(() => qb.updateCustomer(harbor.id, { Phone: "207-555-0199", Notes: "Front door" }));
    await importEverything();
    expect(await contactNamed("Harbor Light Bakery")).toMatchObject({ phone: "207-555-0199", notes: "Front door" });

    const summary = await caller.sync.undoImport.last();
    expect(summary).toMatchObject({ canUndo: true, reason: null, lines: ["1 customer changed by the import"] });
    expect(summary.run).toMatchObject({ approvedBy: [admin.name], records: 1, undoneAt: null, appliedAt: expect.any(Date) });
    expect(summary.warning).toContain("changes already sent to QuickBooks are not undone");
    expect(summary.warning).toContain("may show as Export candidates");

    const result = await caller.sync.undoImport.run();
    expect(result).toMatchObject({
      restored: 1,
      removed: 0,
      kept: 0,
      failed: 0,
      sentences: ["Restored 1 customer changed by the import."],
    });
    const after = await contactNamed("Harbor Light Bakery");
    expect(after).toMatchObject({ id: before!.id, phone: "207-555-0100", notes: "Back door", active: true });
    // QuickBooks keeps its version; the difference is an export the office may approve or clear.
    expect(qb.find("Customer", harbor.id)?.Phone).toBe("207-555-0199");
    await caller.sync.discoverLocal();
    const exports = await caller.sync.candidates({ section: "export" });
    expect(exports.rows).toHaveLength(1);
    expect(exports.rows[0]).toMatchObject({ label: "Harbor Light Bakery", action: "modify" });
    expect(exports.rows[0]!.diff).toContainEqual({ field: "phone", before: "207-555-0199", after: "207-555-0100" });

    const [audit] = await db.select().from(syncAudit).where(eq(syncAudit.action, "undo_import"));
    expect(audit).toMatchObject({ userId: admin.id, userName: admin.name });
    expect(audit?.detail).toContain("Restored 1 customer changed by the import.");

    // Only the latest run can be undone, once: the earlier run that created the customer stays.
    const again = await caller.sync.undoImport.last();
    expect(again).toMatchObject({ canUndo: false, run: { undoneBy: admin.name, undoneAt: expect.any(Date) } });
    expect(again.reason).toBe(
      `Nothing to undo: the last import was already undone by ${admin.name}. Only the latest run's imports can be undone.`,
    );
    await expect(caller.sync.undoImport.run()).rejects.toMatchObject({ code: "CONFLICT", message: again.reason });
    expect(await contactNamed("Harbor Light Bakery")).toBeDefined();
  });

  it("removes a customer the import created, with its link", async () => {
    qb.addCustomer({ Name: "Birchwood Dental" });
    await importEverything();
    const created = await contactNamed("Birchwood Dental");
    expect(await db.select().from(syncLinks).where(eq(syncLinks.entityType, "customer"))).toEqual([
      expect.objectContaining({ localId: created!.id }),
    ]);
    expect((await caller.sync.undoImport.last()).lines).toEqual(["1 customer created by the import"]);

    const result = await caller.sync.undoImport.run();
    expect(result).toMatchObject({ restored: 0, removed: 1, kept: 0, sentences: ["Removed 1 customer created by the import."] });
    expect(await contactNamed("Birchwood Dental")).toBeUndefined();
    expect(await db.select().from(syncLinks).where(eq(syncLinks.entityType, "customer"))).toEqual([]);
    expect(qb.find("Customer", "Birchwood Dental")).toBeDefined();
  });

  it("keeps a created customer that a local invoice now refers to, made inactive, and says so", async () => {
    qb.addCustomer({ Name: "Cedar Ridge Apartments" });
    qb.add("ItemService", { Name: "Lawn Mowing", SalesOrPurchase: { Price: "45.00", AccountRef: { FullName: "Service Income" } } });
    await importEverything();
    const customer = await contactNamed("Cedar Ridge Apartments");
    const [item] = await caller.lookups.items({ search: "Lawn" });
    await caller.invoices.create({
      customerId: customer!.id,
      txnDate: "2024-05-02",
      lines: [{ itemId: item!.id, quantity: 1, rate: "45" }],
    });

    const result = await caller.sync.undoImport.run();
    expect(result).toMatchObject({ removed: 0, kept: 2 });
    expect(result.sentences).toContain("Cedar Ridge Apartments was kept and made inactive: invoices here refer to it.");
    expect(result.sentences).toContain("Lawn Mowing was kept and made inactive: invoice lines here refer to it.");
    expect(await contactNamed("Cedar Ridge Apartments")).toMatchObject({ active: false });
    // Still linked, so the invoice can still reach QuickBooks under it.
    const links = await db.select().from(syncLinks).where(eq(syncLinks.localId, customer!.id));
    expect(links.filter((link) => link.entityType === "customer")).toHaveLength(1);
  });

  it("puts an invoice's lines back after an import changed them", async () => {
    const customer = qb.addCustomer({ Name: "Harbor Light Bakery" });
    const mowing = qb.add("ItemService", {
      Name: "Lawn Mowing",
      SalesOrPurchase: { Price: "45.00", AccountRef: { FullName: "Service Income" } },
    });
    const plowing = qb.add("ItemService", {
      Name: "Snow Plowing",
      SalesOrPurchase: { Price: "75.00", AccountRef: { FullName: "Service Income" } },
    });
    const invoice = qb.addInvoice({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-01",
      RefNumber: "QB-1",
      Memo: "Spring",
      InvoiceLineRet: [{ ItemRef: { ListID: mowing.id }, Quantity: "2", Rate: "45.00" }],
    });
    await importEverything();
    const [local] = await db.select().from(invoices).where(eq(invoices.number, "QB-1"));
    const lines = await linesOf(local!.id);
    expect(lines).toEqual([expect.objectContaining({ quantity: 2, rateCents: 4500, amountCents: 9000 })]);

    inQuickBooks(() =>
      qb.update("Invoice", invoice.id, {
        Memo: "Winter",
        InvoiceLineRet: [
          { TxnLineID: "-1", ItemRef: { ListID: plowing.id }, Quantity: "3", Rate: "75.00" },
          { TxnLineID: "-1", ItemRef: { ListID: mowing.id }, Quantity: "1", Rate: "45.00" },
        ],
      }),
    );
    await importEverything();
    expect(await linesOf(local!.id)).toHaveLength(2);
    expect((await caller.sync.undoImport.last()).lines).toEqual(["1 invoice changed by the import"]);

    expect(await caller.sync.undoImport.run()).toMatchObject({ restored: 1, sentences: ["Restored 1 invoice changed by the import."] });
    const [restored] = await db.select().from(invoices).where(eq(invoices.id, local!.id));
    expect(restored).toMatchObject({ memo: "Spring", totalCents: 9000, status: "final" });
    expect(await linesOf(local!.id)).toEqual(lines);
    await caller.sync.discoverLocal();
    expect((await caller.sync.candidates({ section: "export" })).rows.map((row) => [row.label, row.action])).toEqual([
      ["Invoice QB-1", "modify"],
    ]);
  });

  it("brings back an invoice deleted in QuickBooks, with its lines, no longer linked", async () => {
    const customer = qb.addCustomer({ Name: "Maple Court HOA" });
    const mowing = qb.add("ItemService", {
      Name: "Lawn Mowing",
      SalesOrPurchase: { Price: "45.00", AccountRef: { FullName: "Service Income" } },
    });
    const invoice = qb.addInvoice({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-01",
      RefNumber: "QB-7",
      InvoiceLineRet: [{ ItemRef: { ListID: mowing.id }, Quantity: "4", Rate: "45.00" }],
    });
    await importEverything();
    const [local] = await db.select().from(invoices).where(eq(invoices.number, "QB-7"));
    const lines = await linesOf(local!.id);

    inQuickBooks(() => qb.delete("Invoice", invoice.id));
    await importEverything();
    expect(await db.select().from(invoices)).toEqual([]);
    expect((await caller.sync.undoImport.last()).lines).toEqual(["1 invoice deleted by the import"]);

    expect(await caller.sync.undoImport.run()).toMatchObject({ restored: 1, sentences: ["Brought back 1 invoice deleted by the import."] });
    const [back] = await db.select().from(invoices).where(eq(invoices.id, local!.id));
    expect(back).toMatchObject({ number: "QB-7", customerId: local!.customerId, totalCents: 18000 });
    expect(await linesOf(local!.id)).toEqual(lines);
    expect(await db.select().from(syncLinks).where(eq(syncLinks.entityType, "invoice"))).toEqual([]);
  });

  it("is refused to staff, who can still see what it would restore", async () => {
    qb.addCustomer({ Name: "Birchwood Dental" });
    await importEverything();
    const staff = callerFor(db, await createTestUser(db, "staff"));
    expect(await staff.sync.undoImport.last()).toMatchObject({ canUndo: true, lines: ["1 customer created by the import"] });
    await expect(staff.sync.undoImport.run()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await contactNamed("Birchwood Dental")).toBeDefined();
  });

  it("restores the other records when one cannot go back because its old name is taken now", async () => {
    const harbor = qb.addCustomer({ Name: "Harbor Light Bakery" });
    const maple = qb.addCustomer({ Name: "Maple Court HOA", Phone: "207-555-0100" });
    await importEverything();
    inQuickBooks(() => {
      qb.updateCustomer(harbor.id, { Name: "Harbor Light Cafe" });
      qb.updateCustomer(maple.id, { Phone: "207-555-0199" });
    });
    await importEverything();
    await caller.customers.create({ name: "Harbor Light Bakery" });

    const result = await caller.sync.undoImport.run();
    expect(result).toMatchObject({ restored: 1, failed: 1 });
    expect(result.sentences).toEqual([
      "Restored 1 customer changed by the import.",
      "Harbor Light Cafe could not be restored: another record here now uses its name or number. It stays as the import left it.",
    ]);
    expect(await contactNamed("Harbor Light Cafe")).toBeDefined();
    expect(await contactNamed("Maple Court HOA")).toMatchObject({ phone: "207-555-0100" });
  });

  it("says there is nothing to undo before any import was applied", async () => {
    const customer = qb.addCustomer({ Name: "Birchwood Dental" });
    qb.add("ItemService", { Name: "Lawn Mowing", SalesOrPurchase: { Price: "45.00", AccountRef: { FullName: "Service Income" } } });
    qb.addInvoice({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-01",
      RefNumber: "QB-9",
      InvoiceLineRet: [{ ItemRef: { FullName: "Lawn Mowing" }, Quantity: "1" }],
    });
    await sync();
    // Only the invoice approved: it waits for its customer, so the run applies nothing here.
    const [invoice] = (await caller.sync.candidates({ section: "import", entityType: "invoice" })).rows;
    await caller.sync.approve({ checked: [invoice!.id], uncheckedRule: "keep" });
    await sync();
    expect((await caller.sync.pending({})).rows.map((row) => row.state)).toEqual(["waiting"]);
    const summary = await caller.sync.undoImport.last();
    expect(summary).toMatchObject({ run: null, canUndo: false, reason: "No import from QuickBooks has been applied yet.", lines: [] });
    await expect(caller.sync.undoImport.run()).rejects.toMatchObject({ code: "CONFLICT", message: summary.reason });
  });
});
