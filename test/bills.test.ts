import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testClock } from "./support/simulator";
import { firstImport, syncWith } from "./support/sync-driver";

let db: Database;
let qb: SimulatedCompany;
let clock: ReturnType<typeof testClock>;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  clock = testClock();
  qb = new SimulatedCompany({ now: clock.now });
  caller = callerFor(db, await createTestUser(db, "admin"));
});

const sync = () => syncWith(db, qb);

/** Someone changes the company in QuickBooks a minute later. */
function inQuickBooks<T>(change: () => T): T {
  clock.advance(60_000);
  return change();
}

async function approveAll(section?: "import" | "export") {
  return caller.sync.approve({ checked: { filter: { section } }, uncheckedRule: "keep" });
}

async function accountId(fullName: string) {
  const { rows } = await caller.accounts.list({ search: fullName });
  const account = rows.find((row) => row.fullName === fullName);
  if (!account) throw new Error(`No account ${fullName} here.`);
  return account.id;
}

/** A vendor and an item synced both ways, as a bill needs them. */
async function vendorAndItem() {
  const vendor = await caller.vendors.create({ name: "Green Valley Supply" });
  const mulch = await caller.items.create({ kind: "non_inventory", name: "Mulch", salesPrice: "38.50", incomeAccount: "Materials Income" });
  return { vendor, mulch };
}

async function materialsBill(vendorId: number, itemId: number, changes: Record<string, unknown> = {}) {
  return caller.bills.create({
    vendorId,
    txnDate: "2024-03-01",
    refNumber: "GV-4410",
    memo: "Spring materials",
    expenseLines: [{ accountId: await accountId("Materials"), amount: "120.00", memo: "Stone edging" }],
    itemLines: [{ itemId, quantity: 4, cost: "12.50", description: "Bagged mulch" }],
    ...changes,
  });
}

/** A bill here and in QuickBooks, as the first import and one run leave it. */
async function syncedBill() {
  await firstImport(db, caller, qb);
  const { vendor, mulch } = await vendorAndItem();
  const bill = await materialsBill(vendor.id, mulch.id);
  await sync();
  await approveAll("export");
  await sync();
  return { vendor, bill };
}

describe("chart of accounts", () => {
  it("imports QuickBooks' accounts with their type at the first run, without asking, and never sends one back", async () => {
    await sync();
    const { rows } = await caller.accounts.list({ pageSize: 100 });
    expect(rows.map((row) => [row.fullName, row.accountType])).toEqual(
      expect.arrayContaining([
        ["Checking", "Bank"],
        ["Materials", "Expense"],
        ["Job Supplies", "Expense"],
        ["Fuel", "Expense"],
        ["Cost of Goods Sold", "CostOfGoodsSold"],
        ["Accounts Payable", "AccountsPayable"],
      ]),
    );
    // Accounts never wait in the wizard: there is nothing to decide about QuickBooks' own chart.
    expect((await caller.sync.candidates({ entityType: "account" })).total).toBe(0);

    await approveAll("import");
    await sync();
    await caller.sync.discoverLocal();
    expect((await caller.sync.candidates({ section: "export", entityType: "account" })).total).toBe(0);
    expect(JSON.stringify(qb.stats().requests)).not.toContain("AccountAdd");
  });

  it("follows an account renamed, one added and one deleted in QuickBooks", async () => {
    await firstImport(db, caller, qb);
    inQuickBooks(() => {
      qb.update("Account", "Fuel", { Name: "Fuel and Mileage" });
      qb.add("Account", { Name: "Equipment Rental", AccountType: "Expense", AccountNumber: "6150" });
      qb.delete("Account", "Job Supplies");
    });
    await sync();
    const { rows } = await caller.accounts.list({ pageSize: 100 });
    expect(rows.map((row) => row.fullName)).toEqual(expect.arrayContaining(["Fuel and Mileage", "Equipment Rental"]));
    expect(rows.find((row) => row.fullName === "Equipment Rental")?.accountNumber).toBe("6150");
    expect(rows.map((row) => row.fullName)).not.toContain("Fuel");
    // A deleted account stays, inactive, for the bills that name it, and is no longer offered on a form.
    expect(rows.find((row) => row.fullName === "Job Supplies")?.active).toBe(false);
    expect((await caller.lookups.accounts({ search: "Job" })).map((option) => option.name)).toEqual([]);
  });
});

