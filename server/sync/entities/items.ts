import { eq, inArray, isNull } from "drizzle-orm";
import { items } from "@/db/schema";
import { AppError } from "@/server/errors";
import {
  itemNonInventoryAddRq,
  itemNonInventoryModRq,
  itemNonInventoryQueryRq,
  itemQueryRq,
  itemServiceAddRq,
  itemServiceModRq,
  itemServiceQueryRq,
  type ItemNonInventoryRecord,
  type ItemServiceRecord,
  type QbxmlRecord,
} from "@/server/qbxml";
import { nameKey } from "@/server/records/fields";
import { itemInput, itemList, type Item } from "@/server/records/items";
import type { EntityAdapter, SyncFields } from "./types";

type ItemRecord = ItemServiceRecord | ItemNonInventoryRecord;

// Ledgerbridge marks an item taxable or not; QuickBooks' default codes for that are "Tax" and "Non".
const TAXABLE_CODE = "Tax";
const NON_TAXABLE_CODE = "Non";

/** Services and non-inventory parts: one local table and one name pool, two QuickBooks item types. */
export const itemAdapter: EntityAdapter<Item, ItemRecord> = {
  type: "item",
  noun: "item",
  level: 2,
  idKind: "list",
  table: items,
  // An item sent to QuickBooks as another one (its proxy) is never created there itself.
  scope: isNull(items.proxyId),
  canModify: true,
  discovery: [
    {
      key: "ItemService",
      iterates: true,
      build: (from, maxReturned, options) => itemServiceQueryRq({ maxReturned, activeStatus: "All", fromModifiedDate: from }, options),
    },
    {
      key: "ItemNonInventory",
      iterates: true,
      build: (from, maxReturned, options) =>
        itemNonInventoryQueryRq({ maxReturned, activeStatus: "All", fromModifiedDate: from }, options),
    },
  ],
  owns: (record: QbxmlRecord): record is ItemRecord => record.kind === "ItemService" || record.kind === "ItemNonInventory",
  loadLocal: (db, ids) => db.select().from(items).where(inArray(items.id, [...ids])),
  label: (local) => local.name,
  fields: localItemFields,
  parents: () => [],
  findLocalMatch: async (db, remote) => {
    if (!remote.name) return undefined;
    const [row] = await db.select({ id: items.id }).from(items).where(eq(items.nameKey, nameKey(remote.name)));
    return row?.id;
  },
  remoteId: (remote) => remote.listId,
  remoteLabel: (remote) => remote.fullName ?? remote.name ?? "(no name)",
  remoteFields,
  queryById: (qbId, requestId) => itemQueryRq({ listIds: [qbId] }, { requestId }),
  queryForLookup: (local, requestId) => itemQueryRq({ fullNames: [local.name] }, { requestId }),
  matchLookup: (local, found) => found.find((record) => nameKey(record.name ?? "") === local.nameKey),
  addRq: (local, _refs, requestId) => {
    const input = { name: local.name, ...itemBody(local) };
    return local.kind === "service" ? itemServiceAddRq(input, { requestId }) : itemNonInventoryAddRq(input, { requestId });
  },
  modRq: (local, link, _refs, requestId) => {
    const input = { listId: link.qbId, editSequence: link.editSequence, name: local.name, ...itemBody(local) };
    return local.kind === "service" ? itemServiceModRq(input, { requestId }) : itemNonInventoryModRq(input, { requestId });
  },
  applyImport: async (db, remote, localId) => {
    const data = itemData(remoteFields(remote));
    const row = localId === null ? await itemList.create(db, data, null) : await itemList.update(db, localId, data, null);
    return row.id;
  },
  applyFields: async (db, localId, chosen) => {
    const [local] = await db.select().from(items).where(eq(items.id, localId));
    if (!local) throw new AppError("NOT_FOUND", "That item is no longer in Ledgerbridge.");
    await itemList.update(db, localId, itemData({ ...localItemFields(local), ...chosen }), null);
  },
};

function localItemFields(local: Item): SyncFields {
  return {
    kind: local.kind,
    name: local.name,
    description: local.description,
    salesPriceCents: local.salesPriceCents,
    incomeAccount: local.incomeAccount,
    taxable: local.taxable,
    active: local.active,
  };
}

/** The synced fields as a local item's data; its proxy, not a synced field, stays as it is. */
function itemData(fields: SyncFields) {
  return itemInput.parse({
    kind: fields.kind,
    name: fields.name,
    description: fields.description,
    salesPrice: fields.salesPriceCents === null ? null : Number(fields.salesPriceCents) / 100,
    // A local item needs an income account; QuickBooks always has one on a sold item.
    incomeAccount: fields.incomeAccount ?? "Sales",
    taxable: fields.taxable,
    active: fields.active,
  });
}

function itemBody(local: Item) {
  return {
    isActive: local.active,
    salesTaxCode: { fullName: local.taxable ? TAXABLE_CODE : NON_TAXABLE_CODE },
    salesOrPurchase: {
      desc: local.description ?? undefined,
      price: local.salesPriceCents ?? undefined,
      account: { fullName: local.incomeAccount },
    },
  };
}

function remoteFields(remote: ItemRecord): SyncFields {
  const sales = remote.salesOrPurchase;
  const price = sales?.price ?? remote.salesAndPurchase?.salesPrice;
  return {
    kind: remote.kind === "ItemService" ? "service" : "non_inventory",
    name: remote.name ?? null,
    description: sales?.desc ?? remote.salesAndPurchase?.salesDesc ?? null,
    salesPriceCents: price === undefined ? null : Math.round(price),
    incomeAccount: sales?.account?.fullName ?? remote.salesAndPurchase?.incomeAccount?.fullName ?? null,
    taxable: remote.salesTaxCode?.fullName !== undefined && remote.salesTaxCode.fullName !== NON_TAXABLE_CODE,
    active: remote.isActive ?? true,
  };
}
