import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { purchaseOrderLines, purchaseOrders, syncLinks } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { validateQbxml } from "./support/qbxml-schema";
import { testClock } from "./support/simulator";
import { runSync } from "./support/sync-driver";

let db: Database;
let qb: SimulatedCompany;
let clock: ReturnType<typeof testClock>;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;
let sent: string[] = [];

beforeEach(async () => {
  db = await createTestDatabase();
  clock = testClock();
  qb = new SimulatedCompany({ now: clock.now, starterLists: false });
  for (const name of ["Service Income", "Materials Income"]) qb.add("Account", { Name: name, AccountType: "Income" });
  qb.add("SalesTaxCode", { Name: "Non", IsTaxable: "false" });
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
  // The non-taxable code items are sent with is on both sides alike, so the first run links it.
  await caller.salesTaxCodes.create({ name: "Non", taxable: false });
});

/** One Web Connector session against the simulated company; every request it sends is kept for the schema check. */
async function sync() {
  try {
    const run = await runSync(db, (xml) => qb.handle(xml));
    sent.push(...run.sent);
    return run;
  } finally {
    qb.endSession();
  }
}

/** Someone changes the company in QuickBooks a minute later. */
function inQuickBooks<T>(change: () => T): T {
  clock.advance(60_000);
  return change();
}

async function approveAll(section?: "import" | "export") {
  return caller.sync.approve({ checked: { filter: { section } }, uncheckedRule: "keep" });
}

async function expectSentRequestsValid() {
  const verdicts = await validateQbxml(sent.map((xml, index) => ({ name: `request-${index}`, xml })));
  expect([...verdicts.values()].flatMap((verdict) => verdict.errors)).toEqual([]);
}

/** A vendor, a material and an order of 10 bags of it, entered here. */
async function orderEnteredHere(shipToCustomerId?: number) {
  const vendor = await caller.vendors.create({ name: "Green Valley Supply" });
  const mulch = await caller.items.create({ kind: "non_inventory", name: "Mulch", salesPrice: "38.50", incomeAccount: "Materials Income" });
  const order = await caller.purchaseOrders.create({
    vendorId: vendor.id,
    shipToCustomerId,
    txnDate: "2024-03-01",
    expectedDate: "2024-03-08",
    memo: "Spring cleanup at Harbor Dental",
    lines: [{ itemId: mulch.id, description: "Dark brown, bagged", quantity: 10, rate: "6.25" }],
  });
  return { vendor, mulch, order };
}

/** A vendor, an item and an order of 4 pallets of pavers, entered in QuickBooks. */
function orderEnteredInQuickBooks() {
  const vendor = qb.addVendor({ Name: "Stone Yard Supply" });
  const job = qb.addCustomer({ Name: "Maple Court HOA" });
  const pavers = qb.add("ItemNonInventory", {
    Name: "Pavers",
    SalesOrPurchase: { Price: "310.00", AccountRef: { FullName: "Materials Income" } },
  });
  const order = qb.addPurchaseOrder({
    VendorRef: { ListID: vendor.id },
    ShipToEntityRef: { ListID: job.id },
    TxnDate: "2024-02-20",
    RefNumber: "7001",
    ExpectedDate: "2024-03-01",
    Memo: "Patio job",
    PurchaseOrderLineRet: [{ ItemRef: { ListID: pavers.id }, Quantity: "4", Rate: "280.00" }],
  });
  return { vendor, pavers, order };
}

