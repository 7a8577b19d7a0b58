import { asc, eq, inArray, and, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Queryable } from "@/db";
import { bills, contacts, items, purchaseOrderLines, purchaseOrders } from "@/db/schema";
import { purchaseOrderAddRq, purchaseOrderModRq, purchaseOrderQueryRq, type PurchaseOrderRecord, type QbxmlRecord } from "@/server/qbxml";
import { AppError } from "@/server/errors";
import { purchaseOrderLineIds, replacePurchaseOrderLines, type PurchaseOrderLineValues } from "@/server/records/purchase-orders";
import { joinedKey, spellingsOf, textKey } from "./match-keys";
import {
  importedLine,
  linkedLocal,
  optionalLinked,
  ownContact,
  proxiedName,
  sameName,
  sentItem,
  sentVendor,
  uniqueParents,
} from "./transaction-refs";
import { type EntityAdapter, type RefResolver } from "./types";

/** A purchase order as QuickBooks gets it: the vendor and each line's item are those QuickBooks holds it under. */
export interface LocalPurchaseOrder {
  id: number;
  number: string;
  vendorId: number;
  vendorName: string;
  /** The order's own vendor when it is sent as its proxy; null otherwise. */
  proxiedVendorName: string | null;
  /** The customer (job) it ships to, as QuickBooks holds it (its proxy, when it has one). */
  shipToId: number | null;
  shipToName: string | null;
  txnDate: string;
  expectedDate: string | null;
  memo: string | null;
  totalCents: number;
  fullyReceived: boolean;
  manuallyClosed: boolean;
  lines: {
    itemId: number;
    itemName: string;
    description: string | null;
    quantity: number;
    rateCents: number;
    amountCents: number;
    receivedQuantity: number;
  }[];
}

/**
 * Purchase orders cross both ways like invoices. Received is QuickBooks' to decide (receiving items there) and is
 * only read; closed by hand crosses both ways, though QuickBooks takes it in a Mod only.
 */
