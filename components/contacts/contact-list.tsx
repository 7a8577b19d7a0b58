"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ContactKind } from "@/server/records/contacts";
import { syncStatusColumn, useSyncStatusFilter } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { ActiveBadge } from "@/components/ui/card";
import type { TableColumn } from "@/components/ui/data-table";
import { RecordListPage } from "@/components/ui/record-list-page";
import { useTableUrlState } from "@/components/ui/use-table-url-state";
import { CONTACT_WORDS } from "./words";

type ContactRow = RouterOutputs["customers"]["list"]["rows"][number];

function contactColumns(kind: ContactKind): TableColumn<ContactRow>[] {
  return [
    {
      id: "name",
      header: "Name",
      accessorFn: (contact) => contact.name,
      cell: ({ row }) => (
        <Link href={`/${CONTACT_WORDS[kind].path}/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    { id: "companyName", header: "Company", accessorFn: (contact) => contact.companyName ?? "" },
    { id: "email", header: "Email", accessorFn: (contact) => contact.email ?? "" },
    { id: "phone", header: "Phone", accessorFn: (contact) => contact.phone ?? "" },
    {
      id: "active",
      header: "Status",
      enableSorting: false,
      cell: ({ row }) => <ActiveBadge active={row.original.active} />,
    },
    syncStatusColumn<ContactRow>(),
    {
      id: "updatedAt",
      header: "Last changed",
      accessorFn: (contact) => contact.updatedAt.toLocaleString(),
    },
  ];
}

export function ContactList({ kind }: { kind: ContactKind }) {
  const trpc = useTRPC();
  const words = CONTACT_WORDS[kind];
  const table = useTableUrlState({ sort: "name" });
  const router = kind === "customer" ? trpc.customers : trpc.vendors;
  const sync = useSyncStatusFilter();
  const query = useQuery({ ...router.list.queryOptions({ ...table.state, syncStatus: sync.status }), placeholderData: keepPreviousData });

  return (
    <RecordListPage
      title={words.plural}
      description={words.description}
      newHref={`/${words.path}/new`}
      newLabel={`New ${words.singular}`}
      firstOneLabel="Add the first one"
      emptyHint={", or import them from QuickBooks with the Sync Wizard."}
      columns={contactColumns(kind)}
      query={query}
      table={table}
      searchPlaceholder="Name, company, email or phone"
      toolbar={sync.select}
      filtered={sync.status !== undefined}
    />
  );
}
