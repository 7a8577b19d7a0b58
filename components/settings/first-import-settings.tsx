"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Alert, Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { ConfirmAction } from "./confirm-action";

type FirstImport = RouterOutputs["sync"]["firstImport"]["status"];

/** Where the first import stands, and "Run the first import again" behind a warning. */
export function FirstImportSettings() {
  const trpc = useTRPC();
  const status = useQuery(trpc.sync.firstImport.status.queryOptions());
  return (
    <Card aria-labelledby="first-import-heading" className="p-6">
      <h2 id="first-import-heading" className="text-lg font-semibold text-slate-900">
        First import
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Ledgerbridge first imports what QuickBooks has, through the Sync Wizard, so nothing is created twice; exports to QuickBooks open
        once that import is done.
      </p>
      {status.isError ? (
        <Alert className="mt-4">Could not load the first import: {status.error.message} Reload the page to try again.</Alert>
      ) : !status.data ? (
        <div role="status" aria-label="Loading the first import" className="mt-4 h-4 w-1/2 animate-pulse rounded bg-slate-100" />
      ) : (
        <FirstImportDetails status={status.data} />
      )}
    </Card>
  );
}

function FirstImportDetails({ status }: { status: FirstImport }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runAgain = useMutation(
    trpc.sync.firstImport.runAgain.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.sync.firstImport.status.queryKey(), data),
    }),
  );
  const done = status.status === "done";
  const holdsTransactions = status.localInvoices + status.localPayments > 0;
  const doneBy = status.changedBy ? ` by ${status.changedBy}` : " by a Web Connector run";
  return (
    <div className="mt-4 space-y-4">
      <Alert tone={done ? "success" : "info"}>
        {status.summary}
        {done && status.changedAt ? ` Done ${formatDateTime(status.changedAt)}${doneBy}.` : null}
      </Alert>
      <ConfirmAction
        button="Run the first import again"
        title="Run the first import again?"
        description="For QuickBooks records Ledgerbridge never read, e.g. after changing what syncs."
        confirm="Run the first import again"
        busy="Starting…"
        danger={holdsTransactions}
        pending={runAgain.isPending}
        error={runAgain.error}
        onConfirm={() => runAgain.mutateAsync()}
        onCancel={() => runAgain.reset()}
      >
        <p className={holdsTransactions ? "font-medium text-red-800" : undefined}>{status.runAgainWarning}</p>
      </ConfirmAction>
    </div>
  );
}
