"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { Item } from "@/server/records/items";
import { formatCents } from "@/server/records/fields";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ActiveBadge, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { useTableUrlState } from "@/components/ui/use-table-url-state";
import { ITEM_KIND_LABELS } from "./words";

const ITEM_COLUMNS: ColumnDef<Item, unknown>[] = [
  {
    id: "name",
    header: "Name",
    accessorFn: (item) => item.name,
    cell: ({ row }) => (
      <Link href={`/items/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.name}
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
];

export function ItemList() {
  const trpc = useTRPC();
  const { state, update, pageSizes } = useTableUrlState({ sort: "name" });
  const query = useQuery({ ...trpc.items.list.queryOptions(state), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader
        title="Items"
        description="The services and non-inventory parts you put on invoices."
        actions={
          <Button asChild>
            <Link href="/items/new">New item</Link>
          </Button>
        }
      />
      <DataTable
        label="Items"
        columns={ITEM_COLUMNS}
        rows={query.data?.rows}
        total={query.data?.total ?? 0}
        state={state}
        pageSizes={pageSizes}
        onStateChange={update}
        isLoading={query.isFetching}
        error={query.error?.message}
        searchPlaceholder="Name, description or income account"
        empty={
          state.search ? (
            <>No items match “{state.search}”.</>
          ) : (
            <>
              No items yet. <Link className="text-brand-700 underline" href="/items/new">Add the first one</Link>.
            </>
          )
        }
      />
    </>
  );
}
