"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RunSummaryLines } from "@/components/sync-runs/run-summary";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";

/** The latest Web Connector run's "Sync complete": what crossed, per type and side, with links to those rows. */
export function LastRun() {
  const trpc = useTRPC();
  const latest = useQuery(trpc.sync.latestRun.queryOptions());
  const run = latest.data;
  return (
    <Card aria-labelledby="last-run-heading" className="p-6">
      <h2 id="last-run-heading" className="text-lg font-semibold text-slate-900">
        {run?.status === "completed" ? "Sync complete" : "Last sync"}
      </h2>
      {latest.isError ? (
        <p className="mt-2 text-sm text-red-700">Could not read the last run: {latest.error.message}</p>
      ) : run === undefined ? (
        <div role="status" aria-label="Loading the last run" className="mt-3 h-4 w-1/2 animate-pulse rounded bg-slate-100" />
      ) : run === null ? (
        <p className="mt-2 text-sm text-slate-600">No Web Connector run has finished yet.</p>
      ) : (
        <div className="mt-2 space-y-3">
          <p className="text-sm text-slate-600">
            {run.status === "completed" ? "Finished" : "Stopped"} {formatDateTime(run.endedAt)}.{" "}
            <Link href="/sync/runs" className="font-medium text-brand-700 hover:underline">
              Web Connector runs
            </Link>
          </p>
          <RunSummaryLines sessionId={run.sessionId} summary={run.summary} />
        </div>
      )}
    </Card>
  );
}
