import { and, inArray, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { paymentMethods, salesTaxCodes, salesTaxItems, terms } from "@/db/schema";
import {
  paymentMethodAddRq,
  paymentMethodQueryRq,
  salesTaxCodeAddRq,
  salesTaxCodeModRq,
  salesTaxCodeQueryRq,
  standardTermsAddRq,
  standardTermsQueryRq,
  type PaymentMethodRecord,
  type QbxmlRecord,
  type SalesTaxCodeRecord,
  type StandardTermsRecord,
} from "@/server/qbxml";
import { QbxmlFieldError } from "@/server/qbxml";
import { nameKey } from "@/server/records/fields";
import { paymentMethodInput, paymentMethodList, type PaymentMethodInput } from "@/server/records/payment-methods";
import { salesTaxCodeInput, salesTaxCodeList } from "@/server/records/sales-tax-codes";
import { termsInput, termsList } from "@/server/records/terms";
import { listKey } from "./match-keys";
import type { EntityAdapter } from "./types";

type PaymentMethod = typeof paymentMethods.$inferSelect;
type Terms = typeof terms.$inferSelect;
type SalesTaxCode = typeof salesTaxCodes.$inferSelect;

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

export const salesTaxCodeAdapter: EntityAdapter<SalesTaxCode, SalesTaxCodeRecord> = {
  type: "salesTaxCode",
  noun: "sales tax code",
  level: 1,
  idKind: "list",
  table: salesTaxCodes,
  canModify: true,
  discovery: [
    {
      key: "SalesTaxCode",
      iterates: false,
      build: (from, _max, options) =>
        salesTaxCodeQueryRq({ activeStatus: "All", fromModifiedDate: from }, { requestId: options.requestId }),
    },
  ],
  owns: (record: QbxmlRecord): record is SalesTaxCodeRecord => record.kind === "SalesTaxCode",
  loadLocal: (db, ids) =>
    db
      .select()
      .from(salesTaxCodes)
      .where(inArray(salesTaxCodes.id, [...ids])),
  label: (local) => local.name,
  fields: (local) => ({ name: local.name, description: local.description, taxable: local.taxable, active: local.active }),
  parents: () => [],
  ...nameMatching(salesTaxCodes),
  remoteId: (remote) => remote.listId,
  remoteLabel: (remote) => remote.name ?? "(no name)",
  remoteFields: (remote) => ({
    name: remote.name ?? null,
    description: remote.desc ?? null,
    taxable: remote.isTaxable ?? true,
    active: remote.isActive ?? true,
  }),
  queryById: (qbId, requestId) => salesTaxCodeQueryRq({ listIds: [qbId] }, { requestId }),
  queryForLookup: (local, requestId) => salesTaxCodeQueryRq({ fullNames: [local.name] }, { requestId }),
  matchLookup: (local, found) => found.find((record) => nameKey(record.name ?? "") === local.nameKey),
  addRq: (local, _refs, requestId) =>
    salesTaxCodeAddRq(
      { name: local.name, isActive: local.active, isTaxable: local.taxable, desc: local.description ?? undefined },
      { requestId },
    ),
  modRq: (local, link, _refs, requestId) =>
    salesTaxCodeModRq(
      {
        listId: link.qbId,
        editSequence: link.editSequence,
        name: local.name,
        isActive: local.active,
        isTaxable: local.taxable,
        desc: local.description ?? undefined,
      },
      { requestId },
    ),
  applyImport: async (db, remote, localId) => {
    const data = salesTaxCodeInput.parse({
      name: remote.name ?? "",
      description: remote.desc ?? null,
      taxable: remote.isTaxable ?? true,
      active: remote.isActive ?? true,
    });
    const row = localId === null ? await salesTaxCodeList.create(db, data, null) : await salesTaxCodeList.update(db, localId, data, null);
    return row.id;
  },
};

/**
 * A list QuickBooks tells apart by name alone: the name is both what matches and what is taken. `rows` narrows a
 * table two types share (sales tax items and groups).
 */
export function nameMatching(table: typeof paymentMethods | typeof terms | typeof salesTaxCodes | typeof salesTaxItems, rows?: SQL) {
  return {
    matchKey: (local: { name: string }) => listKey(local.name),
    remoteMatchKey: (remote: { name?: string }) => listKey(remote.name),
    takenKey: (local: { name: string }) => listKey(local.name),
    remoteTakenKey: (remote: { name?: string }) => listKey(remote.name),
    localsSharingKeys: async (db: Queryable, remotes: readonly { name?: string }[]) => {
      const keys = remotes.flatMap((remote) => listKey(remote.name) ?? []);
      const found = await db
        .select({ id: table.id })
        .from(table)
        .where(and(inArray(table.nameKey, keys), rows));
      return found.map((row) => row.id);
    },
  };
}