describe("purchase orders to QuickBooks", () => {
  it("holds a purchase order until its new vendor, item and job are in QuickBooks, then sends them in order with its TxnID", async () => {
    sent = [];
    const job = await caller.customers.create({ name: "Harbor Dental" });
    const { order } = await orderEnteredHere(job.id);
    await sync();
    const exports = await caller.sync.candidates({ section: "export" });
    const row = exports.rows.find((candidate) => candidate.entityType === "purchaseOrder")!;
    expect(row).toMatchObject({ label: "Purchase order 1", action: "add" });
    expect(row.diff).toContainEqual({ field: "vendor", before: null, after: "Green Valley Supply" });
    expect(row.diff).toContainEqual({ field: "expectedDate", before: null, after: "2024-03-08" });
    expect(row.diff).toContainEqual({ field: "shipTo", before: null, after: "Harbor Dental" });

    // Only the order approved: it waits, naming what it needs.
    await caller.sync.approve({ checked: [row.id], uncheckedRule: "keep" });
    await sync();
    const [waiting] = (await caller.sync.pending({})).rows;
    expect(waiting!.waitingReason).toMatch(/vendor "Green Valley Supply"|item "Mulch"/);
    expect(qb.count("PurchaseOrder")).toBe(0);

    await approveAll("export");
    const { sent: lastRun } = await sync();
    const at = (tag: string) => lastRun.findIndex((xml) => xml.includes(`<${tag}`));
    expect(at("VendorAddRq")).toBeLessThan(at("PurchaseOrderAddRq"));
    expect(at("ItemNonInventoryAddRq")).toBeLessThan(at("PurchaseOrderAddRq"));
    expect(at("CustomerAddRq")).toBeLessThan(at("PurchaseOrderAddRq"));
    const inQuickBooksNow = qb.find("PurchaseOrder", "1")!;
    expect(inQuickBooksNow).toMatchObject({
      RefNumber: "1",
      TxnDate: "2024-03-01",
      ExpectedDate: "2024-03-08",
      Memo: "Spring cleanup at Harbor Dental",
      ShipToEntityRef: { ListID: qb.find("Customer", "Harbor Dental")!.id, FullName: "Harbor Dental" },
      TotalAmount: "62.50",
      IsManuallyClosed: "false",
      IsFullyReceived: "false",
    });
    const [link] = await db
      .select()
      .from(syncLinks)
      .where(and(eq(syncLinks.entityType, "purchaseOrder"), eq(syncLinks.localId, order.id)));
    expect(link).toMatchObject({ entityType: "purchaseOrder", qbId: inQuickBooksNow.id });
    expect(await caller.sync.recordStatus({ type: "purchaseOrder", id: order.id })).toMatchObject({
      status: "in_quickbooks",
      quickBooksId: inQuickBooksNow.id,
    });
    await expectSentRequestsValid();
  });

  it("sends an edit and closing made here as a PurchaseOrderMod, and the order shows closed in QuickBooks", async () => {
    sent = [];
    const { vendor, mulch, order } = await orderEnteredHere();
    await sync();
    await approveAll("export");
    await sync();

    await caller.purchaseOrders.update({
      id: order.id,
      data: {
        number: "1",
        vendorId: vendor.id,
        txnDate: "2024-03-01",
        expectedDate: "2024-03-15",
        memo: "Delivery moved",
        closed: true,
        lines: [{ itemId: mulch.id, description: "Dark brown, bagged", quantity: 12, rate: "6.25" }],
      },
    });
    await sync();
    const [changed] = (await caller.sync.candidates({ section: "export" })).rows;
    expect(changed).toMatchObject({ entityType: "purchaseOrder", action: "modify" });
    expect(changed!.diff).toContainEqual({ field: "closed", before: false, after: true });
    const preview = await caller.sync.preview({ id: changed!.id });
    expect(preview).toContain("<PurchaseOrderModRq");
    expect(preview).toContain("<IsManuallyClosed>true</IsManuallyClosed>");
    await approveAll("export");
    await sync();
    expect(qb.find("PurchaseOrder", "1")).toMatchObject({
      ExpectedDate: "2024-03-15",
      Memo: "Delivery moved",
      IsManuallyClosed: "true",
      TotalAmount: "75.00",
    });
    expect((await caller.purchaseOrders.get({ id: order.id })).state).toBe("closed");
    await expectSentRequestsValid();
  });
});

