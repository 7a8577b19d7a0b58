import { and, asc, eq, isNull, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { contacts, items, paymentMethods, salesTaxCodes, salesTaxItems, terms } from "@/db/schema";
import { contains } from "@/db/list-query";

/** A select on a form asks for a few options matching what was typed, never the whole list. */
export const lookupInput = z.object({
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(50).default(20),
  /** Leaves one entry out: a record cannot be its own proxy. */
  exceptId: z.number().int().positive().optional(),
});
export type LookupInput = z.input<typeof lookupInput>;

type LookupTable = typeof contacts | typeof items | typeof terms | typeof paymentMethods | typeof salesTaxCodes | typeof salesTaxItems;

export const LOOKUP_SOURCES = [
  "customers",
  "items",
  "terms",
  "paymentMethods",
  "salesTaxCodes",
  "salesTaxItems",
  "vendors",
  "customerProxies",
  "vendorProxies",
  "itemProxies",
] as const;
export type LookupSource = (typeof LOOKUP_SOURCES)[number];

const SOURCES: Record<LookupSource, { table: LookupTable; where?: SQL }> = {
  customers: { table: contacts, where: eq(contacts.kind, "customer") },
  items: { table: items },
  terms: { table: terms },
  paymentMethods: { table: paymentMethods },
  salesTaxCodes: { table: salesTaxCodes },
  // What an invoice or a customer charges: a sales tax item or a group.
  salesTaxItems: { table: salesTaxItems },
  vendors: { table: contacts, where: eq(contacts.kind, "vendor") },
  // "Send to QuickBooks as": records that are sent as themselves, since a proxy cannot have a proxy of its own.
  customerProxies: { table: contacts, where: and(eq(contacts.kind, "customer"), isNull(contacts.proxyId)) },
  vendorProxies: { table: contacts, where: and(eq(contacts.kind, "vendor"), isNull(contacts.proxyId)) },
  itemProxies: { table: items, where: isNull(items.proxyId) },
};

export interface LookupOption {
  id: number;
  name: string;
}

/** Active entries of a list as id + name options, matching the search, in name order. */
export function lookupOptions(db: Queryable, source: LookupSource, input: LookupInput): Promise<LookupOption[]> {
  const { search, limit, exceptId } = lookupInput.parse(input);
  const { table, where } = SOURCES[source];
  return db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(
      and(eq(table.active, true), where, search ? contains(table.name, search) : undefined, exceptId ? ne(table.id, exceptId) : undefined),
    )
    .orderBy(asc(table.name))
    .limit(limit);
}
