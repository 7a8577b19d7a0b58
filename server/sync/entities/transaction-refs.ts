import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Queryable } from "@/db";
import { contacts, items } from "@/db/schema";
import { AppError } from "@/server/errors";
import { linkByQbId } from "../links";
import { ImportWaiting, type EntityType, type ParentRef } from "./types";

// What transactions share: the customer or vendor a transaction goes to QuickBooks under (its proxy, when it has
// one), the item a line goes under, and the local records QuickBooks' references point at when it comes back.

/** The customer a transaction is sent to QuickBooks under: the proxy when the customer has one. */
export const sentCustomer = alias(contacts, "sent_customer");

/** The vendor a purchase order is sent to QuickBooks under: the proxy when the vendor has one. */
export const sentVendor = alias(contacts, "sent_vendor");

/** The item a line is sent to QuickBooks under: the proxy when the item has one. */
export const sentItem = alias(items, "sent_item");

/** The record's own name when it is sent as a proxy, else null. */
export function proxiedName(table: typeof contacts) {
  return sql<string | null>`case when ${table.proxyId} is null then null else ${table.name} end`;
}

/** The local id a QuickBooks reference is linked to; a required one not linked yet makes the import wait. */
export async function linkedLocal(
  db: Queryable,
  type: EntityType,
  ref: { listId?: string; fullName?: string } | undefined,
  what: string,
): Promise<number> {
  const link = ref?.listId ? await linkByQbId(db, type, ref.listId) : undefined;
  if (link) return link.localId;
  const name = ref?.fullName ?? ref?.listId ?? "(no name)";
  throw new ImportWaiting(
    `Waiting for ${what} "${name}": it is not imported from QuickBooks yet. ` +
      "Approve its import in the Sync Wizard; this one follows on the next run.",
  );
}

/** The local id an optional QuickBooks reference is linked to, or null. */
export async function optionalLinked(db: Queryable, type: EntityType, ref: { listId?: string } | undefined): Promise<number | null> {
  if (!ref?.listId) return null;
  return (await linkByQbId(db, type, ref.listId))?.localId ?? null;
}

/**
 * QuickBooks holds a proxied customer's (or vendor's) transactions under the proxy; when such a transaction comes
 * back, it keeps its own customer here rather than moving to the proxy.
 */
export async function ownContact(db: Queryable, savedContactId: number | undefined, linkedContactId: number): Promise<number> {
  if (savedContactId === undefined || savedContactId === linkedContactId) return linkedContactId;
  const [saved] = await db.select({ proxyId: contacts.proxyId }).from(contacts).where(eq(contacts.id, savedContactId));
  return saved?.proxyId === linkedContactId ? savedContactId : linkedContactId;
}

/** Each parent once: a transaction's lines may name the same item (or a bill's the same account) several times. */
export function uniqueParents(parents: ParentRef[]): ParentRef[] {
  // Keyed by type too: a bill's item and account parents may share an id.
  const seen = new Set<string>();
  return parents.filter((parent) => {
    const key = `${parent.type}:${parent.localId}`;
    return !seen.has(key) && seen.add(key);
  });
}

export function sameName(a: string | undefined, b: string): boolean {
  return (a ?? "").toLowerCase() === b.toLowerCase();
}

/**
 * A QuickBooks item line's description, quantity, rate and amount as kept here (cents); null for a text-only line
 * (no item), which carries no amount here. A line with an amount but no item cannot be kept.
 */
export function importedLine(line: { item?: unknown; desc?: string; quantity?: number; rate?: number; amount?: number }) {
  if (!line.item) {
    if (line.amount) throw new AppError("BAD_INPUT", `a line "${line.desc ?? ""}" has an amount but no item.`);
    return null;
  }
  const quantity = line.quantity ?? 1;
  const rateCents = Math.round(line.rate ?? (line.amount ?? 0) / quantity);
  return { description: line.desc ?? null, quantity, rateCents, amountCents: line.amount ?? Math.round(quantity * rateCents) };
}
