import { syncedRecordRouter } from "@/server/api/record-procedures";
import { contactInput, createContact, getContact, listContacts, updateContact, type ContactKind } from "@/server/records/contacts";

/** Customers and vendors have the same shape and the same procedures; only the kind differs. */
export function contactRouter(kind: ContactKind) {
  return syncedRecordRouter(kind, {
    input: contactInput,
    list: (db, input, narrowedBy) => listContacts(db, kind, input, narrowedBy),
    get: (db, id) => getContact(db, kind, id),
    create: (db, data, user) => createContact(db, kind, data, user),
    update: (db, id, data, user) => updateContact(db, kind, id, data, user),
  });
}
