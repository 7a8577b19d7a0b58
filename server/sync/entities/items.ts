import { eq, inArray, isNotNull } from "drizzle-orm";
import type { Queryable } from "@/db";
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
import {
  mapSyncFields,
  NO_FIELD_MAPPING,
  PUBLIC_CUSTOM_FIELDS,
  remoteCustomValues,
  withCustomValues,
  withoutSkipped,
  type TypeFieldMapping,
} from "../field-mapping";
import { listKey } from "./match-keys";
import { scopeWithout, type EntityAdapter, type KeptHere, type SyncFields } from "./types";

type ItemRecord = ItemServiceRecord | ItemNonInventoryRecord;

// Ledgerbridge marks an item taxable or not; QuickBooks' default codes for that are "Tax" and "Non".
const TAXABLE_CODE = "Tax";
const NON_TAXABLE_CODE = "Non";

/**
 * Services and non-inventory parts: one local table and one name pool, two QuickBooks item types. `mapping` is the
 * field mapping of the sync settings (server/sync/field-mapping.ts); the engine gets the mapped adapter from policies.ts.
 */
export function mappedItemAdapter(mapping: TypeFieldMapping): EntityAdapter<Item, ItemRecord> {
  const fields = (local: Item) => mapSyncFields(localItemFields(local), mapping, local.customFields ?? {});
  const remoteFields = (remote: ItemRecord) =>
    mapSyncFields(remoteItemFields(remote), mapping, remoteCustomValues(remote.customFields, mapping));
  return { ...itemAdapterBase, ...mappedParts(mapping, fields, remoteFields) };
}

// Every read asks for the public custom fields (OwnerID 0), so a mapped one is there whichever query read the record.
const OWNED = { ownerIds: PUBLIC_CUSTOM_FIELDS };

// An item sent to QuickBooks as another one (its proxy) is never created there itself.
const ITEMS_KEPT_HERE: KeptHere[] = [
  { rows: isNotNull(items.proxyId), reason: "It goes to QuickBooks as another item (its proxy), so it is never created there itself." },
];

const itemAdapterBase: Omit<
  EntityAdapter<Item, ItemRecord>,
  "fields" | "remoteFields" | "addRq" | "modRq" | "applyImport" | "applyFields"
> = {
  type: "item",
  noun: "item",
  level: 2,
  idKind: "list",
  table: items,
  scope: scopeWithout(undefined, ITEMS_KEPT_HERE),
  keptHere: ITEMS_KEPT_HERE,
  canModify: true,
  discovery: [
    {
      key: "ItemService",
      iterates: true,
      build: (from, maxReturned, options) =>
        itemServiceQueryRq({ maxReturned, activeStatus: "All", fromModifiedDate: from, ...OWNED }, options),
    },
    {
      key: "ItemNonInventory",
      iterates: true,
      build: (from, maxReturned, options) =>
        itemNonInventoryQueryRq({ maxReturned, activeStatus: "All", fromModifiedDate: from, ...OWNED }, options),
    },
  ],
  owns: (record: QbxmlRecord): record is ItemRecord => record.kind === "ItemService" || record.kind === "ItemNonInventory",
  loadLocal: (db, ids) =>
    db
      .select()
      .from(items)
      .where(inArray(items.id, [...ids])),
  label: (local) => local.name,
  parents: () => [],
  // Every kind of item shares one name pool in QuickBooks: an item matches by its full name alone.
  matchKey: (local) => listKey(local.name),
  remoteMatchKey: (remote) => listKey(remote.fullName ?? remote.name),
  takenKey: (local) => listKey(local.name),
  remoteTakenKey: (remote) => listKey(remote.fullName ?? remote.name),
  localsSharingKeys: async (db, remotes) => {
    const keys = remotes.flatMap((remote) => listKey(remote.fullName ?? remote.name) ?? []);
    const rows = await db.select({ id: items.id }).from(items).where(inArray(items.nameKey, keys));
    return rows.map((row) => row.id);
  },
  matchHints: ["kind", "salesPriceCents"],
  remoteId: (remote) => remote.listId,
  remoteLabel: (remote) => remote.fullName ?? remote.name ?? "(no name)",
  queryById: (qbId, requestId) => itemQueryRq({ listIds: [qbId], ...OWNED }, { requestId }),
  queryForLookup: (local, requestId) => itemQueryRq({ fullNames: [local.name], ...OWNED }, { requestId }),
  matchLookup: (local, found) => found.find((record) => nameKey(record.name ?? "") === local.nameKey),
};

