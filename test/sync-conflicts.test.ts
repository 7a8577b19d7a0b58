import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { syncAudit } from "@/db/schema";
import type { SimulatedCompany } from "@/scripts/simulator";
import type { SyncSettings } from "@/server/sync/settings";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testCompany } from "./support/simulator";
import { firstImport, syncWith } from "./support/sync-driver";

// A record changed on both sides since the last sync, under each conflict setting: ask, QuickBooks wins, Ledgerbridge wins.
let db: Database;
let caller: ReturnType<typeof callerFor>;
let company: SimulatedCompany;
let clock: ReturnType<typeof testCompany>["clock"];

const MAPLE = "Maple Court HOA";

beforeEach(async () => {
  db = await createTestDatabase();
  caller = callerFor(db, await createTestUser(db, "admin"));
  ({ company, clock } = testCompany());
  company.addCustomer({ Name: MAPLE, Phone: "207-555-0100", Email: "office@maplecourt.example" });
  await firstImport(db, caller, company);
});

const sync = () => syncWith(db, company);

async function setPolicies(changes: Partial<SyncSettings>) {
  await caller.sync.saveSettings({ ...(await caller.sync.settings()).settings, ...changes });
}

async function maple() {
  const { rows } = await caller.customers.list({ search: MAPLE });
  return caller.customers.get({ id: rows[0]!.id });
}

/** The phone changed here; in QuickBooks a minute later, its phone and email. */
async function changeBothSides() {
  const local = await maple();
  await caller.customers.update({ id: local.id, data: { ...local, phone: "207-555-0111" } });
  clock.advance(60_000);
  company.updateCustomer(MAPLE, { Phone: "207-555-0199", Email: "billing@maplecourt.example" });
}

async function candidates(section: "import" | "export") {
  const { rows } = await caller.sync.candidates({ section, pageSize: 200 });
  return rows;
}

