import { idInput } from "@/db/list-query";
import { calendarDate } from "@/lib/dates";
import { createBillFromPurchaseOrder } from "@/server/records/bills";
import { syncedRecordProcedures, syncedSendInput, syncStatusFilter } from "@/server/api/record-procedures";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import {
  createPurchaseOrder,
  getPurchaseOrder,
  listPurchaseOrders,
  purchaseOrderInput,
  requestPurchaseOrderSend,
  updatePurchaseOrder,
} from "@/server/records/purchase-orders";

/** The order to bill, and today's date where the person is (the bill's date). */
const createBillInput = idInput.extend({ txnDate: calendarDate("bill date") });

export const purchaseOrdersRouter = createTRPCRouter({
  ...syncedRecordProcedures("purchaseOrder", {
    input: purchaseOrderInput,
    list: listPurchaseOrders,
    get: getPurchaseOrder,
    create: createPurchaseOrder,
    update: updatePurchaseOrder,
  }),
  /** Create bill: a bill for what is not billed yet of the order's lines, to edit before saving again. */
  createBill: protectedProcedure
    .input(createBillInput)
    .mutation(({ ctx, input }) => createBillFromPurchaseOrder(ctx.db, input.id, ctx.user, input.txnDate)),
  /** Send to QuickBooks, from the order's page or the list's selection. */
  sendToQuickBooks: protectedProcedure
    .input(syncedSendInput)
    .mutation(async ({ ctx, input }) =>
      requestPurchaseOrderSend(ctx.db, input, await syncStatusFilter(ctx.db, "purchaseOrder", input.syncStatus)),
    ),
});
