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

type BillRow = RouterOutputs["bills"]["list"]["rows"][number];

const BILL_COLUMNS: TableColumn<BillRow>[] = [
  { id: "vendor", header: "Vendor", accessorFn: (bill) => bill.vendorName },
  {
    id: "refNumber",
    header: "Reference",
    accessorFn: (bill) => bill.refNumber ?? "",
    cell: ({ row }) => (
      <Link href={`/bills/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.refNumber ?? "(no reference)"}
      </Link>
    ),
  },
  { id: "txnDate", header: "Date", accessorFn: (bill) => formatDate(bill.txnDate) },
  { id: "dueDate", header: "Due", accessorFn: (bill) => formatDate(bill.dueDate) },
  { id: "total", header: "Total", meta: { align: "right" }, accessorFn: (bill) => formatCents(bill.totalCents) },
  {
    id: "openAmount",
    header: "Open in QuickBooks",
    meta: { align: "right" },
    accessorFn: (bill) => (bill.openAmountCents === null ? "—" : bill.isPaid ? "Paid" : formatCents(bill.openAmountCents)),
  },
];

export function BillList() {
  const trpc = useTRPC();
  const table = useTableUrlState({ sort: "txnDate", direction: "desc" });
  const sync = useSyncStatusFilter();
  const query = useQuery({
    ...trpc.bills.list.queryOptions({ ...table.state, syncStatus: sync.status }),
    placeholderData: keepPreviousData,
  });
  const send = useSendSelection<BillRow>(
    "bills",
    table.state.search,
    query.data?.total ?? 0,
    (bill) => `Bill ${bill.refNumber ?? bill.id} from ${bill.vendorName}`,
    sync.status,
  );
  return (
    <RecordListPage
      title="Bills"
      description="What you owe your vendors for materials and services. QuickBooks says what is still open."
      newHref="/bills/new"
      newLabel="New bill"
      firstOneLabel="Enter the first one"
      columns={[...send.columns, ...BILL_COLUMNS, syncStatusColumn<BillRow>()]}
      query={query}
      table={table}
      searchPlaceholder="Vendor, reference or memo"
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
