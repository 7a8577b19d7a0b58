import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { SimulatedCompany } from "@/scripts/simulator";
import type { SyncSettings } from "@/server/sync/settings";
import { callerFor, createTestUser, freshDatabaseWithAdmin } from "./support/callers";
import { createInvoiceBasics } from "./support/records";
import { firstImport, syncWith } from "./support/sync-driver";

let db: Database;
let caller: ReturnType<typeof callerFor>;
let quickBooks: SimulatedCompany;

beforeEach(async () => {
  ({ db, caller } = await freshDatabaseWithAdmin());
  quickBooks = new SimulatedCompany({ starterLists: false });
  await firstImport(db, caller, quickBooks);
});

const statusOf = (type: "customer" | "invoice", id: number) => caller.sync.recordStatus({ type, id });

async function setPolicies(changes: Partial<SyncSettings>) {
  await caller.sync.saveSettings({ ...(await caller.sync.settings()).settings, ...changes });
}

async function approveAll() {
  await caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });
}

describe("where a record stands with QuickBooks", () => {
  it("follows a customer from new to waiting, pending, failed with its guidance, and into QuickBooks after Resync", async () => {
    const customer = await caller.customers.create({ name: "Oak Hill Farm" });
    expect(await statusOf("customer", customer.id)).toMatchObject({ status: "not_yet", quickBooksId: null, change: null, reason: null });

    await caller.sync.discoverLocal();
    expect(await statusOf("customer", customer.id)).toMatchObject({
      status: "awaiting_approval",
      change: { direction: "export", action: "add", approvedBy: null },
    });

    await approveAll();
    const pending = await statusOf("customer", customer.id);
    expect(pending).toMatchObject({ status: "pending", change: { approvedBy: expect.stringMatching(/^Test admin/) } });
    expect(pending.change!.approvedAt).toBeInstanceOf(Date);

    // Someone adds a vendor of that name in QuickBooks before the run: one pool of names, so QuickBooks refuses.
    quickBooks.addVendor({ Name: "Oak Hill Farm" });
    await syncWith(db, quickBooks);
    const failed = await statusOf("customer", customer.id);
    expect(failed).toMatchObject({ status: "failed", change: { statusCode: "3100" }, advice: { title: "Name already in use" } });
    expect(failed.advice!.resolution).toContain("Oak Hill Farm");

    await caller.customers.update({ id: customer.id, data: { name: "Oak Hill Farm (Raleigh)" } });
    await caller.sync.resync({ ids: [failed.change!.itemId] });
    expect((await statusOf("customer", customer.id)).status).toBe("pending");
    await syncWith(db, quickBooks);
    const synced = await statusOf("customer", customer.id);
    expect(synced).toMatchObject({
      status: "in_quickbooks",
      change: null,
      quickBooksId: quickBooks.find("Customer", "Oak Hill Farm (Raleigh)")!.ListID,
    });
    expect(synced.syncedAt).toBeInstanceOf(Date);
  });

  it("says which setting leaves a record out: a type switched off, one side only, a proxy, a draft, NC Only", async () => {
    const { customer } = await createInvoiceBasics(caller);
    await setPolicies({ syncTypes: { ...(await caller.sync.settings()).settings.syncTypes, customer: false } });
    expect(await statusOf("customer", customer.id)).toMatchObject({
      status: "not_synced",
      reason: "Customers are switched off in the sync settings.",
    });

    await setPolicies({
      syncTypes: { ...(await caller.sync.settings()).settings.syncTypes, customer: true },
      onlyInLedgerbridge: "ignore",
    });
    expect(await statusOf("customer", customer.id)).toMatchObject({
      status: "not_synced",
      reason: "The sync settings leave records found only in Ledgerbridge where they are.",
    });

    await setPolicies({ onlyInLedgerbridge: "create" });
    const walkIn = await caller.customers.create({ name: "Walk-in", proxyId: customer.id });
    expect(await statusOf("customer", walkIn.id)).toMatchObject({
      status: "not_synced",
      reason: expect.stringContaining("as another customer (its proxy)"),
    });
    expect(await statusOf("customer", customer.id)).toMatchObject({ status: "not_yet" });
  });

  it("says why an invoice is held back, and that a cleared one comes back when it changes", async () => {
    const { customer, mowing } = await createInvoiceBasics(caller);
    const invoice = await caller.invoices.create({
      customerId: customer.id,
      txnDate: "2025-03-01",
      status: "final",
      lines: [{ itemId: mowing.id, quantity: 1, rate: 45 }],
    });
    await setPolicies({ syncTypes: { ...(await caller.sync.settings()).settings.syncTypes, customer: false } });
    await caller.sync.discoverLocal();
    const held = await statusOf("invoice", invoice.id);
    expect(held.status).toBe("held_back");
    expect(held.reason).toContain(`"${customer.name}"`);
    expect(held.reason).toContain("customers are switched off");

    await setPolicies({ syncTypes: { ...(await caller.sync.settings()).settings.syncTypes, customer: true } });
    await caller.sync.discoverLocal();
    const customerItem = (await caller.sync.candidates({ section: "export", entityType: "customer" })).rows[0]!;
    await caller.sync.approve({ checked: [customerItem.id], uncheckedRule: "clear" });
    expect(await statusOf("invoice", invoice.id)).toMatchObject({
      status: "cleared",
      reason: "It was unchecked and cleared in the Sync Wizard: it shows there again when it changes.",
    });
  });
});

