import { syncedRecordProcedures, syncedSendInput, syncStatusFilter } from "@/server/api/record-procedures";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { createPayment, getPayment, listPayments, paymentInput, requestPaymentSend, updatePayment } from "@/server/records/payments";

export const paymentsRouter = createTRPCRouter({
  ...syncedRecordProcedures("payment", {
    input: paymentInput,
    list: listPayments,
    get: getPayment,
    create: createPayment,
    update: updatePayment,
  }),
  /** Send to QuickBooks, from the payment's page or the list's selection. */
  sendToQuickBooks: protectedProcedure
    .input(syncedSendInput)
    .mutation(async ({ ctx, input }) => requestPaymentSend(ctx.db, input, await syncStatusFilter(ctx.db, "payment", input.syncStatus))),
});
