import { eq, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { accounts } from "@/db/schema";
import { AppError } from "@/server/errors";
import { listPage, paged, type ListInput } from "@/db/list-query";
import { nameKey } from "./fields";

export type Account = typeof accounts.$inferSelect;

/** An account as QuickBooks reads it: the chart of accounts is kept there, so it is only ever written by an import. */
export interface AccountValues {
  name: string;
  fullName: string;
  accountType: string;
  accountNumber: string | null;
  active: boolean;
}

export function listAccounts(db: Queryable, input: ListInput, narrowedBy?: SQL) {
  return listPage(
    db,
    {
      table: accounts,
      sortable: {
        fullName: accounts.fullName,
        accountType: accounts.accountType,
        accountNumber: accounts.accountNumber,
        updatedAt: accounts.updatedAt,
      },
      defaultSort: "fullName",
      tiebreaker: accounts.id,
      searchable: [accounts.fullName, accounts.accountType, accounts.accountNumber],
      rows: (query) => paged(db.select().from(accounts).$dynamic(), query),
    },
    input,
    narrowedBy,
  );
}

export async function getAccount(db: Queryable, id: number): Promise<Account> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  if (!row) throw new AppError("NOT_FOUND", "That account does not exist (it may have been removed from QuickBooks).");
  return row;
}

/**
 * Writes QuickBooks' account here. Without a link (localId null) the account of the same full name is the same one
 * (a database restored, a link cleared); otherwise it is new.
 */
export async function saveImportedAccount(db: Queryable, values: AccountValues, localId: number | null): Promise<number> {
  const row = { ...values, nameKey: nameKey(values.fullName), updatedAt: new Date(), updatedBy: null };
  const [same] = localId === null ? await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.nameKey, row.nameKey)) : [];
  const id = localId ?? same?.id;
  if (id !== undefined) {
    await db.update(accounts).set(row).where(eq(accounts.id, id));
    return id;
  }
  const [created] = await db.insert(accounts).values(row).returning({ id: accounts.id });
  return created!.id;
}
