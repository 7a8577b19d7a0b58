import { and, eq, getTableColumns, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Queryable } from "@/db";
import { contacts, salesTaxCodes, salesTaxItems } from "@/db/schema";
import { AppError } from "@/server/errors";
import {
  customerAddRq,
  customerModRq,
  customerQueryRq,
  vendorAddRq,
  vendorModRq,
  vendorQueryRq,
  type AddressValue,
  type CustomerRecord,
  type QbxmlRecord,
  type VendorRecord,
} from "@/server/qbxml";
import { contactInput, createContact, updateContact, type Contact, type ContactKind } from "@/server/records/contacts";
import { nameKey } from "@/server/records/fields";
import {
  mapSyncFields,
  NO_FIELD_MAPPING,
  PUBLIC_CUSTOM_FIELDS,
  remoteCustomValues,
  withCustomValues,
  withoutSkipped,
  type TypeFieldMapping,
} from "../field-mapping";
import { listKey } from "./match-keys";
import { linkedTaxItem } from "./sales-tax-items";
import { linkedLocal } from "./transaction-refs";
import { scopeWithout, type EntityAdapter, type KeptHere, type ParentRef, type RefResolver, type SyncFields } from "./types";

type ContactRecord = CustomerRecord | VendorRecord;

/** A contact with the names of its sales tax code and item or group (customers only), which sync by name. */
export type LocalContact = Contact & {
  salesTaxCodeName: string | null;
  salesTaxItemName: string | null;
  salesTaxItemKind: "item" | "group" | null;
};

/**
 * Customers and vendors: one local table, two QuickBooks lists with the same name pool. `mapping` is the field
 * mapping of the sync settings (server/sync/field-mapping.ts); the engine gets the mapped adapter from policies.ts.
 */
// A contact sent to QuickBooks as another one (its proxy) is never created there itself.
const CONTACTS_KEPT_HERE: KeptHere[] = [
  {
    rows: isNotNull(contacts.proxyId),
    reason: "It goes to QuickBooks as another customer (its proxy), so it is never created there itself.",
  },
];

export function contactAdapter(
  kind: ContactKind,
  mapping: TypeFieldMapping = NO_FIELD_MAPPING,
): EntityAdapter<LocalContact, ContactRecord> {
  const isCustomer = kind === "customer";
  const recordKind = isCustomer ? "Customer" : "Vendor";
  // Every read asks for the public custom fields (OwnerID 0), so a mapped one is there whichever query read the record.
  const query = (input: Parameters<typeof customerQueryRq>[0], options?: Parameters<typeof customerQueryRq>[1]) =>
    (isCustomer ? customerQueryRq : vendorQueryRq)({ ...input, ownerIds: PUBLIC_CUSTOM_FIELDS }, options);
  const fields = (local: LocalContact) => mapSyncFields(localContactFields(local, isCustomer), mapping, local.customFields ?? {});
  const remoteFields = (remote: ContactRecord) =>
    mapSyncFields(remoteContactFields(remote, isCustomer), mapping, remoteCustomValues(remote.customFields, mapping));
  return {
    type: kind,
    noun: kind,
    // Vendors first: a sales tax item names its agency, and a customer its default sales tax item.
    level: isCustomer ? 6 : 3,
    idKind: "list",
    table: contacts,
    scope: scopeWithout(eq(contacts.kind, kind), CONTACTS_KEPT_HERE),
    keptHere: CONTACTS_KEPT_HERE,
    canModify: true,
    discovery: [
      {
        key: recordKind,
        iterates: true,
        build: (from, maxReturned, options) => query({ maxReturned, activeStatus: "All", fromModifiedDate: from }, options),
      },
    ],
    owns: (record: QbxmlRecord): record is ContactRecord => record.kind === recordKind,
    // "+kind": read by primary key. Without it SQLite walks contacts_kind_updated, every contact of the kind, for 50 ids.
    loadLocal: (db, ids) => loadContacts(db, and(inArray(contacts.id, [...ids]), sql`+${contacts.kind} = ${kind}`)),
    label: (local) => local.name,
    fields,
    // A customer's sales tax code and item or group go to QuickBooks before it.
    parents: (local) => (isCustomer ? taxParents(local, mapping.skipped) : []),
    // A job is known by its full name ("Harbor Dental:Spring Cleanup"); customers and vendors share one name pool.
    matchKey: (local) => listKey(local.name),
    remoteMatchKey: (remote) => listKey(fullNameOf(remote)),
    takenKey: (local) => listKey(local.name),
    remoteTakenKey: (remote) => listKey(fullNameOf(remote)),
    localsSharingKeys: async (db, remotes) => {
      const keys = remotes.flatMap((remote) => listKey(fullNameOf(remote)) ?? []);
      const rows = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(inArray(contacts.nameKey, keys), eq(contacts.kind, kind)));
      return rows.map((row) => row.id);
    },
    matchHints: ["companyName", "email", "phone"],
    remoteId: (remote) => remote.listId,
    remoteLabel: (remote) => (remote.kind === "Customer" ? remote.fullName : undefined) ?? remote.name ?? "(no name)",
    remoteFields,
    queryById: (qbId, requestId) => query({ listIds: [qbId] }, { requestId }),
    queryForLookup: (local, requestId) => query({ fullNames: [local.name] }, { requestId }),
    matchLookup: (local, found) => found.find((record) => nameKey(record.name ?? "") === local.nameKey),
    addRq: (local, refs, requestId) => {
      const input = {
        name: local.name,
        ...contactBody(local, isCustomer, mapping.skipped),
        ...customerTaxRefs(local, refs, mapping.skipped),
      };
      return isCustomer ? customerAddRq(input, { requestId }) : vendorAddRq(input, { requestId });
    },
    modRq: (local, link, refs, requestId) => {
      const input = {
        listId: link.qbId,
        editSequence: link.editSequence,
        name: local.name,
        ...contactBody(local, isCustomer, mapping.skipped),
        ...customerTaxRefs(local, refs, mapping.skipped),
      };
      return isCustomer ? customerModRq(input, { requestId }) : vendorModRq(input, { requestId });
    },
    applyImport: async (db, remote, localId) => {
      // Skipped fields are not written: a new contact leaves them empty, an existing one keeps its own.
      const taken = withoutSkipped(remoteFields(remote), mapping);
      // A customer waits for its sales tax code and item or group to be here; their links give the local ids.
      const skipped = mapping.skipped;
      const taxRefs =
        remote.kind === "Customer"
          ? {
              salesTaxCodeId:
                !skipped.has("salesTaxCode") && remote.salesTaxCode
                  ? await linkedLocal(db, "salesTaxCode", remote.salesTaxCode, "sales tax code")
                  : null,
              salesTaxItemId: skipped.has("salesTaxItem") ? null : await linkedTaxItem(db, remote.itemSalesTax),
            }
          : { salesTaxCodeId: null, salesTaxItemId: null };
      if (localId === null) {
        const row = await createContact(db, kind, { ...contactData(taken), ...taxRefs }, null);
        await saveCustomFields(db, row.id, withCustomValues(null, taken));
        return row.id;
      }
      await applyContactFields(db, kind, localId, taken);
      return localId;
    },
    applyFields: (db, localId, chosen) => applyContactFields(db, kind, localId, chosen),
  };
}

