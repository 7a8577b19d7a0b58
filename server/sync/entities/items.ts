import { eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { items, syncLinks } from "@/db/schema";
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
import { categoryOf, itemInput, itemList, type Item } from "@/server/records/items";
import {
  mapSyncFields,
  NO_FIELD_MAPPING,
  PUBLIC_CUSTOM_FIELDS,
  remoteCustomValues,
  withCustomValues,
  withoutSkipped,
  type TypeFieldMapping,
} from "../field-mapping";
import { fingerprint } from "../fingerprint";
import { linksFor } from "../links";
import { listKey } from "./match-keys";
import { linkedLocal } from "./transaction-refs";
import { scopeWithout, type EntityAdapter, type KeptHere, type ParentRef, type RefResolver, type SyncFields } from "./types";

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
  const adapter: EntityAdapter<Item, ItemRecord> = { ...itemAdapterBase, ...mappedParts(mapping, fields, remoteFields, () => adapter) };
  return adapter;
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
  label: (local) => local.fullName,
  // A sub-item goes to QuickBooks after its category, whatever kind that item is.
  parents: (local) => parentOf(local) ?? [],
  // Every kind of item shares one name pool in QuickBooks: an item matches by its full name alone ("Landscaping:Mulching").
  matchKey: (local) => listKey(local.fullName),
  remoteMatchKey: (remote) => listKey(remote.fullName ?? remote.name),
  takenKey: (local) => listKey(local.fullName),
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
  queryForLookup: (local, requestId) => itemQueryRq({ fullNames: [local.fullName], ...OWNED }, { requestId }),
  matchLookup: (local, found) => found.find((record) => nameKey(record.fullName ?? record.name ?? "") === local.nameKey),
};

function mappedParts(
  mapping: TypeFieldMapping,
  fields: (local: Item) => SyncFields,
  remoteFields: (remote: ItemRecord) => SyncFields,
  self: () => EntityAdapter<Item, ItemRecord>,
) {
  const parts: Pick<EntityAdapter<Item, ItemRecord>, "fields" | "remoteFields" | "addRq" | "modRq" | "applyImport" | "applyFields"> = {
    fields,
    remoteFields,
    addRq: (local, refs, requestId) => {
      const { pricing, ...body } = itemBody(local, refs, mapping.skipped);
      // QuickBooks cannot create a sold item without an income account: it goes on an Add even when skipped.
      const input = { name: local.name, ...body, salesOrPurchase: { ...pricing, account: { fullName: local.incomeAccount } } };
      return local.kind === "service" ? itemServiceAddRq(input, { requestId }) : itemNonInventoryAddRq(input, { requestId });
    },
    modRq: (local, link, refs, requestId) => {
      const { pricing, ...body } = itemBody(local, refs, mapping.skipped);
      const core = { listId: link.qbId, editSequence: link.editSequence, name: local.name, ...body };
      const input = Object.values(pricing).some((value) => value !== undefined) ? { ...core, salesOrPurchase: pricing } : core;
      return local.kind === "service" ? itemServiceModRq(input, { requestId }) : itemNonInventoryModRq(input, { requestId });
    },
    applyImport: async (db, remote, localId) => {
      // Skipped fields are not written: a new item leaves them empty, an existing one keeps its own.
      const taken = withoutSkipped(remoteFields(remote), mapping);
      // A sub-item is imported under its category, which must be here (imported or linked) first.
      const parentId = remote.parent ? await linkedLocal(db, "item", remote.parent, "category") : null;
      if (localId === null) {
        const row = await itemList.create(db, itemData(taken, parentId), null);
        await saveCustomFields(db, row.id, withCustomValues(null, taken));
        return row.id;
      }
      await applyItemFields(db, self(), localId, taken, parentId);
      return localId;
    },
    applyFields: (db, localId, chosen) => applyItemFields(db, self(), localId, chosen),
  };
  return parts;
}

/** The item adapter with nothing skipped and no custom fields. */
export const itemAdapter = mappedItemAdapter(NO_FIELD_MAPPING);

/**
 * Writes some synced fields (custom:* into custom_fields) over the local item, the others as they are. A chosen
 * category is the parent's full name: `parentId` when the caller knows it, else the item here of that full name.
 */
async function applyItemFields(
  db: Queryable,
  adapter: EntityAdapter<Item, ItemRecord>,
  localId: number,
  chosen: SyncFields,
  parentId?: number | null,
): Promise<void> {
  const [local] = await db.select().from(items).where(eq(items.id, localId));
  if (!local) throw new AppError("NOT_FOUND", "That item is no longer in Ledgerbridge.");
  const parent = parentId !== undefined || !("category" in chosen) ? parentId : await itemNamed(db, chosen.category);
  const saved = await itemList.update(db, localId, itemData({ ...localItemFields(local), ...chosen }, parent), null);
  if (saved.fullName !== local.fullName) await followSubItems(db, adapter, localId);
  await saveCustomFields(db, localId, withCustomValues(local.customFields, chosen));
}

