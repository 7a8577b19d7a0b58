"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Alert, Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { ConfirmAction } from "./confirm-action";

type CompanyFile = RouterOutputs["settings"]["companyFile"]["get"];

/** The one QuickBooks company file Ledgerbridge syncs with, and the deliberate way to change it. */
export function CompanyFileSettings() {
  const trpc = useTRPC();
  const status = useQuery(trpc.settings.companyFile.get.queryOptions());
  return (
    <Card aria-labelledby="company-file-heading" className="p-6">
      <h2 id="company-file-heading" className="text-lg font-semibold text-slate-900">
        QuickBooks company file
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Ledgerbridge syncs with one company file: the first Web Connector run binds it. A run from any other company file is stopped before
        anything is read or sent, and the Web Connector says why — so a sample or test file opened by mistake never mixes with the real
        books.
      </p>
      {status.isError ? (
        <Alert className="mt-4">Could not load the company file: {status.error.message} Reload the page to try again.</Alert>
      ) : !status.data ? (
        <div role="status" aria-label="Loading the company file" className="mt-4 h-4 w-1/2 animate-pulse rounded bg-slate-100" />
      ) : (
        <CompanyFileDetails status={status.data} />
      )}
    </Card>
  );
}

function CompanyFileDetails({ status }: { status: CompanyFile }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rebind = useMutation(
    trpc.settings.companyFile.rebind.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.settings.companyFile.get.queryKey(), data),
    }),
  );
  const { bound, rebindRequested: released } = status;
  if (!bound) {
    return (
      <Alert tone="info" className="mt-4">
        {released
          ? `Not bound: ${released.by} asked on ${formatDateTime(released.at)} to bind the next company file that connects${released.previousPath ? ` (it was ${released.previousPath})` : ""}.`
          : "Not bound yet: the first Web Connector run binds its company file."}
      </Alert>
    );
  }
  return (
    <div className="mt-4 space-y-4">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Bound to</dt>
        <dd className="font-mono break-all">{bound.path}</dd>
        {bound.companyName ? (
          <>
            <dt className="text-slate-500">Company</dt>
            <dd>{bound.companyName}</dd>
          </>
        ) : null}
        <dt className="text-slate-500">Since</dt>
        <dd>
          {formatDateTime(bound.boundAt)}
          {bound.replaced ? <span className="text-slate-500"> (before: {bound.replaced})</span> : null}
        </dd>
      </dl>
      <ConfirmAction
        button="Rebind to the next company file that connects"
        title="Rebind to the next company file that connects?"
        description="Do this only when the books have moved to another company file for good."
        confirm="Rebind"
        busy="Rebinding…"
        danger
        pending={rebind.isPending}
        error={rebind.error}
        onConfirm={() => rebind.mutateAsync()}
        onCancel={() => rebind.reset()}
      >
        <div className="space-y-3">
          <p>
            Ledgerbridge binds whichever company file the next Web Connector run has open, so check first that QuickBooks on the office
            computer has the right one open.
          </p>
          <p>
            Records already linked point at records in {bound.path}. If the new file is not a copy of it, exports to it may fail or create
            duplicates: run the first import again afterwards, so Ledgerbridge reads the new file before anything is exported to it.
          </p>
        </div>
      </ConfirmAction>
    </div>
  );
}