/** Writes some synced fields (custom:* into custom_fields) over the local contact, the others as they are. */
async function applyContactFields(db: Queryable, kind: ContactKind, localId: number, chosen: SyncFields): Promise<void> {
  const [local] = await loadContacts(db, and(eq(contacts.id, localId), eq(contacts.kind, kind)));
  if (!local) throw new AppError("NOT_FOUND", `That ${kind} is no longer in Ledgerbridge.`);
  const merged = { ...localContactFields(local, kind === "customer"), ...chosen };
  await updateContact(db, kind, localId, { ...contactData(merged), ...(await taxIds(db, merged, local)) }, null);
  await saveCustomFields(db, localId, withCustomValues(local.customFields, chosen));
}

async function saveCustomFields(db: Queryable, id: number, values: Record<string, string> | null): Promise<void> {
  await db.update(contacts).set({ customFields: values }).where(eq(contacts.id, id));
}

function localContactFields(local: LocalContact, isCustomer: boolean): SyncFields {
  return {
    name: local.name,
    companyName: local.companyName,
    firstName: local.firstName,
    lastName: local.lastName,
    email: local.email,
    phone: local.phone,
    addr1: local.billAddr1,
    addr2: local.billAddr2,
    city: local.billCity,
    state: local.billState,
    postalCode: local.billPostalCode,
    country: local.billCountry,
    notes: local.notes,
    active: local.active,
    ...(isCustomer ? { salesTaxCode: local.salesTaxCodeName, salesTaxItem: local.salesTaxItemName } : {}),
  };
}

/** The synced fields as a local contact's data; its proxy, not a synced field, stays as it is. */
function contactData(fields: SyncFields) {
  return contactInput.parse({
    name: fields.name,
    companyName: fields.companyName,
    firstName: fields.firstName,
    lastName: fields.lastName,
    email: fields.email,
    phone: fields.phone,
    billAddr1: fields.addr1,
    billAddr2: fields.addr2,
    billCity: fields.city,
    billState: fields.state,
    billPostalCode: fields.postalCode,
    billCountry: fields.country,
    notes: fields.notes,
    active: fields.active,
  });
}

