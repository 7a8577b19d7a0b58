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
import { useSendSelection } from "@/components/send-to-quickbooks/send-selection";

type BillPaymentRow = RouterOutputs["billPayments"]["list"]["rows"][number];

const COLUMNS: TableColumn<BillPaymentRow>[] = [
  { id: "vendor", header: "Vendor", accessorFn: (payment) => payment.vendorName },
  {
    id: "refNumber",
    header: "Check",
    accessorFn: (payment) => payment.refNumber ?? "",
    cell: ({ row }) => (
      <Link href={`/bill-payments/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.refNumber ?? "(to print)"}
      </Link>
    ),
  },
  { id: "txnDate", header: "Date", accessorFn: (payment) => formatDate(payment.txnDate) },
  { id: "bankAccount", header: "Bank account", accessorFn: (payment) => payment.bankAccountName },
  { id: "amount", header: "Amount", meta: { align: "right" }, accessorFn: (payment) => formatCents(payment.amountCents) },
];

export function BillPaymentList() {
  const trpc = useTRPC();
  const table = useTableUrlState({ sort: "txnDate", direction: "desc" });
  const sync = useSyncStatusFilter();
  const query = useQuery({
    ...trpc.billPayments.list.queryOptions({ ...table.state, syncStatus: sync.status }),
    placeholderData: keepPreviousData,
  });
  const send = useSendSelection<BillPaymentRow>(
    "billPayments",
    table.state.search,
    query.data?.total ?? 0,
    (payment) => `Check ${payment.refNumber ?? payment.id} to ${payment.vendorName}`,
    sync.status,
  );
  return (
    <RecordListPage
      title="Bill payments"
      description="Checks paying your vendors' bills."
      newHref="/bill-payments/new"
      newLabel="New bill payment"
      firstOneLabel="Pay the first bill"
      columns={[...send.columns, ...COLUMNS, syncStatusColumn<BillPaymentRow>()]}
      query={query}
      table={table}
      searchPlaceholder="Vendor, check number or memo"
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
