import { and, asc, eq, gt, inArray, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Queryable } from "@/db";
import { billLines, bills, contacts, items, purchaseOrderLines, purchaseOrders } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { calendarDate } from "@/lib/dates";
import { listPage, paged, type ListInput } from "@/db/list-query";
import { requireContact } from "./contacts";
import { blankable, QB_LIMITS, qbLine, qbText, recordId } from "./fields";
import { requestSend, type SendRequestSelection } from "./send-requests";
import { beyondQuickBooks, lineValues, nextNumber, transactionLineInput } from "./transaction-lines";

/** Where an order stands: closed by hand (on either side), received in QuickBooks, or still open. */
export const PURCHASE_ORDER_STATES = ["open", "received", "closed"] as const;
export type PurchaseOrderState = (typeof PURCHASE_ORDER_STATES)[number];

/** Purchase orders are numbered from here when none has a numeric number yet. */
export const FIRST_PURCHASE_ORDER_NUMBER = 1;

export const purchaseOrderInput = z.object({
  /** Blank on a new order: the next number is assigned. Blank on an edit: the number stays. */
  number: qbLine("PO number", QB_LIMITS.purchaseOrderNumber),
  vendorId: recordId("a vendor"),
  /** The customer (job) the materials are for, shipped there; none when they come to the office. */
  shipToCustomerId: blankable(recordId("a customer to ship to")),
  txnDate: calendarDate("order date"),
  expectedDate: blankable(calendarDate("expected date")),
  memo: qbText("memo", QB_LIMITS.memo),
  /** Closed by hand: nothing more is expected from the vendor. Only an order already saved can be closed. */
  closed: z.boolean().default(false),
  lines: z.array(transactionLineInput).min(1, "Add at least one line to the purchase order."),
});
export type PurchaseOrderInput = z.input<typeof purchaseOrderInput>;
export type PurchaseOrderData = z.output<typeof purchaseOrderInput>;

const SHIP_TO_NEW = { newlyChosen: true, field: "shipToCustomerId" };

/** The customer an order ships to, beside its vendor in the same table. */
const shipTo = alias(contacts, "ship_to");

const stateColumn = sql<PurchaseOrderState>`case when ${purchaseOrders.manuallyClosed} then 'closed' when ${purchaseOrders.fullyReceived} then 'received' else 'open' end`;

/** What a row of the purchase order list shows; the order's page adds stamps and lines. */
function summaryColumns() {
  return {
    id: purchaseOrders.id,
    number: purchaseOrders.number,
    vendorId: purchaseOrders.vendorId,
    vendorName: contacts.name,
    txnDate: purchaseOrders.txnDate,
    expectedDate: purchaseOrders.expectedDate,
    memo: purchaseOrders.memo,
    totalCents: purchaseOrders.totalCents,
    state: stateColumn,
    sendRequestedAt: purchaseOrders.sendRequestedAt,
    updatedAt: purchaseOrders.updatedAt,
  };
}

/** What the purchase order list's search box looks in. */
const PURCHASE_ORDER_SEARCH = [purchaseOrders.number, contacts.name, purchaseOrders.memo];

export function listPurchaseOrders(db: Queryable, input: ListInput, narrowedBy?: SQL) {
  return listPage(
    db,
    {
      table: sql`${purchaseOrders} inner join ${contacts} on ${contacts.id} = ${purchaseOrders.vendorId}`,
      sortable: {
        number: purchaseOrders.number,
        vendor: contacts.name,
        txnDate: purchaseOrders.txnDate,
        expectedDate: purchaseOrders.expectedDate,
        state: stateColumn,
        total: purchaseOrders.totalCents,
        updatedAt: purchaseOrders.updatedAt,
      },
      defaultSort: "txnDate",
      tiebreaker: purchaseOrders.id,
      searchable: PURCHASE_ORDER_SEARCH,
      rows: (query) =>
        paged(
          db.select(summaryColumns()).from(purchaseOrders).innerJoin(contacts, eq(contacts.id, purchaseOrders.vendorId)).$dynamic(),
          query,
        ),
    },
    input,
    narrowedBy,
  );
}