/** What an Add or Mod sends besides the name; a skipped field is left out, so QuickBooks keeps its own value. */
function contactBody(local: Contact, isCustomer: boolean, skipped: ReadonlySet<string>) {
  const sent = <T>(key: string, value: T | null): T | undefined => (skipped.has(key) ? undefined : (value ?? undefined));
  const address = {
    addr1: sent("addr1", local.billAddr1),
    addr2: sent("addr2", local.billAddr2),
    city: sent("city", local.billCity),
    state: sent("state", local.billState),
    postalCode: sent("postalCode", local.billPostalCode),
    country: sent("country", local.billCountry),
  };
  const hasAddress = Object.values(address).some((value) => value !== undefined);
  return {
    isActive: sent("active", local.active),
    companyName: sent("companyName", local.companyName),
    firstName: sent("firstName", local.firstName),
    lastName: sent("lastName", local.lastName),
    phone: sent("phone", local.phone),
    email: sent("email", local.email),
    notes: sent("notes", local.notes),
    ...(hasAddress ? (isCustomer ? { billAddress: address } : { vendorAddress: address }) : {}),
  };
}

function fullNameOf(remote: ContactRecord): string | undefined {
  return (remote.kind === "Customer" ? remote.fullName : undefined) ?? remote.name;
}

function remoteContactFields(remote: ContactRecord, isCustomer: boolean): SyncFields {
  const address: AddressValue | undefined = remote.kind === "Customer" ? remote.billAddress : remote.vendorAddress;
  return {
    name: remote.name ?? null,
    companyName: remote.companyName ?? null,
    firstName: remote.firstName ?? null,
    lastName: remote.lastName ?? null,
    email: remote.email ?? null,
    phone: remote.phone ?? null,
    addr1: address?.addr1 ?? null,
    addr2: address?.addr2 ?? null,
    city: address?.city ?? null,
    state: address?.state ?? null,
    postalCode: address?.postalCode ?? null,
    country: address?.country ?? null,
    notes: remote.notes ?? null,
    active: remote.isActive ?? true,
    ...(isCustomer && remote.kind === "Customer"
      ? { salesTaxCode: remote.salesTaxCode?.fullName ?? null, salesTaxItem: remote.itemSalesTax?.fullName ?? null }
      : {}),
  };
}

const taxItemOfCustomer = alias(salesTaxItems, "customer_tax_item");

/** Contacts with the names of their sales tax code and item or group. */
function loadContacts(db: Queryable, where: SQL | undefined): Promise<LocalContact[]> {
  return db
    .select({
      ...getTableColumns(contacts),
      salesTaxCodeName: salesTaxCodes.name,
      salesTaxItemName: taxItemOfCustomer.name,
      salesTaxItemKind: taxItemOfCustomer.kind,
    })
    .from(contacts)
    .leftJoin(salesTaxCodes, eq(salesTaxCodes.id, contacts.salesTaxCodeId))
    .leftJoin(taxItemOfCustomer, eq(taxItemOfCustomer.id, contacts.salesTaxItemId))
    .where(where);
}

function taxParents(local: LocalContact, skipped: ReadonlySet<string>): ParentRef[] {
  const parents: ParentRef[] = [];
  if (local.salesTaxCodeId !== null && !skipped.has("salesTaxCode")) {
    parents.push({ type: "salesTaxCode", localId: local.salesTaxCodeId, name: local.salesTaxCodeName ?? "" });
  }
  if (local.salesTaxItemId !== null && !skipped.has("salesTaxItem")) {
    parents.push({ type: taxItemType(local.salesTaxItemKind), localId: local.salesTaxItemId, name: local.salesTaxItemName ?? "" });
  }
  return parents;
}

/** A customer's SalesTaxCodeRef and ItemSalesTaxRef, when it has them and they sync. */
function customerTaxRefs(local: LocalContact, refs: RefResolver, skipped: ReadonlySet<string>) {
  const [code, item] = [local.salesTaxCodeId, local.salesTaxItemId];
  return {
    salesTaxCode: code === null || skipped.has("salesTaxCode") ? undefined : refs.ref("salesTaxCode", code, local.salesTaxCodeName ?? ""),
    itemSalesTax:
      item === null || skipped.has("salesTaxItem")
        ? undefined
        : refs.ref(taxItemType(local.salesTaxItemKind), item, local.salesTaxItemName ?? ""),
  };
}

function taxItemType(kind: LocalContact["salesTaxItemKind"]): "salesTaxItem" | "salesTaxGroup" {
  return kind === "group" ? "salesTaxGroup" : "salesTaxItem";
}

/**
 * The ids of the sales tax code and item or group these synced fields name; a field that is not there (a vendor,
 * a skipped field) keeps the saved contact's.
 */
async function taxIds(db: Queryable, fields: SyncFields, saved: LocalContact | null) {
  const byName = async (table: typeof salesTaxCodes | typeof salesTaxItems, name: SyncFields[string]) => {
    if (name === null || name === undefined) return null;
    const [row] = await db
      .select({ id: table.id })
      .from(table)
      .where(eq(table.nameKey, nameKey(String(name))));
    return row?.id ?? null;
  };
  return {
    salesTaxCodeId: "salesTaxCode" in fields ? await byName(salesTaxCodes, fields.salesTaxCode) : (saved?.salesTaxCodeId ?? null),
    salesTaxItemId: "salesTaxItem" in fields ? await byName(salesTaxItems, fields.salesTaxItem) : (saved?.salesTaxItemId ?? null),
  };
}
