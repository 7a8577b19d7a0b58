import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import { contacts, salesTaxGroupItems, salesTaxItems } from "@/db/schema";
import {
  itemSalesTaxAddRq,
  itemSalesTaxGroupAddRq,
  itemSalesTaxGroupModRq,
  itemSalesTaxGroupQueryRq,
  itemSalesTaxModRq,
  itemSalesTaxQueryRq,
  type ItemSalesTaxGroupRecord,
  type ItemSalesTaxRecord,
  type QbxmlRecord,
  type RefValue,
} from "@/server/qbxml";
import { nameKey } from "@/server/records/fields";
import {
  salesTaxGroupInput,
  salesTaxGroupList,
  salesTaxItemInput,
  salesTaxItemList,
  type SalesTaxItem,
} from "@/server/records/sales-tax-items";
import { nameMatching } from "./simple-lists";
import { linkedLocal, optionalLinked } from "./transaction-refs";
import type { EntityAdapter } from "./types";

/** A sales tax item with the name of its tax agency (a vendor, which goes to QuickBooks first). */
export type LocalSalesTaxItem = SalesTaxItem & { agencyName: string | null };
/** A sales tax group with its items, which go to QuickBooks first. */
export type LocalSalesTaxGroup = SalesTaxItem & { members: { id: number; name: string }[] };

const ONLY_ITEMS = eq(salesTaxItems.kind, "item");
const ONLY_GROUPS = eq(salesTaxItems.kind, "group");

export const salesTaxItemAdapter: EntityAdapter<LocalSalesTaxItem, ItemSalesTaxRecord> = {
  type: "salesTaxItem",
  noun: "sales tax item",
  // After vendors (its agency), before customers (their default tax item).
  level: 4,
  idKind: "list",
  table: salesTaxItems,
  scope: ONLY_ITEMS,
  canModify: true,
  discovery: [
    {
      key: "ItemSalesTax",
      iterates: true,
      build: (from, maxReturned, options) => itemSalesTaxQueryRq({ maxReturned, activeStatus: "All", fromModifiedDate: from }, options),
    },
  ],
  owns: (record: QbxmlRecord): record is ItemSalesTaxRecord => record.kind === "ItemSalesTax",
  loadLocal: async (db, ids) =>
    db
      .select({ ...tableColumns(), agencyName: contacts.name })
      .from(salesTaxItems)
      .leftJoin(contacts, eq(contacts.id, salesTaxItems.agencyId))
      .where(and(inArray(salesTaxItems.id, [...ids]), ONLY_ITEMS)),
  label: (local) => local.name,
  fields: (local) => ({
    name: local.name,
    description: local.description,
    ratePercent: local.ratePercent ?? 0,
    agency: local.agencyName,
    active: local.active,
  }),
  parents: (local) => (local.agencyId === null ? [] : [{ type: "vendor", localId: local.agencyId, name: local.agencyName ?? "" }]),
  ...nameMatching(salesTaxItems, ONLY_ITEMS),
  remoteId: (remote) => remote.listId,
  remoteLabel: (remote) => remote.name ?? "(no name)",
  remoteFields: (remote) => ({
    name: remote.name ?? null,
    description: remote.itemDesc ?? null,
    ratePercent: remote.taxRate ?? 0,
    agency: remote.taxVendor?.fullName ?? null,
    active: remote.isActive ?? true,
  }),
  queryById: (qbId, requestId) => itemSalesTaxQueryRq({ listIds: [qbId] }, { requestId }),
  queryForLookup: (local, requestId) => itemSalesTaxQueryRq({ fullNames: [local.name] }, { requestId }),
  matchLookup: (local, found) => found.find((record) => nameKey(record.name ?? "") === local.nameKey),
  addRq: (local, refs, requestId) => itemSalesTaxAddRq({ name: local.name, ...itemSalesTaxBody(local, refs) }, { requestId }),
  modRq: (local, link, refs, requestId) =>
    itemSalesTaxModRq(
      { listId: link.qbId, editSequence: link.editSequence, name: local.name, ...itemSalesTaxBody(local, refs) },
      { requestId },
    ),
  applyImport: async (db, remote, localId) => {
    // The agency is a vendor: the item waits until that vendor is here.
    const agencyId = remote.taxVendor ? await linkedLocal(db, "vendor", remote.taxVendor, "the tax agency (vendor)") : null;
    const data = salesTaxItemInput.parse({
      name: remote.name ?? "",
      description: remote.itemDesc ?? null,
      ratePercent: remote.taxRate ?? 0,
      agencyId,
      active: remote.isActive ?? true,
    });
    const row = localId === null ? await salesTaxItemList.create(db, data, null) : await salesTaxItemList.update(db, localId, data, null);
    return row.id;
  },
};

