import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { idInput } from "@/db/list-query";
import { lookupInput, lookupOptions, type LookupSource } from "@/server/records/lookups";
import { salesTaxRatePercent } from "@/server/records/sales-tax-items";

function lookup(source: LookupSource) {
  return protectedProcedure.input(lookupInput).query(({ ctx, input }) => lookupOptions(ctx.db, source, input));
}

/** id + name options for the selects on the forms: active entries only, searched and limited in SQL. */
export const lookupsRouter = createTRPCRouter({
  customers: lookup("customers"),
  vendors: lookup("vendors"),
  accounts: lookup("accounts"),
  bankAccounts: lookup("bankAccounts"),
  items: lookup("items"),
  terms: lookup("terms"),
  paymentMethods: lookup("paymentMethods"),
  salesTaxCodes: lookup("salesTaxCodes"),
  salesTaxItems: lookup("salesTaxItems"),
  /** The rate a sales tax item or group charges (a group's is the sum of its items'), for the invoice form's total. */
  salesTaxRate: protectedProcedure.input(idInput).query(({ ctx, input }) => salesTaxRatePercent(ctx.db, input.id)),
  customerProxies: lookup("customerProxies"),
  vendorProxies: lookup("vendorProxies"),
  itemProxies: lookup("itemProxies"),
  itemCategories: lookup("itemCategories"),
});
