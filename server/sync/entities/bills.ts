import { asc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import {
  accounts,
  billLines,
  billPaymentApplications,
  bills,
  contacts,
  items,
  purchaseOrderLines,
  purchaseOrders,
  terms,
} from "@/db/schema";
import { billAddRq, billModRq, billQueryRq, type BillRecord, type QbxmlRecord } from "@/server/qbxml";
import { AppError } from "@/server/errors";
import { linkByQbId } from "../links";
import { joinedKey, spellingsOf } from "./match-keys";
import {
  importedLine,
  linkedLocal,
  optionalLinked,
  ownContact,
  proxiedName,
  sentItem,
  sentVendor,
  uniqueParents,
} from "./transaction-refs";
import { type EntityAdapter, type RefResolver } from "./types";

/** A bill as QuickBooks gets it: the vendor and each item line's item are the records QuickBooks holds it under. */
export interface LocalBill {
  id: number;
  vendorId: number;
  vendorName: string;
  /** The bill's own vendor when it is sent as its proxy; null otherwise. */
  proxiedVendorName: string | null;
  txnDate: string;
  dueDate: string | null;
  termsId: number | null;
  termsName: string | null;
  refNumber: string | null;
  memo: string | null;
  totalCents: number;
  /** The purchase order it was entered from, which QuickBooks links it to. */
  purchaseOrderId: number | null;
  purchaseOrderNumber: string | null;
  expenseLines: { accountId: number; accountName: string; amountCents: number; memo: string | null }[];
  itemLines: {
    itemId: number;
    itemName: string;
    description: string | null;
    quantity: number;
    costCents: number;
    amountCents: number;
    /** The order line it bills: whether it names one, and that line's TxnLineID once QuickBooks has the order. */
    billsOrderLine: boolean;
    orderLineQbId: string | null;
  }[];
}

/** Bills are exported once saved; QuickBooks' own bills are imported with their open amount. */
export const billAdapter: EntityAdapter<LocalBill, BillRecord> = {
  type: "bill",
  noun: "bill",
  level: 8,
  idKind: "txn",
  table: bills,
  sendRequested: isNotNull(bills.sendRequestedAt),
  sendRequestedAt: bills.sendRequestedAt,
  canModify: true,
  discovery: [
    {
      key: "Bill",
      iterates: true,
      build: (from, maxReturned, options) =>
        billQueryRq(
          { maxReturned, modifiedDateRange: from === undefined ? undefined : { from }, includeLineItems: true, includeLinkedTxns: true },
          options,
        ),
    },
  ],
  owns: (record: QbxmlRecord): record is BillRecord => record.kind === "Bill",
  loadLocal: loadBills,
  label: (local) => {
    const asProxy = local.proxiedVendorName ? ` (as ${local.vendorName})` : "";
    const reference = local.refNumber ? ` #${local.refNumber}` : "";
    return `Bill${reference} from ${local.proxiedVendorName ?? local.vendorName}${asProxy} on ${local.txnDate}`;
  },
  fields: (local) => ({
    vendor: local.vendorName,
    txnDate: local.txnDate,
    dueDate: local.dueDate,
    refNumber: local.refNumber,
    terms: local.termsName,
    memo: local.memo,
    total: local.totalCents,
    expenseLines: JSON.stringify(local.expenseLines.map((line) => [line.accountName, line.amountCents, line.memo ?? ""])),
    itemLines: JSON.stringify(
      local.itemLines.map((line) => [line.itemName, line.description ?? "", line.quantity, line.costCents, line.amountCents]),
    ),
  }),
  parents: (local) => [
    { type: "vendor", localId: local.vendorId, name: local.vendorName },
    ...(local.termsId === null ? [] : [{ type: "terms" as const, localId: local.termsId, name: local.termsName ?? "" }]),
    ...(local.purchaseOrderId === null
      ? []
      : [{ type: "purchaseOrder" as const, localId: local.purchaseOrderId, name: local.purchaseOrderNumber ?? "" }]),
    ...uniqueParents([
      ...local.expenseLines.map((line) => ({ type: "account" as const, localId: line.accountId, name: line.accountName })),
      ...local.itemLines.map((line) => ({ type: "item" as const, localId: line.itemId, name: line.itemName })),
    ]),
  ],
  // A bill's number is the vendor's, not ours: it is the same bill when vendor, reference, date and amount agree.
  matchKey: (local) => joinedKey(local.vendorName, local.refNumber, local.txnDate, local.totalCents),
  remoteMatchKey: (remote) => joinedKey(remote.vendor?.fullName, remote.refNumber, remote.txnDate, remoteTotal(remote)),
  // A vendor's invoice number entered on two different bills is a mistake on one side.
  takenKey: (local) => (local.refNumber?.trim() ? joinedKey(local.vendorName, local.refNumber) : null),
  remoteTakenKey: (remote) => (remote.refNumber?.trim() ? joinedKey(remote.vendor?.fullName, remote.refNumber) : null),
  localsSharingKeys: async (db, remotes) => {
    const dates = remotes.flatMap((remote) => remote.txnDate ?? []);
    const references = remotes.map((remote) => remote.refNumber);
    const rows = await db
      .select({ id: bills.id })
      .from(bills)
      .where(or(inArray(bills.txnDate, dates), spellingsOf(bills.refNumber, references)));
    return rows.map((row) => row.id);
  },
  matchHints: ["dueDate", "memo"],
  remoteId: (remote) => remote.txnId,
  remoteLabel: (remote) => {
    const reference = remote.refNumber ? ` #${remote.refNumber}` : "";
    return `Bill${reference} from ${remote.vendor?.fullName ?? "?"} on ${remote.txnDate ?? "?"}`;
  },
  remoteFields: (remote) => ({
    vendor: remote.vendor?.fullName ?? null,
    txnDate: remote.txnDate ?? null,
    dueDate: remote.dueDate ?? null,
    refNumber: remote.refNumber ?? null,
    terms: remote.terms?.fullName ?? null,
    memo: remote.memo ?? null,
    total: remoteTotal(remote),
    expenseLines: JSON.stringify(remote.expenseLines.map((line) => [line.account?.fullName ?? "", line.amount ?? 0, line.memo ?? ""])),
    itemLines: JSON.stringify(
      remote.itemLines.map((line) => [
        line.item?.fullName ?? "",
        line.desc ?? "",
        line.quantity ?? 0,
        Math.round(line.cost ?? 0),
        line.amount ?? 0,
      ]),
    ),
  }),
  // LinkedTxn names the purchase order a bill was entered from.
  queryById: (qbId, requestId) => billQueryRq({ txnIds: [qbId], includeLineItems: true, includeLinkedTxns: true }, { requestId }),
  // RefNumber is the vendor's and not unique in QuickBooks: look among the vendor's bills of that date.
  queryForLookup: (local, requestId) =>
    billQueryRq(
      { entity: { fullNames: [local.vendorName] }, txnDateRange: { from: local.txnDate, to: local.txnDate }, includeLineItems: true },
      { requestId },
    ),
  matchLookup: (local, found) =>
    found.find((record) => remoteTotal(record) === local.totalCents && (record.refNumber ?? null) === local.refNumber),
  waitingBeforeAdd: (local) => {
    if (local.purchaseOrderId === null || !local.itemLines.some((line) => line.billsOrderLine && line.orderLineQbId === null)) return null;
    const number = local.purchaseOrderNumber ?? "";
    const reason =
      `Waiting for QuickBooks' line IDs of purchase order "${number}", which the bill's lines are received against: ` +
      "they come with QuickBooks' next answer about the order. Change something on the order (its memo, say) and approve it in the Sync Wizard; the bill follows.";
    return { reason, parent: { type: "purchaseOrder", localId: local.purchaseOrderId, name: number } };
  },
  addRq: (local, refs, requestId) => {
    const orderTxnId = local.purchaseOrderId === null ? undefined : refs.qbId("purchaseOrder", local.purchaseOrderId);
    const lines = billLinesFor(local, refs);
    return billAddRq(
      {
        vendor: refs.ref("vendor", local.vendorId, local.vendorName),
        ...billBody(local, refs),
        ...lines,
        itemLines: lines.itemLines.map((line, index) => {
          const txnLineId = local.itemLines[index]!.orderLineQbId;
          return orderTxnId && txnLineId ? { ...line, linkToTxn: { txnId: orderTxnId, txnLineId } } : line;
        }),
      },
      { requestId },
    );
  },
  modRq: (local, link, refs, requestId) =>
    billModRq(
      {
        txnId: link.qbId,
        editSequence: link.editSequence,
        vendor: refs.ref("vendor", local.vendorId, local.vendorName),
        ...billBody(local, refs),
        // Every line is sent as new: QuickBooks keeps exactly the lines of a Mod, so the old ones are replaced. Item
        // lines received against an order are left out (they stay as they are): ItemLineMod cannot link, so
        // replacing them would unlink the bill from the order.
        ...billLinesFor(local, refs),
        ...(local.itemLines.some((line) => line.billsOrderLine) ? { itemLines: undefined } : {}),
      },
      { requestId },
    ),
  applyImport: (db, remote, localId) => applyBillImport(db, remote, localId),
  noteRemote: (db, localId, remote) => noteOpenAmount(db, localId, remote),
  applyDeletion: async (db, localId) => {
    const [paid] = await db
      .select({ id: billPaymentApplications.id })
      .from(billPaymentApplications)
      .where(eq(billPaymentApplications.billId, localId));
    if (paid) throw new AppError("CONFLICT", "bill payments here are applied to this bill; delete them (or approve their removal) first.");
    await db.delete(billLines).where(eq(billLines.billId, localId));
    await db.delete(bills).where(eq(bills.id, localId));
  },
};

/** QuickBooks' BillRet has no total of its own: it is the sum of the lines (AmountDue when no lines were read). */
function remoteTotal(remote: BillRecord): number {
  const lines = [...remote.expenseLines, ...remote.itemLines];
  if (lines.length === 0) return remote.amountDue ?? 0;
  return lines.reduce((sum, line) => sum + (line.amount ?? 0), 0);
}

/** What QuickBooks still owes the vendor: OpenAmount, or nothing once IsPaid. */
function openAmountOf(remote: BillRecord): { openAmountCents: number | null; isPaid: boolean | null } {
  const isPaid = remote.isPaid ?? null;
  const open = remote.openAmount ?? (isPaid ? 0 : (remote.amountDue ?? null));
  return { openAmountCents: open, isPaid };
}

/** QuickBooks' own figures are not synced fields: written as read, without touching updatedAt (no local change). */
async function noteOpenAmount(db: Queryable, localId: number, remote: BillRecord): Promise<void> {
  await db.update(bills).set(openAmountOf(remote)).where(eq(bills.id, localId));
}

async function applyBillImport(db: Queryable, remote: BillRecord, localId: number | null): Promise<number> {
  const [saved] =
    localId === null
      ? []
      : await db.select({ vendorId: bills.vendorId, purchaseOrderId: bills.purchaseOrderId }).from(bills).where(eq(bills.id, localId));
  const purchaseOrderId = (await linkedPurchaseOrder(db, remote)) ?? saved?.purchaseOrderId ?? null;
  const orderLines = await orderLinesToBill(db, purchaseOrderId);
  const vendorId = await ownContact(db, saved?.vendorId, await linkedLocal(db, "vendor", remote.vendor, "vendor"));
  const lines: Omit<typeof billLines.$inferInsert, "billId">[] = [];
  for (const line of remote.expenseLines) {
    if (!line.account) throw new AppError("BAD_INPUT", `an expense line "${line.memo ?? ""}" has no account.`);
    lines.push({
      kind: "expense",
      position: lines.length + 1,
      accountId: await linkedLocal(db, "account", line.account, "account"),
      memo: line.memo ?? null,
      amountCents: line.amount ?? 0,
    });
  }
  for (const line of remote.itemLines) {
    const amounts = importedLine({ ...line, rate: line.cost });
    if (!amounts) continue;
    const itemId = await linkedLocal(db, "item", line.item, "item");
    lines.push({
      kind: "item",
      position: lines.length + 1,
      itemId,
      memo: amounts.description,
      quantity: amounts.quantity,
      costCents: amounts.rateCents,
      amountCents: amounts.amountCents,
      purchaseOrderLineId: orderLines.take(itemId),
    });
  }
  const head = {
    vendorId,
    txnDate: remote.txnDate ?? new Date().toISOString().slice(0, 10),
    dueDate: remote.dueDate ?? null,
    termsId: await optionalLinked(db, "terms", remote.terms),
    refNumber: remote.refNumber ?? null,
    memo: remote.memo ?? null,
    totalCents: remoteTotal(remote),
    purchaseOrderId,
    ...openAmountOf(remote),
    updatedAt: new Date(),
    updatedBy: null,
  };
  let id = localId;
  if (id === null) {
    const [row] = await db.insert(bills).values(head).returning({ id: bills.id });
    id = row!.id;
  } else {
    await db.update(bills).set(head).where(eq(bills.id, id));
    await db.delete(billLines).where(eq(billLines.billId, id));
  }
  if (lines.length > 0) await db.insert(billLines).values(lines.map((line) => ({ ...line, billId: id! })));
  return id;
}

/** The purchase order here that QuickBooks links the bill to (LinkedTxn), if that order is linked here. */
async function linkedPurchaseOrder(db: Queryable, remote: BillRecord): Promise<number | null> {
  for (const linked of remote.linkedTxns) {
    if (linked.txnType !== "PurchaseOrder" || !linked.txnId) continue;
    const link = await linkByQbId(db, "purchaseOrder", linked.txnId);
    if (link) return link.localId;
  }
  return null;
}

/**
 * QuickBooks names the order a bill is linked to but not which of its lines each bill line received (ItemLineRet has no
 * link), so each item line takes the order's first line of the same item not taken by an earlier one.
 */
async function orderLinesToBill(db: Queryable, purchaseOrderId: number | null) {
  const lines =
    purchaseOrderId === null
      ? []
      : await db
          .select({ id: purchaseOrderLines.id, itemId: purchaseOrderLines.itemId })
          .from(purchaseOrderLines)
          .where(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId))
          .orderBy(asc(purchaseOrderLines.position));
  return {
    take(itemId: number): number | null {
      const index = lines.findIndex((line) => line.itemId === itemId);
      return index < 0 ? null : lines.splice(index, 1)[0]!.id;
    },
  };
}