describe("bills", () => {
  it("sends a bill with an expense line and an item line after its vendor, and shows QuickBooks' open amount", async () => {
    await firstImport(db, caller, qb);
    const { vendor, mulch } = await vendorAndItem();
    const bill = await materialsBill(vendor.id, mulch.id);
    expect(bill).toMatchObject({ totalCents: 17000, openAmountCents: null });
    await sync();
    const candidates = await caller.sync.candidates({ section: "export", entityType: "bill" });
    expect(candidates.rows[0]?.diff).toEqual(expect.arrayContaining([expect.objectContaining({ field: "refNumber", after: "GV-4410" })]));
    await approveAll("export");
    const { sent } = await sync();
    const vendorAt = sent.findIndex((xml) => xml.includes("<VendorAddRq"));
    const billAt = sent.findIndex((xml) => xml.includes("<BillAddRq"));
    expect(vendorAt).toBeGreaterThanOrEqual(0);
    expect(vendorAt).toBeLessThan(billAt);
    const [inQb] = qb.list("Bill");
    expect(inQb).toMatchObject({ RefNumber: "GV-4410", AmountDue: "170.00", OpenAmount: "170.00", IsPaid: "false" });
    expect(JSON.stringify(inQb)).toContain('"FullName":"Materials"');

    const status = await caller.sync.recordStatus({ type: "bill", id: bill.id });
    expect(status).toMatchObject({ status: "in_quickbooks", quickBooksId: inQb!.id });
    expect(await caller.bills.get({ id: bill.id })).toMatchObject({ openAmountCents: 17000, isPaid: false });
  });

  it("waits for a new vendor that is not approved yet, then follows it", async () => {
    await firstImport(db, caller, qb);
    const { vendor, mulch } = await vendorAndItem();
    await materialsBill(vendor.id, mulch.id);
    await sync();
    const exports = await caller.sync.candidates({ section: "export" });
    await caller.sync.approve({
      checked: exports.rows.filter((row) => row.entityType !== "vendor").map((row) => row.id),
      uncheckedRule: "keep",
    });
    await sync();
    const waiting = (await caller.sync.pending({})).rows.find((row) => row.entityType === "bill");
    expect(waiting?.waitingReason).toContain('vendor "Green Valley Supply"');
    expect(qb.count("Bill")).toBe(0);

    await approveAll("export");
    await sync();
    expect(qb.count("Bill")).toBe(1);
  });

  it("sends a change made here as a BillMod and imports a change made in QuickBooks", async () => {
    const { vendor, bill } = await syncedBill();

    await caller.bills.update({
      id: bill.id,
      data: {
        vendorId: vendor.id,
        txnDate: "2024-03-01",
        refNumber: "GV-4410",
        memo: "Edging returned",
        expenseLines: [{ accountId: await accountId("Job Supplies"), amount: "80" }],
        itemLines: [],
      },
    });
    await sync();
    await approveAll("export");
    const { sent } = await sync();
    expect(sent.some((xml) => xml.includes("<BillModRq"))).toBe(true);
    const [modified] = qb.list("Bill");
    expect(modified).toMatchObject({ AmountDue: "80.00", Memo: "Edging returned" });
    expect(JSON.stringify(modified)).toContain("Job Supplies");
    expect(JSON.stringify(modified)).not.toContain('ItemLineRet":[{');

    inQuickBooks(() => qb.update("Bill", modified!.id, { Memo: "Checked against delivery slip" }));
    await sync();
    const imports = await caller.sync.candidates({ section: "import", entityType: "bill" });
    expect(imports.rows[0]).toMatchObject({ action: "modify" });
    await approveAll("import");
    await sync();
    expect(await caller.bills.get({ id: bill.id })).toMatchObject({ memo: "Checked against delivery slip", totalCents: 8000 });

    // Undo last import puts the bill back as it was before that run, lines included.
    await caller.sync.undoImport.run();
    const restored = await caller.bills.get({ id: bill.id });
    expect(restored).toMatchObject({ memo: "Edging returned", totalCents: 8000 });
    expect(restored.expenseLines).toMatchObject([{ accountName: "Job Supplies", amountCents: 8000 }]);
  });

  it("imports a bill entered in QuickBooks once its vendor and item are here, with its lines and open amount", async () => {
    const vendor = qb.addVendor({ Name: "Northside Fuel" });
    const item = qb.add("ItemNonInventory", {
      Name: "Gravel",
      SalesAndPurchase: {
        SalesPrice: "30.00",
        IncomeAccountRef: { FullName: "Materials Income" },
        PurchaseCost: "18.00",
        ExpenseAccountRef: { FullName: "Cost of Goods Sold" },
      },
    });
    qb.enterBill({
      VendorRef: { ListID: vendor.id },
      TxnDate: "2024-02-20",
      RefNumber: "NF-88",
      ExpenseLineRet: [{ AccountRef: { FullName: "Fuel" }, Amount: "64.20", Memo: "Truck 2" }],
      ItemLineRet: [{ ItemRef: { ListID: item.id }, Quantity: "3" }],
    });
    await firstImport(db, caller, qb);
    const { rows } = await caller.bills.list({});
    expect(rows).toHaveLength(1);
    const bill = await caller.bills.get({ id: rows[0]!.id });
    expect(bill).toMatchObject({
      vendorName: "Northside Fuel",
      refNumber: "NF-88",
      totalCents: 11820,
      openAmountCents: 11820,
      isPaid: false,
    });
    expect(bill.expenseLines).toMatchObject([{ accountName: "Fuel", amountCents: 6420, memo: "Truck 2" }]);
    expect(bill.itemLines).toMatchObject([{ itemName: "Gravel", quantity: 3, costCents: 1800, amountCents: 5400 }]);
  });

  it("holds a bill naming an account QuickBooks no longer has (3140) and says why", async () => {
    await firstImport(db, caller, qb);
    const { vendor, mulch } = await vendorAndItem();
    await materialsBill(vendor.id, mulch.id);
    await sync();
    await approveAll("export");
    // Someone deletes the account in QuickBooks before the bill goes.
    inQuickBooks(() => qb.delete("Account", "Materials"));
    await sync();
    const held = (await caller.sync.pending({})).rows.find((row) => row.entityType === "bill");
    expect(held).toMatchObject({ state: "waiting", statusCode: "3140" });
    expect(held?.waitingReason).toContain("QuickBooks does not know a record this one refers to");
    expect(qb.count("Bill")).toBe(0);
  });

  it("fails a change to a bill deleted in QuickBooks (3120), and Clear ID sends it again", async () => {
    const { vendor, bill } = await syncedBill();
    inQuickBooks(() => qb.delete("Bill", "GV-4410"));
    await caller.bills.update({
      id: bill.id,
      data: {
        vendorId: vendor.id,
        txnDate: "2024-03-01",
        refNumber: "GV-4410",
        expenseLines: [{ accountId: await accountId("Fuel"), amount: "45" }],
      },
    });
    await caller.sync.discoverLocal();
    await approveAll("export");
    await sync();
    const [failed] = (await caller.sync.unsynced({})).rows.filter((row) => row.entityType === "bill");
    expect(failed).toMatchObject({ statusCode: "3120" });
    expect(failed?.guidance.action).toBe("clear_id");

    await caller.sync.clearId({ ids: [failed!.id] });
    await caller.sync.resync({ ids: [failed!.id] });
    await sync();
    expect(qb.list("Bill")).toMatchObject([{ RefNumber: "GV-4410", AmountDue: "45.00" }]);
  });
});

