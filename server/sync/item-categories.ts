import type { Database } from "@/db";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { itemList } from "@/server/records/items";
import { followSubItems } from "./entities/items";
import { linksFor } from "./links";
import { mappedAdapterFor } from "./policies";

/**
 * The items as the pages change them. A category renamed or moved here is sent to QuickBooks as its own change, and
 * QuickBooks renames its sub-items itself: their links follow at once, so the sub-items raise nothing of their own.
 */
export const syncedItemList = {
  ...itemList,
  update(db: Database, id: number, data: Parameters<typeof itemList.update>[2], user: SessionUser) {
    return db.transaction(async (tx) => {
      const saved = await itemList.get(tx, id);
      // A Mod can put an item under another, but qbXML 13.0 has no way to take it out from under its parent.
      if (saved.parentId !== null && data.parentId === null && (await linksFor(tx, "item", [id])).has(id)) {
        throw new AppError(
          "BAD_INPUT",
          `QuickBooks does not let another program move "${saved.fullName}" to the top level. Move it there in QuickBooks (Edit Item, clear "Subitem of"): the next run brings the change here.`,
          { field: "parentId" },
        );
      }
      const row = await itemList.update(tx, id, data, user);
      if (row.fullName !== saved.fullName) await followSubItems(tx, await mappedAdapterFor(tx, "item"), id);
      return row;
    });
  },
};
