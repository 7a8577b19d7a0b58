import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { contacts, invoices, paymentApplications, paymentMethods, payments } from "@/db/schema";
import {
  receivePaymentAddRq,
  receivePaymentModRq,
  receivePaymentQueryRq,
  type QbxmlRecord,
  type ReceivePaymentRecord,
} from "@/server/qbxml";
import { formatCents } from "@/lib/money";
import { linkByQbId } from "../links";
import { joinedKey, spellingsOf } from "./match-keys";
import { linkedLocal, optionalLinked, ownContact, proxiedName, sentCustomer } from "./transaction-refs";
import { scopeWithout, type EntityAdapter, type KeptHere, type RefResolver } from "./types";

export interface LocalPayment {
  id: number;
  customerId: number;
  customerName: string;
  /** The payment's own customer when it is sent as its proxy; null otherwise. */
  proxiedCustomerName: string | null;
  txnDate: string;
  amountCents: number;
  paymentMethodId: number | null;
  paymentMethodName: string | null;
  refNumber: string | null;
  memo: string | null;
  applications: { invoiceId: number; invoiceNumber: string; amountCents: number }[];
}

const PAYMENTS_KEPT_HERE: KeptHere[] = [
  { rows: eq(payments.ncOnly, true), reason: "It is NC Only: kept in Ledgerbridge, never sent to QuickBooks." },
];

/** Payments are exported once saved, unless NC Only. */
export const paymentAdapter: EntityAdapter<LocalPayment, ReceivePaymentRecord> = {
  type: "payment",
  noun: "payment",
  level: 8,
  idKind: "txn",
  table: payments,
  scope: scopeWithout(undefined, PAYMENTS_KEPT_HERE),
  keptHere: PAYMENTS_KEPT_HERE,
  sendRequested: isNotNull(payments.sendRequestedAt),
  sendRequestedAt: payments.sendRequestedAt,
  canModify: true,
  discovery: [
    {
      key: "ReceivePayment",
      iterates: true,
      build: (from, maxReturned, options) =>
        receivePaymentQueryRq(
          { maxReturned, modifiedDateRange: from === undefined ? undefined : { from }, includeLineItems: true },
          options,
        ),
    },
  ],
  owns: (record: QbxmlRecord): record is ReceivePaymentRecord => record.kind === "ReceivePayment",
  loadLocal: loadPayments,
  label: (local) => {
    const asProxy = local.proxiedCustomerName ? ` (as ${local.customerName})` : "";
    const reference = local.refNumber ? ` (#${local.refNumber})` : "";
    return `Payment from ${local.proxiedCustomerName ?? local.customerName}${asProxy} on ${local.txnDate}${reference}`;
  },
  fields: (local) => ({
    customer: local.customerName,
    txnDate: local.txnDate,
    amount: local.amountCents,
    paymentMethod: local.paymentMethodName,
    refNumber: local.refNumber,
    memo: local.memo,
    applications: JSON.stringify(local.applications.map((application) => [application.invoiceNumber, application.amountCents])),
  }),
  parents: (local) => [
    { type: "customer", localId: local.customerId, name: local.customerName },
    ...(local.paymentMethodId === null
      ? []
      : [{ type: "paymentMethod" as const, localId: local.paymentMethodId, name: local.paymentMethodName ?? "" }]),
    ...local.applications.map((application) => ({
      type: "invoice" as const,
      localId: application.invoiceId,
      name: `Invoice ${application.invoiceNumber}`,
    })),
  ],
  // A payment has no number of its own: it is the same one when customer, date, amount and reference agree.
  matchKey: (local) => joinedKey(local.customerName, local.txnDate, local.amountCents, local.refNumber),
  remoteMatchKey: (remote) => joinedKey(remote.customer?.fullName, remote.txnDate, remote.totalAmount ?? 0, remote.refNumber),
  // A customer's check number used on two different payments is a mistake on one side.
  takenKey: (local) => (local.refNumber?.trim() ? joinedKey(local.customerName, local.refNumber) : null),
  remoteTakenKey: (remote) => (remote.refNumber?.trim() ? joinedKey(remote.customer?.fullName, remote.refNumber) : null),
  localsSharingKeys: async (db, remotes) => {
    const dates = remotes.flatMap((remote) => remote.txnDate ?? []);
    const references = remotes.map((remote) => remote.refNumber);
    const rows = await db
      .select({ id: payments.id })
      .from(payments)
      .where(or(inArray(payments.txnDate, dates), spellingsOf(payments.refNumber, references)));
    return rows.map((row) => row.id);
  },
  matchHints: ["paymentMethod", "applications"],
  remoteId: (remote) => remote.txnId,
  remoteLabel: (remote) => `Payment from ${remote.customer?.fullName ?? "?"} on ${remote.txnDate ?? "?"}`,
  remoteFields: (remote) => ({
    customer: remote.customer?.fullName ?? null,
    txnDate: remote.txnDate ?? null,
    amount: remote.totalAmount ?? null,
    paymentMethod: remote.paymentMethod?.fullName ?? null,
    refNumber: remote.refNumber ?? null,
    memo: remote.memo ?? null,
    applications: JSON.stringify(remote.appliedTo.map((applied) => [applied.refNumber ?? "", applied.amount ?? 0])),
  }),
  queryById: (qbId, requestId) => receivePaymentQueryRq({ txnIds: [qbId], includeLineItems: true }, { requestId }),
  // A payment has no number of its own: look for the customer's payments on that date and match amount and reference.
  queryForLookup: (local, requestId) =>
    receivePaymentQueryRq(
      { entity: { fullNames: [local.customerName] }, txnDateRange: { from: local.txnDate, to: local.txnDate }, includeLineItems: true },
      { requestId },
    ),
  matchLookup: (local, found) =>
    found.find((record) => record.totalAmount === local.amountCents && (record.refNumber ?? null) === local.refNumber),
  addRq: (local, refs, requestId) => {
    const appliedTo = paymentApplicationsFor(local, refs);
    const body = {
      customer: refs.ref("customer", local.customerId, local.customerName),
      ...paymentBody(local, refs),
    };
    return receivePaymentAddRq(appliedTo.length > 0 ? { ...body, appliedTo } : { ...body, isAutoApply: false }, { requestId });
  },
  modRq: (local, link, refs, requestId) =>
    receivePaymentModRq(
      {
        txnId: link.qbId,
        editSequence: link.editSequence,
        customer: refs.ref("customer", local.customerId, local.customerName),
        ...paymentBody(local, refs),
        appliedTo: paymentApplicationsFor(local, refs),
      },
      { requestId },
    ),
  applyImport: (db, remote, localId) => applyPaymentImport(db, remote, localId),
  applyDeletion: async (db, localId) => {
    await db.delete(paymentApplications).where(eq(paymentApplications.paymentId, localId));
    await db.delete(payments).where(eq(payments.id, localId));
  },
};

