import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testClock } from "./support/simulator";
import { syncWith } from "./support/sync-driver";

let db: Database;
let qb: SimulatedCompany;
let clock: ReturnType<typeof testClock>;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  clock = testClock();
  qb = new SimulatedCompany({ now: clock.now, starterLists: false });
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
});

const sync = () => syncWith(db, qb);
const approveAll = (section?: "import" | "export") => caller.sync.approve({ checked: { filter: { section } }, uncheckedRule: "keep" });

function inQuickBooks<T>(change: () => T): T {
  clock.advance(60_000);
  return change();
}

async function candidateRows(section: "import" | "export") {
  const page = await caller.sync.candidates({ section });
  return page.rows.map((row) => ({ entityType: row.entityType, action: row.action, label: row.label }));
}

describe("sales tax codes", () => {
  it("imports QuickBooks' codes with their taxability, and sends a new one made here", async () => {
    qb.add("SalesTaxCode", { Name: "Tax", IsTaxable: "true", Desc: "Taxable Sales" });
    qb.add("SalesTaxCode", { Name: "Non", IsTaxable: "false", Desc: "Non-Taxable Sales" });
    await sync();
    expect(await candidateRows("import")).toEqual([
      { entityType: "salesTaxCode", action: "add", label: "Non" },
      { entityType: "salesTaxCode", action: "add", label: "Tax" },
    ]);
    await approveAll("import");
    await sync();
    const codes = await caller.salesTaxCodes.list({});
    expect(codes.rows.map((code) => [code.name, code.taxable, code.description, code.syncStatus])).toEqual([
      ["Non", false, "Non-Taxable Sales", "in_quickbooks"],
      ["Tax", true, "Taxable Sales", "in_quickbooks"],
    ]);

    await caller.salesTaxCodes.create({ name: "Out", description: "Out of state", taxable: false });
    await sync();
    await approveAll("export");
    await sync();
    expect(qb.find("SalesTaxCode", "Out")).toMatchObject({ IsTaxable: "false", Desc: "Out of state" });
  });

  it("sends an edit made here and takes one made in QuickBooks, since qbXML 13.0 has SalesTaxCodeMod", async () => {
    const code = await caller.salesTaxCodes.create({ name: "Res", description: "Resale", taxable: false });
    await sync();
    await approveAll("export");
    await sync();
    await caller.salesTaxCodes.update({ id: code.id, data: { name: "Res", description: "Resale exempt", taxable: false } });
    await sync();
    await approveAll("export");
    await sync();
    expect(qb.find("SalesTaxCode", "Res")?.Desc).toBe("Resale exempt");

    inQuickBooks(() => qb.update("SalesTaxCode", "Res", { Desc: "Wholesale" }));
    await sync();
    await approveAll("import");
    await sync();
    expect((await caller.salesTaxCodes.get({ id: code.id })).description).toBe("Wholesale");
  });

  it("links a code on both sides by name on the first sync instead of adding it twice", async () => {
    qb.add("SalesTaxCode", { Name: "Tax", IsTaxable: "true", Desc: "Taxable Sales" });
    await caller.salesTaxCodes.create({ name: "TAX", description: "Taxable Sales", taxable: true });
    await sync();
    // The same code spelled otherwise is one Match row (approving it takes QuickBooks' spelling), never an export.
    expect(await candidateRows("export")).toEqual([]);
    expect(await candidateRows("import")).toEqual([{ entityType: "salesTaxCode", action: "match", label: "Tax" }]);
    await approveAll();
    await sync();
    expect(qb.count("SalesTaxCode")).toBe(1);
    const [code] = (await caller.salesTaxCodes.list({})).rows;
    expect(code).toMatchObject({ name: "Tax", syncStatus: "in_quickbooks" });
  });
});

