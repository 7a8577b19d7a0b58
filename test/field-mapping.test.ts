import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { contacts, items } from "@/db/schema";
import type { SimulatedCompany } from "@/scripts/simulator";
import type { SyncSettings } from "@/server/sync/settings";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { ask, testCompany } from "./support/simulator";
import { validateQbxml } from "./support/qbxml-schema";
import { qbxmlRequest } from "./support/qbwc-engine";
import { firstImport, syncWith } from "./support/sync-driver";

// Field mapping: skipped fields cross in neither direction; QuickBooks custom fields are read here.
let db: Database;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  caller = callerFor(db, await createTestUser(db, "admin"));
});

const sync = (company: SimulatedCompany) => syncWith(db, company);

type FieldMapping = SyncSettings["fieldMapping"];

async function setMapping(changes: Partial<FieldMapping>) {
  const { settings } = await caller.sync.settings();
  await caller.sync.saveSettings({ ...settings, fieldMapping: { ...settings.fieldMapping, ...changes } });
}

const skipping = (customer: string[], item: string[] = []) => setMapping({ skipped: { customer, vendor: [], item } });

async function candidates(section: "import" | "export") {
  const { rows } = await caller.sync.candidates({ section, pageSize: 200 });
  return rows.map((row) => ({ label: row.label, action: row.action, fields: row.diff.map((change) => change.field) }));
}

const approveAll = () => caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });

async function contactNamed(name: string) {
  const [row] = await db.select().from(contacts).where(eq(contacts.name, name));
  return row!;
}

/** A customer and an item in both places, linked by the first import. */
async function linkedCompany() {
  const { company, clock } = testCompany();
  company.addCustomer({ Name: "Birchwood Dental", Phone: "919-555-0100", Email: "front@birchwood.example" });
  company.add("ItemService", {
    Name: "Hedge Trimming",
    SalesTaxCodeRef: { FullName: "Non" },
    SalesOrPurchase: { Desc: "Per hour", Price: "45.00", AccountRef: { FullName: "Service Income" } },
  });
  await firstImport(db, caller, company);
  return { company, clock };
}

describe("skipped fields", () => {
  it("raises no candidate when a skipped field changes here, and never sends it", async () => {
    const { company } = await linkedCompany();
    await skipping(["phone"]);
    const birchwood = await contactNamed("Birchwood Dental");

    await caller.customers.update({ id: birchwood.id, data: { ...birchwood, phone: "919-555-0177" } });
    await caller.sync.discoverLocal();
    expect(await candidates("export")).toEqual([]);

    await caller.customers.update({ id: birchwood.id, data: { ...birchwood, phone: "919-555-0177", email: "hello@birchwood.example" } });
    await caller.sync.discoverLocal();
    expect(await candidates("export")).toEqual([{ label: "Birchwood Dental", action: "modify", fields: ["email"] }]);
    await approveAll();
    await sync(company);

    const inQuickBooks = company.find("Customer", "Birchwood Dental")!;
    expect(inQuickBooks.Email).toBe("hello@birchwood.example");
    expect(inQuickBooks.Phone).toBe("919-555-0100");
  });

  it("raises no candidate when a skipped field changes in QuickBooks, and an import does not overwrite it here", async () => {
    const { company } = await linkedCompany();
    await skipping(["phone"], ["description"]);

    company.updateCustomer("Birchwood Dental", { Phone: "919-555-0188" });
    company.update("ItemService", "Hedge Trimming", { SalesOrPurchase: { Desc: "Per visit" } });
    await sync(company);
    expect(await candidates("import")).toEqual([]);

    company.updateCustomer("Birchwood Dental", { Phone: "919-555-0199", Email: "office@birchwood.example" });
    await sync(company);
    expect(await candidates("import")).toEqual([{ label: "Birchwood Dental", action: "modify", fields: ["email"] }]);
    await approveAll();
    await sync(company);

    const birchwood = await contactNamed("Birchwood Dental");
    expect(birchwood.email).toBe("office@birchwood.example");
    expect(birchwood.phone).toBe("919-555-0100");
    const [hedge] = await db.select().from(items).where(eq(items.name, "Hedge Trimming"));
    expect(hedge!.description).toBe("Per hour");
  });

  it("syncs a field again once it is checked again", async () => {
    const { company } = await linkedCompany();
    await skipping(["phone"]);
    await skipping([]);

    company.updateCustomer("Birchwood Dental", { Phone: "919-555-0123" });
    await sync(company);

    expect(await candidates("import")).toEqual([{ label: "Birchwood Dental", action: "modify", fields: ["phone"] }]);
  });

  it("refuses to skip the name, which is how both sides find the same record", async () => {
    await expect(skipping(["name"])).rejects.toThrow(/name of a customer always syncs/);
  });
});

