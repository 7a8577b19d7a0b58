import { z } from "zod";
import { syncedRecordProcedures, syncedSendInput, syncStatusFilter } from "@/server/api/record-procedures";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import {
  createInvoice,
  getInvoice,
  invoiceInput,
  listInvoices,
  openInvoicesForCustomer,
  requestInvoiceSend,
  updateInvoice,
} from "@/server/records/invoices";
import { syncSettings } from "@/server/sync/settings";

const openForCustomerInput = z.object({
  customerId: z.number().int().positive(),
  /** When editing a payment: count its own applications as still open. */
  exceptPaymentId: z.number().int().positive().optional(),
});

export const invoicesRouter = createTRPCRouter({
  ...syncedRecordProcedures("invoice", {
    input: invoiceInput,
    list: listInvoices,
    get: getInvoice,
    create: async (db, data, user) =>
      createInvoice(db, data, user, { zeroAmountIsNcOnly: (await syncSettings(db)).ncOnlyZeroAmountInvoices }),
    update: updateInvoice,
  }),
  openForCustomer: protectedProcedure
    .input(openForCustomerInput)
    .query(({ ctx, input }) => openInvoicesForCustomer(ctx.db, input.customerId, input.exceptPaymentId)),
  /** Send to QuickBooks, from the invoice's page or the list's selection. */
  sendToQuickBooks: protectedProcedure
    .input(syncedSendInput)
    .mutation(async ({ ctx, input }) => requestInvoiceSend(ctx.db, input, await syncStatusFilter(ctx.db, "invoice", input.syncStatus))),
});