describe("purchase orders from QuickBooks", () => {
  it("imports an order after its vendor and item, then an edit made there, and shows it received once QuickBooks receives the items", async () => {
    sent = [];
    orderEnteredInQuickBooks();
    await sync();
    const imports = await caller.sync.candidates({ section: "import" });
    expect(imports.rows.map((row) => row.label).sort()).toEqual(["Maple Court HOA", "Pavers", "Purchase order 7001", "Stone Yard Supply"]);
    await approveAll("import");
    await sync();
    const [local] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.number, "7001"));
    const detail = await caller.purchaseOrders.get({ id: local!.id });
    expect(detail).toMatchObject({
      vendorName: "Stone Yard Supply",
      shipToCustomerName: "Maple Court HOA",
      txnDate: "2024-02-20",
      expectedDate: "2024-03-01",
      memo: "Patio job",
      totalCents: 112000,
      state: "open",
    });
    expect(detail.lines).toEqual([expect.objectContaining({ itemName: "Pavers", quantity: 4, rateCents: 28000, receivedQuantity: 0 })]);

    // Changed in QuickBooks: an update candidate showing the change.
    inQuickBooks(() => qb.update("PurchaseOrder", "7001", { Memo: "Patio job, back entrance" }));
    await sync();
    const [changed] = (await caller.sync.candidates({ section: "import" })).rows;
    expect(changed).toMatchObject({ action: "modify", label: "Purchase order 7001" });
    expect(changed!.diff).toContainEqual({ field: "memo", before: "Patio job", after: "Patio job, back entrance" });
    await approveAll("import");
    await sync();
    expect((await caller.purchaseOrders.get({ id: local!.id })).memo).toBe("Patio job, back entrance");

    // Received in QuickBooks (Receive Items): partly, then in full.
    inQuickBooks(() => qb.receivePurchaseOrder("7001", [1]));
    await sync();
    await approveAll("import");
    await sync();
    const partly = await caller.purchaseOrders.get({ id: local!.id });
    expect(partly.state).toBe("open");
    expect(partly.lines[0]!.receivedQuantity).toBe(1);
    inQuickBooks(() => qb.receivePurchaseOrder("7001"));
    await sync();
    const [received] = (await caller.sync.candidates({ section: "import" })).rows;
    expect(received!.diff).toContainEqual({ field: "received", before: false, after: true });
    await approveAll("import");
    await sync();
    const full = await caller.purchaseOrders.get({ id: local!.id });
    expect(full.state).toBe("received");
    expect(full.lines[0]!.receivedQuantity).toBe(4);
    await expectSentRequestsValid();
  });

  it("keeps the lines of an order QuickBooks has started receiving: they cannot change here, and a Mod leaves them out", async () => {
    orderEnteredInQuickBooks();
    inQuickBooks(() => qb.receivePurchaseOrder("7001", [2]));
    await sync();
    await approveAll("import");
    await sync();
    const [local] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.number, "7001"));
    const order = await caller.purchaseOrders.get({ id: local!.id });
    const data = {
      number: order.number,
      vendorId: order.vendorId,
      txnDate: order.txnDate,
      lines: order.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity, rate: line.rateCents / 100 })),
    };
    await expect(
      caller.purchaseOrders.update({ id: order.id, data: { ...data, lines: [{ ...data.lines[0]!, quantity: 9 }] } }),
    ).rejects.toThrow(/received in QuickBooks, so its lines cannot change here/);

    await caller.purchaseOrders.update({ id: order.id, data: { ...data, closed: true } });
    await sync();
    const [changed] = (await caller.sync.candidates({ section: "export" })).rows;
    const preview = await caller.sync.preview({ id: changed!.id });
    expect(preview).not.toContain("<PurchaseOrderLineMod>");
    await approveAll("export");
    await sync();
    const there = qb.find("PurchaseOrder", "7001")!;
    expect(there.IsManuallyClosed).toBe("true");
    expect(JSON.stringify(there.PurchaseOrderLineRet)).toContain('"ReceivedQuantity":"2"');
    expect((await db.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, order.id)))[0]!.receivedQuantity).toBe(
      2,
    );
  });
});