describe("QuickBooks custom fields", () => {
  it("shows a mapped custom field changed in QuickBooks in the diff, and keeps its value here when the import is applied", async () => {
    const { company } = await linkedCompany();
    await setMapping({ customFields: [{ entityType: "customer", quickBooksName: "Region", localName: "Sales region" }] });

    company.setCustomField("Customer", "Birchwood Dental", "Region", "Triangle East");
    company.setCustomField("Customer", "Birchwood Dental", "Gate code", "4411");
    await sync(company);

    const { rows } = await caller.sync.candidates({ section: "import", pageSize: 200 });
    expect(rows.map((row) => [row.label, row.diff])).toEqual([
      ["Birchwood Dental", [{ field: "custom:Sales region", before: null, after: "Triangle East" }]],
    ]);
    await approveAll();
    await sync(company);

    expect((await contactNamed("Birchwood Dental")).customFields).toEqual({ "Sales region": "Triangle East" });
    // Applied and linked: the same value read again is no change.
    company.updateCustomer("Birchwood Dental", { Notes: "Back door" });
    await sync(company);
    expect((await candidates("import")).map((row) => row.fields)).toEqual([["notes"]]);
  });

  it("brings an item's custom field with a new item from QuickBooks", async () => {
    const { company } = testCompany();
    await setMapping({ customFields: [{ entityType: "item", quickBooksName: "Color", localName: "Colour" }] });
    company.add("ItemNonInventory", {
      Name: "Mulch Bag",
      SalesOrPurchase: { Price: "6.50", AccountRef: { FullName: "Materials Income" } },
    });
    company.setCustomField("ItemNonInventory", "Mulch Bag", "Color", "Brown");

    await firstImport(db, caller, company);

    const [mulch] = await db.select().from(items).where(eq(items.name, "Mulch Bag"));
    expect(mulch!.customFields).toEqual({ Colour: "Brown" });
  });

  it("refuses a QuickBooks custom field name longer than QuickBooks allows", async () => {
    const tooLong = "Preferred delivery window (days)";
    await expect(
      setMapping({ customFields: [{ entityType: "customer", quickBooksName: tooLong, localName: "Delivery window" }] }),
    ).rejects.toThrow(/at most 31 characters/);
  });
});

describe("the simulator's custom fields", () => {
  it("returns a public custom field only to a query naming OwnerID 0, in a response the qbXML 13.0 schema accepts", async () => {
    const { company } = testCompany();
    company.addCustomer({ Name: "Birchwood Dental" });
    company.setCustomField("Customer", "Birchwood Dental", "Region", "Triangle East");
    const query = (owner: string) => `<CustomerQueryRq requestID="1"><FullName>Birchwood Dental</FullName>${owner}</CustomerQueryRq>`;

    const [owned] = ask(company, query("<OwnerID>0</OwnerID>"));
    const [plain] = ask(company, query(""));

    expect(owned!.records[0]).toMatchObject({ customFields: [{ ownerId: "0", name: "Region", value: "Triangle East" }] });
    expect(plain!.records[0]).toMatchObject({ customFields: [] });
    const xml = company.handle(qbxmlRequest(query("<OwnerID>0</OwnerID>")));
    expect((await validateQbxml([{ name: "response", xml }])).get("response")).toEqual({ valid: true, errors: [] });
  });
});
