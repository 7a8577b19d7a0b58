"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { CredentialsForm, PublicUrlForm, ScheduleForm } from "./connector-forms";

type Connection = RouterOutputs["settings"]["qbwc"]["getConnection"];

/** Everything the QuickBooks computer needs to reach Ledgerbridge, and the .qwc file that carries it. */
export function WebConnectorSettings() {
  const trpc = useTRPC();
  const connection = useQuery(trpc.settings.qbwc.getConnection.queryOptions());
  const credentials = useQuery(trpc.settings.qbwc.getCredentials.queryOptions());
  return (
    <Card aria-labelledby="web-connector-heading" className="p-6">
      <h2 id="web-connector-heading" className="text-lg font-semibold text-slate-900">
        Web Connector
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        QuickBooks Web Connector runs on the QuickBooks computer and calls Ledgerbridge on a schedule. Set these once, then add the .qwc
        file to it.
      </p>
      {connection.isError || credentials.isError ? (
        <Alert className="mt-4">
          Could not load the Web Connector settings: {(connection.error ?? credentials.error)?.message} Reload the page to try again.
        </Alert>
      ) : !connection.data || !credentials.data ? (
        <div className="mt-6 space-y-3" role="status" aria-label="Loading the Web Connector settings">
          <div className="h-4 w-1/2 animate-pulse rounded bg-slate-100" />
          <div className="h-4 w-1/3 animate-pulse rounded bg-slate-100" />
        </div>
      ) : (
        <div className="mt-6 grid gap-8 lg:grid-cols-2">
          <div className="space-y-8">
            <CredentialsForm username={credentials.data.username} />
            <PublicUrlForm connection={connection.data} />
            <ScheduleForm minutes={connection.data.runEveryNMinutes} />
          </div>
          <div className="space-y-8">
            <QwcFile connection={connection.data} />
            <AddToQuickBooks minutes={connection.data.runEveryNMinutes} />
          </div>
        </div>
      )}
    </Card>
  );
}

function QwcFile({ connection }: { connection: Connection }) {
  return (
    <section aria-labelledby="qwc-heading" className="space-y-3">
      <h3 id="qwc-heading" className="text-sm font-semibold text-slate-900">
        The .qwc file
      </h3>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">AppURL</dt>
        <dd className="font-mono break-all">{connection.appUrl ?? "Set the public URL first"}</dd>
        <dt className="text-slate-500">AppSupport</dt>
        <dd className="font-mono break-all">{connection.supportUrl ?? "Set the public URL first"}</dd>
        <dt className="text-slate-500">Runs every</dt>
        <dd>
          {connection.runEveryNMinutes} minute{connection.runEveryNMinutes === 1 ? "" : "s"}
        </dd>
      </dl>
      {connection.qwcProblem ? (
        <>
          <Alert tone="info" id="qwc-problem">
            {connection.qwcProblem}
          </Alert>
          <Button type="button" disabled aria-describedby="qwc-problem">
            <Download size={16} aria-hidden /> Download .qwc file
          </Button>
        </>
      ) : (
        <Button asChild>
          <a href="/api/qwc" download>
            <Download size={16} aria-hidden /> Download .qwc file
          </a>
        </Button>
      )}
    </section>
  );
}

function AddToQuickBooks({ minutes }: { minutes: number }) {
  return (
    <section aria-labelledby="add-qwc-heading" className="space-y-3">
      <h3 id="add-qwc-heading" className="text-sm font-semibold text-slate-900">
        Adding it to QuickBooks
      </h3>
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>On the QuickBooks computer, open QuickBooks signed in as the Admin user, with the company file open.</li>
        <li>
          Open QuickBooks Web Connector, click <strong>Add an application</strong>, choose the downloaded .qwc file, and allow access when
          QuickBooks asks.
        </li>
        <li>
          In the Web Connector, type the password set here into the <strong>Password</strong> column and save it, then tick{" "}
          <strong>Auto-Run</strong> so it runs every {minutes} minute{minutes === 1 ? "" : "s"}.
        </li>
      </ol>
    </section>
  );
}