/** The order with its lines (and their item names and what QuickBooks has received of each). */
export async function getPurchaseOrder(db: Queryable, id: number) {
  const [order] = await db
    .select({
      ...summaryColumns(),
      shipToCustomerId: purchaseOrders.shipToCustomerId,
      shipToCustomerName: shipTo.name,
      createdAt: purchaseOrders.createdAt,
      updatedBy: purchaseOrders.updatedBy,
    })
    .from(purchaseOrders)
    .innerJoin(contacts, eq(contacts.id, purchaseOrders.vendorId))
    .leftJoin(shipTo, eq(shipTo.id, purchaseOrders.shipToCustomerId))
    .where(eq(purchaseOrders.id, id));
  if (!order) throw new AppError("NOT_FOUND", "That purchase order does not exist (it may have been deleted).");
  const lines = await db
    .select({
      id: purchaseOrderLines.id,
      position: purchaseOrderLines.position,
      itemId: purchaseOrderLines.itemId,
      itemName: items.name,
      description: purchaseOrderLines.description,
      quantity: purchaseOrderLines.quantity,
      rateCents: purchaseOrderLines.rateCents,
      amountCents: purchaseOrderLines.amountCents,
      receivedQuantity: purchaseOrderLines.receivedQuantity,
      billedQuantity: sql<number>`coalesce((select sum(${billLines.quantity}) from ${billLines} where ${billLines.purchaseOrderLineId} = ${purchaseOrderLines.id}), 0)`,
    })
    .from(purchaseOrderLines)
    .innerJoin(items, eq(items.id, purchaseOrderLines.itemId))
    .where(eq(purchaseOrderLines.purchaseOrderId, id))
    .orderBy(asc(purchaseOrderLines.position));
  const orderBills = await db
    .select({ id: bills.id, refNumber: bills.refNumber, txnDate: bills.txnDate, totalCents: bills.totalCents })
    .from(bills)
    .where(eq(bills.purchaseOrderId, id))
    .orderBy(asc(bills.txnDate), asc(bills.id));
  const billable = order.state !== "closed" && lines.some((line) => line.billedQuantity < line.quantity);
  return { ...order, lines, bills: orderBills, billable };
}
export type PurchaseOrderDetail = Awaited<ReturnType<typeof getPurchaseOrder>>;

export async function createPurchaseOrder(db: Queryable, data: PurchaseOrderData, user: SessionUser | null) {
  if (data.closed) {
    // QuickBooks can only close an order it already has (IsManuallyClosed is in PurchaseOrderMod, not Add).
    throw new AppError("BAD_INPUT", "A new purchase order starts open. Save it first, then close it.", { field: "closed" });
  }
  const id = await db.transaction(async (tx) => {
    await requireContact(tx, "vendor", data.vendorId, { newlyChosen: true });
    if (data.shipToCustomerId !== null) await requireContact(tx, "customer", data.shipToCustomerId, SHIP_TO_NEW);
    const number = data.number ?? (await nextPurchaseOrderNumber(tx));
    await refuseNumberClash(tx, number);
    const { order, lines } = await purchaseOrderValues(tx, data);
    const [row] = await tx
      .insert(purchaseOrders)
      .values({ ...order, number, updatedBy: user?.id ?? null })
      .returning({ id: purchaseOrders.id });
    await replacePurchaseOrderLines(tx, row!.id, lines);
    return row!.id;
  });
  return getPurchaseOrder(db, id);
}

/** Saves the order; its lines are replaced, unless QuickBooks has received some of them (then they must stay). */
export async function updatePurchaseOrder(db: Queryable, id: number, data: PurchaseOrderData, user: SessionUser | null) {
  await db.transaction(async (tx) => {
    const saved = await getPurchaseOrder(tx, id);
    await requireContact(tx, "vendor", data.vendorId, { newlyChosen: data.vendorId !== saved.vendorId });
    if (data.shipToCustomerId !== null) {
      const newlyChosen = data.shipToCustomerId !== saved.shipToCustomerId;
      await requireContact(tx, "customer", data.shipToCustomerId, { newlyChosen, field: "shipToCustomerId" });
    }
    const number = data.number ?? saved.number;
    await refuseNumberClash(tx, number, id);
    const { order, lines } = await purchaseOrderValues(tx, data);
    const receiving = saved.lines.some((line) => line.receivedQuantity > 0);
    if (receiving && !sameLines(saved.lines, lines)) {
      throw new AppError(
        "CONFLICT",
        "Items on this purchase order have been received in QuickBooks, so its lines cannot change here. Change them in QuickBooks.",
        { field: "lines" },
      );
    }
    if (receiving && data.vendorId !== saved.vendorId) {
      throw new AppError("CONFLICT", "Items on this purchase order have been received in QuickBooks, so its vendor cannot change.", {
        field: "vendorId",
      });
    }
    await tx
      .update(purchaseOrders)
      .set({ ...order, number, updatedAt: new Date(), updatedBy: user?.id ?? null })
      .where(eq(purchaseOrders.id, id));
    if (receiving) return;
    await replacePurchaseOrderLines(tx, id, lines);
  });
  return getPurchaseOrder(db, id);
}