describe("sales tax items and groups", () => {
  it("holds a new sales tax item back until its tax agency (a vendor) is in QuickBooks, then sends both", async () => {
    const agency = await caller.vendors.create({ name: "Maine Revenue Services" });
    const item = await caller.salesTaxItems.create({
      name: "Maine",
      description: "Maine sales tax",
      ratePercent: "5.5",
      agencyId: agency.id,
    });
    await sync();
    // Only the sales tax item is approved: it waits and says for whom.
    const taxItem = (await caller.sync.candidates({ section: "export", entityType: "salesTaxItem" })).rows[0]!;
    await caller.sync.approve({ checked: [taxItem.id], uncheckedRule: "keep" });
    await sync();
    const [waiting] = await db.select().from(syncItems).where(eq(syncItems.id, taxItem.id));
    expect(waiting).toMatchObject({ state: "waiting" });
    expect(waiting?.waitingReason).toContain("Maine Revenue Services");
    expect(qb.find("ItemSalesTax", "Maine")).toBeUndefined();

    await approveAll("export");
    await sync();
    expect(qb.find("ItemSalesTax", "Maine")).toMatchObject({
      ItemDesc: "Maine sales tax",
      TaxRate: "5.5",
      TaxVendorRef: { FullName: "Maine Revenue Services" },
    });
    expect((await caller.salesTaxItems.get({ id: item.id })).agencyName).toBe("Maine Revenue Services");

    // A new rate here goes as an ItemSalesTaxMod.
    await caller.salesTaxItems.update({
      id: item.id,
      data: { name: "Maine", description: "Maine sales tax", ratePercent: "5.75", agencyId: agency.id },
    });
    await sync();
    await approveAll("export");
    await sync();
    expect(qb.find("ItemSalesTax", "Maine")).toMatchObject({ TaxRate: "5.75" });
  });

  it("imports a QuickBooks sales tax item only once its agency vendor is here, and a rate changed there", async () => {
    const vendor = inQuickBooks(() => qb.addVendor({ Name: "State Tax Board", IsSalesTaxAgency: "true" }));
    inQuickBooks(() => qb.add("ItemSalesTax", { Name: "City Tax", TaxRate: "1.25", TaxVendorRef: { ListID: vendor.id } }));
    await sync();
    const rows = (await caller.sync.candidates({ section: "import" })).rows;
    await caller.sync.approve({
      checked: rows.filter((row) => row.entityType === "salesTaxItem").map((row) => row.id),
      uncheckedRule: "keep",
    });
    await sync();
    expect((await caller.salesTaxItems.list({})).rows).toEqual([]);
    const [waiting] = await db.select().from(syncItems).where(eq(syncItems.entityType, "salesTaxItem"));
    expect(waiting?.waitingReason).toContain('Waiting for the tax agency (vendor) "State Tax Board"');

    await approveAll("import");
    await sync();
    const [imported] = (await caller.salesTaxItems.list({})).rows;
    expect(imported).toMatchObject({ name: "City Tax", ratePercent: 1.25 });

    inQuickBooks(() => qb.update("ItemSalesTax", "City Tax", { TaxRate: "1.5" }));
    await sync();
    await approveAll("import");
    await sync();
    expect((await caller.salesTaxItems.get({ id: imported!.id })).ratePercent).toBe(1.5);
  });

  it("sends a group after its sales tax items, and its rate is the sum of theirs", async () => {
    const state = await caller.salesTaxItems.create({ name: "State", ratePercent: "5.5" });
    const city = await caller.salesTaxItems.create({ name: "City", ratePercent: "2.75" });
    const group = await caller.salesTaxGroups.create({ name: "Portland", description: "State and city", itemIds: [state.id, city.id] });
    expect(group.ratePercent).toBe(8.25);
    await sync();
    await approveAll("export");
    await sync();
    const sent = qb.find("ItemSalesTaxGroup", "Portland");
    expect(sent?.ItemSalesTaxRef).toEqual([
      { ListID: qb.find("ItemSalesTax", "State")!.id, FullName: "State" },
      { ListID: qb.find("ItemSalesTax", "City")!.id, FullName: "City" },
    ]);

    await caller.salesTaxGroups.update({ id: group.id, data: { name: "Portland", itemIds: [state.id] } });
    await sync();
    await approveAll("export");
    await sync();
    expect(qb.find("ItemSalesTaxGroup", "Portland")?.ItemSalesTaxRef).toEqual([
      { ListID: qb.find("ItemSalesTax", "State")!.id, FullName: "State" },
    ]);
  });

  it("imports a QuickBooks group after its items and matches an item on both sides by name", async () => {
    const county = inQuickBooks(() => qb.add("ItemSalesTax", { Name: "County", TaxRate: "1" }));
    inQuickBooks(() => qb.add("ItemSalesTax", { Name: "Town", TaxRate: "0.5" }));
    inQuickBooks(() =>
      qb.add("ItemSalesTaxGroup", { Name: "County+Town", ItemSalesTaxRef: [{ ListID: county.id }, { FullName: "Town" }] }),
    );
    await caller.salesTaxItems.create({ name: "town", ratePercent: "0.5" });
    await sync();
    // "town" here is QuickBooks' "Town": one Match row, not an add on either side.
    expect(await candidateRows("import")).toEqual([
      { entityType: "salesTaxItem", action: "add", label: "County" },
      { entityType: "salesTaxGroup", action: "add", label: "County+Town" },
      { entityType: "salesTaxItem", action: "match", label: "Town" },
    ]);
    expect(await candidateRows("export")).toEqual([]);
    await approveAll("import");
    await sync();
    const groups = (await caller.salesTaxGroups.list({})).rows;
    expect(groups.map((row) => row.name)).toEqual(["County+Town"]);
    const group = await caller.salesTaxGroups.get({ id: groups[0]!.id });
    expect(group.items.map((item) => item.name)).toEqual(["County", "Town"]);
    expect(group.ratePercent).toBe(1.5);
    expect(qb.count("ItemSalesTax")).toBe(2);
  });

  it("fails a sales tax item whose name QuickBooks holds for another item, with guidance", async () => {
    inQuickBooks(() => qb.add("ItemService", { Name: "Freight", SalesOrPurchase: { Price: "10.00" } }));
    await caller.salesTaxItems.create({ name: "Freight", ratePercent: "1" });
    await sync();
    await approveAll();
    await sync();
    const failed = (await caller.sync.unsynced({})).rows;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ entityType: "salesTaxItem", statusCode: "3100" });
    expect(failed[0]?.guidance).toBeTruthy();
  });
});

