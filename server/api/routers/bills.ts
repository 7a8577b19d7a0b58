import { syncedRecordProcedures, syncedSendInput, syncStatusFilter } from "@/server/api/record-procedures";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { billInput, createBill, getBill, listBills, requestBillSend, updateBill } from "@/server/records/bills";

export const billsRouter = createTRPCRouter({
  ...syncedRecordProcedures("bill", { input: billInput, list: listBills, get: getBill, create: createBill, update: updateBill }),
  /** Send to QuickBooks, from the bill's page or the list's selection. */
  sendToQuickBooks: protectedProcedure
    .input(syncedSendInput)
    .mutation(async ({ ctx, input }) => requestBillSend(ctx.db, input, await syncStatusFilter(ctx.db, "bill", input.syncStatus))),
});
