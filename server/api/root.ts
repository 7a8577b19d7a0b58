import "server-only";

import { syncedItemList } from "@/server/sync/item-categories";
import { paymentMethodList } from "@/server/records/payment-methods";
import { salesTaxCodeList } from "@/server/records/sales-tax-codes";
import { salesTaxGroupList, salesTaxItemList } from "@/server/records/sales-tax-items";
import { termsList } from "@/server/records/terms";
import { syncedRecordRouter } from "./record-procedures";
import { createCallerFactory, createTRPCRouter } from "./trpc";
import { accountsRouter } from "./routers/accounts";
import { billPaymentsRouter } from "./routers/bill-payments";
import { billsRouter } from "./routers/bills";
import { contactRouter } from "./routers/contacts";
import { healthRouter } from "./routers/health";
import { invoicesRouter } from "./routers/invoices";
import { purchaseOrdersRouter } from "./routers/purchase-orders";
import { lookupsRouter } from "./routers/lookups";
import { paymentsRouter } from "./routers/payments";
import { settingsRouter } from "./routers/settings";
import { syncRouter } from "./routers/sync";
import { setupRouter } from "./routers/setup";
import { usersRouter } from "./routers/users";
import { webConnectorRouter } from "./routers/web-connector";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  setup: setupRouter,
  users: usersRouter,
  settings: settingsRouter,
  webConnector: webConnectorRouter,
  customers: contactRouter("customer"),
  vendors: contactRouter("vendor"),
  items: syncedRecordRouter("item", syncedItemList),
  paymentMethods: syncedRecordRouter("paymentMethod", paymentMethodList),
  terms: syncedRecordRouter("terms", termsList),
  salesTaxCodes: syncedRecordRouter("salesTaxCode", salesTaxCodeList),
  salesTaxItems: syncedRecordRouter("salesTaxItem", salesTaxItemList),
  salesTaxGroups: syncedRecordRouter("salesTaxGroup", salesTaxGroupList),
  invoices: invoicesRouter,
  purchaseOrders: purchaseOrdersRouter,
  payments: paymentsRouter,
  bills: billsRouter,
  billPayments: billPaymentsRouter,
  accounts: accountsRouter,
  lookups: lookupsRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
