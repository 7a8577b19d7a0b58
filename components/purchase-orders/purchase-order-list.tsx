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
import { PurchaseOrderStateBadge } from "./state-badge";

type PurchaseOrderRow = RouterOutputs["purchaseOrders"]["list"]["rows"][number];

const COLUMNS: TableColumn<PurchaseOrderRow>[] = [
  {
    id: "number",
    header: "PO number",
    accessorFn: (order) => order.number,
    cell: ({ row }) => (
      <Link href={`/purchase-orders/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.number}
      </Link>
    ),
  },
  { id: "vendor", header: "Vendor", accessorFn: (order) => order.vendorName },
  { id: "txnDate", header: "Date", accessorFn: (order) => formatDate(order.txnDate) },
  { id: "expectedDate", header: "Expected", accessorFn: (order) => formatDate(order.expectedDate) },
  {
    id: "state",
    header: "State",
    accessorFn: (order) => order.state,
    cell: ({ row }) => <PurchaseOrderStateBadge state={row.original.state} />,
  },
  { id: "total", header: "Total", meta: { align: "right" }, accessorFn: (order) => formatCents(order.totalCents) },
];

export function PurchaseOrderList() {
  const trpc = useTRPC();
  const table = useTableUrlState({ sort: "txnDate", direction: "desc" });
  const sync = useSyncStatusFilter();
  const query = useQuery({
    ...trpc.purchaseOrders.list.queryOptions({ ...table.state, syncStatus: sync.status }),
    placeholderData: keepPreviousData,
  });
  const send = useSendSelection<PurchaseOrderRow>(
    "purchaseOrders",
    table.state.search,
    query.data?.total ?? 0,
    (order) => `Purchase order ${order.number}`,
    sync.status,
  );
  return (
    <RecordListPage
      title="Purchase orders"
      description="Materials ordered from vendors for jobs. QuickBooks says when they are received."
      newHref="/purchase-orders/new"
      newLabel="New purchase order"
      firstOneLabel="Enter the first one"
      columns={[...send.columns, ...COLUMNS, syncStatusColumn<PurchaseOrderRow>()]}
      query={query}
      table={table}
      searchPlaceholder="PO number, vendor or memo"
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
