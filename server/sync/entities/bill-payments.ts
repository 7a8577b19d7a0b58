import { eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { accounts, billPaymentApplications, billPayments, bills, contacts } from "@/db/schema";
import {
  billPaymentCheckAddRq,
  billPaymentCheckModRq,
  billPaymentCheckQueryRq,
  type BillPaymentCheckRecord,
  type QbxmlRecord,
} from "@/server/qbxml";
import { formatCents } from "@/lib/money";
import { linkByQbId } from "../links";
import { joinedKey, spellingsOf } from "./match-keys";
import { linkedLocal, ownContact, proxiedName, sentVendor } from "./transaction-refs";
import type { EntityAdapter, RefResolver } from "./types";

export interface LocalBillPayment {
  id: number;
  vendorId: number;
  vendorName: string;
  /** The payment's own vendor when it is sent as its proxy; null otherwise. */
  proxiedVendorName: string | null;
  txnDate: string;
  bankAccountId: number;
  bankAccountName: string;
  refNumber: string | null;
  memo: string | null;
  amountCents: number;
  applications: { billId: number; billLabel: string; amountCents: number }[];
}

/** Checks paying bills (BillPaymentCheck): exported once saved; each waits for the bills it pays. */
export const billPaymentAdapter: EntityAdapter<LocalBillPayment, BillPaymentCheckRecord> = {
  type: "billPayment",
  noun: "bill payment",
  level: 9,
  idKind: "txn",
  table: billPayments,
  sendRequested: isNotNull(billPayments.sendRequestedAt),
  sendRequestedAt: billPayments.sendRequestedAt,
  canModify: true,
  discovery: [
    {
      key: "BillPaymentCheck",
      iterates: true,
      build: (from, maxReturned, options) =>
        billPaymentCheckQueryRq(
          { maxReturned, modifiedDateRange: from === undefined ? undefined : { from }, includeLineItems: true },
          options,
        ),
    },
  ],
  owns: (record: QbxmlRecord): record is BillPaymentCheckRecord => record.kind === "BillPaymentCheck",
  loadLocal: loadBillPayments,
  label: (local) => {
    const check = local.refNumber ? ` (check ${local.refNumber})` : "";
    return `Bill payment to ${local.proxiedVendorName ?? local.vendorName} on ${local.txnDate}${check}`;
  },
  fields: (local) => ({
    vendor: local.vendorName,
    txnDate: local.txnDate,
    bankAccount: local.bankAccountName,
    amount: local.amountCents,
    refNumber: local.refNumber,
    memo: local.memo,
    applications: JSON.stringify(local.applications.map((application) => [application.billLabel, application.amountCents])),
  }),
  parents: (local) => [
    { type: "vendor", localId: local.vendorId, name: local.vendorName },
    { type: "account", localId: local.bankAccountId, name: local.bankAccountName },
    ...local.applications.map((application) => ({ type: "bill" as const, localId: application.billId, name: application.billLabel })),
  ],
  // A check is the same one when vendor, date, amount and check number agree.
  matchKey: (local) => joinedKey(local.vendorName, local.txnDate, local.amountCents, local.refNumber),
  remoteMatchKey: (remote) => joinedKey(remote.payee?.fullName, remote.txnDate, remote.amount ?? 0, remote.refNumber),
  takenKey: (local) => (local.refNumber?.trim() ? joinedKey(local.vendorName, local.refNumber) : null),
  remoteTakenKey: (remote) => (remote.refNumber?.trim() ? joinedKey(remote.payee?.fullName, remote.refNumber) : null),
  localsSharingKeys: async (db, remotes) => {
    const dates = remotes.flatMap((remote) => remote.txnDate ?? []);
    const rows = await db
      .select({ id: billPayments.id })
      .from(billPayments)
      .where(
        or(
          inArray(billPayments.txnDate, dates),
          spellingsOf(
            billPayments.refNumber,
            remotes.map((remote) => remote.refNumber),
          ),
        ),
      );
    return rows.map((row) => row.id);
  },
  matchHints: ["bankAccount", "applications"],
  remoteId: (remote) => remote.txnId,
  remoteLabel: (remote) => `Bill payment to ${remote.payee?.fullName ?? "?"} on ${remote.txnDate ?? "?"}`,
  remoteFields: (remote) => ({
    vendor: remote.payee?.fullName ?? null,
    txnDate: remote.txnDate ?? null,
    bankAccount: remote.bankAccount?.fullName ?? null,
    amount: remote.amount ?? null,
    refNumber: remote.refNumber ?? null,
    memo: remote.memo ?? null,
    applications: JSON.stringify(
      remote.appliedTo.map((applied) => [billLabel(applied.refNumber ?? null, applied.txnDate ?? ""), applied.amount ?? 0]),
    ),
  }),
  queryById: (qbId, requestId) => billPaymentCheckQueryRq({ txnIds: [qbId], includeLineItems: true }, { requestId }),
  queryForLookup: (local, requestId) =>
    billPaymentCheckQueryRq(
      { entity: { fullNames: [local.vendorName] }, txnDateRange: { from: local.txnDate, to: local.txnDate }, includeLineItems: true },
      { requestId },
    ),
  matchLookup: (local, found) =>
    found.find((record) => record.amount === local.amountCents && (record.refNumber ?? null) === local.refNumber),
  addRq: (local, refs, requestId) =>
    billPaymentCheckAddRq(
      {
        payee: refs.ref("vendor", local.vendorId, local.vendorName),
        txnDate: local.txnDate,
        bankAccount: refs.ref("account", local.bankAccountId, local.bankAccountName),
        refNumber: local.refNumber ?? undefined,
        memo: local.memo ?? undefined,
        appliedTo: appliedToBills(local, refs),
      },
      { requestId },
    ),
  modRq: (local, link, refs, requestId) =>
    billPaymentCheckModRq(
      {
        txnId: link.qbId,
        editSequence: link.editSequence,
        txnDate: local.txnDate,
        bankAccount: refs.ref("account", local.bankAccountId, local.bankAccountName),
        amount: local.amountCents,
        refNumber: local.refNumber ?? undefined,
        memo: local.memo ?? undefined,
        appliedTo: appliedToBills(local, refs),
      },
      { requestId },
    ),
  applyImport: (db, remote, localId) => applyBillPaymentImport(db, remote, localId),
  applyDeletion: async (db, localId) => {
    await db.delete(billPaymentApplications).where(eq(billPaymentApplications.billPaymentId, localId));
    await db.delete(billPayments).where(eq(billPayments.id, localId));
  },
};

/** How a bill is named in a payment's applications: its reference, or its date when it has none. */
function billLabel(refNumber: string | null, txnDate: string): string {
  return refNumber ? `Bill ${refNumber}` : `Bill of ${txnDate}`;
}

/** The bills QuickBooks knows; the drain holds the payment back until every bill is linked. */
function appliedToBills(local: LocalBillPayment, refs: RefResolver) {
  return local.applications.flatMap((application) => {
    const txnId = refs.qbId("bill", application.billId);
    return txnId === undefined ? [] : [{ txnId, paymentAmount: application.amountCents }];
  });
}

async function applyBillPaymentImport(db: Queryable, remote: BillPaymentCheckRecord, localId: number | null) {
  const [saved] =
    localId === null ? [] : await db.select({ vendorId: billPayments.vendorId }).from(billPayments).where(eq(billPayments.id, localId));
  const vendorId = await ownContact(db, saved?.vendorId, await linkedLocal(db, "vendor", remote.payee, "vendor"));
  const bankAccountId = await linkedLocal(db, "account", remote.bankAccount, "account");
  const applications: { billId: number; amountCents: number }[] = [];
  const skipped: string[] = [];
  for (const applied of remote.appliedTo) {
    const link = applied.txnId ? await linkByQbId(db, "bill", applied.txnId) : undefined;
    if (!link) skipped.push(`${applied.refNumber ?? applied.txnId ?? "?"} (${formatCents(applied.amount ?? 0)})`);
    else applications.push({ billId: link.localId, amountCents: applied.amount ?? 0 });
  }
  const head = {
    vendorId,
    txnDate: remote.txnDate ?? new Date().toISOString().slice(0, 10),
    bankAccountId,
    refNumber: remote.refNumber ?? null,
    memo: remote.memo ?? null,
    amountCents: remote.amount ?? 0,
    updatedAt: new Date(),
    updatedBy: null,
  };
  let id = localId;
  if (id === null) {
    const [row] = await db.insert(billPayments).values(head).returning({ id: billPayments.id });
    id = row!.id;
  } else {
    await db.update(billPayments).set(head).where(eq(billPayments.id, id));
    await db.delete(billPaymentApplications).where(eq(billPaymentApplications.billPaymentId, id));
  }
  if (applications.length > 0) {
    await db.insert(billPaymentApplications).values(applications.map((application) => ({ ...application, billPaymentId: id! })));
  }
  const warning =
    skipped.length === 0 ? null : `Imported, but not applied to bill ${skipped.join(", ")}: not linked here. Import that bill first.`;
  return { localId: id, warning };
}

async function loadBillPayments(db: Queryable, ids: readonly number[]): Promise<LocalBillPayment[]> {
  if (ids.length === 0) return [];
  const heads = await db
    .select({
      id: billPayments.id,
      vendorId: sentVendor.id,
      vendorName: sentVendor.name,
      proxiedVendorName: proxiedName(contacts),
      txnDate: billPayments.txnDate,
      bankAccountId: billPayments.bankAccountId,
      bankAccountName: accounts.fullName,
      refNumber: billPayments.refNumber,
      memo: billPayments.memo,
      amountCents: billPayments.amountCents,
    })
    .from(billPayments)
    .innerJoin(contacts, eq(contacts.id, billPayments.vendorId))
    // The contacts alias stands for the vendor: the record QuickBooks holds the check under.
    .innerJoin(sentVendor, eq(sentVendor.id, sql`coalesce(${contacts.proxyId}, ${contacts.id})`))
    .innerJoin(accounts, eq(accounts.id, billPayments.bankAccountId))
    .where(inArray(billPayments.id, [...ids]));
  const applications = await db
    .select({
      billPaymentId: billPaymentApplications.billPaymentId,
      billId: billPaymentApplications.billId,
      refNumber: bills.refNumber,
      txnDate: bills.txnDate,
      amountCents: billPaymentApplications.amountCents,
    })
    .from(billPaymentApplications)
    .innerJoin(bills, eq(bills.id, billPaymentApplications.billId))
    .where(inArray(billPaymentApplications.billPaymentId, [...ids]));
  return heads.map((head) => ({
    ...head,
    applications: applications
      .filter((row) => row.billPaymentId === head.id)
      .map((row) => ({ billId: row.billId, billLabel: billLabel(row.refNumber, row.txnDate), amountCents: row.amountCents })),
  }));
}
