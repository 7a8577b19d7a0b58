"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import type { RecordSyncStatus, SyncedRecordType } from "@/server/sync/record-status";
import { ConfirmAction } from "@/components/settings/confirm-action";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";
import type { TableColumn } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { Select } from "@/components/ui/input";
import { useUrlFilters } from "@/components/ui/use-table-url-state";
import { ENTITY_WORDS } from "./words";

/** Each status as the lists and record pages say it, in the order the filter offers them. */
export const RECORD_STATUS_WORDS: Record<RecordSyncStatus, { label: string; className: string }> = {
  in_quickbooks: { label: "In QuickBooks", className: "bg-emerald-50 text-emerald-800" },
  awaiting_approval: { label: "Waiting for approval", className: "bg-amber-50 text-amber-900" },
  pending: { label: "Pending", className: "bg-brand-50 text-brand-800" },
  failed: { label: "Failed", className: "bg-red-100 text-red-800" },
  held_back: { label: "Held back", className: "bg-amber-100 text-amber-900" },
  not_synced: { label: "Not synced (setting)", className: "bg-slate-100 text-slate-700" },
  cleared: { label: "Cleared", className: "bg-slate-100 text-slate-700" },
  not_yet: { label: "Not in QuickBooks yet", className: "bg-slate-100 text-slate-700" },
};

const STATUSES = Object.keys(RECORD_STATUS_WORDS) as RecordSyncStatus[];

function isStatus(value: string | undefined): value is RecordSyncStatus {
  return value !== undefined && Object.hasOwn(RECORD_STATUS_WORDS, value);
}

export function SyncStatusBadge({ status }: { status: RecordSyncStatus }) {
  const words = RECORD_STATUS_WORDS[status];
  return <Badge className={words.className}>{words.label}</Badge>;
}

/** The "QuickBooks" column of a record list. */
export function syncStatusColumn<Row extends { syncStatus: RecordSyncStatus }>(): TableColumn<Row> {
  return {
    id: "syncStatus",
    header: "QuickBooks",
    enableSorting: false,
    cell: ({ row }) => <SyncStatusBadge status={row.original.syncStatus} />,
  };
}

const SYNC_FILTER_KEYS = ["sync"] as const;

/** A record list's filter by sync status, kept in the URL as ?sync=…; undefined shows every record. */
export function useSyncStatusFilter() {
  const { filters, setFilters } = useUrlFilters(SYNC_FILTER_KEYS);
  const status = isStatus(filters.sync) ? filters.sync : undefined;
  const select = (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span>QuickBooks</span>
      <Select className="w-52" value={status ?? ""} onChange={(event) => setFilters({ sync: event.target.value || undefined })}>
        <option value="">Any status</option>
        {STATUSES.map((value) => (
          <option key={value} value={value}>
            {RECORD_STATUS_WORDS[value].label}
          </option>
        ))}
      </Select>
    </label>
  );
  return { status, select };
}

/**
 * A record's page: where it stands with QuickBooks now (its ListID or TxnID and last sync, the change waiting or on
 * its way and who approved it, or why it failed, is held back or left out), with Resync and Clear ID for a failure.
 */