describe("bills already on both sides", () => {
  /** The office's books before Ledgerbridge: the same vendor, item and two bills in QuickBooks, one with another memo. */
  async function sameBusinessOnBothSides() {
    const vendor = qb.addVendor({ Name: "Green Valley Supply" });
    const item = qb.add("ItemNonInventory", {
      Name: "Mulch",
      SalesOrPurchase: { Desc: "Bagged mulch", Price: "38.50", AccountRef: { FullName: "Materials Income" } },
    });
    for (const [refNumber, memo] of [
      ["GV-4410", "Spring materials"],
      ["GV-4411", "Summer materials"],
    ]) {
      qb.enterBill({
        VendorRef: { ListID: vendor.id },
        TxnDate: "2024-03-01",
        DueDate: "2024-03-31",
        RefNumber: refNumber,
        Memo: memo,
        ItemLineRet: [{ ItemRef: { ListID: item.id }, Desc: "Bagged mulch", Quantity: "4", Cost: "12.50" }],
      });
    }
    const here = await vendorAndItem();
    for (const [refNumber, memo] of [
      ["GV-4410", "Spring materials"],
      ["GV-4411", "Mulch for the Harbor job"],
    ]) {
      await caller.bills.create({
        vendorId: here.vendor.id,
        txnDate: "2024-03-01",
        dueDate: "2024-03-31",
        refNumber,
        memo,
        itemLines: [{ itemId: here.mulch.id, quantity: 4, cost: "12.50", description: "Bagged mulch" }],
      });
    }
    return here;
  }

  it("links a bill with the same vendor, reference, date and amount, and asks once about one that differs", async () => {
    await sameBusinessOnBothSides();
    await sync();
    const bills = await caller.sync.candidates({ entityType: "bill" });
    // The identical bill is linked at once; the other is one Match row, never an Add on either side.
    expect(bills.rows.map((row) => [row.label, row.action])).toEqual([[expect.stringContaining("GV-4411"), "match"]]);
    expect(bills.rows[0]!.diff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "memo", ledgerbridge: "Mulch for the Harbor job", quickbooks: "Summer materials" }),
      ]),
    );
    const [linked] = (await caller.bills.list({ search: "GV-4410" })).rows;
    expect((await caller.sync.recordStatus({ type: "bill", id: linked!.id })).status).toBe("in_quickbooks");

    await approveAll();
    await sync();
    await sync();
    expect(qb.count("Bill")).toBe(2);
    const taken = (await caller.bills.list({ search: "GV-4411" })).rows[0]!;
    expect(taken).toMatchObject({ memo: "Summer materials", openAmountCents: 5000 });
  });
});

