"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { Contact, ContactKind } from "@/server/records/contacts";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ActiveBadge, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { useTableUrlState } from "@/components/ui/use-table-url-state";
import { CONTACT_WORDS } from "./words";

function contactColumns(kind: ContactKind): ColumnDef<Contact, unknown>[] {
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
  const { state, update, pageSizes } = useTableUrlState({ sort: "name" });
  const router = kind === "customer" ? trpc.customers : trpc.vendors;
  const query = useQuery({ ...router.list.queryOptions(state), placeholderData: keepPreviousData });

  return (
    <>
      <PageHeader
        title={words.plural}
        description={words.description}
        actions={
          <Button asChild>
            <Link href={`/${words.path}/new`}>New {words.singular}</Link>
          </Button>
        }
      />
      <DataTable
        label={words.plural}
        columns={contactColumns(kind)}
        rows={query.data?.rows}
        total={query.data?.total ?? 0}
        state={state}
        pageSizes={pageSizes}
        onStateChange={update}
        isLoading={query.isFetching}
        error={query.error?.message}
        searchPlaceholder="Name, company, email or phone"
        empty={
          state.search ? (
            <>No {words.plural.toLowerCase()} match “{state.search}”.</>
          ) : (
            <>
              No {words.plural.toLowerCase()} yet. <Link className="text-brand-700 underline" href={`/${words.path}/new`}>Add the first one</Link>, or
              import them from QuickBooks with the Sync Wizard.
            </>
          )
        }
      />
    </>
  );
}