export const salesTaxGroupAdapter: EntityAdapter<LocalSalesTaxGroup, ItemSalesTaxGroupRecord> = {
  type: "salesTaxGroup",
  noun: "sales tax group",
  // After its sales tax items, before the customers that charge it.
  level: 5,
  idKind: "list",
  table: salesTaxItems,
  scope: ONLY_GROUPS,
  canModify: true,
  discovery: [
    {
      key: "ItemSalesTaxGroup",
      iterates: true,
      build: (from, maxReturned, options) =>
        itemSalesTaxGroupQueryRq({ maxReturned, activeStatus: "All", fromModifiedDate: from }, options),
    },
  ],
  owns: (record: QbxmlRecord): record is ItemSalesTaxGroupRecord => record.kind === "ItemSalesTaxGroup",
  loadLocal: loadGroups,
  label: (local) => local.name,
  fields: (local) => ({
    name: local.name,
    description: local.description,
    items: local.members.map((member) => member.name).join("; "),
    active: local.active,
  }),
  parents: (local) => local.members.map((member) => ({ type: "salesTaxItem" as const, localId: member.id, name: member.name })),
  ...nameMatching(salesTaxItems, ONLY_GROUPS),
  remoteId: (remote) => remote.listId,
  remoteLabel: (remote) => remote.name ?? "(no name)",
  remoteFields: (remote) => ({
    name: remote.name ?? null,
    description: remote.itemDesc ?? null,
    items: remote.items.map((item) => item.fullName ?? "").join("; "),
    active: remote.isActive ?? true,
  }),
  queryById: (qbId, requestId) => itemSalesTaxGroupQueryRq({ listIds: [qbId] }, { requestId }),
  queryForLookup: (local, requestId) => itemSalesTaxGroupQueryRq({ fullNames: [local.name] }, { requestId }),
  matchLookup: (local, found) => found.find((record) => nameKey(record.name ?? "") === local.nameKey),
  addRq: (local, refs, requestId) =>
    itemSalesTaxGroupAddRq(
      {
        name: local.name,
        isActive: local.active,
        itemDesc: local.description ?? undefined,
        items: local.members.map((member) => refs.ref("salesTaxItem", member.id, member.name)),
      },
      { requestId },
    ),
  modRq: (local, link, refs, requestId) =>
    itemSalesTaxGroupModRq(
      {
        listId: link.qbId,
        editSequence: link.editSequence,
        name: local.name,
        isActive: local.active,
        itemDesc: local.description ?? undefined,
        items: local.members.map((member) => refs.ref("salesTaxItem", member.id, member.name)),
      },
      { requestId },
    ),
  applyImport: async (db, remote, localId) => {
    const itemIds: number[] = [];
    for (const item of remote.items) itemIds.push(await linkedLocal(db, "salesTaxItem", item, "the sales tax item"));
    const data = salesTaxGroupInput.parse({
      name: remote.name ?? "",
      description: remote.itemDesc ?? null,
      itemIds,
      active: remote.isActive ?? true,
    });
    const row = localId === null ? await salesTaxGroupList.create(db, data, null) : await salesTaxGroupList.update(db, localId, data, null);
    return row.id;
  },
};

/** A customer's or an invoice's sales tax item or group here; QuickBooks names either in ItemSalesTaxRef, so both are looked up. */
export async function linkedTaxItem(db: Queryable, ref: RefValue | undefined): Promise<number | null> {
  if (!ref) return null;
  const group = await optionalLinked(db, "salesTaxGroup", ref);
  return group ?? linkedLocal(db, "salesTaxItem", ref, "sales tax item");
}

function itemSalesTaxBody(local: LocalSalesTaxItem, refs: Parameters<EntityAdapter["addRq"]>[1]) {
  return {
    isActive: local.active,
    itemDesc: local.description ?? undefined,
    taxRate: local.ratePercent ?? 0,
    taxVendor: local.agencyId === null ? undefined : refs.ref("vendor", local.agencyId, local.agencyName ?? ""),
  };
}

function tableColumns() {
  const { id, kind, name, nameKey: key, description, ratePercent, agencyId, active, createdAt, updatedAt, updatedBy } = salesTaxItems;
  return { id, kind, name, nameKey: key, description, ratePercent, agencyId, active, createdAt, updatedAt, updatedBy };
}

async function loadGroups(db: Queryable, ids: readonly number[]): Promise<LocalSalesTaxGroup[]> {
  const groups = await db
    .select()
    .from(salesTaxItems)
    .where(and(inArray(salesTaxItems.id, [...ids]), ONLY_GROUPS));
  if (groups.length === 0) return [];
  const members = await db
    .select({ groupId: salesTaxGroupItems.groupId, id: salesTaxItems.id, name: salesTaxItems.name })
    .from(salesTaxGroupItems)
    .innerJoin(salesTaxItems, eq(salesTaxItems.id, salesTaxGroupItems.itemId))
    .where(
      inArray(
        salesTaxGroupItems.groupId,
        groups.map((group) => group.id),
      ),
    )
    .orderBy(asc(salesTaxGroupItems.groupId), asc(salesTaxGroupItems.position));
  return groups.map((group) => ({
    ...group,
    members: members.filter((member) => member.groupId === group.id).map(({ id, name }) => ({ id, name })),
  }));
}
