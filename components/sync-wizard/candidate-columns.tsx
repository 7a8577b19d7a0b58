"use client";

import { FileCode } from "lucide-react";
import Link from "next/link";
import { ActionBadge } from "@/components/sync/filters";
import { ENTITY_WORDS, recordPage } from "@/components/sync/words";
import type { RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import type { TableColumn } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { ChangeSummary } from "./change-summary";
import { CONFLICT_UNCHECKED, ConflictBadge, ConflictCell } from "./conflict-dialog";
import { CHOICE_UNCHECKED, MatchCell } from "./match-cell";
import type { useSelection } from "./use-selection";

export type CandidateRow = RouterOutputs["sync"]["candidates"]["rows"][number];

interface CandidateColumnOptions {
  selection: ReturnType<typeof useSelection>;
  /** Candidates matching the filters, on every page, that a tick can approve (conflicts are resolved instead), and how many are checked. */
  checkable: number;
  checked: number;
  /** Export candidates offer the qbXML they would send. */
  onPreview?: (row: CandidateRow) => void;
  /** Conflicts (changed on both sides) are approved only by resolving them. */
  onResolve?: (row: CandidateRow) => void;
  /** Opens a Match (the same record on both sides) to decide it. */
  onMatch?: (row: CandidateRow) => void;
  /** "Deleted in QuickBooks" may also be answered by keeping the record here, unlinked. */
  onUnlink?: (row: CandidateRow) => void;
}

/** The Sync Wizard's columns: tick, type, name, action, what changes, when it was found, and the qbXML preview. */
export function candidateColumns({
  selection,
  checkable,
  checked,
  onPreview,
  onResolve,
  onMatch,
  onUnlink,
}: CandidateColumnOptions): TableColumn<CandidateRow>[] {
  const all = checkable.toLocaleString("en-US");
  const columns: TableColumn<CandidateRow>[] = [
    {
      id: "select",
      header: () => (
        <Checkbox
          aria-label={checked === checkable ? `Uncheck all ${all} matching changes` : `Check all ${all} matching changes`}
          checked={checkable > 0 && checked === checkable}
          indeterminate={checked > 0 && checked < checkable}
          disabled={checkable === 0}
          onChange={() => selection.setAll(checked !== checkable)}
        />
      ),
      cell: ({ row }) =>
        row.original.action === "conflict" || row.original.matchChoices ? (
          <Checkbox
            aria-label={`${row.original.label}: ${row.original.matchChoices ? CHOICE_UNCHECKED : CONFLICT_UNCHECKED}`}
            title={row.original.matchChoices ? CHOICE_UNCHECKED : CONFLICT_UNCHECKED}
            checked={false}
            disabled
          />
        ) : (
          <Checkbox
            aria-label={`Approve ${row.original.label}`}
            checked={selection.isChecked(row.original.id)}
            onChange={() => selection.toggle(row.original.id)}
          />
        ),
    },
    { id: "entityType", header: "Type", accessorFn: (row) => ENTITY_WORDS[row.entityType].label },
    {
      id: "label",
      header: "Name or number",
      accessorFn: (row) => row.label,
      cell: ({ row }) => {
        const href = recordPage(row.original.entityType, row.original.localId);
        return href ? (
          <Link href={href} className="font-medium text-brand-700 hover:underline">
            {row.original.label}
          </Link>
        ) : (
          <span className="font-medium text-slate-900">{row.original.label}</span>
        );
      },
    },
    {
      id: "action",
      header: "Action",
      accessorFn: (row) => row.action,
      cell: ({ row }) => (row.original.action === "conflict" ? <ConflictBadge /> : <ActionBadge action={row.original.action} />),
    },
    {
      id: "changes",
      header: "What changes",
      cell: ({ row }) => (
        <div className="space-y-1">
          {row.original.blockedReason ? (
            <p className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" role="note">
              <span className="font-semibold">Held back: </span>
              {row.original.blockedReason} Approving it does nothing until that changes.
            </p>
          ) : null}
          {row.original.action === "conflict" ? (
            <ConflictCell row={row.original} onResolve={onResolve} />
          ) : row.original.action === "match" ? (
            <MatchCell row={row.original} onDecide={onMatch} />
          ) : (
            <ChangeSummary diff={row.original.diff} action={row.original.action} label={row.original.label} />
          )}
        </div>
      ),
    },
    {
      id: "updatedAt",
      header: "Detected",
      accessorFn: (row) => formatDateTime(row.updatedAt),
      cell: ({ getValue }) => <span className="whitespace-nowrap">{String(getValue())}</span>,
    },
  ];
  if (onPreview) {
    columns.push({
      id: "preview",
      header: () => <span className="sr-only">qbXML preview</span>,
      cell: ({ row }) => (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => onPreview(row.original)}
          aria-label={`Preview the qbXML for ${row.original.label}`}
        >
          <FileCode size={16} aria-hidden /> Preview
        </Button>
      ),
    });
  }
  if (onUnlink) {
    columns.push({
      id: "unlink",
      header: () => <span className="sr-only">Other answer</span>,
      cell: ({ row }) =>
        row.original.action === "delete" ? (
          <Button
            variant="ghost"
            size="sm"
            className="whitespace-nowrap"
            onClick={() => onUnlink(row.original)}
            aria-label={`Keep ${row.original.label} here and unlink it`}
          >
            Keep here, unlink
          </Button>
        ) : null,
    });
  }
  return columns;
}