export const purchaseOrderAdapter: EntityAdapter<LocalPurchaseOrder, PurchaseOrderRecord> = {
  type: "purchaseOrder",
  noun: "purchase order",
  level: 7,
  idKind: "txn",
  table: purchaseOrders,
  sendRequested: sql`${purchaseOrders.sendRequestedAt} is not null`,
  sendRequestedAt: purchaseOrders.sendRequestedAt,
  canModify: true,
  discovery: [
    {
      key: "PurchaseOrder",
      iterates: true,
      build: (from, maxReturned, options) =>
        purchaseOrderQueryRq(
          { maxReturned, modifiedDateRange: from === undefined ? undefined : { from }, includeLineItems: true },
          options,
        ),
    },
  ],
  owns: (record: QbxmlRecord): record is PurchaseOrderRecord => record.kind === "PurchaseOrder",
  loadLocal: loadPurchaseOrders,
  label: (local) => `Purchase order ${local.number}`,
  fields: (local) => ({
    number: local.number,
    vendor: local.vendorName,
    shipTo: local.shipToName,
    txnDate: local.txnDate,
    expectedDate: local.expectedDate,
    memo: local.memo,
    total: local.totalCents,
    received: local.fullyReceived,
    closed: local.manuallyClosed,
    lines: JSON.stringify(
      local.lines.map((line) => [
        line.itemName,
        line.description ?? "",
        line.quantity,
        line.rateCents,
        line.amountCents,
        line.receivedQuantity,
      ]),
    ),
  }),
  parents: (local) => [
    { type: "vendor", localId: local.vendorId, name: local.vendorName },
    ...(local.shipToId === null ? [] : [{ type: "customer" as const, localId: local.shipToId, name: local.shipToName ?? "" }]),
    ...uniqueParents(local.lines.map((line) => ({ type: "item" as const, localId: line.itemId, name: line.itemName }))),
  ],
  // QuickBooks lets two orders share a PO number; Ledgerbridge does not, so the number is taken here.
  matchKey: (local) => joinedKey(local.number, local.vendorName),
  remoteMatchKey: (remote) => (remote.refNumber?.trim() ? joinedKey(remote.refNumber, remote.vendor?.fullName) : null),
  takenKey: (local) => textKey(local.number),
  remoteTakenKey: (remote) => (remote.refNumber?.trim() ? textKey(remote.refNumber) : null),
  localsSharingKeys: async (db, remotes) => {
    const numbers = remotes.map((remote) => remote.refNumber);
    const rows = await db.select({ id: purchaseOrders.id }).from(purchaseOrders).where(spellingsOf(purchaseOrders.number, numbers));
    return rows.map((row) => row.id);
  },
  matchHints: ["txnDate", "total"],
  remoteId: (remote) => remote.txnId,
  remoteLabel: (remote) => `Purchase order ${remote.refNumber ?? remote.txnId ?? ""}`,
  remoteFields: (remote) => ({
    number: remote.refNumber ?? null,
    vendor: remote.vendor?.fullName ?? null,
    shipTo: remote.shipToEntity?.fullName ?? null,
    txnDate: remote.txnDate ?? null,
    expectedDate: remote.expectedDate ?? null,
    memo: remote.memo ?? null,
    total: remote.totalAmount ?? null,
    received: remote.isFullyReceived ?? false,
    closed: remote.isManuallyClosed ?? false,
    lines: JSON.stringify(
      remote.lines.map((line) => [
        line.item?.fullName ?? "",
        line.desc ?? "",
        line.quantity ?? 0,
        Math.round(line.rate ?? 0),
        line.amount ?? 0,
        line.receivedQuantity ?? 0,
      ]),
    ),
  }),
  queryById: (qbId, requestId) => purchaseOrderQueryRq({ txnIds: [qbId], includeLineItems: true }, { requestId }),
  // RefNumber alone is not unique in QuickBooks, so the match also checks the vendor and the date.
  queryForLookup: (local, requestId) => purchaseOrderQueryRq({ refNumbers: [local.number], includeLineItems: true }, { requestId }),
  matchLookup: (local, found) =>
    found.find(
      (record) =>
        record.refNumber === local.number && record.txnDate === local.txnDate && sameName(record.vendor?.fullName, local.vendorName),
    ),
  addRq: (local, refs, requestId) =>
    purchaseOrderAddRq(
      {
        vendor: refs.ref("vendor", local.vendorId, local.vendorName),
        ...purchaseOrderBody(local, refs),
        lines: local.lines.map((line) => purchaseOrderLine(line, refs)),
      },
      { requestId },
    ),
  modRq: (local, link, refs, requestId) =>
    purchaseOrderModRq(
      {
        txnId: link.qbId,
        editSequence: link.editSequence,
        vendor: refs.ref("vendor", local.vendorId, local.vendorName),
        ...purchaseOrderBody(local, refs),
        isManuallyClosed: local.manuallyClosed,
        // Every line is sent as new (QuickBooks keeps exactly the lines of a Mod), unless QuickBooks has received some:
        // those lines cannot change here, and left out they stay as they are.
        lines: local.lines.some((line) => line.receivedQuantity > 0) ? undefined : local.lines.map((line) => purchaseOrderLine(line, refs)),
      },
      { requestId },
    ),
  applyImport: (db, remote, localId) => applyPurchaseOrderImport(db, remote, localId),
  noteRemote: (db, localId, remote) => noteLineIds(db, localId, remote),
  applyDeletion: async (db, localId) => {
    await replacePurchaseOrderLines(db, localId, []);
    // Its bills stay: they are the vendor's, only no longer from an order here.
    await db.update(bills).set({ purchaseOrderId: null }).where(eq(bills.purchaseOrderId, localId));
    await db.delete(purchaseOrders).where(eq(purchaseOrders.id, localId));
  },
};

async function applyPurchaseOrderImport(db: Queryable, remote: PurchaseOrderRecord, localId: number | null): Promise<number> {
  const [saved] =
    localId === null
      ? []
      : await db.select({ vendorId: purchaseOrders.vendorId }).from(purchaseOrders).where(eq(purchaseOrders.id, localId));
  const vendorId = await ownContact(db, saved?.vendorId, await linkedLocal(db, "vendor", remote.vendor, "vendor"));
  // Ship To may name a vendor or an employee in QuickBooks; only a customer (a job) is kept here.
  const shipToId = await optionalLinked(db, "customer", remote.shipToEntity);
  const number = remote.refNumber?.trim();
  if (!number) throw new AppError("BAD_INPUT", "the QuickBooks purchase order has no PO number (RefNumber).");
  const lines: PurchaseOrderLineValues[] = [];
  for (const line of remote.lines) {
    const amounts = importedLine(line);
    if (!amounts) continue;
    const itemId = await linkedLocal(db, "item", line.item, "item");
    lines.push({ itemId, ...amounts, receivedQuantity: line.receivedQuantity ?? 0, qbLineId: line.txnLineId ?? null });
  }
  const [clash] = await db
    .select({ id: purchaseOrders.id })
    .from(purchaseOrders)
    .where(localId === null ? eq(purchaseOrders.number, number) : and(eq(purchaseOrders.number, number), ne(purchaseOrders.id, localId)));
  if (clash) {
    throw new AppError("CONFLICT", `PO number ${number} is already used by another purchase order here. Renumber one of them.`);
  }
  const head = {
    number,
    vendorId,
    shipToCustomerId: shipToId,
    txnDate: remote.txnDate ?? new Date().toISOString().slice(0, 10),
    expectedDate: remote.expectedDate ?? null,
    memo: remote.memo ?? null,
    totalCents: remote.totalAmount ?? lines.reduce((sum, line) => sum + line.amountCents, 0),
    fullyReceived: remote.isFullyReceived ?? false,
    manuallyClosed: remote.isManuallyClosed ?? false,
    updatedAt: new Date(),
    updatedBy: null,
  };
  let id = localId;
  if (id === null) {
    const [row] = await db.insert(purchaseOrders).values(head).returning({ id: purchaseOrders.id });
    id = row!.id;
  } else {
    await db.update(purchaseOrders).set(head).where(eq(purchaseOrders.id, id));
  }
  await replacePurchaseOrderLines(db, id, lines);
  return id;
}

