import type { Item } from "@/server/records/items";

export const ITEM_KIND_LABELS: Record<Item["kind"], string> = {
  service: "Service",
  non_inventory: "Non-inventory part",
};