/** Send to QuickBooks: with Send All off, only orders marked since their last sync become export candidates. */
export function requestPurchaseOrderSend(db: Queryable, selection: SendRequestSelection, narrowedBy?: SQL, now = new Date()) {
  return requestSend(
    db,
    { table: purchaseOrders, contact: purchaseOrders.vendorId, searchable: PURCHASE_ORDER_SEARCH, notAvailable: [] },
    selection,
    now,
    narrowedBy,
  );
}

/** The order's line ids in line order. */
export function purchaseOrderLineIds(db: Queryable, purchaseOrderId: number) {
  return db
    .select({ id: purchaseOrderLines.id })
    .from(purchaseOrderLines)
    .where(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId))
    .orderBy(asc(purchaseOrderLines.position));
}

export type PurchaseOrderLineValues = Omit<typeof purchaseOrderLines.$inferInsert, "id" | "purchaseOrderId" | "position">;

/**
 * Writes an order's lines over the saved ones position by position, so each keeps its id and the bill lines that bill
 * it still do; saved lines beyond the new ones are removed, and bill lines that billed them no longer name a line.
 */
export async function replacePurchaseOrderLines(db: Queryable, purchaseOrderId: number, lines: readonly PurchaseOrderLineValues[]) {
  const saved = await purchaseOrderLineIds(db, purchaseOrderId);
  for (const [index, line] of lines.entries()) {
    const row = { ...line, purchaseOrderId, position: index + 1 };
    const kept = saved[index];
    if (kept) await db.update(purchaseOrderLines).set(row).where(eq(purchaseOrderLines.id, kept.id));
    else await db.insert(purchaseOrderLines).values(row);
  }
  const removed = saved.slice(lines.length).map((line) => line.id);
  if (removed.length === 0) return;
  await db.update(billLines).set({ purchaseOrderLineId: null }).where(inArray(billLines.purchaseOrderLineId, removed));
  await db
    .delete(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId), gt(purchaseOrderLines.position, lines.length)));
}

export function nextPurchaseOrderNumber(db: Queryable): Promise<string> {
  return nextNumber(db, purchaseOrders, FIRST_PURCHASE_ORDER_NUMBER);
}

async function purchaseOrderValues(db: Queryable, data: PurchaseOrderData) {
  const lines = await lineValues(db, data.lines);
  const total = lines.reduce((sum, line) => sum + line.amount, 0n);
  if (total < 0n) {
    throw new AppError("BAD_INPUT", "The purchase order total cannot be below zero. Record a vendor credit in QuickBooks instead.", {
      field: "lines",
    });
  }
  if (beyondQuickBooks(total)) {
    throw new AppError("BAD_INPUT", "The purchase order total is larger than QuickBooks accepts. Split it into several orders.", {
      field: "lines",
    });
  }
  const order = {
    vendorId: data.vendorId,
    shipToCustomerId: data.shipToCustomerId,
    txnDate: data.txnDate,
    expectedDate: data.expectedDate,
    memo: data.memo,
    manuallyClosed: data.closed,
    totalCents: Number(total),
  };
  return { order, lines: lines.map(({ amount, ...line }) => ({ ...line, amountCents: Number(amount) })) };
}

function sameLines(
  saved: PurchaseOrderDetail["lines"],
  lines: { itemId: number; quantity: number; rateCents: number; description: string | null }[],
) {
  return (
    saved.length === lines.length &&
    saved.every(
      (line, index) =>
        line.itemId === lines[index]!.itemId &&
        line.quantity === lines[index]!.quantity &&
        line.rateCents === lines[index]!.rateCents &&
        (line.description ?? null) === (lines[index]!.description ?? null),
    )
  );
}

async function refuseNumberClash(db: Queryable, number: string, exceptId?: number) {
  const condition = exceptId ? and(eq(purchaseOrders.number, number), ne(purchaseOrders.id, exceptId)) : eq(purchaseOrders.number, number);
  const [other] = await db
    .select({ txnDate: purchaseOrders.txnDate, vendorName: contacts.name })
    .from(purchaseOrders)
    .innerJoin(contacts, eq(contacts.id, purchaseOrders.vendorId))
    .where(condition);
  if (other) {
    throw new AppError(
      "NAME_IN_USE",
      `PO number ${number} is already used by the purchase order to "${other.vendorName}" dated ${other.txnDate}. Choose another number, or leave it blank for the next one.`,
      { field: "number" },
    );
  }
}
