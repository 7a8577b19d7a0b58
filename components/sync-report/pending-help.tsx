"use client";

import Link from "next/link";
import { durationWords, plural } from "@/lib/words";
import type { RouterOutputs } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";

type ConnectorStatus = RouterOutputs["webConnector"]["status"];

/** Above the Pending section: it waits for the Web Connector, when that last called, and what to check when nothing moves. */
export function PendingHelp({ status }: { status: ConnectorStatus | undefined }) {
  return (
    <Card aria-labelledby="pending-help-heading" className="mb-4 p-4 text-sm text-slate-700">
      <h2 id="pending-help-heading" className="font-semibold text-slate-900">
        Approved changes wait here for the Web Connector
      </h2>
      <p className="mt-1">{lastCall(status)}</p>
      <details className="mt-2">
        <summary className="cursor-pointer font-medium text-brand-700">Nothing moving? Check these on the QuickBooks computer</summary>
        <ol className="mt-2 list-decimal space-y-1 pl-5">
          <li>QuickBooks is open, with the company file open, and no dialog box is waiting for an answer.</li>
          <li>
            In the Web Connector, <strong>Auto-Run</strong> is ticked for Ledgerbridge. <strong>Update Selected</strong> runs it at once.
          </li>
          <li>
            Still nothing? An admin downloads the .qwc file again from{" "}
            <Link href="/settings" className="text-brand-700 underline">
              Settings
            </Link>
            , removes Ledgerbridge from the Web Connector and adds the new file.
          </li>
        </ol>
        <p className="mt-2">
          Each run is listed on{" "}
          <Link href="/sync/runs" className="text-brand-700 underline">
            Web Connector runs
          </Link>
          , with the error when one failed.
        </p>
      </details>
    </Card>
  );
}

function lastCall(status: ConnectorStatus | undefined): string {
  if (!status) return "Checking when the Web Connector last called…";
  if (!status.lastContactAt)
    return "The Web Connector has not called Ledgerbridge yet, so nothing can move. An admin sets it up in Settings.";
  if (status.state === "running") return `A run is under way now (${status.active?.percentDone ?? 0}% done); changes leave as it goes.`;
  const schedule = `It runs every ${plural(status.runEveryNMinutes, "minute")}`;
  const due = status.nextRunDueAt ? status.nextRunDueAt.getTime() - Date.now() : null;
  const next = due === null ? "" : due > 60_000 ? `; the next run is due in about ${durationWords(due)}` : "; the next run is due now";
  return `The Web Connector last called ${status.lastContactAgo}. ${schedule}${next}. ${status.state === "ok" ? "" : status.detail}`.trim();
}