async function applyPaymentImport(db: Queryable, remote: ReceivePaymentRecord, localId: number | null) {
  const [saved] =
    localId === null ? [] : await db.select({ customerId: payments.customerId }).from(payments).where(eq(payments.id, localId));
  const customerId = await ownContact(db, saved?.customerId, await linkedLocal(db, "customer", remote.customer, "customer"));
  const paymentMethodId = await optionalLinked(db, "paymentMethod", remote.paymentMethod);
  const head = {
    customerId,
    txnDate: remote.txnDate ?? new Date().toISOString().slice(0, 10),
    amountCents: remote.totalAmount ?? 0,
    paymentMethodId,
    refNumber: remote.refNumber ?? null,
    memo: remote.memo ?? null,
    updatedAt: new Date(),
    updatedBy: null,
  };
  const applications: { invoiceId: number; amountCents: number }[] = [];
  const skipped: string[] = [];
  for (const applied of remote.appliedTo) {
    const link = applied.txnId ? await linkByQbId(db, "invoice", applied.txnId) : undefined;
    if (!link) {
      skipped.push(`${applied.refNumber ?? applied.txnId ?? "?"} (${formatCents(applied.amount ?? 0)})`);
      continue;
    }
    const existing = applications.find((application) => application.invoiceId === link.localId);
    if (existing) existing.amountCents += applied.amount ?? 0;
    else applications.push({ invoiceId: link.localId, amountCents: applied.amount ?? 0 });
  }
  let id = localId;
  if (id === null) {
    const [row] = await db.insert(payments).values(head).returning({ id: payments.id });
    id = row!.id;
  } else {
    await db.update(payments).set(head).where(eq(payments.id, id));
    await db.delete(paymentApplications).where(eq(paymentApplications.paymentId, id));
  }
  if (applications.length > 0) {
    await db.insert(paymentApplications).values(applications.map((application) => ({ ...application, paymentId: id! })));
  }
  const warning =
    skipped.length === 0
      ? null
      : `Imported, but not applied to invoice ${skipped.join(", ")}: not linked here. Import that invoice, then apply the payment by hand.`;
  return { localId: id, warning };
}

function paymentBody(local: LocalPayment, refs: RefResolver) {
  return {
    txnDate: local.txnDate,
    refNumber: local.refNumber ?? undefined,
    totalAmount: local.amountCents,
    paymentMethod:
      local.paymentMethodId === null ? undefined : refs.ref("paymentMethod", local.paymentMethodId, local.paymentMethodName ?? ""),
    memo: local.memo ?? undefined,
  };
}

/** Applications to invoices QuickBooks knows; the drain holds the payment back until every invoice is linked. */
function paymentApplicationsFor(local: LocalPayment, refs: RefResolver) {
  return local.applications.flatMap((application) => {
    const txnId = refs.qbId("invoice", application.invoiceId);
    return txnId === undefined ? [] : [{ txnId, paymentAmount: application.amountCents }];
  });
}

async function loadPayments(db: Queryable, ids: readonly number[]): Promise<LocalPayment[]> {
  if (ids.length === 0) return [];
  const heads = await db
    .select({
      id: payments.id,
      customerId: sentCustomer.id,
      customerName: sentCustomer.name,
      proxiedCustomerName: proxiedName(contacts),
      txnDate: payments.txnDate,
      amountCents: payments.amountCents,
      paymentMethodId: payments.paymentMethodId,
      paymentMethodName: paymentMethods.name,
      refNumber: payments.refNumber,
      memo: payments.memo,
    })
    .from(payments)
    .innerJoin(contacts, eq(contacts.id, payments.customerId))
    .innerJoin(sentCustomer, eq(sentCustomer.id, sql`coalesce(${contacts.proxyId}, ${contacts.id})`))
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.paymentMethodId))
    .where(inArray(payments.id, [...ids]));
  const applications = await db
    .select({
      paymentId: paymentApplications.paymentId,
      invoiceId: paymentApplications.invoiceId,
      invoiceNumber: invoices.number,
      amountCents: paymentApplications.amountCents,
    })
    .from(paymentApplications)
    .innerJoin(invoices, eq(invoices.id, paymentApplications.invoiceId))
    .where(and(inArray(paymentApplications.paymentId, [...ids])));
  return heads.map((head) => ({
    ...head,
    applications: applications.filter((row) => row.paymentId === head.id).map(({ paymentId: _paymentId, ...row }) => row),
  }));
}