describe("purchase orders under the sync settings", () => {
  async function settle(changes: Record<string, unknown>) {
    await caller.sync.saveSettings({ ...(await caller.sync.settings()).settings, ...changes });
  }
  const orderCandidates = async () =>
    (await caller.sync.candidates({ section: "export", entityType: "purchaseOrder" })).rows.map((row) => row.label);

  it("offers no purchase orders while they are switched off, and none dated before the start date", async () => {
    const { vendor, mulch } = await orderEnteredHere();
    await caller.purchaseOrders.create({
      vendorId: vendor.id,
      txnDate: "2023-11-20",
      lines: [{ itemId: mulch.id, quantity: 1, rate: "6.25" }],
    });
    await settle({ syncTypes: { customer: true, vendor: true, item: true, invoice: true, payment: true, purchaseOrder: false } });
    await sync();
    expect(await orderCandidates()).toEqual([]);

    await settle({
      syncTypes: { customer: true, vendor: true, item: true, invoice: true, payment: true, purchaseOrder: true },
      startDate: "2024-01-01",
    });
    await sync();
    expect(await orderCandidates()).toEqual(["Purchase order 1"]);
  });

  it("with Send All off, offers only the orders someone sent to QuickBooks", async () => {
    const { vendor, mulch, order } = await orderEnteredHere();
    await caller.purchaseOrders.create({
      vendorId: vendor.id,
      txnDate: "2024-03-02",
      lines: [{ itemId: mulch.id, quantity: 2, rate: "6.25" }],
    });
    await settle({ sendAll: false });
    await sync();
    expect(await orderCandidates()).toEqual([]);

    expect(await caller.purchaseOrders.sendToQuickBooks({ ids: [order.id] })).toEqual({ requested: 1, skipped: [] });
    await sync();
    expect(await orderCandidates()).toEqual(["Purchase order 1"]);
  });
});

describe("undoing a purchase order import", () => {
  it("puts the order's lines and state back as they were before QuickBooks' receipt was imported", async () => {
    orderEnteredInQuickBooks();
    await sync();
    await approveAll("import");
    await sync();
    inQuickBooks(() => qb.receivePurchaseOrder("7001"));
    await sync();
    await approveAll("import");
    await sync();
    const [local] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.number, "7001"));
    expect((await caller.purchaseOrders.get({ id: local!.id })).state).toBe("received");

    await caller.sync.undoImport.run();
    const restored = await caller.purchaseOrders.get({ id: local!.id });
    expect(restored.state).toBe("open");
    expect(restored.lines).toEqual([expect.objectContaining({ itemName: "Pavers", quantity: 4, receivedQuantity: 0 })]);
  });
});

describe("purchase order failures", () => {
  it("holds an order whose item QuickBooks no longer has (3140), with QuickBooks' code and message", async () => {
    await orderEnteredHere();
    await sync();
    // The vendor and the item go first; the order is approved once they are in QuickBooks.
    const exports = await caller.sync.candidates({ section: "export" });
    const lists = exports.rows.filter((row) => row.entityType !== "purchaseOrder").map((row) => row.id);
    await caller.sync.approve({ checked: lists, uncheckedRule: "keep" });
    await sync();
    // Someone deletes the item in QuickBooks before the order is sent.
    inQuickBooks(() => qb.delete("ItemNonInventory", "Mulch"));
    await approveAll("export");
    await sync();
    const order = (await caller.sync.pending({})).rows.find((row) => row.entityType === "purchaseOrder");
    expect(order).toMatchObject({ state: "waiting", statusCode: "3140" });
    expect(order!.statusMessage).toContain("invalid reference to QuickBooks Item");
    expect(qb.count("PurchaseOrder")).toBe(0);
  });

  it("lists an edit of an order deleted in QuickBooks (3120) in Unsynced Entities with Clear ID, after which it is added again", async () => {
    const { vendor, mulch, order } = await orderEnteredHere();
    await sync();
    await approveAll("export");
    await sync();
    inQuickBooks(() => qb.delete("PurchaseOrder", "1"));
    const data = { number: "1", vendorId: vendor.id, txnDate: "2024-03-01", lines: [{ itemId: mulch.id, quantity: 20, rate: "6.25" }] };
    await caller.purchaseOrders.update({ id: order.id, data });
    await caller.sync.discoverLocal();
    await approveAll("export");
    await sync();
    const failed = (await caller.sync.unsynced({})).rows.find((row) => row.entityType === "purchaseOrder");
    expect(failed).toMatchObject({ label: "Purchase order 1", statusCode: "3120" });
    expect(failed!.guidance.action).toBe("clear_id");
    expect(await caller.sync.recordStatus({ type: "purchaseOrder", id: order.id })).toMatchObject({ status: "failed" });

    await caller.sync.clearId({ ids: [failed!.id] });
    await caller.sync.resync({ ids: [failed!.id] });
    await sync();
    expect(qb.count("PurchaseOrder")).toBe(1);
    expect(qb.find("PurchaseOrder", "1")).toMatchObject({ TotalAmount: "125.00" });
  });
});