describe("a record changed on both sides, with the policy to ask", () => {
  it("raises one conflict candidate with both versions field by field, and no export beside it", async () => {
    await changeBothSides();
    await sync();

    expect(await candidates("export")).toEqual([]);
    const [conflict, ...others] = await candidates("import");
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({ label: MAPLE, action: "conflict" });
    expect(conflict!.diff).toEqual([
      {
        field: "email",
        base: "office@maplecourt.example",
        ledgerbridge: "office@maplecourt.example",
        quickbooks: "billing@maplecourt.example",
      },
      { field: "phone", base: "207-555-0100", ledgerbridge: "207-555-0111", quickbooks: "207-555-0199" },
    ]);
    // Finding local changes again keeps it one decision, not an export beside it.
    expect((await caller.sync.discoverLocal()).raised).toBe(0);
    expect(await candidates("export")).toEqual([]);
  });

  it("merges the fields chosen from each side, sends the merged record once, and raises nothing after", async () => {
    await changeBothSides();
    await sync();
    const [conflict] = await candidates("import");

    const result = await caller.sync.resolveConflict({ id: conflict!.id, choose: { phone: "ledgerbridge", email: "quickbooks" } });

    expect(result.outcome).toBe("sending");
    expect(await maple()).toMatchObject({ phone: "207-555-0111", email: "billing@maplecourt.example" });
    expect((await caller.sync.pending({})).rows).toEqual([
      expect.objectContaining({ label: MAPLE, direction: "export", action: "modify" }),
    ]);
    const [audit] = await db.select().from(syncAudit).where(eq(syncAudit.action, "resolve"));
    expect(audit?.detail).toBe("Resolved a conflict: kept Ledgerbridge's phone; took QuickBooks' email.");

    const { sent } = await sync();
    expect(sent.some((xml) => xml.includes("<CustomerModRq"))).toBe(true);
    expect(company.find("Customer", MAPLE)).toMatchObject({ Phone: "207-555-0111", Email: "billing@maplecourt.example" });
    // QuickBooks' current EditSequence went with the Mod: accepted at once, no 3200.
    expect((await caller.sync.failed({})).rows).toEqual([]);

    await sync();
    expect(await caller.sync.badgeCount()).toBe(0);
    expect((await caller.sync.discoverLocal()).raised).toBe(0);
  });

  it("takes QuickBooks' whole version here without sending anything back", async () => {
    await changeBothSides();
    await sync();
    const [conflict] = await candidates("import");

    expect((await caller.sync.resolveConflict({ id: conflict!.id, choose: "quickbooks" })).outcome).toBe("taken");

    expect(await maple()).toMatchObject({ phone: "207-555-0199", email: "billing@maplecourt.example" });
    const report = await caller.sync.successful({ search: MAPLE, sort: "at", direction: "desc" });
    expect(report.rows[0]).toMatchObject({
      label: MAPLE,
      direction: "import",
      statusMessage: expect.stringContaining("QuickBooks' version taken"),
    });
    const { sent } = await sync();
    expect(sent.some((xml) => xml.includes("<CustomerModRq"))).toBe(false);
    expect(await caller.sync.badgeCount()).toBe(0);
  });

  it("keeps Ledgerbridge's whole version and sends it as a Mod", async () => {
    await changeBothSides();
    await sync();
    const [conflict] = await candidates("import");

    await caller.sync.resolveConflict({ id: conflict!.id, choose: "ledgerbridge" });
    await sync();

    expect(company.find("Customer", MAPLE)).toMatchObject({ Phone: "207-555-0111", Email: "office@maplecourt.example" });
    expect(await maple()).toMatchObject({ phone: "207-555-0111", email: "office@maplecourt.example" });
    await sync();
    expect(await caller.sync.badgeCount()).toBe(0);
  });

  it("leaves a conflict alone on Approve Checked, and clears it with Clear Unchecked", async () => {
    await changeBothSides();
    await sync();
    const [conflict] = await candidates("import");

    expect(await caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" })).toEqual({ approved: 0, dismissed: 0 });
    expect(await caller.sync.approve({ checked: [conflict!.id], uncheckedRule: "keep" })).toEqual({ approved: 0, dismissed: 0 });
    expect(await candidates("import")).toEqual([expect.objectContaining({ id: conflict!.id, action: "conflict" })]);

    expect(await caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "clear" })).toEqual({ approved: 0, dismissed: 1 });
    expect(await caller.sync.badgeCount()).toBe(0);
    // Cleared, it holds the local change back too: nothing is sent over QuickBooks' change unseen.
    await sync();
    expect(await candidates("export")).toEqual([]);
    expect(company.find("Customer", MAPLE)).toMatchObject({ Phone: "207-555-0199" });
  });

  it("turns a waiting QuickBooks change into a conflict when the record then changes here", async () => {
    clock.advance(60_000);
    company.updateCustomer(MAPLE, { Email: "billing@maplecourt.example" });
    await sync();
    expect(await candidates("import")).toEqual([expect.objectContaining({ label: MAPLE, action: "modify" })]);

    const local = await maple();
    await caller.customers.update({ id: local.id, data: { ...local, phone: "207-555-0111" } });
    await caller.sync.discoverLocal();

    expect(await candidates("export")).toEqual([]);
    const [conflict] = await candidates("import");
    expect(conflict).toMatchObject({ action: "conflict" });
    expect(conflict!.diff).toEqual([
      {
        field: "email",
        base: "office@maplecourt.example",
        ledgerbridge: "office@maplecourt.example",
        quickbooks: "billing@maplecourt.example",
      },
      { field: "phone", base: "207-555-0100", ledgerbridge: "207-555-0111", quickbooks: "207-555-0100" },
    ]);
  });

  it("does not let an approved QuickBooks change overwrite a change made here after the approval: it asks instead", async () => {
    clock.advance(60_000);
    company.updateCustomer(MAPLE, { Email: "billing@maplecourt.example" });
    await sync();
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    const local = await maple();
    await caller.customers.update({ id: local.id, data: { ...local, phone: "207-555-0111" } });

    await sync();

    expect(await maple()).toMatchObject({ phone: "207-555-0111", email: "office@maplecourt.example" });
    const [conflict] = await candidates("import");
    expect(conflict).toMatchObject({ label: MAPLE, action: "conflict" });
    expect(conflict!.diff).toEqual([
      {
        field: "email",
        base: "office@maplecourt.example",
        ledgerbridge: "office@maplecourt.example",
        quickbooks: "billing@maplecourt.example",
      },
      { field: "phone", base: "207-555-0100", ledgerbridge: "207-555-0111", quickbooks: "207-555-0100" },
    ]);
  });

  it("does not let an approved export overwrite a change QuickBooks made after the approval: the 3200 re-read asks instead", async () => {
    const local = await maple();
    await caller.customers.update({ id: local.id, data: { ...local, phone: "207-555-0111" } });
    await caller.sync.discoverLocal();
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });
    clock.advance(60_000);
    company.updateCustomer(MAPLE, { Email: "billing@maplecourt.example" });

    await sync();

    expect(company.find("Customer", MAPLE)).toMatchObject({ Phone: "207-555-0100", Email: "billing@maplecourt.example" });
    expect(await candidates("export")).toEqual([]);
    const [conflict] = await candidates("import");
    expect(conflict).toMatchObject({ label: MAPLE, action: "conflict" });
  });

  it("refuses a resolution made on a version that changed since, until the conflict shows the latest", async () => {
    await changeBothSides();
    await sync();
    const [conflict] = await candidates("import");
    const local = await maple();
    await caller.customers.update({ id: local.id, data: { ...local, phone: "207-555-0122" } });

    await expect(caller.sync.resolveConflict({ id: conflict!.id, choose: "ledgerbridge" })).rejects.toThrow(
      /changed after this conflict was found/,
    );
    await caller.sync.discoverLocal();
    const [updated] = await candidates("import");
    expect(updated!.diff).toContainEqual({
      field: "phone",
      base: "207-555-0100",
      ledgerbridge: "207-555-0122",
      quickbooks: "207-555-0199",
    });
    await expect(caller.sync.resolveConflict({ id: updated!.id, choose: { phone: "ledgerbridge" } })).rejects.toThrow(
      /Choose Ledgerbridge or QuickBooks for email/,
    );
    expect((await caller.sync.resolveConflict({ id: updated!.id, choose: { phone: "ledgerbridge", email: "ledgerbridge" } })).outcome).toBe(
      "sending",
    );
  });
});

