import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { lookupInput, lookupOptions, type LookupSource } from "@/server/records/lookups";

function lookup(source: LookupSource) {
  return protectedProcedure.input(lookupInput).query(({ ctx, input }) => lookupOptions(ctx.db, source, input));
}

/** id + name options for the selects on the forms: active entries only, searched and limited in SQL. */
export const lookupsRouter = createTRPCRouter({
  customers: lookup("customers"),
  items: lookup("items"),
  terms: lookup("terms"),
  paymentMethods: lookup("paymentMethods"),
  salesTaxCodes: lookup("salesTaxCodes"),
  salesTaxItems: lookup("salesTaxItems"),
  vendors: lookup("vendors"),
  customerProxies: lookup("customerProxies"),
  vendorProxies: lookup("vendorProxies"),
  itemProxies: lookup("itemProxies"),
});