async function saveCustomFields(db: Queryable, id: number, values: Record<string, string> | null): Promise<void> {
  await db.update(items).set({ customFields: values }).where(eq(items.id, id));
}

/**
 * QuickBooks renames sub-items itself when their category is renamed or moved, so their links follow: the category
 * they were last synced with becomes the new one on both sides, and neither side counts as changed for it.
 */
export async function followSubItems(db: Queryable, adapter: Pick<EntityAdapter, "loadLocal" | "fields">, parentId: number): Promise<void> {
  const below = await db.all<{ id: number }>(sql`with recursive below(id) as (
    select ${items.id} from ${items} where ${items.parentId} = ${parentId}
    union all select ${items.id} from ${items} join below on ${items.parentId} = below.id
  ) select id from below`);
  const ids = below.map((row) => Number(row.id));
  const [locals, links] = await Promise.all([adapter.loadLocal(db, ids), linksFor(db, "item", ids)]);
  for (const local of locals) {
    const link = links.get(local.id);
    if (!link) continue;
    const fields = adapter.fields(local);
    const synced = JSON.parse(link.fields) as SyncFields;
    const followed = withCategory(synced, fields.category);
    const unchangedHere = fingerprint(withCategory(fields, synced.category)) === link.localFingerprint;
    const unchangedThere = fingerprint(synced) === link.remoteFingerprint;
    await db
      .update(syncLinks)
      .set({
        fields: JSON.stringify(followed),
        localFingerprint: unchangedHere ? fingerprint(fields) : link.localFingerprint,
        remoteFingerprint: unchangedThere ? fingerprint(followed) : link.remoteFingerprint,
      })
      .where(eq(syncLinks.id, link.id));
  }
}

function withCategory({ category: _category, ...fields }: SyncFields, category: SyncFields[string] | undefined): SyncFields {
  return { ...fields, ...categoryField(typeof category === "string" ? category : null) };
}

/** The local item of a full name, for a category picked by name; null for none. */
async function itemNamed(db: Queryable, fullName: SyncFields[string]): Promise<number | null> {
  if (typeof fullName !== "string" || fullName === "") return null;
  const [row] = await db
    .select({ id: items.id })
    .from(items)
    .where(eq(items.nameKey, nameKey(fullName)));
  if (!row) throw new AppError("NOT_FOUND", `The category "${fullName}" is not an item here yet: import it from QuickBooks first.`);
  return row.id;
}

/**
 * A sub-item's category (its parent's full name) is one more synced field; a top-level item has none, so the
 * fingerprints of the items linked before categories existed stay as they were.
 */
function categoryField(category: string | null | undefined): SyncFields {
  return category ? { category } : {};
}

function parentOf(local: Item): ParentRef[] | null {
  return local.parentId === null ? null : [{ type: "item", localId: local.parentId, name: categoryOf(local) ?? "" }];
}

function localItemFields(local: Item): SyncFields {
  return {
    kind: local.kind,
    name: local.name,
    ...categoryField(categoryOf(local)),
    description: local.description,
    salesPriceCents: local.salesPriceCents,
    incomeAccount: local.incomeAccount,
    taxable: local.taxable,
    active: local.active,
  };
}

/** The synced fields as a local item's data; its proxy, not a synced field, stays as it is, and so does its parent unless given. */
function itemData(fields: SyncFields, parentId?: number | null) {
  return itemInput.parse({
    kind: fields.kind,
    name: fields.name,
    parentId,
    description: fields.description,
    salesPrice: fields.salesPriceCents === null || fields.salesPriceCents === undefined ? null : Number(fields.salesPriceCents) / 100,
    // A local item needs an income account; QuickBooks always has one on a sold item.
    incomeAccount: fields.incomeAccount ?? "Sales",
    taxable: fields.taxable,
    active: fields.active,
  });
}

/** What an Add or Mod sends besides the name; a skipped field is left out, so QuickBooks keeps its own value. */
function itemBody(local: Item, refs: RefResolver, skipped: ReadonlySet<string>) {
  const sent = (key: string) => !skipped.has(key);
  const category = categoryOf(local);
  return {
    isActive: sent("active") ? local.active : undefined,
    parent: local.parentId === null || category === null ? undefined : refs.ref("item", local.parentId, category),
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
    ...categoryField(remote.parent?.fullName),
    description: sales?.desc ?? remote.salesAndPurchase?.salesDesc ?? null,
    salesPriceCents: price === undefined ? null : Math.round(price),
    incomeAccount: sales?.account?.fullName ?? remote.salesAndPurchase?.incomeAccount?.fullName ?? null,
    taxable: remote.salesTaxCode?.fullName !== undefined && remote.salesTaxCode.fullName !== NON_TAXABLE_CODE,
    active: remote.isActive ?? true,
  };
}
