import { z } from "zod";
import { items } from "@/db/schema";
import { blankable, money, QB_LIMITS, qbFullName, qbName, qbText } from "./fields";
import { namedList } from "./named-list";

export const ITEM_KINDS = ["service", "non_inventory"] as const;
export type Item = typeof items.$inferSelect;

export const itemInput = z
  .object({
    kind: z.enum(ITEM_KINDS, { error: "Choose whether the item is a service or a non-inventory part." }),
    name: qbName("name", QB_LIMITS.itemName),
    description: qbText("description", QB_LIMITS.itemDescription),
    salesPrice: blankable(money("sales price")),
    incomeAccount: qbFullName("income account", QB_LIMITS.accountName),
    taxable: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .transform(({ salesPrice, ...item }) => ({ ...item, salesPriceCents: salesPrice }));
export type ItemInput = z.input<typeof itemInput>;

/** Services and non-inventory parts share one pool of item names in QuickBooks, whatever their kind. */
export const itemList = namedList({
  table: items,
  noun: "item",
  input: itemInput,
  sortable: { kind: items.kind, salesPrice: items.salesPriceCents, incomeAccount: items.incomeAccount },
  searchable: [items.description, items.incomeAccount],
});