describe("a record changed on both sides, with a side that wins", () => {
  it("QuickBooks wins: an ordinary import, approved and applied, overwrites the local change", async () => {
    await setPolicies({ conflictPolicy: "quickbooks" });
    await changeBothSides();
    await sync();

    expect(await candidates("export")).toEqual([]);
    expect(await candidates("import")).toEqual([expect.objectContaining({ label: MAPLE, action: "modify" })]);
    await caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });
    const { sent } = await sync();

    expect(await maple()).toMatchObject({ phone: "207-555-0199", email: "billing@maplecourt.example" });
    expect(sent.some((xml) => xml.includes("<CustomerModRq"))).toBe(false);
    await sync();
    expect(await caller.sync.badgeCount()).toBe(0);
  });

  it("Ledgerbridge wins: an export on QuickBooks' current EditSequence overwrites QuickBooks' change", async () => {
    await setPolicies({ conflictPolicy: "ledgerbridge" });
    await changeBothSides();
    await sync();

    expect(await candidates("import")).toEqual([]);
    const [exported, ...others] = await candidates("export");
    expect(others).toEqual([]);
    expect(exported).toMatchObject({ label: MAPLE, action: "modify" });
    // What the Mod changes in QuickBooks: from its current version to ours.
    expect(exported!.diff).toEqual([
      { field: "email", before: "billing@maplecourt.example", after: "office@maplecourt.example" },
      { field: "phone", before: "207-555-0199", after: "207-555-0111" },
    ]);
    await caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });
    await sync();

    expect(company.find("Customer", MAPLE)).toMatchObject({ Phone: "207-555-0111", Email: "office@maplecourt.example" });
    expect((await caller.sync.failed({})).rows).toEqual([]);
    await sync();
    expect(await caller.sync.badgeCount()).toBe(0);
  });
});

