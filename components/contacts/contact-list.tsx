"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ContactKind } from "@/server/records/contacts";
import { syncStatusColumn, useSyncStatusFilter } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { formatCents } from "@/lib/money";
import { ActiveBadge, Badge } from "@/components/ui/card";
import type { TableColumn } from "@/components/ui/data-table";
import { RecordListPage } from "@/components/ui/record-list-page";
import { Select } from "@/components/ui/input";
import { useTableUrlState, useUrlFilters } from "@/components/ui/use-table-url-state";
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
      id: "balance",
      header: "QuickBooks balance",
      enableSorting: false,
      cell: ({ row }) => <BalanceCell balance={row.original.balance} />,
    },
    {
      id: "updatedAt",
      header: "Last changed",
      accessorFn: (contact) => contact.updatedAt.toLocaleString(),
    },
  ];
}

const BALANCE_FILTER_KEYS = ["balance"] as const;

/** The amount QuickBooks reports, flagged when the synced invoices and payments here say otherwise. */
function BalanceCell({ balance }: { balance: ContactRow["balance"] }) {
  if (!balance?.quickBooks) return <span className="text-slate-400">—</span>;
  return (
    <span className="tabular-nums">
      {formatCents(balance.quickBooks.balanceCents)}
      {balance.difference ? (
        <Badge className="ml-2 bg-amber-100 text-amber-900" title={balance.difference.sentence}>
          Differs
        </Badge>
      ) : null}
    </span>
  );
}

export function ContactList({ kind }: { kind: ContactKind }) {
  const trpc = useTRPC();
  const words = CONTACT_WORDS[kind];
  const table = useTableUrlState({ sort: "name" });
  const router = kind === "customer" ? trpc.customers : trpc.vendors;
  const sync = useSyncStatusFilter();
  const { filters, setFilters } = useUrlFilters(BALANCE_FILTER_KEYS);
  const balance = filters.balance === "differs" ? ("differs" as const) : undefined;
  const query = useQuery({
    ...router.list.queryOptions({ ...table.state, syncStatus: sync.status, balance }),
    placeholderData: keepPreviousData,
  });
  const toolbar = (
    <div className="flex flex-wrap items-center gap-3">
      {sync.select}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <span>Balance</span>
        <Select className="w-56" value={balance ?? ""} onChange={(event) => setFilters({ balance: event.target.value || undefined })}>
          <option value="">Any balance</option>
          <option value="differs">Differs from QuickBooks</option>
        </Select>
      </label>
    </div>
  );

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
      toolbar={toolbar}
      filtered={sync.status !== undefined || balance !== undefined}
    />
  );
}
