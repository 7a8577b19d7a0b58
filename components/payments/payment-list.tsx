"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatCents } from "@/lib/money";
import { syncStatusColumn, useSyncStatusFilter } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import type { TableColumn } from "@/components/ui/data-table";
import { RecordListPage } from "@/components/ui/record-list-page";
import { formatDate } from "@/components/ui/format";
import { useTableUrlState } from "@/components/ui/use-table-url-state";
import { NcOnlyBadge } from "@/components/send-to-quickbooks/nc-only-badge";
import { useSendSelection } from "@/components/send-to-quickbooks/send-selection";

type PaymentRow = RouterOutputs["payments"]["list"]["rows"][number];

const PAYMENT_COLUMNS: TableColumn<PaymentRow>[] = [
  {
    id: "txnDate",
    header: "Date",
    accessorFn: (payment) => payment.txnDate,
    cell: ({ row }) => (
      <Link
        href={`/payments/${row.original.id}`}
        aria-label={`Payment from ${row.original.customerName} on ${formatDate(row.original.txnDate)}`}
        className="font-medium text-brand-700 hover:underline"
      >
        {formatDate(row.original.txnDate)}
      </Link>
    ),
  },
  {
    id: "customer",
    header: "Customer",
    accessorFn: (payment) => payment.customerName,
    cell: ({ row }) => (
      <span className="inline-flex flex-wrap items-center gap-2">
        {row.original.customerName}
        {row.original.ncOnly ? <NcOnlyBadge /> : null}
      </span>
    ),
  },
  { id: "amount", header: "Amount", meta: { align: "right" }, accessorFn: (payment) => formatCents(payment.amountCents) },
  { id: "paymentMethod", header: "Method", accessorFn: (payment) => payment.paymentMethodName ?? "" },
  { id: "refNumber", header: "Ref. no.", accessorFn: (payment) => payment.refNumber ?? "" },
  {
    id: "applied",
    header: "Applied",
    enableSorting: false,
    meta: { align: "right" },
    accessorFn: (payment) => formatCents(payment.appliedCents),
  },
  {
    id: "unapplied",
    header: "Unapplied",
    enableSorting: false,
    meta: { align: "right" },
    cell: ({ row }) => {
      const unapplied = row.original.amountCents - row.original.appliedCents;
      return <span className={unapplied > 0 ? "font-medium text-amber-700" : "text-slate-500"}>{formatCents(unapplied)}</span>;
    },
  },
];

export function PaymentList() {
  const trpc = useTRPC();
  const table = useTableUrlState({ sort: "txnDate", direction: "desc" });
  const sync = useSyncStatusFilter();
  const query = useQuery({
    ...trpc.payments.list.queryOptions({ ...table.state, syncStatus: sync.status }),
    placeholderData: keepPreviousData,
  });
  const send = useSendSelection<PaymentRow>(
    "payments",
    table.state.search,
    query.data?.total ?? 0,
    (payment) => `Payment from ${payment.customerName} on ${formatDate(payment.txnDate)}`,
    sync.status,
  );
  return (
    <RecordListPage
      title="Payments"
      description="Money received from customers, and the invoices it pays."
      newHref="/payments/new"
      newLabel="New payment"
      firstOneLabel="Record the first one"
      columns={[...send.columns, ...PAYMENT_COLUMNS, syncStatusColumn<PaymentRow>()]}
      query={query}
      table={table}
      searchPlaceholder="Customer, ref. no. or memo"
      toolbar={
        <>
          {sync.select}
          {send.toolbar}
        </>
      }
      filtered={sync.status !== undefined}
    />
  );
}
