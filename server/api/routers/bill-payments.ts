import { z } from "zod";
import { syncedRecordProcedures, syncedSendInput, syncStatusFilter } from "@/server/api/record-procedures";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import {
  billPaymentInput,
  createBillPayment,
  getBillPayment,
  listBillPayments,
  openBillsOfVendor,
  requestBillPaymentSend,
  updateBillPayment,
} from "@/server/records/bill-payments";

const openBillsInput = z.object({
  vendorId: z.number().int().positive(),
  /** When editing a check: count what it pays as still open. */
  exceptPaymentId: z.number().int().positive().optional(),
});

export const billPaymentsRouter = createTRPCRouter({
  ...syncedRecordProcedures("billPayment", {
    input: billPaymentInput,
    list: listBillPayments,
    get: getBillPayment,
    create: createBillPayment,
    update: updateBillPayment,
  }),
  openBills: protectedProcedure
    .input(openBillsInput)
    .query(({ ctx, input }) => openBillsOfVendor(ctx.db, input.vendorId, input.exceptPaymentId)),
  /** Send to QuickBooks, from the payment's page or the list's selection. */
  sendToQuickBooks: protectedProcedure
    .input(syncedSendInput)
    .mutation(async ({ ctx, input }) =>
      requestBillPaymentSend(ctx.db, input, await syncStatusFilter(ctx.db, "billPayment", input.syncStatus)),
    ),
});
