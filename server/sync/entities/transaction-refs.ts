import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Queryable } from "@/db";
import { contacts, items } from "@/db/schema";
import { linkByQbId } from "../links";
import { ImportWaiting, type EntityType, type ParentRef } from "./types";

// What transactions share: the customer (or vendor) a transaction goes to QuickBooks under (its proxy, when it has one),
// and the local records QuickBooks' references point at when a transaction comes back.

/** The customer a transaction is sent to QuickBooks under: the proxy when the customer has one. */
export const sentCustomer = alias(contacts, "sent_customer");

/** The item a transaction line is sent to QuickBooks under: the proxy when the item has one. */
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
 * QuickBooks holds a proxied customer's transactions under the proxy; when such a transaction comes back, it keeps
 * its own customer here rather than moving to the proxy.
 */
export async function ownCustomer(db: Queryable, savedCustomerId: number | undefined, linkedCustomerId: number): Promise<number> {
  if (savedCustomerId === undefined || savedCustomerId === linkedCustomerId) return linkedCustomerId;
  const [saved] = await db.select({ proxyId: contacts.proxyId }).from(contacts).where(eq(contacts.id, savedCustomerId));
  return saved?.proxyId === linkedCustomerId ? savedCustomerId : linkedCustomerId;
}

/** Each parent once, though several lines name it. */
export function uniqueParents(parents: ParentRef[]): ParentRef[] {
  const seen = new Set<string>();
  return parents.filter((parent) => {
    const key = `${parent.type}:${parent.localId}`;
    return !seen.has(key) && seen.add(key);
  });
}