describe("bills under the sync settings", () => {
  async function saveSettings(change: Record<string, unknown>) {
    const { settings } = await caller.sync.settings();
    await caller.sync.saveSettings({ ...settings, ...change });
  }

  it("leaves bills alone when the type is switched off, and before the start date", async () => {
    await firstImport(db, caller, qb);
    const { vendor, mulch } = await vendorAndItem();
    await materialsBill(vendor.id, mulch.id);
    const { settings } = await caller.sync.settings();
    await saveSettings({ syncTypes: { ...settings.syncTypes, bill: false } });
    await sync();
    expect((await caller.sync.candidates({ entityType: "bill" })).total).toBe(0);

    await saveSettings({ syncTypes: { ...settings.syncTypes, bill: true }, startDate: "2024-03-02" });
    await sync();
    expect((await caller.sync.candidates({ entityType: "bill" })).total).toBe(0);
    await saveSettings({ startDate: "2024-03-01" });
    await sync();
    expect((await caller.sync.candidates({ entityType: "bill" })).total).toBe(1);
  });

  it("with Send All off, offers only the bills someone sent to QuickBooks", async () => {
    await firstImport(db, caller, qb);
    await saveSettings({ sendAll: false });
    const { vendor, mulch } = await vendorAndItem();
    const bill = await materialsBill(vendor.id, mulch.id);
    await sync();
    expect((await caller.sync.candidates({ entityType: "bill" })).total).toBe(0);
    expect(await caller.bills.sendToQuickBooks({ ids: [bill.id] })).toEqual({ requested: 1, skipped: [] });
    await sync();
    expect((await caller.sync.candidates({ entityType: "bill" })).total).toBe(1);
  });
});

