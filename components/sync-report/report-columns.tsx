"use client";

import Link from "next/link";
import { ActionBadge } from "@/components/sync/filters";
import { DIRECTION_WORDS, ENTITY_WORDS, recordPage, type EntityType, type SyncDirection } from "@/components/sync/words";
import type { RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import type { TableColumn } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";

export type PendingRow = RouterOutputs["sync"]["pending"]["rows"][number];
export type AttemptRow = RouterOutputs["sync"]["successful"]["rows"][number];

/** Pending syncs: what state each approved change is in, why it has not crossed yet, who let it through, and its qbXML. */
export function pendingColumns(onPreview: (row: PendingRow) => void): TableColumn<PendingRow>[] {
  return [
    { id: "updatedAt", header: "Since", accessorFn: (row) => formatDateTime(row.updatedAt) },
    {
      id: "state",
      header: "Status",
      enableSorting: false,
      cell: ({ row }) => (
        <Badge className={row.original.state === "pending" ? "bg-brand-50 text-brand-800" : "bg-amber-50 text-amber-800"}>
          {row.original.stateLabel}
        </Badge>
      ),
    },
    { id: "entityType", header: "Type", accessorFn: (row) => ENTITY_WORDS[row.entityType].label },
    { id: "label", header: "Record", accessorFn: (row) => row.label, cell: ({ row }) => <RecordCell {...row.original} /> },
    { id: "action", header: "Action", accessorFn: (row) => row.action, cell: ({ row }) => <ActionBadge action={row.original.action} /> },
    {
      id: "reason",
      header: "Why it waits",
      enableSorting: false,
      cell: ({ row }) => <span className="block max-w-md text-slate-700">{row.original.reason}</span>,
    },
    {
      id: "approvedAt",
      header: "Approved",
      enableSorting: false,
      cell: ({ row }) => <ApprovedCell approverName={row.original.approverName} approvedAt={row.original.approvedAt} />,
    },
    {
      id: "qbxml",
      header: () => <span className="sr-only">qbXML</span>,
      enableSorting: false,
      cell: ({ row }) => (
        <Button variant="secondary" size="sm" onClick={() => onPreview(row.original)} aria-label={`qbXML for ${row.original.label}`}>
          qbXML
        </Button>
      ),
    },
  ];
}

/** Who approved a change and when; an automatic approval rule has no person (the audit log names the rule). */
function ApprovedCell({ approverName, approvedAt }: { approverName: string | null; approvedAt: Date | null }) {
  if (!approvedAt) return <span className="text-slate-500">—</span>;
  return (
    <span className="block">
      <span className="block text-slate-900">{approverName ?? "An automatic rule"}</span>
      <span className="block text-xs text-slate-500">{formatDateTime(approvedAt)}</span>
    </span>
  );
}

/** Successful or Failed: one row per attempt, with QuickBooks' status code and, for failures, its message. */
export function attemptColumns(result: "successful" | "failed"): TableColumn<AttemptRow>[] {
  const columns: TableColumn<AttemptRow>[] = [
    { id: "at", header: "When", accessorFn: (row) => formatDateTime(row.at) },
    { id: "entityType", header: "Type", accessorFn: (row) => ENTITY_WORDS[row.entityType].label },
    { id: "label", header: "Record", accessorFn: (row) => row.label, cell: ({ row }) => <RecordCell {...row.original} /> },
    { id: "action", header: "Action", enableSorting: false, cell: ({ row }) => <ActionBadge action={row.original.action} /> },
    {
      id: "statusCode",
      header: result === "failed" ? "Code" : "QuickBooks said",
      accessorFn: (row) => row.statusCode ?? "",
      cell: ({ row }) => (result === "failed" ? <StatusCodeLink code={row.original.statusCode} /> : <SuccessStatus {...row.original} />),
    },
  ];
  if (result === "failed") {
    columns.push({
      id: "statusMessage",
      header: "QuickBooks said",
      enableSorting: false,
      cell: ({ row }) => <span className="block max-w-md text-slate-700">{row.original.statusMessage ?? "No message"}</span>,
    });
  }
  return columns;
}

/** A record's name, linked to its page when it exists here, with the direction it was going. */
export function RecordCell(props: { label: string; entityType: EntityType; localId: number | null; direction: SyncDirection }) {
  const href = recordPage(props.entityType, props.localId);
  return (
    <span className="block">
      {href ? (
        <Link href={href} className="font-medium text-brand-700 hover:underline">
          {props.label}
        </Link>
      ) : (
        <span className="font-medium text-slate-900">{props.label}</span>
      )}
      <span className="block text-xs text-slate-500">{DIRECTION_WORDS[props.direction]}</span>
    </span>
  );
}

/**
 * A success in words: plain "OK" for status 0 (a bare "0" reads as nothing happened); a warning code, which
 * QuickBooks sends when it saved the record but changed or noted something, keeps its link and message.
 */
function SuccessStatus({ statusCode, statusMessage }: { statusCode: string | null; statusMessage: string | null }) {
  if (!statusCode || statusCode === "0") return <span className="font-medium text-emerald-800">OK</span>;
  return (
    <span className="block max-w-md">
      <StatusCodeLink code={statusCode} />
      {statusMessage ? <span className="mt-0.5 block text-slate-700">{statusMessage}</span> : null}
    </span>
  );
}

/** A status code linking to its entry in the Status Code Reference Guide. */
export function StatusCodeLink({ code, known = true }: { code: string | null; known?: boolean }) {
  if (!code) return <span className="text-slate-400">—</span>;
  if (!known) return <span className="font-mono">{code}</span>;
  return (
    <Link
      href={`/guide/${encodeURIComponent(code)}`}
      className="font-mono text-brand-700 hover:underline"
      aria-label={`Status code ${code}: open its guide entry`}
    >
      {code}
    </Link>
  );
}
