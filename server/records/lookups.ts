import { and, asc, eq, isNull, ne, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Queryable } from "@/db";
import { accounts, contacts, items, paymentMethods, salesTaxCodes, salesTaxItems, terms } from "@/db/schema";
import { contains } from "@/db/list-query";

/** A select on a form asks for a few options matching what was typed, never the whole list. */
export const lookupInput = z.object({
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(50).default(20),
  /** Leaves one entry out: a record cannot be its own proxy. */
  exceptId: z.number().int().positive().optional(),
});
export type LookupInput = z.input<typeof lookupInput>;

type LookupTable =
  typeof contacts | typeof items | typeof terms | typeof paymentMethods | typeof salesTaxCodes | typeof salesTaxItems | typeof accounts;

export const LOOKUP_SOURCES = [
  "customers",
  "vendors",
  "accounts",
  "bankAccounts",
  "items",
  "terms",
  "paymentMethods",
  "salesTaxCodes",
  "salesTaxItems",
  "customerProxies",
  "vendorProxies",
  "itemProxies",
  "itemCategories",
] as const;
export type LookupSource = (typeof LOOKUP_SOURCES)[number];

/** Where a source's options come from; `name` is the column shown and searched when it is not the table's name. */
interface LookupSpec {
  table: LookupTable;
  where?: SQL;
  name?: SQLiteColumn;
}

const SOURCES: Record<LookupSource, LookupSpec> = {
  customers: { table: contacts, where: eq(contacts.kind, "customer") },
  vendors: { table: contacts, where: eq(contacts.kind, "vendor") },
  // Accounts by full name ("Utilities:Telephone"), as QuickBooks names them in references.
  accounts: { table: accounts, name: accounts.fullName },
  // QuickBooks writes checks from bank accounts only.
  bankAccounts: { table: accounts, where: eq(accounts.accountType, "Bank"), name: accounts.fullName },
  // An item is offered by its full name ("Landscaping:Mulching"), as QuickBooks lists it.
  items: { table: items, name: items.fullName },
  terms: { table: terms },
  paymentMethods: { table: paymentMethods },
  salesTaxCodes: { table: salesTaxCodes },
  // What an invoice or a customer charges: a sales tax item or a group.
  salesTaxItems: { table: salesTaxItems },
  // "Send to QuickBooks as": records that are sent as themselves, since a proxy cannot have a proxy of its own.
  customerProxies: { table: contacts, where: and(eq(contacts.kind, "customer"), isNull(contacts.proxyId)) },
  vendorProxies: { table: contacts, where: and(eq(contacts.kind, "vendor"), isNull(contacts.proxyId)) },
  itemProxies: { table: items, where: isNull(items.proxyId), name: items.fullName },
  // The category of an item: any item QuickBooks will hold (a parent can be of another kind), by its full name.
  itemCategories: { table: items, where: isNull(items.proxyId), name: items.fullName },
};

export interface LookupOption {
  id: number;
  name: string;
}

/** Active entries of a list as id + name options, matching the search, in name order. */
export function lookupOptions(db: Queryable, source: LookupSource, input: LookupInput): Promise<LookupOption[]> {
  const { search, limit, exceptId } = lookupInput.parse(input);
  const { table, where, name = table.name } = SOURCES[source];
  return db
    .select({ id: table.id, name })
    .from(table)
    .where(and(eq(table.active, true), where, search ? contains(name, search) : undefined, exceptId ? ne(table.id, exceptId) : undefined))
    .orderBy(asc(name))
    .limit(limit);
}
