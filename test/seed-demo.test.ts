import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { DEMO_INVOICES, DEMO_PAYMENTS, seedDemo, type DemoSummary } from "@/scripts/demo/seed";
import type { SessionUser } from "@/lib/roles";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";

let db: Database;
let admin: SessionUser;
let loaded: DemoSummary;

beforeAll(async () => {
  db = await createTestDatabase();
  admin = await createTestUser(db, "admin");
  loaded = await seedDemo(db, { today: "2025-06-30" });
});

describe("the demo company", () => {
  it("loads customers, vendors, lists, invoices and payments, attributed to the first admin", async () => {
    expect(loaded).toMatchObject({
      customers: 50,
      vendors: 16,
      items: 23,
      paymentMethods: 5,
      terms: 3,
      salesTaxCodes: 2,
      invoices: DEMO_INVOICES,
      payments: DEMO_PAYMENTS,
      attributedTo: admin.email,
    });
    const caller = callerFor(db, admin);
    expect((await caller.customers.list({})).total).toBe(50);
    expect((await caller.vendors.list({})).total).toBe(16);
    expect((await caller.items.list({})).total).toBe(23);
    expect((await caller.invoices.list({})).total).toBe(DEMO_INVOICES);
    expect((await caller.payments.list({})).total).toBe(DEMO_PAYMENTS);
  });

  it("has mostly final invoices over the last six months, numbered from 1001, some paid in part", async () => {
    expect(loaded.draftInvoices).toBeGreaterThan(0);
    expect(loaded.draftInvoices).toBeLessThan(DEMO_INVOICES / 4);
    expect(loaded.partialPayments).toBeGreaterThan(0);
    const caller = callerFor(db, admin);
    const [oldest] = (await caller.invoices.list({ sort: "number", pageSize: 1 })).rows;
    expect(oldest).toMatchObject({ number: "1001", txnDate: expect.stringMatching(/^2025-0[1-6]-/) });
    const [biggestOpen] = (await caller.invoices.list({ sort: "balance", direction: "desc", pageSize: 1 })).rows;
    expect(biggestOpen!.balanceCents).toBeGreaterThan(0);
  });

  it("charges Wake County's combined sales tax on taxable customers' materials, and none to the exempt church", async () => {
    const caller = callerFor(db, admin);
    const [group] = (await caller.salesTaxGroups.list({})).rows;
    expect(group).toMatchObject({ name: "Wake Combined", itemNames: "NC State, Wake County", ratePercent: 7 });
    const taxed = (await caller.invoices.list({ sort: "total", direction: "desc", pageSize: 200 })).rows.filter((row) => row.taxCents > 0);
    expect(taxed.length).toBeGreaterThan(0);
    const church = (await caller.invoices.list({ search: "Cedar Ridge Church", pageSize: 200 })).rows;
    expect(church.every((invoice) => invoice.taxCents === 0)).toBe(true);
  });

  it("refuses to load twice unless forced", async () => {
    await expect(seedDemo(db, { today: "2025-06-30" })).rejects.toThrow(/already has records .* --force/);
  });
});
