import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { items } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { blankable, nameKey, QB_LIMITS, qbFullName, qbName, qbText, recordId } from "./fields";
import { money } from "@/lib/money";
import { namedList } from "./named-list";
import { proxyField, refuseBadProxy, withProxyName } from "./proxies";

export const ITEM_KINDS = ["service", "non_inventory"] as const;
export type Item = typeof items.$inferSelect;

export const itemInput = z
  .object({
    kind: z.enum(ITEM_KINDS, { error: "Choose whether the item is a service or a non-inventory part." }),
    name: qbName("name", QB_LIMITS.itemName),
    description: qbText("description", QB_LIMITS.itemDescription),
    salesPrice: blankable(
      money("sales price").refine(
        (cents) => cents >= 0,
        "The sales price cannot be below 0; record a discount or credit on the invoice instead.",
      ),
    ),
    incomeAccount: qbFullName("income account", QB_LIMITS.accountName),
    taxable: z.boolean().default(false),
    active: z.boolean().default(true),
    proxyId: proxyField("item"),
    /** The item this one is a sub-item of (its category); null for the top level, left out to keep the saved one. */
    parentId: z
      .preprocess((value) => (value === "" ? null : value), recordId("the category (the item it goes under)").nullable())
      .optional(),
  })
  .transform(({ salesPrice, ...item }) => ({ ...item, salesPriceCents: salesPrice }));
export type ItemInput = z.input<typeof itemInput>;
type ItemData = z.output<typeof itemInput>;

/** The full name of an item's parent ("Landscaping" for "Landscaping:Mulching"), or null at the top level. */
export function categoryOf(item: Pick<Item, "parentId" | "name" | "fullName">): string | null {
  return item.parentId === null ? null : item.fullName.slice(0, item.fullName.length - item.name.length - 1);
}

/** Services and non-inventory parts share one pool of item names in QuickBooks, whatever their kind. */
const namedItems = namedList({
  table: items,
  noun: "item",
  input: itemInput,
  sortable: { kind: items.kind, salesPrice: items.salesPriceCents, incomeAccount: items.incomeAccount },
  searchable: [items.description, items.incomeAccount],
  fullName: { column: items.fullName, of: placedFullName },
});

/** The item list, each item with the name of the item it is sent to QuickBooks as (its proxy) and its category. */
export const itemList = {
  input: itemInput,
  list: namedItems.list,
  get: async (db: Queryable, id: number) => described(db, await namedItems.get(db, id)),
  async create(db: Queryable, data: ItemData, user: SessionUser | null) {
    const row = await db.transaction(async (tx) => {
      await refuseBadProxy(tx, items, "item", { name: data.name }, data.proxyId);
      return namedItems.create(tx, data, user);
    });
    return described(db, row);
  },
  async update(db: Queryable, id: number, data: ItemData, user: SessionUser | null) {
    const row = await db.transaction(async (tx) => {
      const saved = await namedItems.get(tx, id);
      await refuseBadProxy(tx, items, "item", { id, name: data.name }, data.proxyId, saved.proxyId);
      if (data.proxyId && (await tx.select({ id: items.id }).from(items).where(eq(items.parentId, id)).limit(1)).length > 0) {
        throw new AppError(
          "BAD_INPUT",
          `"${saved.fullName}" holds sub-items, which QuickBooks needs it for: it cannot be sent as another item.`,
          {
            field: "proxyId",
          },
        );
      }
      const row = await namedItems.update(tx, id, data, user);
      if (row.fullName !== saved.fullName) await renameSubItems(tx, row);
      return row;
    });
    return described(db, row);
  },
};
export type ItemDetail = Awaited<ReturnType<typeof itemList.get>>;

async function described(db: Queryable, row: Item) {
  return { ...(await withProxyName(db, items, row, items.fullName)), categoryName: categoryOf(row) };
}

const ANOTHER = "Choose another category, or none.";

/** "Parent:Name" under the chosen parent (or the saved one when none is given); refuses a cycle and an overlong path. */
async function placedFullName(db: Queryable, data: ItemData, id: number | undefined): Promise<string> {
  const parentId = data.parentId !== undefined ? data.parentId : id === undefined ? null : (await savedItem(db, id)).parentId;
  if (parentId === null) return data.name;
  const field = { field: "parentId" };
  const [parent] = await db.select({ fullName: items.fullName, proxyId: items.proxyId }).from(items).where(eq(items.id, parentId));
  if (!parent)
    throw new AppError("BAD_INPUT", "That category item does not exist (it may have been deleted). Choose another, or none.", field);
  // An item sent to QuickBooks as its proxy is never created there, so nothing can sit under it there.
  if (parent.proxyId !== null) {
    throw new AppError(
      "BAD_INPUT",
      `"${parent.fullName}" is sent to QuickBooks as another item, so it cannot hold sub-items. ${ANOTHER}`,
      field,
    );
  }
  if (id !== undefined && (await ancestorsOf(db, parentId)).includes(id)) {
    throw new AppError(
      "BAD_INPUT",
      `"${data.name}" cannot go under "${parent.fullName}": that is the item itself or one of its own sub-items. ${ANOTHER}`,
      field,
    );
  }
  return withinFullNameLimit(`${parent.fullName}:${data.name}`, field);
}

/** The item and every item above it, nearest first. */
async function ancestorsOf(db: Queryable, id: number): Promise<number[]> {
  const ids: number[] = [];
  for (let next: number | null = id; next !== null && !ids.includes(next); next = (await savedItem(db, next)).parentId) ids.push(next);
  return ids;
}

async function savedItem(db: Queryable, id: number): Promise<Item> {
  const [row] = await db.select().from(items).where(eq(items.id, id));
  if (!row) throw new AppError("NOT_FOUND", "That item does not exist (it may have been deleted).");
  return row;
}

function withinFullNameLimit(fullName: string, field: { field: string }): string {
  if (fullName.length <= QB_LIMITS.itemFullName) return fullName;
  throw new AppError(
    "BAD_INPUT",
    `The full name "${fullName}" would be longer than QuickBooks allows (${QB_LIMITS.itemFullName} characters). Choose a shorter name or a category higher up.`,
    field,
  );
}

/**
 * A renamed or moved item takes its sub-items along: their full names follow, as in QuickBooks, which changes them
 * itself. Their own records are not changed, so they raise nothing to send.
 */
async function renameSubItems(db: Queryable, parent: Pick<Item, "id" | "fullName">): Promise<void> {
  const children = await db.select().from(items).where(eq(items.parentId, parent.id));
  for (const child of children) {
    const fullName = withinFullNameLimit(`${parent.fullName}:${child.name}`, { field: "name" });
    const [holder] = await db
      .select({ id: items.id, fullName: items.fullName })
      .from(items)
      .where(eq(items.nameKey, nameKey(fullName)));
    if (holder && holder.id !== child.id) {
      throw new AppError(
        "NAME_IN_USE",
        `Its sub-item "${child.name}" would become "${fullName}", which the item "${holder.fullName}" already is. Rename one of them first.`,
        { field: "name" },
      );
    }
    await db
      .update(items)
      .set({ fullName, nameKey: nameKey(fullName) })
      .where(eq(items.id, child.id));
    await renameSubItems(db, { id: child.id, fullName });
  }
}
