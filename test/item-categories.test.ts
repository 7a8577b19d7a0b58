import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { items, syncItems } from "@/db/schema";
import { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { refusal } from "./support/refusal";
import { companyForItems, type testClock } from "./support/simulator";
import { syncWith } from "./support/sync-driver";

let db: Database;
let qb: SimulatedCompany;
let clock: ReturnType<typeof testClock>;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  ({ company: qb, clock } = companyForItems());
  db = await createTestDatabase();
  caller = callerFor(db, await createTestUser(db, "admin"));
  // The non-taxable code items are sent with is on both sides alike, so the first run links it.
  await caller.salesTaxCodes.create({ name: "Non", taxable: false });
});

const sync = () => syncWith(db, qb);

/** A run raises what changed here, the office approves every export, the next run sends it. */
async function sendEverything() {
  await sync();
  await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });
  await sync();
}

/** The one candidate the next run raises in a section of the wizard. */
async function raisedByNextRun(section: "import" | "export") {
  await sync();
  const rows = (await caller.sync.candidates({ section })).rows;
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** Someone changes the company in QuickBooks a minute later. */
function inQuickBooks<T>(change: () => T): T {
  clock.advance(60_000);
  return change();
}

function service(name: string, parentId?: number | null) {
  return caller.items.create({ kind: "service", name, salesPrice: "50", incomeAccount: "Service Income", parentId });
}

function qbItem(kind: "ItemService" | "ItemNonInventory", name: string, parent?: string) {
  return qb.add(kind, {
    Name: name,
    ...(parent ? { ParentRef: { FullName: parent } } : {}),
    SalesTaxCodeRef: { FullName: "Non" },
    SalesOrPurchase: { Price: "50.00", AccountRef: { FullName: "Service Income" } },
  });
}

function approveAll(section: "import" | "export") {
  return caller.sync.approve({ checked: { filter: { section } }, uncheckedRule: "keep" });
}

async function approve(labels: string[], section: "import" | "export") {
  const rows = (await caller.sync.candidates({ section, pageSize: 200 })).rows;
  await caller.sync.approve({ checked: rows.filter((row) => labels.includes(row.label)).map((row) => row.id), uncheckedRule: "keep" });
}

async function itemNamed(fullName: string) {
  const [row] = await db.select().from(items).where(eq(items.fullName, fullName));
  return row;
}

describe("item categories here", () => {
  it("keeps an item's own name and lists, searches and offers it by its full name under its category", async () => {
    const landscaping = await service("Landscaping");
    const mulching = await service("Mulching", landscaping.id);
    expect(mulching).toMatchObject({ name: "Mulching", fullName: "Landscaping:Mulching", categoryName: "Landscaping" });

    const listed = await caller.items.list({ search: "landscaping" });
    expect(listed.rows.map((row) => row.fullName)).toEqual(["Landscaping", "Landscaping:Mulching"]);
    const offered = await caller.lookups.items({ search: "mulch" });
    expect(offered).toEqual([{ id: mulching.id, name: "Landscaping:Mulching" }]);
  });

  it("lets two categories each hold a Mulching, but not one category twice, as QuickBooks compares full names", async () => {
    const landscaping = await service("Landscaping");
    const gardens = await service("Gardens");
    await service("Mulching", landscaping.id);
    await service("Mulching", gardens.id);
    await service("Mulching");
    const refused = await refusal(service("MULCHING", landscaping.id));
    expect(refused).toMatchObject({ code: "CONFLICT", fields: { name: expect.stringContaining('"Landscaping:Mulching"') } });
  });

  it("refuses to put an item under itself or one of its own sub-items, saying what to do", async () => {
    const landscaping = await service("Landscaping");
    const mulching = await service("Mulching", landscaping.id);
    const data = { kind: "service" as const, name: "Landscaping", incomeAccount: "Service Income", parentId: mulching.id };
    const refused = await refusal(caller.items.update({ id: landscaping.id, data }));
    expect(refused.fields).toEqual({
      parentId:
        '"Landscaping" cannot go under "Landscaping:Mulching": that is the item itself or one of its own sub-items. Choose another category, or none.',
    });
  });

  it("keeps categories to items QuickBooks holds: none sent as another item (its proxy)", async () => {
    const webSales = await service("Web Sales");
    const landscaping = await service("Landscaping");
    const online = await caller.items.create({
      kind: "service",
      name: "Online Mulch",
      incomeAccount: "Service Income",
      proxyId: webSales.id,
    });
    const underProxied = await refusal(service("Mulching", online.id));
    expect(underProxied.fields).toEqual({
      parentId: '"Online Mulch" is sent to QuickBooks as another item, so it cannot hold sub-items. Choose another category, or none.',
    });

    await service("Edging", landscaping.id);
    const data = { kind: "service" as const, name: "Landscaping", incomeAccount: "Service Income", proxyId: webSales.id };
    const proxiedCategory = await refusal(caller.items.update({ id: landscaping.id, data }));
    expect(proxiedCategory.fields).toEqual({
      proxyId: '"Landscaping" holds sub-items, which QuickBooks needs it for: it cannot be sent as another item.',
    });
  });

  it("changes the sub-items' full names when their category is renamed or moved", async () => {
    const landscaping = await service("Landscaping");
    const outdoor = await service("Outdoor");
    const mulching = await service("Mulching", landscaping.id);
    const bark = await service("Bark", mulching.id);
    await caller.items.update({ id: landscaping.id, data: { kind: "service", name: "Grounds", incomeAccount: "Service Income" } });
    expect((await caller.items.get({ id: bark.id })).fullName).toBe("Grounds:Mulching:Bark");

    await caller.items.update({
      id: mulching.id,
      data: { kind: "service", name: "Mulching", incomeAccount: "Service Income", parentId: outdoor.id },
    });
    expect((await caller.items.get({ id: bark.id })).fullName).toBe("Outdoor:Mulching:Bark");
    await caller.items.update({
      id: mulching.id,
      data: { kind: "service", name: "Mulching", incomeAccount: "Service Income", parentId: null },
    });
    expect((await caller.items.get({ id: bark.id })).fullName).toBe("Mulching:Bark");
  });
});

describe("item categories and QuickBooks", () => {
  it("sends a sub-item after its category, under it, and shows it by its full name", async () => {
    const landscaping = await service("Landscaping");
    await caller.items.create({ kind: "non_inventory", name: "Mulch", incomeAccount: "Materials Income", parentId: landscaping.id });
    await sync();
    const exports = (await caller.sync.candidates({ section: "export" })).rows;
    expect(exports.map((row) => row.label).sort()).toEqual(["Landscaping", "Landscaping:Mulch"]);
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });
    const { sent } = await sync();

    // A non-inventory part under a service, as QuickBooks allows: one run, the category first.
    expect(qb.find("ItemNonInventory", "Landscaping:Mulch")).toMatchObject({ Name: "Mulch", FullName: "Landscaping:Mulch", Sublevel: "1" });
    const parentAt = sent.findIndex((xml) => xml.includes("<ItemServiceAddRq"));
    const childAt = sent.findIndex((xml) => xml.includes("<ItemNonInventoryAddRq"));
    expect(parentAt).toBeGreaterThanOrEqual(0);
    expect(childAt).toBeGreaterThan(parentAt);
    expect(sent[childAt]).toMatch(/<IsActive>true<\/IsActive><ParentRef><ListID>[^<]+<\/ListID><\/ParentRef><SalesTaxCodeRef>/);
    const report = await caller.sync.successful({});
    expect(report.rows.map((row) => row.label)).toContain("Landscaping:Mulch");
  });

  it("puts a sub-item on an invoice line as Landscaping:Mulching, and reads the invoice back as unchanged", async () => {
    const landscaping = await service("Landscaping");
    const mulching = await service("Mulching", landscaping.id);
    const customer = await caller.customers.create({ name: "Harbor View Dental" });
    await caller.invoices.create({
      customerId: customer.id,
      txnDate: "2024-05-02",
      status: "final",
      lines: [{ itemId: mulching.id, quantity: 2, rate: "50" }],
    });
    await sendEverything();
    await sync();

    const [invoice] = qb.list("Invoice");
    expect((invoice!.InvoiceLineRet as { ItemRef: { FullName: string } }[])[0]!.ItemRef.FullName).toBe("Landscaping:Mulching");
    expect((await caller.invoices.list({})).rows[0]).toMatchObject({ syncStatus: "in_quickbooks" });
    inQuickBooks(() => qb.update("Invoice", invoice!.TxnID as string, { Memo: "Spring beds" }));
    const changed = await raisedByNextRun("import");
    // The lines agree: QuickBooks' ItemRef full name is the item's full name here.
    expect(changed.diff).toContainEqual({ field: "memo", before: null, after: "Spring beds" });
    expect(changed.diff.map((change) => change.field)).not.toContain("lines");
  });

  it("holds a sub-item approved without its category, saying what it waits for", async () => {
    const landscaping = await service("Landscaping");
    await service("Edging", landscaping.id);
    await sync();
    await approve(["Landscaping:Edging"], "export");
    await sync();
    const pending = (await caller.sync.pending({})).rows;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ state: "waiting", label: "Landscaping:Edging" });
    expect(pending[0]!.waitingReason).toBe('Waiting for item "Landscaping": approve it in the Sync Wizard so it reaches QuickBooks first.');
    expect(qb.count("ItemService")).toBe(0);

    await approve(["Landscaping"], "export");
    await sync();
    await sync();
    expect(qb.find("ItemService", "Landscaping:Edging")?.Sublevel).toBe("1");
  });

  it("imports a QuickBooks sub-item under its category, and waits while the category is not approved", async () => {
    qbItem("ItemService", "Landscaping");
    qbItem("ItemNonInventory", "Mulch", "Landscaping");
    await sync();
    await approve(["Landscaping:Mulch"], "import");
    await sync();
    const pending = (await caller.sync.pending({})).rows;
    expect(pending[0]!.waitingReason).toContain('Waiting for category "Landscaping": it is not imported from QuickBooks yet.');

    await approve(["Landscaping"], "import");
    await sync();
    await sync();
    const mulch = await itemNamed("Landscaping:Mulch");
    const landscaping = await itemNamed("Landscaping");
    expect(mulch).toMatchObject({ name: "Mulch", kind: "non_inventory", parentId: landscaping!.id });
  });

  it("imports a category and its sub-items approved together in one run, the category first", async () => {
    qbItem("ItemService", "Landscaping");
    qbItem("ItemNonInventory", "Mulch", "Landscaping");
    qbItem("ItemService", "Edging", "Landscaping");
    await sync();
    await approveAll("import");
    await sync();
    expect((await caller.sync.pending({})).rows).toEqual([]);
    const landscaping = await itemNamed("Landscaping");
    expect(await itemNamed("Landscaping:Mulch")).toMatchObject({ parentId: landscaping!.id });
    expect(await itemNamed("Landscaping:Edging")).toMatchObject({ parentId: landscaping!.id });
  });

  it("sends a move to another category as a Mod with the new ParentRef, shown as a category change", async () => {
    const landscaping = await service("Landscaping");
    const gardens = await service("Gardens");
    const edging = await service("Edging", landscaping.id);
    await sendEverything();

    await caller.items.update({
      id: edging.id,
      data: { kind: "service", name: "Edging", incomeAccount: "Service Income", parentId: gardens.id },
    });
    const moved = await raisedByNextRun("export");
    expect(moved).toMatchObject({ label: "Gardens:Edging", action: "modify" });
    expect(moved.diff).toContainEqual({ field: "category", before: "Landscaping", after: "Gardens" });
    await approveAll("export");
    await sync();
    expect(qb.find("ItemService", "Gardens:Edging")?.Name).toBe("Edging");
    expect(qb.find("ItemService", "Landscaping:Edging")).toBeUndefined();

    // Out from under a category is a move only QuickBooks can make; the page says where to make it.
    const topLevel = { kind: "service" as const, name: "Edging", incomeAccount: "Service Income", parentId: null };
    const refused = await refusal(caller.items.update({ id: edging.id, data: topLevel }));
    expect(refused.fields).toEqual({
      parentId:
        'QuickBooks does not let another program move "Gardens:Edging" to the top level. Move it there in QuickBooks (Edit Item, clear "Subitem of"): the next run brings the change here.',
    });
  });

  it("sends a category renamed here as its one change; QuickBooks renames its sub-items, which raise nothing", async () => {
    const landscaping = await service("Landscaping");
    await service("Edging", landscaping.id);
    await sendEverything();

    await caller.items.update({ id: landscaping.id, data: { kind: "service", name: "Grounds", incomeAccount: "Service Income" } });
    await sync();
    const exports = (await caller.sync.candidates({ section: "export" })).rows;
    expect(exports.map((row) => [row.label, row.action])).toEqual([["Grounds", "modify"]]);
    await approveAll("export");
    await sync();
    expect(qb.find("ItemService", "Grounds:Edging")?.Name).toBe("Edging");

    // QuickBooks changes the sub-item later: an ordinary import, not a conflict over its category.
    inQuickBooks(() => qb.update("ItemService", "Grounds:Edging", { SalesOrPurchase: { Price: "35.00" } }));
    await sync();
    const [changed] = (await caller.sync.candidates({ section: "import" })).rows;
    expect(changed).toMatchObject({ label: "Grounds:Edging", action: "modify" });
    expect(changed!.diff).toEqual([{ field: "salesPriceCents", before: 5000, after: 3500 }]);
  });

  it("follows a category renamed in QuickBooks, and raises a sub-item moved there (or out to the top level) as a category change", async () => {
    qbItem("ItemService", "Landscaping");
    qbItem("ItemService", "Gardens");
    qbItem("ItemService", "Edging", "Landscaping");
    await sync();
    await approveAll("import");
    await sync();
    await sync();
    expect(await itemNamed("Landscaping:Edging")).toBeDefined();

    inQuickBooks(() => qb.update("ItemService", "Landscaping", { Name: "Grounds" }));
    expect(qb.find("ItemService", "Grounds:Edging")?.FullName).toBe("Grounds:Edging");
    await sync();
    await approveAll("import");
    await sync();
    expect((await itemNamed("Grounds:Edging"))?.name).toBe("Edging");

    const gardens = qb.find("ItemService", "Gardens")!;
    inQuickBooks(() => qb.update("ItemService", "Grounds:Edging", { ParentRef: { ListID: gardens.ListID } }));
    const moved = await raisedByNextRun("import");
    expect(moved).toMatchObject({ label: "Gardens:Edging", action: "modify" });
    expect(moved.diff).toContainEqual({ field: "category", before: "Grounds", after: "Gardens" });
    await approveAll("import");
    await sync();
    expect((await itemNamed("Gardens:Edging"))?.name).toBe("Edging");

    // Out to the top level, as only QuickBooks can do it: it comes here the same way.
    inQuickBooks(() => qb.update("ItemService", "Gardens:Edging", { ParentRef: "" }));
    const topLevel = await raisedByNextRun("import");
    expect(topLevel).toMatchObject({ label: "Edging", action: "modify" });
    expect(topLevel.diff).toContainEqual({ field: "category", before: "Gardens", after: null });
    await approveAll("import");
    await sync();
    expect(await itemNamed("Edging")).toMatchObject({ name: "Edging", parentId: null });
  });

  it("fails a sub-item whose category QuickBooks no longer has with 3140 and the guide's advice", async () => {
    const landscaping = await service("Landscaping");
    await sendEverything();
    inQuickBooks(() => qb.delete("ItemService", "Landscaping"));
    const edging = await service("Edging", landscaping.id);
    await caller.sync.discoverLocal();
    await approve(["Landscaping:Edging"], "export");
    for (let run = 0; run < 4; run++) await sync();

    const [row] = (await db.select().from(syncItems).where(eq(syncItems.localId, edging.id))).filter((item) => item.direction === "export");
    expect(row).toMatchObject({ state: "failed", statusCode: "3140" });
    const unsynced = (await caller.sync.unsynced({})).rows.find((failed) => failed.label === "Landscaping:Edging");
    expect(unsynced?.statusMessage).toContain('invalid reference to QuickBooks Item "');
    expect(unsynced?.guidance.resolution).toContain("Sync the referenced record first");
  });

  it("matches Landscaping:Mulching on both sides on the first sync, not the top-level Mulching", async () => {
    const landscaping = await service("Landscaping");
    const mulching = await service("Mulching", landscaping.id);
    qbItem("ItemService", "Mulching");
    qbItem("ItemService", "Landscaping");
    const sameMulching = qbItem("ItemService", "Mulching", "Landscaping");
    await sync();

    // Identical on both sides, the two are linked at once; QuickBooks' top-level Mulching is a record of its own.
    const imports = (await caller.sync.candidates({ section: "import" })).rows;
    expect(imports.map((row) => [row.label, row.action])).toEqual([["Mulching", "add"]]);
    expect((await caller.sync.candidates({ section: "export" })).rows).toEqual([]);
    const status = await caller.sync.recordStatus({ type: "item", id: mulching.id });
    expect(status).toMatchObject({ status: "in_quickbooks", quickBooksId: sameMulching.ListID });
  });
});
