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

export const purchaseOrdersRouter = createTRPCRouter({
  ...syncedRecordProcedures("purchaseOrder", {
    input: purchaseOrderInput,
    list: listPurchaseOrders,
    get: getPurchaseOrder,
    create: createPurchaseOrder,
    update: updatePurchaseOrder,
  }),
  /** Send to QuickBooks, from the order's page or the list's selection. */
  sendToQuickBooks: protectedProcedure
    .input(syncedSendInput)
    .mutation(async ({ ctx, input }) =>
      requestPurchaseOrderSend(ctx.db, input, await syncStatusFilter(ctx.db, "purchaseOrder", input.syncStatus)),
    ),
});
