import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { syncAudit, syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import type { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testCompany } from "./support/simulator";
import { runSync, syncWith } from "./support/sync-driver";

// The first run with QuickBooks imports (through the wizard); exporting waits until that import is done.
let db: Database;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
});

const sync = (company: SimulatedCompany) => syncWith(db, company);

const approveExports = () => caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });

async function exportOf(label: string) {
  const rows = await db.select().from(syncItems).where(eq(syncItems.label, label));
  return rows.find((row) => row.direction === "export")!;
}

describe("the first import", () => {
  it("refuses to approve an export before the first import, saying why and what to do", async () => {
    const { company } = testCompany();
    await caller.customers.create({ name: "Maple Court HOA" });
    await caller.sync.discoverLocal();

    // No run has read QuickBooks yet.
    await expect(approveExports()).rejects.toThrow(
      /^Ledgerbridge first imports what QuickBooks has, so nothing is created twice: let the Web Connector finish a run/,
    );
    expect((await caller.sync.firstImport.status()).summary).toMatch(
      /^First import: the next Web Connector run reads everything QuickBooks has/,
    );

    // The run reads QuickBooks; its starter lists (terms, payment methods…) wait in Import from QuickBooks.
    await sync(company);
    const status = await caller.sync.firstImport.status();
    expect(status).toMatchObject({ status: "importing", discoveredAt: expect.any(Date) });
    expect(status.undecidedImports).toBeGreaterThan(0);
    await expect(approveExports()).rejects.toThrow(
      `Ledgerbridge first imports what QuickBooks has, so nothing is created twice: approve or clear the Import from QuickBooks candidates first (${status.undecidedImports} candidates still wait), or approve them together with these exports. Exports open once none is left undecided.`,
    );

    // Nothing was approved or logged, and the next run sends nothing.
    expect((await exportOf("Maple Court HOA")).state).toBe("candidate");
    expect(await db.select().from(syncAudit)).toEqual([]);
    await sync(company);
    expect(company.find("Customer", "Maple Court HOA")).toBeUndefined();
  });

  it("is done once every import candidate is approved or cleared, and exports then reach QuickBooks", async () => {
    const { company } = testCompany();
    await caller.customers.create({ name: "Maple Court HOA" });
    await sync(company);

    // Approving only some of the imports leaves the rest undecided: still refused.
    const imports = (await caller.sync.candidates({ section: "import", pageSize: 200 })).rows;
    await caller.sync.approve({ checked: [imports[0]!.id], uncheckedRule: "keep" });
    await expect(approveExports()).rejects.toThrow(/approve or clear the Import from QuickBooks candidates first/);

    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    const done = await caller.sync.firstImport.status();
    expect(done).toMatchObject({ status: "done", changedBy: admin.name, undecidedImports: 0, changedAt: expect.any(Date) });
    expect(done.summary).toMatch(/^The first import is done/);

    expect(await approveExports()).toEqual({ approved: 1, dismissed: 0 });
    await sync(company);
    expect(company.find("Customer", "Maple Court HOA")).toBeDefined();
    expect((await exportOf("Maple Court HOA")).state).toBe("succeeded");
  });

  it("accepts imports and exports approved together, or exports whose Clear Unchecked clears the imports", async () => {
    const together = testCompany().company;
    await caller.customers.create({ name: "Maple Court HOA" });
    await sync(together);
    // The wizard's header checkbox over both sections: the imports it approves leave none undecided.
    const result = await caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });
    expect(result.approved).toBeGreaterThan(1);
    expect((await exportOf("Maple Court HOA")).state).toBe("pending");

    db = await createTestDatabase();
    caller = callerFor(db, await createTestUser(db, "admin"));
    const cleared = testCompany().company;
    await caller.customers.create({ name: "Birch Lane Condos" });
    await sync(cleared);
    const exportId = (await exportOf("Birch Lane Condos")).id;
    expect(await caller.sync.approve({ checked: [exportId], uncheckedRule: "clear" })).toMatchObject({ approved: 1 });
    expect((await caller.sync.firstImport.status()).status).toBe("done");
  });

  it("is done by the run itself when QuickBooks holds nothing to import", async () => {
    const { company } = testCompany({}, { starterLists: false });
    await caller.customers.create({ name: "Maple Court HOA" });
    await sync(company);
    expect(await caller.sync.firstImport.status()).toMatchObject({ status: "done", changedBy: null, undecidedImports: 0 });
    expect(await approveExports()).toEqual({ approved: 1, dismissed: 0 });
  });

  it("is not done while a list QuickBooks could not answer was left unread", async () => {
    const { company } = testCompany({}, { starterLists: false });
    // QuickBooks answers the vendor list with an error (3170: busy) this run.
    const busyVendors = (xml: string) => {
      const vendorQuery = /<VendorQueryRq requestID="([^"]+)"/.exec(xml);
      if (!vendorQuery) return company.handle(xml);
      return `<?xml version="1.0"?><QBXML><QBXMLMsgsRs><VendorQueryRs requestID="${vendorQuery[1]}" statusCode="3170" statusSeverity="Error" statusMessage="The vendor list is in use."/></QBXMLMsgsRs></QBXML>`;
    };
    await runSync(db, busyVendors);
    company.endSession();
    expect(await caller.sync.firstImport.status()).toMatchObject({ status: "importing", discoveredAt: null });

    await sync(company);
    expect(await caller.sync.firstImport.status()).toMatchObject({ status: "done" });
  });
});

