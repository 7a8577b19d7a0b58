"use client";

import Link from "next/link";
import { RecordCell, StatusCodeLink } from "@/components/sync-report/report-columns";
import type { useSelection } from "@/components/sync-wizard/use-selection";
import { ENTITY_WORDS } from "@/components/sync/words";
import type { RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import type { TableColumn } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { HeldBackButton } from "./held-back-button";

export type UnsyncedRow = RouterOutputs["sync"]["unsynced"]["rows"][number];

interface UnsyncedColumnOptions {
  selection: ReturnType<typeof useSelection>;
  pageIds: number[];
  canClearIds: boolean;
  busy: boolean;
  /** Listing dismissed failures: each shows why, and Restore instead of the fixes. */
  dismissed: boolean;
  onResync: (rows: UnsyncedRow[]) => void;
  onClearId: (rows: UnsyncedRow[]) => void;
  onLink: (row: UnsyncedRow) => void;
  onRename: (row: UnsyncedRow) => void;
  onDismiss: (rows: UnsyncedRow[]) => void;
  onRestore: (rows: UnsyncedRow[]) => void;
}

export const CLEAR_ID_ADMINS_ONLY = "Only an admin can clear a QuickBooks ID.";

/** Unsynced Entities: the record, QuickBooks' code and message, what to do about it, and the two fixes. */
export function unsyncedColumns(options: UnsyncedColumnOptions): TableColumn<UnsyncedRow>[] {
  const { selection, pageIds } = options;
  const checkedOnPage = pageIds.filter((id) => selection.isChecked(id)).length;
  return [
    {
      id: "select",
      header: () => (
        <Checkbox
          aria-label="Select every record on this page"
          checked={pageIds.length > 0 && checkedOnPage === pageIds.length}
          indeterminate={checkedOnPage > 0 && checkedOnPage < pageIds.length}
          disabled={pageIds.length === 0}
          onChange={() => selection.setMany(pageIds, checkedOnPage !== pageIds.length)}
        />
      ),
      cell: ({ row }) => (
        <Checkbox
          aria-label={`Select ${row.original.label}`}
          checked={selection.isChecked(row.original.id)}
          onChange={() => selection.toggle(row.original.id)}
        />
      ),
    },
    {
      id: "label",
      header: "Record",
      accessorFn: (row) => row.label,
      // A minimum width, or the long guidance beside it squeezes the name onto three lines at 1280 px.
      cell: ({ row }) => (
        <span className="block min-w-40">
          <RecordCell {...row.original} />
          <span className="block text-xs text-slate-500">{ENTITY_WORDS[row.original.entityType].label}</span>
          {row.original.held > 0 ? (
            <HeldBackButton
              heldBy={`${row.original.entityType}:${row.original.recordKey}`}
              label={row.original.label}
              count={row.original.held}
            />
          ) : null}
        </span>
      ),
    },
    {
      id: "quickBooks",
      header: "QuickBooks said",
      enableSorting: false,
      cell: ({ row }) => (
        <span className="block max-w-xs">
          <StatusCodeLink code={row.original.statusCode} known={row.original.guidance.guideCode !== null} />
          <span className="mt-0.5 block text-slate-700">{row.original.statusMessage ?? "No message"}</span>
        </span>
      ),
    },
    {
      id: "guidance",
      header: "What to do",
      enableSorting: false,
      cell: ({ row }) => {
        const { guidance, dismissedReason } = row.original;
        return (
          <span className="block max-w-md">
            {options.dismissed && dismissedReason ? (
              <span className="mb-1 block rounded bg-slate-100 px-2 py-1 text-slate-800">Dismissed: {dismissedReason}</span>
            ) : null}
            <span className="block font-medium text-slate-900">{guidance.title}</span>
            <span className="block text-slate-700">{guidance.resolution}</span>
            {guidance.guideCode ? (
              <Link href={`/guide/${encodeURIComponent(guidance.guideCode)}`} className="text-xs text-brand-700 underline">
                Guide entry for {guidance.guideCode}
              </Link>
            ) : null}
          </span>
        );
      },
    },
    {
      id: "updatedAt",
      header: "Last tried",
      accessorFn: (row) => formatDateTime(row.updatedAt),
      cell: ({ getValue }) => <span className="whitespace-nowrap">{String(getValue())}</span>,
    },
    {
      id: "actions",
      header: "Actions",
      cell: ({ row }) =>
        options.dismissed ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={options.busy}
            onClick={() => options.onRestore([row.original])}
            aria-label={`Restore the failure of ${row.original.label}`}
          >
            Restore
          </Button>
        ) : (
          <span className="flex flex-col items-start gap-1">
            {row.original.linkTo ? (
              <Button size="sm" disabled={options.busy} onClick={() => options.onLink(row.original)}>
                Link to &quot;{row.original.linkTo.label}&quot; in QuickBooks
              </Button>
            ) : null}
            {row.original.canRename ? (
              <Button
                variant="secondary"
                size="sm"
                disabled={options.busy}
                onClick={() => options.onRename(row.original)}
                aria-label={`Rename ${row.original.label} and resync`}
              >
                Rename…
              </Button>
            ) : null}
            <Button
              variant="secondary"
              size="sm"
              disabled={options.busy}
              onClick={() => options.onResync([row.original])}
              aria-label={`Resync ${row.original.label}`}
            >
              Resync
            </Button>
            {options.canClearIds ? (
              <Button
                variant="ghost"
                size="sm"
                disabled={options.busy}
                onClick={() => options.onClearId([row.original])}
                aria-label={`Clear the QuickBooks ID of ${row.original.label}`}
              >
                Clear ID
              </Button>
            ) : null}
            <Button
              variant="ghost"
              size="sm"
              disabled={options.busy}
              onClick={() => options.onDismiss([row.original])}
              aria-label={`Dismiss the failure of ${row.original.label}`}
            >
              Dismiss…
            </Button>
          </span>
        ),
    },
  ];
}