describe("bill payments", () => {
  it("sends a check after the bill it pays, and QuickBooks' open amount on the bill drops", async () => {
    await firstImport(db, caller, qb);
    const { vendor, mulch } = await vendorAndItem();
    const bill = await materialsBill(vendor.id, mulch.id);
    const payment = await caller.billPayments.create({
      vendorId: vendor.id,
      txnDate: "2024-03-15",
      bankAccountId: await accountId("Checking"),
      refNumber: "5012",
      applications: [{ billId: bill.id, amount: "100.00" }],
    });
    expect(payment).toMatchObject({ amountCents: 10000, bankAccountName: "Checking" });
    await sync();
    // Approve everything but the bill: the check waits for its bill and says so.
    const exports = await caller.sync.candidates({ section: "export" });
    const notTheBill = exports.rows.filter((row) => row.entityType !== "bill").map((row) => row.id);
    await caller.sync.approve({ checked: notTheBill, uncheckedRule: "keep" });
    await sync();
    const waiting = (await caller.sync.pending({})).rows.find((row) => row.entityType === "billPayment");
    expect(waiting?.waitingReason).toContain("GV-4410");
    expect(qb.count("BillPaymentCheck")).toBe(0);

    await approveAll("export");
    const { sent } = await sync();
    expect(sent.findIndex((xml) => xml.includes("<BillAddRq"))).toBeLessThan(
      sent.findIndex((xml) => xml.includes("<BillPaymentCheckAddRq")),
    );
    const [check] = qb.list("BillPaymentCheck");
    expect(check).toMatchObject({ RefNumber: "5012", Amount: "100.00" });
    expect(qb.list("Bill")[0]).toMatchObject({ OpenAmount: "70.00", IsPaid: "false" });
    // The next run reads the bill QuickBooks changed by paying it: its open amount here follows, nothing to approve.
    await sync();
    expect(await caller.bills.get({ id: bill.id })).toMatchObject({ openAmountCents: 7000, isPaid: false });
    expect((await caller.sync.candidates({ entityType: "bill" })).total).toBe(0);
  });

  it("imports a check written in QuickBooks and sends a change made to it here", async () => {
    const { bill } = await syncedBill();
    const [billInQb] = qb.list("Bill");
    inQuickBooks(() =>
      qb.payBills({
        PayeeEntityRef: { FullName: "Green Valley Supply" },
        TxnDate: "2024-03-20",
        BankAccountRef: { FullName: "Checking" },
        RefNumber: "5013",
        AppliedToTxnRet: [{ TxnID: billInQb!.id, PaymentAmount: "170.00" }],
      }),
    );
    await sync();
    await approveAll("import");
    await sync();
    const [payment] = (await caller.billPayments.list({})).rows;
    expect(payment).toMatchObject({ refNumber: "5013", amountCents: 17000, vendorName: "Green Valley Supply" });
    expect((await caller.billPayments.get({ id: payment!.id })).applications).toMatchObject([{ billId: bill.id, amountCents: 17000 }]);
    expect(await caller.bills.get({ id: bill.id })).toMatchObject({ openAmountCents: 0, isPaid: true });

    await caller.billPayments.update({
      id: payment!.id,
      data: {
        vendorId: payment!.vendorId,
        txnDate: "2024-03-20",
        bankAccountId: payment!.bankAccountId,
        refNumber: "5013",
        memo: "Paid in full",
        applications: [{ billId: bill.id, amount: "170.00" }],
      },
    });
    await sync();
    await approveAll("export");
    const { sent } = await sync();
    expect(sent.some((xml) => xml.includes("<BillPaymentCheckModRq"))).toBe(true);
    expect(qb.list("BillPaymentCheck")[0]).toMatchObject({ Memo: "Paid in full" });
  });

  it("refuses a check from an account that is not a bank account, or paying more than a bill has open", async () => {
    const { vendor, bill } = await syncedBill();
    const base = { vendorId: vendor.id, txnDate: "2024-03-15", applications: [{ billId: bill.id, amount: "10" }] };
    await expect(caller.billPayments.create({ ...base, bankAccountId: await accountId("Fuel") })).rejects.toThrow(/bank account/);
    await expect(
      caller.billPayments.create({
        ...base,
        bankAccountId: await accountId("Checking"),
        applications: [{ billId: bill.id, amount: "171" }],
      }),
    ).rejects.toThrow("Bill GV-4410 has $170.00 open, less than the $171.00 applied to it.");
  });

  it("links a check on both sides with the same vendor, date, amount and check number at the first sync", async () => {
    const { vendor, bill } = await syncedBill();
    const [billInQb] = qb.list("Bill");
    inQuickBooks(() =>
      qb.payBills({
        PayeeEntityRef: { FullName: "Green Valley Supply" },
        TxnDate: "2024-03-20",
        BankAccountRef: { FullName: "Checking" },
        RefNumber: "5014",
        AppliedToTxnRet: [{ TxnID: billInQb!.id, PaymentAmount: "50.00" }],
      }),
    );
    const payment = await caller.billPayments.create({
      vendorId: vendor.id,
      txnDate: "2024-03-20",
      bankAccountId: await accountId("Checking"),
      refNumber: "5014",
      applications: [{ billId: bill.id, amount: "50" }],
    });
    await sync();
    expect((await caller.sync.candidates({ entityType: "billPayment" })).total).toBe(0);
    expect((await caller.sync.recordStatus({ type: "billPayment", id: payment.id })).status).toBe("in_quickbooks");
    expect(qb.count("BillPaymentCheck")).toBe(1);
  });
});

describe("bills paid by several checks", () => {
  it("counts every check here against the bill's open amount", async () => {
    await firstImport(db, caller, qb);
    const { vendor, mulch } = await vendorAndItem();
    const [first, second] = [await materialsBill(vendor.id, mulch.id), await materialsBill(vendor.id, mulch.id, { refNumber: "GV-4412" })];
    const check = { vendorId: vendor.id, txnDate: "2024-03-15", bankAccountId: await accountId("Checking") };
    await caller.billPayments.create({ ...check, applications: [{ billId: first!.id, amount: "60" }] });
    await caller.billPayments.create({ ...check, applications: [{ billId: second!.id, amount: "170" }] });
    const open = await caller.billPayments.openBills({ vendorId: vendor.id });
    expect(open.map((bill) => [bill.refNumber, bill.openCents])).toEqual([["GV-4410", 11000]]);
    await expect(caller.billPayments.create({ ...check, applications: [{ billId: first!.id, amount: "111" }] })).rejects.toThrow(
      "Bill GV-4410 has $110.00 open",
    );
  });
});
