"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCw } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { plural } from "@/lib/words";
import { useSelection } from "@/components/sync-wizard/use-selection";
import { TypeFilter } from "@/components/sync/filters";
import { SyncNav } from "@/components/sync/sync-nav";
import { isEntityType } from "@/components/sync/words";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, PageHeader } from "@/components/ui/card";
import { awaitingRows, DataTable } from "@/components/ui/data-table";
import { useTableUrlState, useUrlFilters } from "@/components/ui/use-table-url-state";
import { Select } from "@/components/ui/input";
import { ClearIdDialog, type ClearIdTarget } from "./clear-id-dialog";
import { DismissDialog } from "./dismiss-dialog";
import { LinkDialog } from "./link-dialog";
import { RenameDialog } from "./rename-dialog";
import { CLEAR_ID_ADMINS_ONLY, unsyncedColumns, type UnsyncedRow } from "./unsynced-columns";

const FILTER_KEYS = ["type", "show"] as const;

/** Unsynced Entities: every record whose latest sync attempt failed, why, and Resync or Clear ID. */
export function UnsyncedList({ canClearIds }: { canClearIds: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { state, update, pageSizes } = useTableUrlState({ sort: "updatedAt", direction: "desc" });
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const entityType = isEntityType(filters.type) ? filters.type : undefined;
  const dismissed = filters.show === "dismissed";
  const query = useQuery({ ...trpc.sync.unsynced.queryOptions({ ...state, entityType, dismissed }), placeholderData: keepPreviousData });
  // An empty list says "everything reached the other side" only when nothing approved is still on its way.
  const pending = useQuery(trpc.sync.pending.queryOptions({ pageSize: 1 })).data?.total ?? 0;
  const selection = useSelection(JSON.stringify({ entityType, search: state.search, dismissed }), "none");
  const selected = selection.selection.mode === "some" ? [...selection.selection.ids] : [];
  const [clearing, setClearing] = useState<ClearIdTarget | null>(null);
  const [linking, setLinking] = useState<UnsyncedRow | null>(null);
  const [renaming, setRenaming] = useState<UnsyncedRow | null>(null);
  const [dismissing, setDismissing] = useState<{ ids: number[]; labels: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reasonId = useId();

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() });
  const link = useMutation(
    trpc.sync.linkFailed.mutationOptions({
      onSuccess: async ({ message }) => {
        setLinking(null);
        setNotice(message);
        await refresh();
      },
    }),
  );
  const rename = useMutation(
    trpc.sync.renameAndResync.mutationOptions({
      onSuccess: async ({ message }) => {
        setRenaming(null);
        setNotice(message);
        await refresh();
      },
    }),
  );
  const dismiss = useMutation(
    trpc.sync.dismissFailures.mutationOptions({
      onSuccess: async ({ dismissed: count }) => {
        setDismissing(null);
        setNotice(`Dismissed ${plural(count, "failure")}. They are under Show: Dismissed, and in the audit log, if you need them back.`);
        selection.setAll(false);
        await refresh();
      },
    }),
  );
  const restore = useMutation(
    trpc.sync.restoreFailures.mutationOptions({
      onSuccess: async ({ restored }) => {
        setNotice(`Restored ${plural(restored, "failure")} to Unsynced Entities.`);
        await refresh();
      },
    }),
  );
  const resync = useMutation(
    trpc.sync.resync.mutationOptions({
      onSuccess: async ({ resynced }) => {
        setNotice(`${plural(resynced, "record")} went back to Pending; they are sent on the next Web Connector run.`);
        selection.setAll(false);
        await refresh();
      },
    }),
  );
  const clearId = useMutation(trpc.sync.clearId.mutationOptions());

  async function confirmClear(resyncAfter: boolean) {
    if (!clearing) return;
    const { ids } = clearing;
    try {
      const { cleared } = await clearId.mutateAsync({ ids });
      setClearing(null);
      const them = cleared === 1 ? "it" : "them";
      if (resyncAfter) {
        await resync.mutateAsync({ ids });
        setNotice(
          `Cleared the QuickBooks ID of ${plural(cleared, "record")} and sent ${them} back to Pending: the next run looks QuickBooks up by name first.`,
        );
      } else {
        setNotice(`Cleared the QuickBooks ID of ${plural(cleared, "record")}. Press Resync when you want ${them} sent again.`);
        await refresh();
      }
    } catch {
      // Shown in the dialog (Clear ID) or above the table (Resync).
    }
  }

  const rows = query.data?.rows;
  const clear = (targets: UnsyncedRow[]) => setClearing({ ids: targets.map((row) => row.id), labels: targets.map((row) => row.label) });
  const busy = resync.isPending || clearId.isPending || link.isPending || rename.isPending || dismiss.isPending || restore.isPending;
  return (
    <>
      <SyncNav />
      <PageHeader
        title="Unsynced Entities"
        description="Records whose latest sync attempt failed. Check them daily: read QuickBooks' code and what to do, fix the record if needed, then Resync."
      />
      {notice ? (
        <Alert tone="success" className="mb-4">
          {notice}{" "}
          <Link href="/reports/sync?tab=pending" className="font-medium underline">
            See Pending
          </Link>
        </Alert>
      ) : null}
      {resync.error ? <Alert className="mb-4">{resync.error.message}</Alert> : null}
      {restore.error ? <Alert className="mb-4">{restore.error.message}</Alert> : null}

      <div className="mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <p aria-live="polite" className="text-sm text-slate-700">
          {selected.length === 0 ? "Select records to act on several at once." : `${plural(selected.length, "record")} selected`}
        </p>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {dismissed ? (
            <Button variant="secondary" disabled={selected.length === 0 || busy} onClick={() => restore.mutate({ ids: selected })}>
              Restore selected
            </Button>
          ) : (
            <>
              <Button variant="secondary" disabled={selected.length === 0 || busy} onClick={() => resync.mutate({ ids: selected })}>
                <RotateCw size={16} aria-hidden /> Resync selected
              </Button>
              <Button
                variant="secondary"
                disabled={selected.length === 0 || busy}
                onClick={() =>
                  setDismissing({
                    ids: selected,
                    labels: (rows ?? []).filter((row) => selection.isChecked(row.id)).map((row) => row.label),
                  })
                }
              >
                Dismiss…
              </Button>
            </>
          )}
          <Button
            variant="secondary"
            disabled={!canClearIds || selected.length === 0 || busy}
            aria-describedby={canClearIds ? undefined : reasonId}
            onClick={() =>
              setClearing({ ids: selected, labels: (rows ?? []).filter((row) => selection.isChecked(row.id)).map((row) => row.label) })
            }
          >
            Clear ID…
          </Button>
          {canClearIds ? null : (
            <span id={reasonId} className="text-xs text-slate-600">
              {CLEAR_ID_ADMINS_ONLY} Ask an admin if a record was deleted in QuickBooks.
            </span>
          )}
        </div>
      </div>

      <DataTable
        label="Unsynced entities"
        columns={unsyncedColumns({
          selection,
          pageIds: (rows ?? []).map((row) => row.id),
          canClearIds,
          busy,
          dismissed,
          onResync: (rowsToResync) => resync.mutate({ ids: rowsToResync.map((row) => row.id) }),
          onClearId: clear,
          onLink: setLinking,
          onRename: setRenaming,
          onDismiss: (targets) => setDismissing({ ids: targets.map((row) => row.id), labels: targets.map((row) => row.label) }),
          onRestore: (targets) => restore.mutate({ ids: targets.map((row) => row.id) }),
        })}
        rows={rows}
        total={query.data?.total ?? 0}
        state={state}
        pageSizes={pageSizes}
        onStateChange={update}
        isLoading={awaitingRows(query)}
        error={query.error?.message}
        searchPlaceholder="Record or QuickBooks' message"
        getRowId={(row) => String(row.id)}
        toolbar={
          <>
            <TypeFilter value={entityType} onChange={(type) => setFilters({ type })} />
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <span>Show</span>
              <Select
                className="w-40"
                value={dismissed ? "dismissed" : ""}
                onChange={(event) => setFilters({ show: event.target.value || undefined })}
              >
                <option value="">Open failures</option>
                <option value="dismissed">Dismissed</option>
              </Select>
            </label>
          </>
        }
        empty={
          dismissed ? (
            "No dismissed failures."
          ) : entityType || state.search ? (
            "No unsynced records match these filters."
          ) : pending > 0 ? (
            <>
              No unsynced records. {pending.toLocaleString("en-US")} approved {pending === 1 ? "change has" : "changes have"} not crossed
              yet: the{" "}
              <Link href="/reports/sync" className="text-brand-700 underline">
                Sync Report&apos;s Pending tab
              </Link>{" "}
              says when and why.
            </>
          ) : (
            <>
              No unsynced records: everything approved reached the other side. Failed attempts stay listed in the{" "}
              <Link href="/reports/sync?tab=failed" className="text-brand-700 underline">
                Sync Report
              </Link>
              .
            </>
          )
        }
      />
      <p className="mt-3 text-sm text-slate-600">
        Still stuck after following the guidance? Look the code up in the{" "}
        <Link href="/guide" className="text-brand-700 underline">
          Status code guide
        </Link>
        , then ask your Ledgerbridge admin.
      </p>

      <LinkDialog
        row={linking}
        onClose={() => {
          link.reset();
          setLinking(null);
        }}
        onLink={(choose) => linking && link.mutate({ id: linking.id, choose })}
        pending={busy}
        error={link.error?.message ?? null}
      />
      <RenameDialog
        row={renaming}
        onClose={() => {
          rename.reset();
          setRenaming(null);
        }}
        onRename={(name) => renaming && rename.mutate({ id: renaming.id, name })}
        pending={busy}
        error={rename.error?.message ?? null}
      />
      <DismissDialog
        labels={dismissing?.labels ?? null}
        onClose={() => {
          dismiss.reset();
          setDismissing(null);
        }}
        onDismiss={(reason) => dismissing && dismiss.mutate({ ids: dismissing.ids, reason })}
        pending={busy}
        error={dismiss.error?.message ?? null}
      />
      <ClearIdDialog
        target={clearing}
        onClose={() => {
          clearId.reset();
          setClearing(null);
        }}
        onConfirm={confirmClear}
        pending={busy}
        error={clearId.error?.message ?? null}
      />
    </>
  );
}
