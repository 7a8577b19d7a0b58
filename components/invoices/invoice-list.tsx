"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatCents } from "@/lib/money";
import { syncStatusColumn, useSyncStatusFilter } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import type { TableColumn } from "@/components/ui/data-table";
import { RecordListPage } from "@/components/ui/record-list-page";
import { formatDate, todayDate } from "@/components/ui/format";
import { useTableUrlState } from "@/components/ui/use-table-url-state";
import { NcOnlyBadge } from "@/components/send-to-quickbooks/nc-only-badge";
import { useSendSelection } from "@/components/send-to-quickbooks/send-selection";
import { TaxDifferenceFlag } from "./tax-difference";
import { InvoiceStatusBadge } from "./status-badge";

type InvoiceRow = RouterOutputs["invoices"]["list"]["rows"][number];

function invoiceColumns(today: string): TableColumn<InvoiceRow>[] {
  return [
    {
      id: "number",
      header: "Number",
      accessorFn: (invoice) => invoice.number,
      cell: ({ row }) => (
        <Link href={`/invoices/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "customer", header: "Customer", accessorFn: (invoice) => invoice.customerName },
    { id: "txnDate", header: "Date", accessorFn: (invoice) => formatDate(invoice.txnDate) },
    {
      id: "dueDate",
      header: "Due",
      accessorFn: (invoice) => formatDate(invoice.dueDate),
      cell: ({ row }) => {
        const { dueDate, status, balanceCents } = row.original;
        const overdue = status === "final" && balanceCents > 0 && dueDate !== null && dueDate < today;
        return (
          <span className={overdue ? "font-medium text-red-700" : undefined}>
            {formatDate(dueDate)}
            {overdue ? <span className="ml-1 text-xs">(overdue)</span> : null}
          </span>
        );
      },
    },
    {
      id: "status",
      header: "Status",
      accessorFn: (invoice) => invoice.status,
      cell: ({ row }) => (
        <span className="inline-flex flex-wrap gap-1">
          <InvoiceStatusBadge status={row.original.status} />
          {row.original.ncOnly ? <NcOnlyBadge /> : null}
        </span>
      ),
    },
    {
      id: "total",
      header: "Total",
      meta: { align: "right" },
      accessorFn: (invoice) => formatCents(invoice.totalCents),
      // Flagged when QuickBooks computed another tax for it.
      cell: ({ row }) => (
        <span>
          {formatCents(row.original.totalCents)}
          <TaxDifferenceFlag invoice={row.original} />
        </span>
      ),
    },
    { id: "balance", header: "Balance", meta: { align: "right" }, accessorFn: (invoice) => formatCents(invoice.balanceCents) },
  ];
}

export function InvoiceList() {
  const trpc = useTRPC();
  const table = useTableUrlState({ sort: "txnDate", direction: "desc" });
  const sync = useSyncStatusFilter();
  const query = useQuery({
    ...trpc.invoices.list.queryOptions({ ...table.state, syncStatus: sync.status }),
    placeholderData: keepPreviousData,
  });
  const send = useSendSelection<InvoiceRow>(
    "invoices",
    table.state.search,
    query.data?.total ?? 0,
    (invoice) => `Invoice ${invoice.number}`,
    sync.status,
  );
  return (
    <RecordListPage
      title="Invoices"
      description="What your customers owe you. Payments can be applied to final invoices."
      newHref="/invoices/new"
      newLabel="New invoice"
      firstOneLabel="Write the first one"
      columns={[...send.columns, ...invoiceColumns(todayDate()), syncStatusColumn<InvoiceRow>()]}
      query={query}
      table={table}
      searchPlaceholder="Invoice number, customer or memo"
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