describe("conflicts of other record types", () => {
  it("merges an item field by field", async () => {
    company.add("ItemService", {
      Name: "Hedge Trimming",
      SalesOrPurchase: { Desc: "Hedges up to 6 ft", Price: "45.00", AccountRef: { FullName: "Service Income" } },
    });
    await sync();
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await sync();
    const { rows } = await caller.items.list({ search: "Hedge Trimming" });
    const hedge = await caller.items.get({ id: rows[0]!.id });
    await caller.items.update({ id: hedge.id, data: { ...hedge, salesPrice: "50" } });
    clock.advance(60_000);
    company.update("ItemService", "Hedge Trimming", {
      SalesOrPurchase: { Desc: "Hedges up to 8 ft", Price: "45.00", AccountRef: { FullName: "Service Income" } },
    });
    await sync();

    const [conflict] = await candidates("import");
    expect(conflict).toMatchObject({ label: "Hedge Trimming", action: "conflict" });
    await caller.sync.resolveConflict({ id: conflict!.id, choose: { salesPriceCents: "ledgerbridge", description: "quickbooks" } });
    expect(await caller.items.get({ id: hedge.id })).toMatchObject({ salesPriceCents: 5000, description: "Hedges up to 8 ft" });
    await sync();

    expect(company.find("ItemService", "Hedge Trimming")).toMatchObject({
      SalesOrPurchase: expect.objectContaining({ Desc: "Hedges up to 8 ft", Price: "50.00" }),
    });
    await sync();
    expect(await caller.sync.badgeCount()).toBe(0);
  });

  it("resolves an invoice as a whole side only, taking QuickBooks' version through the next run", async () => {
    const customer = await maple();
    const mowing = await caller.items.create({ kind: "service", name: "Lawn Mowing", salesPrice: "45", incomeAccount: "Service Income" });
    const invoice = await caller.invoices.create({
      customerId: customer.id,
      txnDate: "2024-06-03",
      status: "final",
      lines: [{ itemId: mowing.id, quantity: "1", rate: "45" }],
    });
    await caller.sync.discoverLocal();
    await caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });
    await sync();
    await caller.invoices.update({
      id: invoice.id,
      data: {
        customerId: customer.id,
        txnDate: "2024-06-03",
        status: "final",
        memo: "Gate code 4411",
        lines: [{ itemId: mowing.id, quantity: "1", rate: "45" }],
      },
    });
    clock.advance(60_000);
    company.update("Invoice", company.list("Invoice")[0]!.id, { Memo: "Call before visiting", DueDate: "2024-07-03" });
    await sync();

    const [conflict] = await candidates("import");
    expect(conflict).toMatchObject({ label: `Invoice ${invoice.number}`, action: "conflict" });
    await expect(
      caller.sync.resolveConflict({ id: conflict!.id, choose: { memo: "ledgerbridge", dueDate: "quickbooks" } }),
    ).rejects.toThrow(/resolved as a whole/);
    expect((await caller.sync.resolveConflict({ id: conflict!.id, choose: "quickbooks" })).outcome).toBe("importing");
    await sync();

    expect(await caller.invoices.get({ id: invoice.id })).toMatchObject({ memo: "Call before visiting", dueDate: "2024-07-03" });
    await sync();
    expect(await caller.sync.badgeCount()).toBe(0);
  });
});