function billBody(local: LocalBill, refs: RefResolver) {
  return {
    txnDate: local.txnDate,
    dueDate: local.dueDate ?? undefined,
    refNumber: local.refNumber ?? undefined,
    terms: local.termsId === null ? undefined : refs.ref("terms", local.termsId, local.termsName ?? ""),
    memo: local.memo ?? undefined,
  };
}

function billLinesFor(local: LocalBill, refs: RefResolver) {
  return {
    expenseLines: local.expenseLines.map((line) => ({
      account: refs.ref("account", line.accountId, line.accountName),
      amount: line.amountCents,
      memo: line.memo ?? undefined,
    })),
    itemLines: local.itemLines.map((line) => ({
      item: refs.ref("item", line.itemId, line.itemName),
      desc: line.description ?? undefined,
      quantity: line.quantity,
      cost: line.costCents,
      amount: line.amountCents,
    })),
  };
}

async function loadBills(db: Queryable, ids: readonly number[]): Promise<LocalBill[]> {
  if (ids.length === 0) return [];
  const heads = await db
    .select({
      id: bills.id,
      vendorId: sentVendor.id,
      vendorName: sentVendor.name,
      proxiedVendorName: proxiedName(contacts),
      txnDate: bills.txnDate,
      dueDate: bills.dueDate,
      termsId: bills.termsId,
      termsName: terms.name,
      refNumber: bills.refNumber,
      memo: bills.memo,
      totalCents: bills.totalCents,
      purchaseOrderId: bills.purchaseOrderId,
      purchaseOrderNumber: purchaseOrders.number,
    })
    .from(bills)
    .innerJoin(contacts, eq(contacts.id, bills.vendorId))
    .innerJoin(sentVendor, eq(sentVendor.id, sql`coalesce(${contacts.proxyId}, ${contacts.id})`))
    .leftJoin(terms, eq(terms.id, bills.termsId))
    .leftJoin(purchaseOrders, eq(purchaseOrders.id, bills.purchaseOrderId))
    .where(inArray(bills.id, [...ids]));
  const lines = await db
    .select({
      billId: billLines.billId,
      kind: billLines.kind,
      accountId: accounts.id,
      accountName: accounts.fullName,
      itemId: sentItem.id,
      itemName: sentItem.fullName,
      memo: billLines.memo,
      quantity: billLines.quantity,
      costCents: billLines.costCents,
      amountCents: billLines.amountCents,
      purchaseOrderLineId: billLines.purchaseOrderLineId,
      orderLineQbId: purchaseOrderLines.qbLineId,
    })
    .from(billLines)
    .leftJoin(accounts, eq(accounts.id, billLines.accountId))
    .leftJoin(items, eq(items.id, billLines.itemId))
    .leftJoin(sentItem, eq(sentItem.id, sql`coalesce(${items.proxyId}, ${items.id})`))
    .leftJoin(purchaseOrderLines, eq(purchaseOrderLines.id, billLines.purchaseOrderLineId))
    .where(inArray(billLines.billId, [...ids]))
    .orderBy(asc(billLines.billId), asc(billLines.position));
  return heads.map((head) => {
    const own = lines.filter((line) => line.billId === head.id);
    return {
      ...head,
      expenseLines: own.flatMap((line) =>
        line.kind === "expense" && line.accountId !== null
          ? [{ accountId: line.accountId, accountName: line.accountName ?? "", amountCents: line.amountCents, memo: line.memo }]
          : [],
      ),
      itemLines: own.flatMap((line) =>
        line.kind === "item" && line.itemId !== null
          ? [
              {
                itemId: line.itemId,
                itemName: line.itemName ?? "",
                description: line.memo,
                quantity: line.quantity ?? 1,
                costCents: line.costCents ?? 0,
                amountCents: line.amountCents,
                billsOrderLine: line.purchaseOrderLineId !== null,
                orderLineQbId: line.orderLineQbId,
              },
            ]
          : [],
      ),
    };
  });
}