describe("the record lists", () => {
  it("show each row's status and filter by it", async () => {
    const first = await caller.customers.create({ name: "Harbor View Dental" });
    await caller.sync.discoverLocal();
    await approveAll();
    await syncWith(db, quickBooks);
    const second = await caller.customers.create({ name: "Riverside Bakery" });
    await caller.sync.discoverLocal();
    const third = await caller.customers.create({ name: "Meadow Lane School" });

    const all = await caller.customers.list({ pageSize: 10 });
    expect(all.rows.map((row) => [row.name, row.syncStatus])).toEqual([
      ["Harbor View Dental", "in_quickbooks"],
      ["Meadow Lane School", "not_yet"],
      ["Riverside Bakery", "awaiting_approval"],
    ]);
    const waiting = await caller.customers.list({ syncStatus: "awaiting_approval" });
    expect(waiting.rows.map((row) => row.id)).toEqual([second.id]);
    expect(waiting.total).toBe(1);
    expect((await caller.customers.list({ syncStatus: "in_quickbooks", search: "Harbor" })).rows.map((row) => row.id)).toEqual([first.id]);
    expect((await caller.customers.list({ syncStatus: "not_yet" })).rows.map((row) => row.id)).toEqual([third.id]);
    expect((await caller.customers.list({ syncStatus: "failed" })).total).toBe(0);
  });

  it("say where payment methods and terms stand, on the Lists page's rows", async () => {
    await caller.paymentMethods.create({ name: "Zelle" });
    await caller.terms.create({ name: "Net 15", netDays: 15 });
    expect((await caller.paymentMethods.list({})).rows.map((row) => [row.name, row.syncStatus])).toEqual([["Zelle", "not_yet"]]);
    await caller.sync.discoverLocal();
    await approveAll();
    await syncWith(db, quickBooks);
    expect((await caller.paymentMethods.list({})).rows.map((row) => [row.name, row.syncStatus])).toEqual([["Zelle", "in_quickbooks"]]);
    expect((await caller.terms.list({ syncStatus: "in_quickbooks" })).rows.map((row) => row.name)).toEqual(["Net 15"]);
  });

  it("lets office staff read where a record stands", async () => {
    const staff = callerFor(db, await createTestUser(db, "staff"));
    const customer = await staff.customers.create({ name: "Pine Grove School" });
    expect((await staff.sync.recordStatus({ type: "customer", id: customer.id })).status).toBe("not_yet");
  });
});
