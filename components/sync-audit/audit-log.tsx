"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import Link from "next/link";
import { SyncNav } from "@/components/sync/sync-nav";
import { ENTITY_WORDS, isEntityType, recordPage } from "@/components/sync/words";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, PageHeader } from "@/components/ui/card";
import { awaitingRows, DataTable, type TableColumn } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { Select } from "@/components/ui/input";
import { useTableUrlState, useUrlFilters, type TableState } from "@/components/ui/use-table-url-state";

type AuditRow = RouterOutputs["sync"]["auditLog"]["rows"][number];
type AuditAction = AuditRow["action"];

const ACTION_WORDS: Record<AuditAction, string> = {
  approve: "Approved",
  dismiss: "Cleared",
  resync: "Resynced",
  clear_id: "Cleared the QuickBooks ID",
  resolve: "Resolved a conflict or match",
  undo_import: "Undid the last import",
  settings: "Changed a setting",
  dismiss_failure: "Dismissed a failure",
  restore: "Restored a failure",
  user: "Added or changed a user",
};

const FILTER_KEYS = ["action"] as const;

function auditColumns(onRestore: (syncItemId: number) => void, busy: boolean): TableColumn<AuditRow>[] {
  return [
    ...columns,
    {
      id: "undo",
      header: () => <span className="sr-only">Undo</span>,
      enableSorting: false,
      cell: ({ row }) =>
        row.original.restorable && row.original.syncItemId !== null ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={busy}
            onClick={() => onRestore(row.original.syncItemId!)}
            aria-label={`Restore the failure of ${row.original.label ?? "this record"}`}
          >
            Restore
          </Button>
        ) : null,
    },
  ];
}

const columns: TableColumn<AuditRow>[] = [
  { id: "at", header: "When", accessorFn: (row) => formatDateTime(row.at) },
  { id: "userName", header: "Who", accessorFn: (row) => row.userName },
  { id: "action", header: "Did", accessorFn: (row) => ACTION_WORDS[row.action] },
  {
    id: "record",
    header: "Record",
    enableSorting: false,
    cell: ({ row }) => {
      const { entityType, localId, label } = row.original;
      const type = entityType !== null && isEntityType(entityType) ? entityType : null;
      const href = type ? recordPage(type, localId) : null;
      const name = label ?? (type ? ENTITY_WORDS[type].label : "—");
      return href ? (
        <Link href={href} className="font-medium text-brand-700 hover:underline">
          {name}
        </Link>
      ) : (
        <span>{name}</span>
      );
    },
  },
  { id: "detail", header: "Detail", enableSorting: false, accessorFn: (row) => row.detail ?? "" },
];

/** The CSV route with exactly the filter, search and sort on screen. */
function csvHref(action: AuditAction | undefined, state: TableState): string {
  const query = new URLSearchParams();
  if (action) query.set("action", action);
  if (state.search) query.set("q", state.search);
  if (state.sort) query.set("sort", state.sort);
  query.set("dir", state.direction);
  return `/api/reports/audit.csv?${query.toString()}`;
}

/** The audit log: every approval, clearing, resync, Clear ID, conflict resolution, undo, setting and user change. */
export function AuditLog() {
  const trpc = useTRPC();
  const { state, update, pageSizes } = useTableUrlState({ sort: "at", direction: "desc" });
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const action = filters.action && filters.action in ACTION_WORDS ? (filters.action as AuditAction) : undefined;
  const query = useQuery({ ...trpc.sync.auditLog.queryOptions({ ...state, action }), placeholderData: keepPreviousData });
  const queryClient = useQueryClient();
  const restore = useMutation(
    trpc.sync.restoreFailures.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() }) }),
  );
  return (
    <>
      <SyncNav />
      <PageHeader
        title="Audit log"
        description="Who approved, cleared, resynced or changed what in the sync, its settings and its users, and when. Automatic rules appear under their own name."
        actions={
          <Button variant="secondary" asChild>
            <a href={csvHref(action, state)} download>
              <Download size={16} aria-hidden /> Download CSV
            </a>
          </Button>
        }
      />
      {restore.error ? <Alert className="mb-4">{restore.error.message}</Alert> : null}
      {restore.isSuccess ? (
        <Alert tone="success" className="mb-4">
          Restored: the failure is back on{" "}
          <Link href="/sync/unsynced" className="font-medium underline">
            Unsynced Entities
          </Link>
          .
        </Alert>
      ) : null}
      <DataTable
        label="Audit log"
        columns={auditColumns((id) => restore.mutate({ ids: [id] }), restore.isPending)}
        rows={query.data?.rows}
        total={query.data?.total ?? 0}
        state={state}
        pageSizes={pageSizes}
        onStateChange={update}
        isLoading={awaitingRows(query)}
        error={query.error?.message}
        searchPlaceholder="Person or detail"
        toolbar={
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <span>Action</span>
            <Select className="w-56" value={action ?? ""} onChange={(event) => setFilters({ action: event.target.value || undefined })}>
              <option value="">All actions</option>
              {Object.entries(ACTION_WORDS).map(([value, words]) => (
                <option key={value} value={value}>
                  {words}
                </option>
              ))}
            </Select>
          </label>
        }
        empty={
          <>
            Nothing recorded yet: approvals and fixes in the Sync Wizard and Unsynced Entities, and changes to settings and users, appear
            here.
          </>
        }
      />
    </>
  );
}
