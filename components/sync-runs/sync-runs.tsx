"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { durationWords } from "@/lib/words";
import { SyncNav } from "@/components/sync/sync-nav";
import { useConnectorStatus } from "@/components/sync/use-connector-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { PageHeader } from "@/components/ui/card";
import { DataTable, type TableColumn } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { useTableUrlState } from "@/components/ui/use-table-url-state";
import { CurrentRun } from "./current-run";
import { RunOutcome } from "./run-outcome";
import { RunSummaryLines } from "./run-summary";

type RunRow = RouterOutputs["webConnector"]["runs"]["rows"][number];

type Summaries = RouterOutputs["sync"]["runSummaries"];

function runColumns(summaries: Summaries | undefined): TableColumn<RunRow>[] {
  return [
    { id: "startedAt", header: "Started", cell: ({ row }) => formatDateTime(row.original.startedAt) },
    { id: "status", header: "Outcome", cell: ({ row }) => <RunOutcome status={row.original.status} /> },
    {
      id: "duration",
      header: "Took",
      cell: ({ row }) => (row.original.endedAt ? durationWords(row.original.endedAt.getTime() - row.original.startedAt.getTime()) : "—"),
    },
    {
      id: "company",
      header: "Company",
      cell: ({ row }) => (
        <span className="block">
          <span className="block text-slate-900">{row.original.companyName ?? "—"}</span>
          {row.original.productName ? (
            <span className="block text-xs text-slate-500">
              {row.original.productName}
              {row.original.productVersion ? ` ${row.original.productVersion}` : ""}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: "requests",
      header: "Requests",
      meta: { align: "right" },
      cell: ({ row }) =>
        `${row.original.responsesReceived.toLocaleString("en-US")} of ${row.original.requestsSent.toLocaleString("en-US")} answered`,
    },
    { id: "percentDone", header: "Done", meta: { align: "right" }, cell: ({ row }) => `${row.original.percentDone}%` },
    {
      id: "summary",
      header: "What it did",
      cell: ({ row }) => <RunSummaryText sessionId={row.original.id} summary={summaries?.[row.original.id]} />,
    },
    {
      id: "lastError",
      header: "Last error",
      cell: ({ row }) => <span className="block max-w-sm text-slate-700">{row.original.lastError ?? "—"}</span>,
    },
  ];
}

/**
 * The Web Connector's runs: the one under way, refreshing every few seconds, and every run before it. `actions`
 * (Sync now, Undo last import) sit between the two, so they stay in view however long the history grows.
 */
export function SyncRuns({ actions }: { actions?: ReactNode }) {
  const trpc = useTRPC();
  const status = useConnectorStatus();
  const { state, update, pageSizes } = useTableUrlState({ sort: "newest", direction: "desc" });
  const runs = useQuery({
    ...trpc.webConnector.runs.queryOptions({ page: state.page, pageSize: state.pageSize, search: state.search }),
    placeholderData: keepPreviousData,
  });
  const summaries = useQuery({
    ...trpc.sync.runSummaries.queryOptions({ sessionIds: (runs.data?.rows ?? []).map((row) => row.id) }),
    enabled: (runs.data?.rows.length ?? 0) > 0,
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <SyncNav />
      <PageHeader
        title="Web Connector runs"
        description="Each time the Web Connector called Ledgerbridge: how it ended, and how far it got."
      />
      <CurrentRun status={status.data} error={status.error?.message ?? null} />
      {actions ? <div className="mb-6 grid items-start gap-6 lg:grid-cols-2">{actions}</div> : null}
      <h2 className="mb-3 text-base font-semibold text-slate-900">Past runs</h2>
      <DataTable
        label="Web Connector runs"
        columns={runColumns(summaries.data)}
        rows={runs.data?.rows}
        total={runs.data?.total ?? 0}
        state={state}
        pageSizes={pageSizes}
        onStateChange={update}
        isLoading={runs.isFetching && !runs.data}
        error={runs.error?.message}
        searchPlaceholder="Company, file, QuickBooks or outcome"
        getRowId={(row) => String(row.id)}
        empty={
          state.search
            ? `No runs match “${state.search}”.`
            : "No runs yet. Once the .qwc file from Settings is added to the Web Connector on the QuickBooks computer, each run is listed here."
        }
      />
    </>
  );
}

/** "Sent 12 · applied 30 · 2 failed · on both sides: 40 linked, 3 to decide in the Sync Wizard". */
function RunSummaryText({ sessionId, summary }: { sessionId: number; summary: Summaries[number] | undefined }) {
  if (!summary) return <span className="text-slate-400">—</span>;
  const { sent, applied, failed, matches } = summary;
  const parts = [`Sent ${sent.toLocaleString("en-US")}`, `applied ${applied.toLocaleString("en-US")}`];
  if (failed > 0) parts.push(`${failed.toLocaleString("en-US")} failed`);
  const both = matches.linked + matches.differing;
  return (
    <span className="block max-w-xs text-slate-700">
      {parts.join(" · ")}
      {both > 0 ? (
        <span className="block text-xs text-slate-600">
          On both sides: {matches.linked.toLocaleString("en-US")} identical and linked
          {matches.differing > 0 ? `, ${matches.differing.toLocaleString("en-US")} to decide in the Sync Wizard` : ""}
        </span>
      ) : null}
      {summary.byType.length > 0 ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs font-medium text-brand-700">Sync complete: by type</summary>
          <div className="mt-1">
            <RunSummaryLines sessionId={sessionId} summary={summary} />
          </div>
        </details>
      ) : null}
    </span>
  );
}