describe("the first sync with purchase orders on both sides", () => {
  it("links identical orders by vendor and PO number, offers a Match for one that differs, and holds back a number QuickBooks uses for another vendor", async () => {
    // In QuickBooks: two orders from Stone Yard Supply and one from Green Valley Supply.
    const { vendor: stoneYard, pavers } = orderEnteredInQuickBooks();
    qb.addPurchaseOrder({
      VendorRef: { ListID: stoneYard.id },
      TxnDate: "2024-02-22",
      RefNumber: "7002",
      PurchaseOrderLineRet: [{ ItemRef: { ListID: pavers.id }, Quantity: "2", Rate: "280.00" }],
    });
    const greenValley = qb.addVendor({ Name: "Green Valley Supply" });
    qb.addPurchaseOrder({
      VendorRef: { ListID: greenValley.id },
      TxnDate: "2024-02-25",
      RefNumber: "7003",
      PurchaseOrderLineRet: [{ ItemRef: { ListID: pavers.id }, Quantity: "1", Rate: "280.00" }],
    });
    // Here: the same vendors and item, 7001 identical, 7002 with another quantity, and a 7003 for Stone Yard Supply.
    const here = {
      stoneYard: await caller.vendors.create({ name: "Stone Yard Supply" }),
      greenValley: await caller.vendors.create({ name: "Green Valley Supply" }),
      job: await caller.customers.create({ name: "Maple Court HOA" }),
      pavers: await caller.items.create({ kind: "non_inventory", name: "Pavers", salesPrice: "310", incomeAccount: "Materials Income" }),
    };
    const line = (quantity: number) => [{ itemId: here.pavers.id, quantity, rate: "280" }];
    const same = await caller.purchaseOrders.create({
      number: "7001",
      vendorId: here.stoneYard.id,
      shipToCustomerId: here.job.id,
      txnDate: "2024-02-20",
      expectedDate: "2024-03-01",
      memo: "Patio job",
      lines: line(4),
    });
    const differs = await caller.purchaseOrders.create({
      number: "7002",
      vendorId: here.stoneYard.id,
      txnDate: "2024-02-22",
      lines: line(3),
    });
    const otherVendor = await caller.purchaseOrders.create({
      number: "7003",
      vendorId: here.stoneYard.id,
      txnDate: "2024-02-25",
      lines: line(1),
    });

    await sync();
    const [sameLink] = await db
      .select()
      .from(syncLinks)
      .where(and(eq(syncLinks.entityType, "purchaseOrder"), eq(syncLinks.localId, same.id)));
    expect(sameLink).toMatchObject({ entityType: "purchaseOrder", qbId: qb.find("PurchaseOrder", "7001")!.id });
    const imports = await caller.sync.candidates({ section: "import", entityType: "purchaseOrder" });
    const match = imports.rows.find((row) => row.label === "Purchase order 7002");
    expect(match).toMatchObject({ action: "match", localId: differs.id });
    // QuickBooks' 7003 is another vendor's: not imported beside ours, and ours is not sent, each saying why.
    const theirs = imports.rows.find((row) => row.label === "Purchase order 7003");
    expect(theirs?.blockedReason).toContain("Ledgerbridge keeps one purchase order per number");
    await approveAll("import");
    await sync();
    const exports = await caller.sync.candidates({ section: "export", entityType: "purchaseOrder" });
    const ours = exports.rows.find((row) => row.localId === otherVendor.id);
    expect(ours?.blockedReason).toMatch(
      /QuickBooks already has purchase order 7003 for another vendor \("Green Valley Supply"\).*Renumber this purchase order \(for example to 7003-2\)/,
    );
    expect(qb.count("PurchaseOrder")).toBe(3);
    const [matchedLink] = await db
      .select()
      .from(syncLinks)
      .where(and(eq(syncLinks.entityType, "purchaseOrder"), eq(syncLinks.localId, differs.id)));
    expect(matchedLink?.qbId).toBe(qb.find("PurchaseOrder", "7002")!.id);
    // Approving the match took QuickBooks' quantity.
    expect((await caller.purchaseOrders.get({ id: differs.id })).lines[0]!.quantity).toBe(2);
  });
});
