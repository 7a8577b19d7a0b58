import { z } from "zod";
import type { Queryable } from "@/db";
import { items } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { blankable, QB_LIMITS, qbFullName, qbName, qbText } from "./fields";
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
  })
  .transform(({ salesPrice, ...item }) => ({ ...item, salesPriceCents: salesPrice }));
export type ItemInput = z.input<typeof itemInput>;
type ItemData = z.output<typeof itemInput>;

/** Services and non-inventory parts share one pool of item names in QuickBooks, whatever their kind. */
const namedItems = namedList({
  table: items,
  noun: "item",
  input: itemInput,
  sortable: { kind: items.kind, salesPrice: items.salesPriceCents, incomeAccount: items.incomeAccount },
  searchable: [items.description, items.incomeAccount],
});

/** The item list, each item with the name of the item it is sent to QuickBooks as (its proxy). */
export const itemList = {
  input: itemInput,
  list: namedItems.list,
  get: async (db: Queryable, id: number) => withProxyName(db, items, await namedItems.get(db, id)),
  async create(db: Queryable, data: ItemData, user: SessionUser | null) {
    const row = await db.transaction(async (tx) => {
      await refuseBadProxy(tx, items, "item", { name: data.name }, data.proxyId);
      return namedItems.create(tx, data, user);
    });
    return withProxyName(db, items, row);
  },
  async update(db: Queryable, id: number, data: ItemData, user: SessionUser | null) {
    const row = await db.transaction(async (tx) => {
      const saved = await namedItems.get(tx, id);
      await refuseBadProxy(tx, items, "item", { id, name: data.name }, data.proxyId, saved.proxyId);
      return namedItems.update(tx, id, data, user);
    });
    return withProxyName(db, items, row);
  },
};
export type ItemDetail = Awaited<ReturnType<typeof itemList.get>>;