describe("customers' sales tax", () => {
  it("sends a customer's tax code and item after them, and imports one that waits for its tax item", async () => {
    const code = await caller.salesTaxCodes.create({ name: "Tax", taxable: true });
    const item = await caller.salesTaxItems.create({ name: "Maine", ratePercent: "5.5" });
    await caller.customers.create({ name: "Harbor Dental", salesTaxCodeId: code.id, salesTaxItemId: item.id });
    await sync();
    await approveAll("export");
    await sync();
    expect(qb.find("Customer", "Harbor Dental")).toMatchObject({
      SalesTaxCodeRef: { FullName: "Tax" },
      ItemSalesTaxRef: { FullName: "Maine" },
    });

    const county = inQuickBooks(() => qb.add("ItemSalesTax", { Name: "County", TaxRate: "1" }));
    inQuickBooks(() =>
      qb.addCustomer({ Name: "Town Library", SalesTaxCodeRef: { FullName: "Tax" }, ItemSalesTaxRef: { ListID: county.id } }),
    );
    await sync();
    const rows = (await caller.sync.candidates({ section: "import" })).rows;
    await caller.sync.approve({ checked: rows.filter((row) => row.entityType === "customer").map((row) => row.id), uncheckedRule: "keep" });
    await sync();
    const [waiting] = await db.select().from(syncItems).where(eq(syncItems.label, "Town Library"));
    expect(waiting?.waitingReason).toContain('Waiting for sales tax item "County"');
    await approveAll("import");
    await sync();
    const [library] = (await caller.customers.list({ search: "Town Library" })).rows;
    expect(await caller.customers.get({ id: library!.id })).toMatchObject({ salesTaxCodeName: "Tax", salesTaxItemName: "County" });
  });
});
