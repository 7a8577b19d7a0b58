import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { idInput, listInput } from "@/db/list-query";
import { getAccount, listAccounts } from "@/server/records/accounts";

/** QuickBooks' chart of accounts, read-only here: it arrives by import and is never created or changed. */
export const accountsRouter = createTRPCRouter({
  list: protectedProcedure.input(listInput).query(({ ctx, input }) => listAccounts(ctx.db, input)),
  get: protectedProcedure.input(idInput).query(({ ctx, input }) => getAccount(ctx.db, input.id)),
});
