import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { syncAudit, syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { autoApprove } from "@/server/sync/auto-approve";
import type { AutoApproveRule } from "@/server/sync/settings";
import { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testClock, testCompany } from "./support/simulator";
import { syncWith } from "./support/sync-driver";

// Automatic approval rules, none by default, approve matching candidates at each run as a person would, in the audit log.
let db: Database;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
});

const sync = (company: SimulatedCompany) => syncWith(db, company);

/** A company file with nothing to import (so the first run finishes the first import) and the accounts items need. */
function emptyCompany() {
  const company = new SimulatedCompany({ now: testClock().now, starterLists: false });
  company.add("Account", { Name: "Undeposited Funds", AccountType: "OtherCurrentAsset" });
  return company;
}

async function setRules(rules: Partial<AutoApproveRule>[]) {
  const { settings } = await caller.sync.settings();
  await caller.sync.saveSettings({
    ...settings,
    autoApprove: rules.map((rule) => ({ direction: "export", entityType: "payment", actions: ["add"], paymentMethod: null, ...rule })),
  });
}

async function itemOf(label: string, direction: "import" | "export" = "export") {
  const rows = await db.select().from(syncItems).where(eq(syncItems.label, label));
  return rows.find((row) => row.direction === direction)!;
}

/** Payment methods and a customer already in QuickBooks, then two local payments: one by Credit Card, one by Check. */
async function twoLocalPayments(company: SimulatedCompany) {
  const card = await caller.paymentMethods.create({ name: "Credit Card" });
  const check = await caller.paymentMethods.create({ name: "Check" });
  const customer = await caller.customers.create({ name: "Harbor Light Bakery" });
  await sync(company);
  await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });
  await sync(company);
  expect(company.count("Customer")).toBe(1);
  await caller.payments.create({
    customerId: customer.id,
    txnDate: "2024-05-10",
    amount: "120",
    paymentMethodId: card.id,
    refNumber: "CC-1",
  });
  await caller.payments.create({
    customerId: customer.id,
    txnDate: "2024-05-11",
    amount: "80",
    paymentMethodId: check.id,
    refNumber: "CHK-2",
  });
}

