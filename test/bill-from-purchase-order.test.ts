import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { billLines, bills, purchaseOrderLines, purchaseOrders } from "@/db/schema";
import { billAddRq, billQueryRq, buildQbxml, parseQbxmlResponse, purchaseOrderQueryRq } from "@/server/qbxml";
import { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { validateQbxml } from "./support/qbxml-schema";
import { testClock } from "./support/simulator";
import { firstImport, syncWith } from "./support/sync-driver";

let db: Database;
let qb: SimulatedCompany;
let clock: ReturnType<typeof testClock>;
let caller: ReturnType<typeof callerFor>;
let sent: string[];

beforeEach(async () => {
  db = await createTestDatabase();
  clock = testClock();
  qb = new SimulatedCompany({ now: clock.now });
  caller = callerFor(db, await createTestUser(db, "admin"));
  sent = [];
});

/** One run; its requests are kept for the schema check. */
async function sync() {
  const run = await syncWith(db, qb);
  sent.push(...run.sent);
  return run;
}

async function approveAll(section?: "import" | "export") {
  return caller.sync.approve({ checked: { filter: { section } }, uncheckedRule: "keep" });
}

/** Every request sent, and QuickBooks' bills and orders as a query with their links returns them, validate. */
async function expectAllValid() {
  const options = { includeLineItems: true, includeLinkedTxns: true };
  const answers = [billQueryRq(options), purchaseOrderQueryRq(options)].map((request) => qb.handle(buildQbxml(request)));
  const documents = [...sent, ...answers].map((xml, index) => ({ name: `document-${index}`, xml }));
  const verdicts = await validateQbxml(documents);
  expect([...verdicts.values()].flatMap((verdict) => verdict.errors)).toEqual([]);
  return answers;
}

type BillDetail = Awaited<ReturnType<typeof caller.bills.get>>;

/** Saves the bill as the office edits it on its page: its item lines with these quantities, the rest as they are. */
function saveBill(bill: BillDetail, quantities: number[], changes: { refNumber?: string; memo?: string } = {}) {
  return caller.bills.update({
    id: bill.id,
    data: {
      vendorId: bill.vendorId,
      txnDate: bill.txnDate,
      refNumber: bill.refNumber ?? "",
      memo: bill.memo ?? "",
      ...changes,
      itemLines: bill.itemLines.map((line, index) => ({
        itemId: line.itemId!,
        description: line.memo ?? "",
        quantity: quantities[index]!,
        cost: String(line.costCents! / 100),
        purchaseOrderLineId: line.purchaseOrderLineId,
      })),
    },
  });
}

/** A material bought for jobs, synced as the order needs it. */
function material(name: string, salesPrice: string) {
  return caller.items.create({ kind: "non_inventory", name, salesPrice, incomeAccount: "Materials Income" });
}

/** Purchase order 7003 for 10 bags of mulch and 2 pallets of pavers, entered here. */
async function orderEnteredHere() {
  await firstImport(db, caller, qb);
  const vendor = await caller.vendors.create({ name: "Green Valley Supply" });
  const mulch = await material("Mulch", "38.50");
  const pavers = await material("Pavers", "310.00");
  const order = await caller.purchaseOrders.create({
    number: "7003",
    vendorId: vendor.id,
    txnDate: "2024-03-01",
    lines: [
      { itemId: mulch.id, description: "Dark brown, bagged", quantity: 10, rate: "6.25" },
      { itemId: pavers.id, description: "Tumbled, gray", quantity: 2, rate: "280.00" },
    ],
  });
  return { vendor, mulch, pavers, order };
}

describe("a bill created from a purchase order here", () => {
  it("copies the order's open lines, is sent with LinkToTxn once the order is in QuickBooks, and QuickBooks shows the order received", async () => {
    const { order } = await orderEnteredHere();
    await sync();
    await approveAll("export");
    await sync();
    const orderInQb = qb.find("PurchaseOrder", "7003")!;
    const lineIds = await db.select({ qbLineId: purchaseOrderLines.qbLineId }).from(purchaseOrderLines);
    expect(lineIds.map((line) => line.qbLineId)).toEqual(
      (orderInQb.PurchaseOrderLineRet as { TxnLineID: string }[]).map((line) => line.TxnLineID),
    );

    const before = await caller.purchaseOrders.get({ id: order.id });
    expect(before.billable).toBe(true);
    const bill = await caller.purchaseOrders.createBill({ id: order.id, txnDate: "2024-03-09" });
    expect(bill).toMatchObject({
      vendorName: "Green Valley Supply",
      txnDate: "2024-03-09",
      purchaseOrderNumber: "7003",
      totalCents: 62250,
    });
    expect(bill.itemLines.map((line) => [line.itemName, line.memo, line.quantity, line.costCents])).toEqual([
      ["Mulch", "Dark brown, bagged", 10, 625],
      ["Pavers", "Tumbled, gray", 2, 28000],
    ]);

    // The vendor delivered 8 bags: the office changes the quantity and adds its reference before sending.
    await saveBill(bill, [8, 2], { refNumber: "GV-5120" });
    const after = await caller.purchaseOrders.get({ id: order.id });
    expect(after.lines.map((line) => line.billedQuantity)).toEqual([8, 2]);
    expect(after.bills).toEqual([expect.objectContaining({ id: bill.id, refNumber: "GV-5120" })]);
    expect(after.billable).toBe(true);

    await sync();
    await approveAll("export");
    await sync();
    const billAdd = sent.find((xml) => xml.includes("<BillAddRq"))!;
    expect(billAdd).toContain(`<LinkToTxn><TxnID>${orderInQb.id}</TxnID><TxnLineID>`);
    expect(billAdd.match(/<LinkToTxn>/g)).toHaveLength(2);
    const billInQb = qb.find("Bill", "GV-5120") ?? qb.list("Bill").find((candidate) => candidate.RefNumber === "GV-5120")!;
    expect(billInQb).toMatchObject({ LinkedTxn: [expect.objectContaining({ TxnID: orderInQb.id, TxnType: "PurchaseOrder" })] });
    const received = qb.find("PurchaseOrder", "7003")!;
    expect((received.PurchaseOrderLineRet as { ReceivedQuantity: string }[]).map((line) => line.ReceivedQuantity)).toEqual(["8", "2"]);
    expect(received).toMatchObject({
      IsFullyReceived: "false",
      LinkedTxn: [expect.objectContaining({ TxnID: billInQb.id, TxnType: "Bill" })],
    });
    // Received in QuickBooks now, the bill's item lines change there only; its memo still crosses from here.
    const sentBill = await caller.bills.get({ id: bill.id });
    const edit = (quantity: number) => saveBill(sentBill, [quantity, 2], { memo: "Pavers for the Cary patio" });
    await expect(edit(9)).rejects.toThrow(/received against purchase order 7003 in QuickBooks, so they change there/);
    await edit(8);
    await sync();
    await approveAll("export");
    await sync();
    const billMod = sent.find((xml) => xml.includes("<BillModRq"))!;
    expect(billMod).not.toContain("<ItemLineMod>");
    expect(qb.list("Bill").find((candidate) => candidate.RefNumber === "GV-5120")).toMatchObject({ Memo: "Pavers for the Cary patio" });
    const [billAnswer, orderAnswer] = await expectAllValid();
    expect(billAnswer).toContain(`<LinkedTxn><TxnID>${orderInQb.id}</TxnID><TxnType>PurchaseOrder</TxnType>`);
    expect(orderAnswer).toContain(`<LinkedTxn><TxnID>${billInQb.id}</TxnID><TxnType>Bill</TxnType>`);
  });

  it("waits for its purchase order to be in QuickBooks, then goes after it in the same run", async () => {
    const { order } = await orderEnteredHere();
    const bill = await caller.purchaseOrders.createBill({ id: order.id, txnDate: "2024-03-09" });
    await sync();
    // Everything but the order approved: the vendor and items go, the bill waits for the order.
    const exports = (await caller.sync.candidates({ section: "export" })).rows;
    const checked = exports.filter((row) => row.entityType !== "purchaseOrder").map((row) => row.id);
    await caller.sync.approve({ checked, uncheckedRule: "keep" });
    await sync();
    const [waiting] = (await caller.sync.pending({})).rows;
    expect(waiting!.waitingReason).toBe('Waiting for purchase order "7003": approve it in the Sync Wizard so it reaches QuickBooks first.');
    expect(qb.count("Bill")).toBe(0);

    await approveAll("export");
    const { sent: lastRun } = await sync();
    const at = (tag: string) => lastRun.findIndex((xml) => xml.includes(`<${tag}`));
    expect(at("PurchaseOrderAddRq")).toBeLessThan(at("BillAddRq"));
    expect(lastRun[at("BillAddRq")]).toContain("<LinkToTxn>");
    expect(await caller.sync.recordStatus({ type: "bill", id: bill.id })).toMatchObject({ status: "in_quickbooks" });
    expect(qb.find("PurchaseOrder", "7003")).toMatchObject({ IsFullyReceived: "true" });
    expect((await caller.purchaseOrders.get({ id: order.id })).billable).toBe(false);
  });

  it("waits with what to do while the order's QuickBooks line IDs are not known here", async () => {
    const { order } = await orderEnteredHere();
    await sync();
    await approveAll("export");
    await sync();
    // As an order linked before line IDs were kept would be.
    await db.update(purchaseOrderLines).set({ qbLineId: null }).where(eq(purchaseOrderLines.purchaseOrderId, order.id));
    await caller.purchaseOrders.createBill({ id: order.id, txnDate: "2024-03-09" });
    await sync();
    await approveAll("export");
    await sync();
    const [waiting] = (await caller.sync.pending({})).rows;
    expect(waiting!.waitingReason).toMatch(/^Waiting for QuickBooks' line IDs of purchase order "7003"/);
    expect(qb.count("Bill")).toBe(0);
  });

  it("says when a bill's lines bill more than was ordered, and offers no Create bill once everything is billed", async () => {
    const { order } = await orderEnteredHere();
    const bill = await caller.purchaseOrders.createBill({ id: order.id, txnDate: "2024-03-09" });
    expect(bill.overBilled).toBe(false);
    const saved = await saveBill(
      bill,
      bill.itemLines.map((line) => line.quantity! + 1),
    );
    expect(saved.overBilled).toBe(true);
    const detail = await caller.purchaseOrders.get({ id: order.id });
    expect(detail.billable).toBe(false);
    await expect(caller.purchaseOrders.createBill({ id: order.id, txnDate: "2024-03-10" })).rejects.toThrow(
      /Every line of this purchase order is billed/,
    );
  });
});

/** Purchase order 7001 for 4 pallets of pavers from Stone Yard Supply, entered in QuickBooks. */
function orderEnteredInQuickBooks() {
  const vendor = qb.addVendor({ Name: "Stone Yard Supply" });
  const pavers = qb.add("ItemNonInventory", {
    Name: "Pavers",
    SalesOrPurchase: { Price: "310.00", AccountRef: { FullName: "Materials Income" } },
  });
  const order = qb.addPurchaseOrder({
    VendorRef: { ListID: vendor.id },
    TxnDate: "2024-02-20",
    RefNumber: "7001",
    PurchaseOrderLineRet: [{ ItemRef: { ListID: pavers.id }, Quantity: "4", Rate: "280.00" }],
  });
  return { vendor, pavers, order, lineId: (order.PurchaseOrderLineRet as { TxnLineID: string }[])[0]!.TxnLineID };
}

describe("a bill entered in QuickBooks against an order", () => {
  it("comes back linked to the order here, line by line, and QuickBooks' answers validate", async () => {
    await firstImport(db, caller, qb);
    clock.advance(60_000);
    const { vendor, pavers, order, lineId } = orderEnteredInQuickBooks();
    await sync();
    await approveAll("import");
    await sync();
    const [local] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.number, "7001"));

    clock.advance(60_000);
    qb.enterBill({
      VendorRef: { ListID: vendor.id },
      TxnDate: "2024-03-02",
      RefNumber: "SY-88",
      ItemLineRet: [{ ItemRef: { ListID: pavers.id }, Quantity: "3", Cost: "280.00", LinkToTxn: { TxnID: order.id, TxnLineID: lineId } }],
    });
    await sync();
    await approveAll("import");
    await sync();
    const [bill] = await db.select().from(bills).where(eq(bills.refNumber, "SY-88"));
    expect(bill!.purchaseOrderId).toBe(local!.id);
    const [line] = await db.select().from(billLines).where(eq(billLines.billId, bill!.id));
    const [orderLine] = await db.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, local!.id));
    expect(line!.purchaseOrderLineId).toBe(orderLine!.id);
    expect((await caller.bills.get({ id: bill!.id })).purchaseOrderNumber).toBe("7001");

    const detail = await caller.purchaseOrders.get({ id: local!.id });
    expect(detail.lines.map((orderLine) => [orderLine.receivedQuantity, orderLine.billedQuantity])).toEqual([[3, 3]]);
    expect(detail.bills.map((orderBill) => orderBill.refNumber)).toEqual(["SY-88"]);
    await expectAllValid();
  });

  it("is refused with 3140 when LinkToTxn names an order of another vendor", async () => {
    const { pavers, order, lineId } = orderEnteredInQuickBooks();
    const other = qb.addVendor({ Name: "Green Valley Supply" });
    const request = billAddRq({
      vendor: { listId: other.id },
      expenseLines: [],
      itemLines: [{ item: { listId: pavers.id }, quantity: 1, linkToTxn: { txnId: order.id, txnLineId: lineId } }],
    });
    const [status] = parseQbxmlResponse(qb.handle(buildQbxml(request)));
    expect(status).toMatchObject({ statusCode: 3140 });
    expect(status!.statusMessage).toContain(order.id);
    expect(qb.count("Bill")).toBe(0);
  });
});