describe("running the first import again", () => {
  it("warns first, more strongly once invoices exist here, then reads all of QuickBooks again before exports open", async () => {
    const { company } = testCompany({ customers: 2, items: 1, invoices: 1 });
    await sync(company);
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await sync(company);
    expect((await caller.sync.firstImport.status()).status).toBe("done");
    // Later runs ask QuickBooks only for what changed since the last one.
    const incremental = await sync(company);
    expect(incremental.sent.find((xml) => xml.includes("<CustomerQueryRq"))).toContain("<FromModifiedDate>");

    const before = await caller.sync.firstImport.status();
    expect(before.localInvoices).toBe(1);
    expect(before.runAgainWarning).toMatch(/Approving those imports overwrites the local records with QuickBooks' version/);
    expect(before.runAgainWarning).toContain("Ledgerbridge already holds 1 invoice");

    const staff = callerFor(db, await createTestUser(db, "staff"));
    await expect(staff.sync.firstImport.runAgain()).rejects.toThrow(/Only an admin/);
    const again = await caller.sync.firstImport.runAgain();
    expect(again).toMatchObject({ status: "importing", discoveredAt: null, changedBy: admin.name });
    const [audit] = await db.select().from(syncAudit).where(eq(syncAudit.action, "settings"));
    expect(audit?.detail).toMatch(/^Ran the first import again/);

    // Until a run has read QuickBooks again, exports wait.
    await caller.customers.create({ name: "Quillfeather Studio" });
    await caller.sync.discoverLocal();
    await expect(approveExports()).rejects.toThrow(/let the Web Connector finish a run so Ledgerbridge has read all of QuickBooks/);

    const full = await sync(company);
    for (const query of ["<CustomerQueryRq", "<InvoiceQueryRq", "<ListDeletedQueryRq"]) {
      const request = full.sent.find((xml) => xml.includes(query));
      expect(request, query).toBeDefined();
      expect(request, query).not.toContain("FromModifiedDate>");
    }
    // Nothing in QuickBooks differs from Ledgerbridge, so that run finishes the import by itself.
    expect(await caller.sync.firstImport.status()).toMatchObject({ status: "done", changedBy: null });
    expect(await approveExports()).toEqual({ approved: 1, dismissed: 0 });
  });

  it("says less when no invoice or payment was entered here", async () => {
    const warning = (await caller.sync.firstImport.status()).runAgainWarning;
    expect(warning).toMatch(/^The next Web Connector run reads everything QuickBooks has again/);
    expect(warning).not.toContain("already holds");
  });
});