export function RecordSyncPanel({ type, id }: { type: SyncedRecordType; id: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const state = useQuery(trpc.sync.recordStatus.queryOptions({ type, id }));
  const isAdmin = useQuery(trpc.users.me.queryOptions()).data?.role === "admin";
  // What Resync or Clear ID did, said while the record is still where that left it (pending).
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries();
  const resync = useMutation(
    trpc.sync.resync.mutationOptions({
      onSuccess: async () => {
        setNotice("Sent back to Pending: it goes on the next Web Connector run.");
        await refresh();
      },
    }),
  );
  const clearId = useMutation(trpc.sync.clearId.mutationOptions());
  const data = state.data;
  const noun = ENTITY_WORDS[type].label.toLowerCase();

  return (
    <Card aria-labelledby="record-sync-heading" className="mb-6 p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="record-sync-heading" className="text-base font-semibold text-slate-900">
          QuickBooks
        </h2>
        {data ? <SyncStatusBadge status={data.status} /> : null}
      </div>
      {state.error ? <Alert className="mt-3">Could not read where it stands: {state.error.message}</Alert> : null}
      {notice && data?.status === "pending" ? (
        <Alert tone="success" className="mt-3">
          {notice}
        </Alert>
      ) : null}
      {resync.error ? <Alert className="mt-3">Could not resync it: {resync.error.message}</Alert> : null}
      {data ? (
        <div className="mt-3 space-y-2 text-sm text-slate-700">
          <p>{summaryOf(data, noun)}</p>
          {data.quickBooksId ? (
            <p>
              QuickBooks ID <code className="rounded bg-slate-100 px-1 font-mono text-xs">{data.quickBooksId}</code>
              {data.syncedAt ? <>, last synced {formatDateTime(data.syncedAt)}</> : null}.
            </p>
          ) : null}
          {data.change?.approvedBy && data.change.approvedAt ? (
            <p>
              Approved by {data.change.approvedBy} on {formatDateTime(data.change.approvedAt)}.
            </p>
          ) : null}
          {data.advice ? (
            <div className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
              <p className="font-medium">
                {data.change?.statusCode ? `${data.change.statusCode}: ` : null}
                {data.advice.title}
              </p>
              {data.change?.statusMessage ? <p className="mt-1">QuickBooks said: {data.change.statusMessage}</p> : null}
              <p className="mt-1">{data.advice.resolution}</p>
            </div>
          ) : null}
          <Actions>
            {data.status === "failed" && data.change ? (
              <>
                <Button type="button" onClick={() => resync.mutate({ ids: [data.change!.itemId] })} disabled={resync.isPending}>
                  {resync.isPending ? "Resyncing…" : "Resync"}
                </Button>
                {isAdmin && data.quickBooksId ? (
                  <ConfirmAction
                    button="Clear ID"
                    title={`Clear the QuickBooks ID of this ${noun}?`}
                    description="For a record deleted in QuickBooks: the link is dropped, and the next send creates it there again after looking it up by name."
                    confirm="Clear ID and resync"
                    busy="Clearing…"
                    danger
                    pending={clearId.isPending || resync.isPending}
                    error={clearId.error}
                    onConfirm={async () => {
                      await clearId.mutateAsync({ ids: [data.change!.itemId] });
                      await resync.mutateAsync({ ids: [data.change!.itemId] });
                      setNotice("Cleared its QuickBooks ID and sent it back to Pending: the next run looks QuickBooks up by name first.");
                    }}
                  >
                    <p className="text-sm text-slate-700">
                      Only do this when the record no longer exists in QuickBooks; otherwise QuickBooks ends up with two.
                    </p>
                  </ConfirmAction>
                ) : null}
                <LinkButton href="/sync/unsynced">Unsynced Entities</LinkButton>
              </>
            ) : null}
            {data.status === "awaiting_approval" || data.status === "held_back" ? (
              <LinkButton href={`/sync?section=${data.change?.direction ?? "export"}`}>Open the Sync Wizard</LinkButton>
            ) : null}
            {data.status === "pending" ? <LinkButton href="/reports/sync?tab=pending">See Pending</LinkButton> : null}
            {data.status === "not_synced" && isAdmin ? <LinkButton href="/settings">Sync settings</LinkButton> : null}
          </Actions>
        </div>
      ) : null}
    </Card>
  );
}

type RecordState = RouterOutputs["sync"]["recordStatus"];

function summaryOf(data: RecordState, noun: string): string {
  const side = data.change?.direction === "import" ? "from QuickBooks" : "to QuickBooks";
  switch (data.status) {
    case "in_quickbooks":
      return `This ${noun} is in QuickBooks, and nothing about it is waiting to sync.`;
    case "awaiting_approval":
      return `A change ${side} waits for approval in the Sync Wizard.`;
    case "pending":
      return `Approved: the change ${side} goes on the next Web Connector run.`;
    case "failed":
      return `QuickBooks refused the last change ${side}.`;
    case "held_back":
      return `Held back: ${data.reason ?? "something it needs is not synced."}`;
    case "not_synced":
      return `Not synced: ${data.reason ?? "the sync settings leave it out."}`;
    case "cleared":
      return `Not sent: ${data.reason ?? "it was cleared."}`;
    case "not_yet":
      return `Not in QuickBooks yet: the next Web Connector run offers it in the Sync Wizard (or use Find local changes now there).`;
  }
}

function Actions({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap gap-2 pt-1 empty:hidden">{children}</div>;
}

function LinkButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button variant="secondary" asChild>
      <Link href={href}>{children}</Link>
    </Button>
  );
}
