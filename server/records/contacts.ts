import { and, eq, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { contacts, salesTaxCodes, salesTaxItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { blankable, nameKey, QB_LIMITS, qbLine, qbName, qbText, recordId } from "./fields";
import { listPage, paged, type ListInput } from "@/db/list-query";
import { proxyField, refuseBadProxy, withProxyName } from "./proxies";

export const CONTACT_KINDS = ["customer", "vendor"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export type Contact = typeof contacts.$inferSelect;

export const contactInput = z.object({
  name: qbName("name", QB_LIMITS.contactName),
  companyName: qbLine("company name", QB_LIMITS.companyName),
  firstName: qbLine("first name", QB_LIMITS.firstName),
  lastName: qbLine("last name", QB_LIMITS.lastName),
  email: qbLine("email", QB_LIMITS.email).refine(
    (value) => value === null || z.string().email().safeParse(value).success,
    "Enter a valid email address, or leave it blank.",
  ),
  phone: qbLine("phone", QB_LIMITS.phone),
  billAddr1: qbLine("address line 1", QB_LIMITS.addressLine),
  billAddr2: qbLine("address line 2", QB_LIMITS.addressLine),
  billCity: qbLine("city", QB_LIMITS.city),
  billState: qbLine("state", QB_LIMITS.state),
  billPostalCode: qbLine("postal code", QB_LIMITS.postalCode),
  billCountry: qbLine("country", QB_LIMITS.country),
  notes: qbText("notes", QB_LIMITS.notes),
  active: z.boolean().default(true),
  proxyId: proxyField("contact"),
  /** A customer's sales tax code and default sales tax item or group, which its new invoices take. */
  salesTaxCodeId: blankable(recordId("a sales tax code")),
  salesTaxItemId: blankable(recordId("a sales tax item or group")),
});
export type ContactInput = z.input<typeof contactInput>;
export type ContactData = z.output<typeof contactInput>;

const KIND_LABEL: Record<ContactKind, string> = { customer: "customer", vendor: "vendor" };

export function listContacts(db: Queryable, kind: ContactKind, input: ListInput, narrowedBy?: SQL) {
  return listPage(
    db,
    {
      table: contacts,
      where: eq(contacts.kind, kind),
      sortable: {
        name: contacts.name,
        companyName: contacts.companyName,
        email: contacts.email,
        phone: contacts.phone,
        updatedAt: contacts.updatedAt,
      },
      defaultSort: "name",
      tiebreaker: contacts.id,
      searchable: [contacts.name, contacts.companyName, contacts.email, contacts.phone],
      rows: (query) => paged(db.select().from(contacts).$dynamic(), query),
    },
    input,
    narrowedBy,
  );
}

/** The contact, with the name of the contact it is sent to QuickBooks as, and of its sales tax code and item. */
export async function getContact(db: Queryable, kind: ContactKind, id: number) {
  return withNames(db, await savedContact(db, kind, id));
}

// A first import creates contacts by the thousand: names are looked up only for the references a contact has.
async function withNames(db: Queryable, row: Contact) {
  const contact = await withProxyName(db, contacts, row);
  const [code] =
    row.salesTaxCodeId === null
      ? []
      : await db.select({ name: salesTaxCodes.name }).from(salesTaxCodes).where(eq(salesTaxCodes.id, row.salesTaxCodeId));
  const [item] =
    row.salesTaxItemId === null
      ? []
      : await db.select({ name: salesTaxItems.name }).from(salesTaxItems).where(eq(salesTaxItems.id, row.salesTaxItemId));
  return { ...contact, salesTaxCodeName: code?.name ?? null, salesTaxItemName: item?.name ?? null };
}
export type ContactDetail = Awaited<ReturnType<typeof getContact>>;

async function savedContact(db: Queryable, kind: ContactKind, id: number): Promise<Contact> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.kind, kind)));
  if (!row) throw new AppError("NOT_FOUND", `That ${KIND_LABEL[kind]} does not exist (it may have been deleted).`);
  return row;
}

export async function createContact(db: Queryable, kind: ContactKind, data: ContactData, user: SessionUser | null) {
  const row = await db.transaction(async (tx) => {
    await refuseNameClash(tx, data.name);
    await refuseBadProxy(tx, contacts, KIND_LABEL[kind], { name: data.name, kind }, data.proxyId);
    const [row] = await tx
      .insert(contacts)
      .values({ ...data, kind, nameKey: nameKey(data.name), updatedBy: user?.id ?? null })
      .returning();
    return row!;
  });
  return withNames(db, row);
}

export async function updateContact(db: Queryable, kind: ContactKind, id: number, data: ContactData, user: SessionUser | null) {
  const row = await db.transaction(async (tx) => {
    const saved = await savedContact(tx, kind, id);
    await refuseNameClash(tx, data.name, id);
    await refuseBadProxy(tx, contacts, KIND_LABEL[kind], { id, name: data.name, kind }, data.proxyId, saved.proxyId);
    const [row] = await tx
      .update(contacts)
      .set({ ...data, nameKey: nameKey(data.name), updatedAt: new Date(), updatedBy: user?.id ?? null })
      .where(eq(contacts.id, id))
      .returning();
    return row!;
  });
  return withNames(db, row);
}

/**
 * The customer an invoice or payment is for. A vendor is refused; so is an inactive customer when newly chosen,
 * while a saved transaction may keep a customer made inactive since, so it can still be corrected.
 */
export function requireCustomer(db: Queryable, id: number, options: { newlyChosen: boolean }): Promise<Contact> {
  return requireContact(db, "customer", id, options);
}

/**
 * The contact of this kind a transaction is for (a purchase order's vendor), checked as requireCustomer does; messages
 * go under `field` (the kind's id field unless told).
 */
export async function requireContact(
  db: Queryable,
  kind: ContactKind,
  id: number,
  { newlyChosen, field: fieldName = `${kind}Id` }: { newlyChosen: boolean; field?: string },
): Promise<Contact> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  const field = { field: fieldName };
  const other = kind === "customer" ? "vendor" : "customer";
  if (!row) throw new AppError("BAD_INPUT", `That ${kind} does not exist (it may have been deleted).`, field);
  if (row.kind !== kind) {
    throw new AppError("BAD_INPUT", `"${row.name}" is a ${other}, not a ${kind}. Choose a ${kind}.`, field);
  }
  if (newlyChosen && !row.active) {
    throw new AppError("BAD_INPUT", `The ${kind} "${row.name}" is inactive. Make it active first, or choose another.`, field);
  }
  return row;
}

/** QuickBooks keeps customers and vendors in one pool of names, compared without regard to case. */
async function refuseNameClash(db: Queryable, name: string, exceptId?: number) {
  const key = nameKey(name);
  const condition = exceptId ? and(eq(contacts.nameKey, key), ne(contacts.id, exceptId)) : eq(contacts.nameKey, key);
  const [other] = await db.select({ name: contacts.name, kind: contacts.kind }).from(contacts).where(condition);
  if (other) {
    throw new AppError(
      "NAME_IN_USE",
      `The name "${name}" is already used by the ${KIND_LABEL[other.kind]} "${other.name}". QuickBooks keeps customers and vendors in one list of names, so choose a different name.`,
      { field: "name" },
    );
  }
}