/**
 * QuickBooks' TxnLineID of each line, which a bill from the order names (LinkToTxn): kept from every read and every
 * answer to an Add or Mod (a Mod sends lines as new, so they change). The lines with an item are the local ones, in order.
 */
async function noteLineIds(db: Queryable, localId: number, remote: PurchaseOrderRecord): Promise<void> {
  const remoteLines = remote.lines.filter((line) => line.item);
  const saved = await purchaseOrderLineIds(db, localId);
  for (const [index, line] of saved.entries()) {
    const qbLineId = remoteLines[index]?.txnLineId ?? null;
    await db.update(purchaseOrderLines).set({ qbLineId }).where(eq(purchaseOrderLines.id, line.id));
  }
}

function purchaseOrderBody(local: LocalPurchaseOrder, refs: RefResolver) {
  return {
    shipToEntity: local.shipToId === null ? undefined : refs.ref("customer", local.shipToId, local.shipToName ?? ""),
    txnDate: local.txnDate,
    refNumber: local.number,
    expectedDate: local.expectedDate ?? undefined,
    memo: local.memo ?? undefined,
  };
}

function purchaseOrderLine(line: LocalPurchaseOrder["lines"][number], refs: RefResolver) {
  return {
    item: refs.ref("item", line.itemId, line.itemName),
    desc: line.description ?? undefined,
    quantity: line.quantity,
    rate: line.rateCents,
    amount: line.amountCents,
  };
}

/** The customer an order ships to, and the one QuickBooks holds it under (its proxy, when it has one). */
const shipTo = alias(contacts, "ship_to");
const shipToSent = alias(contacts, "ship_to_sent");

async function loadPurchaseOrders(db: Queryable, ids: readonly number[]): Promise<LocalPurchaseOrder[]> {
  if (ids.length === 0) return [];
  const heads = await db
    .select({
      id: purchaseOrders.id,
      number: purchaseOrders.number,
      vendorId: sentVendor.id,
      vendorName: sentVendor.name,
      proxiedVendorName: proxiedName(contacts),
      shipToId: shipToSent.id,
      shipToName: shipToSent.name,
      txnDate: purchaseOrders.txnDate,
      expectedDate: purchaseOrders.expectedDate,
      memo: purchaseOrders.memo,
      totalCents: purchaseOrders.totalCents,
      fullyReceived: purchaseOrders.fullyReceived,
      manuallyClosed: purchaseOrders.manuallyClosed,
    })
    .from(purchaseOrders)
    .innerJoin(contacts, eq(contacts.id, purchaseOrders.vendorId))
    .innerJoin(sentVendor, eq(sentVendor.id, sql`coalesce(${contacts.proxyId}, ${contacts.id})`))
    .leftJoin(shipTo, eq(shipTo.id, purchaseOrders.shipToCustomerId))
    .leftJoin(shipToSent, eq(shipToSent.id, sql`coalesce(${shipTo.proxyId}, ${shipTo.id})`))
    .where(inArray(purchaseOrders.id, [...ids]));
  const lines = await db
    .select({
      purchaseOrderId: purchaseOrderLines.purchaseOrderId,
      itemId: sentItem.id,
      itemName: sentItem.name,
      description: purchaseOrderLines.description,
      quantity: purchaseOrderLines.quantity,
      rateCents: purchaseOrderLines.rateCents,
      amountCents: purchaseOrderLines.amountCents,
      receivedQuantity: purchaseOrderLines.receivedQuantity,
    })
    .from(purchaseOrderLines)
    .innerJoin(items, eq(items.id, purchaseOrderLines.itemId))
    .innerJoin(sentItem, eq(sentItem.id, sql`coalesce(${items.proxyId}, ${items.id})`))
    .where(inArray(purchaseOrderLines.purchaseOrderId, [...ids]))
    .orderBy(asc(purchaseOrderLines.purchaseOrderId), asc(purchaseOrderLines.position));
  return heads.map((head) => ({
    ...head,
    lines: lines.filter((line) => line.purchaseOrderId === head.id).map(({ purchaseOrderId: _purchaseOrderId, ...line }) => line),
  }));
}