describe("automatic approval rules", () => {
  it("approves the payments a rule names at the next run, and sends them, with the rule as the approver in the audit log", async () => {
    const company = emptyCompany();
    await twoLocalPayments(company);
    // The rule names the method in other letters: names match whatever the case.
    await setRules([{ direction: "export", entityType: "payment", actions: ["add"], paymentMethod: "credit card" }]);

    await sync(company);

    const card = await itemOf("Payment from Harbor Light Bakery on 2024-05-10 (#CC-1)");
    const check = await itemOf("Payment from Harbor Light Bakery on 2024-05-11 (#CHK-2)");
    // Approved at the start of the run, so this same run sent it.
    expect(card).toMatchObject({ state: "succeeded", approvedBy: null, approvedAt: expect.any(Date) });
    expect(company.list("ReceivePayment").map((payment) => payment.RefNumber)).toEqual(["CC-1"]);
    expect(check.state).toBe("candidate");

    const audit = await db.select().from(syncAudit).where(eq(syncAudit.syncItemId, card.id));
    expect(audit).toEqual([
      expect.objectContaining({
        action: "approve",
        userId: 0,
        userName: "Automatic rule: approve payments by credit card (export, add)",
        entityType: "payment",
      }),
    ]);
    expect(await db.select().from(syncAudit).where(eq(syncAudit.syncItemId, check.id))).toEqual([]);
  });

  it("approves nothing by itself when there is no rule", async () => {
    const company = emptyCompany();
    await twoLocalPayments(company);
    expect((await caller.sync.settings()).settings.autoApprove).toEqual([]);
    const before = (await db.select().from(syncAudit)).length;

    await sync(company);

    expect(company.count("ReceivePayment")).toBe(0);
    expect((await caller.sync.candidates({ section: "export" })).rows.map((row) => row.label)).toEqual([
      "Payment from Harbor Light Bakery on 2024-05-10 (#CC-1)",
      "Payment from Harbor Light Bakery on 2024-05-11 (#CHK-2)",
    ]);
    expect((await db.select().from(syncAudit)).length).toBe(before);
  });

  it("leaves exports alone until the first import is done, and finishes that import with the imports rules approve", async () => {
    // The starter lists (terms, payment methods, sales tax codes and item) are what the first run finds to import.
    const { company } = testCompany();
    await caller.customers.create({ name: "Maple Court HOA" });
    await setRules([{ direction: "export", entityType: "customer", actions: ["add"] }]);

    await sync(company);
    // No export is approved before the first import is done.
    expect((await itemOf("Maple Court HOA")).state).toBe("candidate");
    expect((await caller.sync.firstImport.status()).status).toBe("importing");

    // Rules for every kind of import: the run approves them all, so it finishes the first import itself…
    await setRules([
      { direction: "export", entityType: "customer", actions: ["add"] },
      { direction: "import", entityType: "paymentMethod", actions: ["add"] },
      { direction: "import", entityType: "terms", actions: ["add"] },
      { direction: "import", entityType: "salesTaxCode", actions: ["add"] },
      { direction: "import", entityType: "salesTaxItem", actions: ["add"] },
    ]);
    await sync(company);
    expect(await caller.sync.firstImport.status()).toMatchObject({ status: "done", changedBy: null, undecidedImports: 0 });
    const imported = await db.select().from(syncItems).where(eq(syncItems.direction, "import"));
    expect(imported.length).toBeGreaterThan(0);
    // …and applies them in the same run: approved at the end of its discovery, before its last drain.
    expect(imported.every((item) => item.state === "succeeded" && item.approvedBy === null)).toBe(true);
    expect((await itemOf("Maple Court HOA")).state).toBe("candidate");

    // Exports are open now: the next run's rule approves the customer and sends it.
    await sync(company);
    expect((await itemOf("Maple Court HOA")).state).toBe("succeeded");
    expect(company.find("Customer", "Maple Court HOA")).toBeDefined();
  });

  it("approves QuickBooks payments by the method QuickBooks shows, and never a candidate a sync policy holds back", async () => {
    const company = emptyCompany();
    await sync(company);
    const customer = company.addCustomer({ Name: "Birchwood Dental" });
    company.add("PaymentMethod", { Name: "Visa", PaymentMethodType: "Visa" });
    company.add("PaymentMethod", { Name: "Check", PaymentMethodType: "Check" });
    company.receivePayment({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-04",
      RefNumber: "V-1",
      TotalAmount: "45.00",
      PaymentMethodRef: { FullName: "Visa" },
    });
    company.receivePayment({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-05",
      RefNumber: "C-2",
      TotalAmount: "55.00",
      PaymentMethodRef: { FullName: "Check" },
    });
    await setRules([
      { direction: "import", entityType: "customer", actions: ["add"] },
      { direction: "import", entityType: "paymentMethod", actions: ["add"] },
      { direction: "import", entityType: "payment", actions: ["add"], paymentMethod: "Visa" },
    ]);

    await sync(company);

    const visa = await itemOf("Payment from Birchwood Dental on 2024-05-04", "import");
    const check = await itemOf("Payment from Birchwood Dental on 2024-05-05", "import");
    expect(visa.state).toBe("succeeded");
    expect(check.state).toBe("candidate");
    expect((await db.select().from(syncAudit).where(eq(syncAudit.syncItemId, visa.id)))[0]?.userName).toBe(
      "Automatic rule: approve payments by Visa (import, add)",
    );

    // A change in QuickBooks that leaves the method alone: the linked local payment says which method it is.
    await caller.sync.approve({ checked: [check.id], uncheckedRule: "keep" });
    await sync(company);
    company.update("ReceivePayment", visa.qbId!, { Memo: "Deposit" });
    company.update("ReceivePayment", check.qbId!, { Memo: "Deposit" });
    await setRules([{ direction: "import", entityType: "payment", actions: ["modify"], paymentMethod: "Visa" }]);
    await sync(company);
    expect(await itemOf("Payment from Birchwood Dental on 2024-05-04", "import")).toMatchObject({ action: "modify", state: "succeeded" });
    expect(await itemOf("Payment from Birchwood Dental on 2024-05-05", "import")).toMatchObject({ action: "modify", state: "candidate" });

    // A candidate the engine marks as blocked waits for a person, whatever the rules say.
    await db.update(syncItems).set({ blockedReason: 'Customer "Birchwood Dental" is not synced.' }).where(eq(syncItems.id, check.id));
    await setRules([{ direction: "import", entityType: "payment", actions: ["add", "modify", "delete"] }]);
    expect(await autoApprove(db, new Date())).toBe(0);
    expect((await itemOf("Payment from Birchwood Dental on 2024-05-05", "import")).state).toBe("candidate");
  });
});
