"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatCents } from "@/lib/money";
import { syncStatusColumn, useSyncStatusFilter } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { ActiveBadge } from "@/components/ui/card";
import type { TableColumn } from "@/components/ui/data-table";
import { RecordListPage } from "@/components/ui/record-list-page";
import { useTableUrlState } from "@/components/ui/use-table-url-state";
import { ITEM_KIND_LABELS } from "./words";

type ItemRow = RouterOutputs["items"]["list"]["rows"][number];

const ITEM_COLUMNS: TableColumn<ItemRow>[] = [
  {
    id: "name",
    header: "Name",
    // The full name ("Landscaping:Mulching"), so sorting by it keeps each category's sub-items together.
    accessorFn: (item) => item.fullName,
    cell: ({ row }) => (
      <Link href={`/items/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.fullName}
      </Link>
    ),
  },
  { id: "kind", header: "Kind", accessorFn: (item) => ITEM_KIND_LABELS[item.kind] },
  {
    id: "description",
    header: "Description",
    enableSorting: false,
    cell: ({ row }) => <span className="line-clamp-2 max-w-sm text-slate-600">{row.original.description}</span>,
  },
  {
    id: "salesPrice",
    header: "Sales price",
    meta: { align: "right" },
    accessorFn: (item) => (item.salesPriceCents === null ? "—" : formatCents(item.salesPriceCents)),
  },
  { id: "incomeAccount", header: "Income account", accessorFn: (item) => item.incomeAccount },
  { id: "taxable", header: "Taxable", enableSorting: false, accessorFn: (item) => (item.taxable ? "Yes" : "No") },
  { id: "active", header: "Status", enableSorting: false, cell: ({ row }) => <ActiveBadge active={row.original.active} /> },
  syncStatusColumn<ItemRow>(),
];

export function ItemList() {
  const trpc = useTRPC();
  const table = useTableUrlState({ sort: "name" });
  const sync = useSyncStatusFilter();
  const query = useQuery({
    ...trpc.items.list.queryOptions({ ...table.state, syncStatus: sync.status }),
    placeholderData: keepPreviousData,
  });
  return (
    <RecordListPage
      title="Items"
      description="The services and non-inventory parts you put on invoices."
      newHref="/items/new"
      newLabel="New item"
      firstOneLabel="Add the first one"
      columns={ITEM_COLUMNS}
      query={query}
      table={table}
      searchPlaceholder="Name or category, description or income account"
      toolbar={sync.select}
      filtered={sync.status !== undefined}
    />
  );
}