function mappedParts(mapping: TypeFieldMapping, fields: (local: Item) => SyncFields, remoteFields: (remote: ItemRecord) => SyncFields) {
  const parts: Pick<EntityAdapter<Item, ItemRecord>, "fields" | "remoteFields" | "addRq" | "modRq" | "applyImport" | "applyFields"> = {
    fields,
    remoteFields,
    addRq: (local, _refs, requestId) => {
      const { pricing, ...body } = itemBody(local, mapping.skipped);
      // QuickBooks cannot create a sold item without an income account: it goes on an Add even when skipped.
      const input = { name: local.name, ...body, salesOrPurchase: { ...pricing, account: { fullName: local.incomeAccount } } };
      return local.kind === "service" ? itemServiceAddRq(input, { requestId }) : itemNonInventoryAddRq(input, { requestId });
    },
    modRq: (local, link, _refs, requestId) => {
      const { pricing, ...body } = itemBody(local, mapping.skipped);
      const core = { listId: link.qbId, editSequence: link.editSequence, name: local.name, ...body };
      const input = Object.values(pricing).some((value) => value !== undefined) ? { ...core, salesOrPurchase: pricing } : core;
      return local.kind === "service" ? itemServiceModRq(input, { requestId }) : itemNonInventoryModRq(input, { requestId });
    },
    applyImport: async (db, remote, localId) => {
      // Skipped fields are not written: a new item leaves them empty, an existing one keeps its own.
      const taken = withoutSkipped(remoteFields(remote), mapping);
      if (localId === null) {
        const row = await itemList.create(db, itemData(taken), null);
        await saveCustomFields(db, row.id, withCustomValues(null, taken));
        return row.id;
      }
      await applyItemFields(db, localId, taken);
      return localId;
    },
    applyFields: applyItemFields,
  };
  return parts;
}

/** The item adapter with nothing skipped and no custom fields. */
export const itemAdapter = mappedItemAdapter(NO_FIELD_MAPPING);

/** Writes some synced fields (custom:* into custom_fields) over the local item, the others as they are. */
async function applyItemFields(db: Queryable, localId: number, chosen: SyncFields): Promise<void> {
  const [local] = await db.select().from(items).where(eq(items.id, localId));
  if (!local) throw new AppError("NOT_FOUND", "That item is no longer in Ledgerbridge.");
  await itemList.update(db, localId, itemData({ ...localItemFields(local), ...chosen }), null);
  await saveCustomFields(db, localId, withCustomValues(local.customFields, chosen));
}

async function saveCustomFields(db: Queryable, id: number, values: Record<string, string> | null): Promise<void> {
  await db.update(items).set({ customFields: values }).where(eq(items.id, id));
}

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
    salesPrice: fields.salesPriceCents === null || fields.salesPriceCents === undefined ? null : Number(fields.salesPriceCents) / 100,
    // A local item needs an income account; QuickBooks always has one on a sold item.
    incomeAccount: fields.incomeAccount ?? "Sales",
    taxable: fields.taxable,
    active: fields.active,
  });
}

/** What an Add or Mod sends besides the name; a skipped field is left out, so QuickBooks keeps its own value. */
function itemBody(local: Item, skipped: ReadonlySet<string>) {
  const sent = (key: string) => !skipped.has(key);
  return {
    isActive: sent("active") ? local.active : undefined,
    salesTaxCode: sent("taxable") ? { fullName: local.taxable ? TAXABLE_CODE : NON_TAXABLE_CODE } : undefined,
    pricing: {
      desc: sent("description") ? (local.description ?? undefined) : undefined,
      price: sent("salesPriceCents") ? (local.salesPriceCents ?? undefined) : undefined,
      account: sent("incomeAccount") ? { fullName: local.incomeAccount } : undefined,
    },
  };
}

function remoteItemFields(remote: ItemRecord): SyncFields {
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
