import { inArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import { paymentMethods, terms } from "@/db/schema";
import {
  paymentMethodAddRq,
  paymentMethodQueryRq,
  standardTermsAddRq,
  standardTermsQueryRq,
  type PaymentMethodRecord,
  type QbxmlRecord,
  type StandardTermsRecord,
} from "@/server/qbxml";
import { QbxmlFieldError } from "@/server/qbxml";
import { nameKey } from "@/server/records/fields";
import { paymentMethodInput, paymentMethodList, type PaymentMethodInput } from "@/server/records/payment-methods";
import { termsInput, termsList } from "@/server/records/terms";
import { listKey } from "./match-keys";
import type { EntityAdapter } from "./types";

type PaymentMethod = typeof paymentMethods.$inferSelect;
type Terms = typeof terms.$inferSelect;

// qbXML 13.0 has no PaymentMethodMod or StandardTermsMod: these lists are added and read, never changed.
function noMod(what: string): never {
  throw new QbxmlFieldError(what, "cannot be changed through qbXML 13.0; change it in QuickBooks by hand.");
}

export const paymentMethodAdapter: EntityAdapter<PaymentMethod, PaymentMethodRecord> = {
  type: "paymentMethod",
  noun: "payment method",
  level: 1,
  idKind: "list",
  table: paymentMethods,
  canModify: false,
  discovery: [
    {
      key: "PaymentMethod",
      iterates: false,
      build: (from, _max, options) =>
        paymentMethodQueryRq({ activeStatus: "All", fromModifiedDate: from }, { requestId: options.requestId }),
    },
  ],
  owns: (record: QbxmlRecord): record is PaymentMethodRecord => record.kind === "PaymentMethod",
  loadLocal: (db, ids) =>
    db
      .select()
      .from(paymentMethods)
      .where(inArray(paymentMethods.id, [...ids])),
  label: (local) => local.name,
  fields: (local) => ({ name: local.name, active: local.active }),
  parents: () => [],
  ...nameMatching(paymentMethods),
  remoteId: (remote) => remote.listId,
  remoteLabel: (remote) => remote.name ?? "(no name)",
  remoteFields: (remote) => ({ name: remote.name ?? null, active: remote.isActive ?? true }),
  queryById: (qbId, requestId) => paymentMethodQueryRq({ listIds: [qbId] }, { requestId }),
  queryForLookup: (local, requestId) => paymentMethodQueryRq({ fullNames: [local.name] }, { requestId }),
  matchLookup: (local, found) => found.find((record) => nameKey(record.name ?? "") === local.nameKey),
  addRq: (local, _refs, requestId) => paymentMethodAddRq({ name: local.name, isActive: local.active }, { requestId }),
  modRq: () => noMod("PaymentMethodMod"),
  applyImport: async (db, remote, localId) => {
    const data = paymentMethodInput.parse({ name: remote.name ?? "", active: remote.isActive ?? true } satisfies PaymentMethodInput);
    const row = localId === null ? await paymentMethodList.create(db, data, null) : await paymentMethodList.update(db, localId, data, null);
    return row.id;
  },
};

export const termsAdapter: EntityAdapter<Terms, StandardTermsRecord> = {
  type: "terms",
  noun: "terms",
  level: 1,
  idKind: "list",
  table: terms,
  canModify: false,
  discovery: [
    {
      key: "StandardTerms",
      iterates: false,
      build: (from, _max, options) =>
        standardTermsQueryRq({ activeStatus: "All", fromModifiedDate: from }, { requestId: options.requestId }),
    },
  ],
  owns: (record: QbxmlRecord): record is StandardTermsRecord => record.kind === "StandardTerms",
  loadLocal: (db, ids) =>
    db
      .select()
      .from(terms)
      .where(inArray(terms.id, [...ids])),
  label: (local) => local.name,
  fields: (local) => ({ name: local.name, netDays: local.netDays, active: local.active }),
  parents: () => [],
  ...nameMatching(terms),
  remoteId: (remote) => remote.listId,
  remoteLabel: (remote) => remote.name ?? "(no name)",
  remoteFields: (remote) => ({ name: remote.name ?? null, netDays: remote.stdDueDays ?? 0, active: remote.isActive ?? true }),
  queryById: (qbId, requestId) => standardTermsQueryRq({ listIds: [qbId] }, { requestId }),
  queryForLookup: (local, requestId) => standardTermsQueryRq({ fullNames: [local.name] }, { requestId }),
  matchLookup: (local, found) => found.find((record) => nameKey(record.name ?? "") === local.nameKey),
  addRq: (local, _refs, requestId) =>
    standardTermsAddRq({ name: local.name, isActive: local.active, stdDueDays: local.netDays }, { requestId }),
  modRq: () => noMod("StandardTermsMod"),
  applyImport: async (db, remote, localId) => {
    const data = termsInput.parse({ name: remote.name, netDays: remote.stdDueDays ?? 0, active: remote.isActive ?? true });
    const row = localId === null ? await termsList.create(db, data, null) : await termsList.update(db, localId, data, null);
    return row.id;
  },
};

/** A list QuickBooks tells apart by name alone: the name is both what matches and what is taken. */
function nameMatching(table: typeof paymentMethods | typeof terms) {
  return {
    matchKey: (local: { name: string }) => listKey(local.name),
    remoteMatchKey: (remote: { name?: string }) => listKey(remote.name),
    takenKey: (local: { name: string }) => listKey(local.name),
    remoteTakenKey: (remote: { name?: string }) => listKey(remote.name),
    localsSharingKeys: async (db: Queryable, remotes: readonly { name?: string }[]) => {
      const keys = remotes.flatMap((remote) => listKey(remote.name) ?? []);
      const rows = await db.select({ id: table.id }).from(table).where(inArray(table.nameKey, keys));
      return rows.map((row) => row.id);
    },
  };
}
