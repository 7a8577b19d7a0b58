import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "@/db";
import { contacts } from "@/db/schema";
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
import type { EntityAdapter, SyncFields } from "./types";

type ContactRecord = CustomerRecord | VendorRecord;

/** Customers and vendors: one local table, two QuickBooks lists with the same name pool. */
export function contactAdapter(kind: ContactKind): EntityAdapter<Contact, ContactRecord> {
  const isCustomer = kind === "customer";
  const recordKind = isCustomer ? "Customer" : "Vendor";
  const query = isCustomer ? customerQueryRq : vendorQueryRq;
  return {
    type: kind,
    noun: kind,
    level: 3,
    idKind: "list",
    table: contacts,
    // A contact sent to QuickBooks as another one (its proxy) is never created there itself.
    scope: and(eq(contacts.kind, kind), isNull(contacts.proxyId)),
    canModify: true,
    discovery: [
      {
        key: recordKind,
        iterates: true,
        build: (from, maxReturned, options) => query({ maxReturned, activeStatus: "All", fromModifiedDate: from }, options),
      },
    ],
    owns: (record: QbxmlRecord): record is ContactRecord => record.kind === recordKind,
    loadLocal: (db, ids) => db.select().from(contacts).where(and(inArray(contacts.id, [...ids]), eq(contacts.kind, kind))),
    label: (local) => local.name,
    fields: localContactFields,
    parents: () => [],
    findLocalMatch: async (db, remote) => {
      if (!remote.name) return undefined;
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.nameKey, nameKey(remote.name)), eq(contacts.kind, kind)));
      return row?.id;
    },
    remoteId: (remote) => remote.listId,
    remoteLabel: (remote) => (remote.kind === "Customer" ? remote.fullName : undefined) ?? remote.name ?? "(no name)",
    remoteFields: (remote) => remoteContactFields(remote),
    queryById: (qbId, requestId) => query({ listIds: [qbId] }, { requestId }),
    queryForLookup: (local, requestId) => query({ fullNames: [local.name] }, { requestId }),
    matchLookup: (local, found) => found.find((record) => nameKey(record.name ?? "") === local.nameKey),
    addRq: (local, _refs, requestId) => {
      const input = { name: local.name, ...contactBody(local, isCustomer) };
      return isCustomer ? customerAddRq(input, { requestId }) : vendorAddRq(input, { requestId });
    },
    modRq: (local, link, _refs, requestId) => {
      const input = { listId: link.qbId, editSequence: link.editSequence, name: local.name, ...contactBody(local, isCustomer) };
      return isCustomer ? customerModRq(input, { requestId }) : vendorModRq(input, { requestId });
    },
    applyImport: async (db, remote, localId) => {
      const data = contactData(remoteContactFields(remote));
      const row = localId === null ? await createContact(db, kind, data, null) : await updateContact(db, kind, localId, data, null);
      return row.id;
    },
    applyFields: async (db, localId, chosen) => {
      const [local] = await db.select().from(contacts).where(and(eq(contacts.id, localId), eq(contacts.kind, kind)));
      if (!local) throw new AppError("NOT_FOUND", `That ${kind} is no longer in Ledgerbridge.`);
      await updateContact(db, kind, localId, contactData({ ...localContactFields(local), ...chosen }), null);
    },
  };
}

function localContactFields(local: Contact): SyncFields {
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

function contactBody(local: Contact, isCustomer: boolean) {
  const address = {
    addr1: local.billAddr1 ?? undefined,
    addr2: local.billAddr2 ?? undefined,
    city: local.billCity ?? undefined,
    state: local.billState ?? undefined,
    postalCode: local.billPostalCode ?? undefined,
    country: local.billCountry ?? undefined,
  };
  const hasAddress = Object.values(address).some((value) => value !== undefined);
  return {
    isActive: local.active,
    companyName: local.companyName ?? undefined,
    firstName: local.firstName ?? undefined,
    lastName: local.lastName ?? undefined,
    phone: local.phone ?? undefined,
    email: local.email ?? undefined,
    notes: local.notes ?? undefined,
    ...(hasAddress ? (isCustomer ? { billAddress: address } : { vendorAddress: address }) : {}),
  };
}

function remoteContactFields(remote: ContactRecord): SyncFields {
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
  };
}
