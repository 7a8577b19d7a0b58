"use client";

import { durationWords, plural, timeAgo } from "@/lib/words";
import type { RouterOutputs } from "@/components/trpc/client";
import { Alert, Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/components/ui/format";
import { RunStages } from "./run-stages";

type ConnectorStatus = RouterOutputs["webConnector"]["status"];

const STATE_TONES: Record<ConnectorStatus["state"], string> = {
  ok: "text-emerald-800",
  running: "text-amber-800",
  late: "text-red-700",
  failing: "text-red-700",
  never: "text-slate-700",
  paused: "text-slate-700",
};

/** The session under way, with its progress and an estimate of the time left; otherwise, the last contact and the schedule. */
export function CurrentRun({ status, error }: { status: ConnectorStatus | undefined; error: string | null }) {
  if (error) return <Alert className="mb-6">Could not read the Web Connector status: {error} It is tried again in a few seconds.</Alert>;
  if (!status) {
    return (
      <Card className="mb-6 p-6" role="status" aria-label="Loading the Web Connector status">
        <div className="h-4 w-1/3 animate-pulse rounded bg-slate-100" />
      </Card>
    );
  }
  const run = status.active;
  return (
    <Card aria-labelledby="current-run-heading" className="mb-6 p-6">
      <h2 id="current-run-heading" className="text-base font-semibold text-slate-900">
        {run ? "Run in progress" : "No run right now"}
      </h2>
      <p className={cn("mt-1 text-sm font-medium", STATE_TONES[status.state])}>{status.label}</p>
      <p className="mt-1 text-sm text-slate-700">{status.detail}</p>
      {run ? (
        <div className="mt-4 space-y-3">
          <div
            role="progressbar"
            aria-label="Run progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={run.percentDone}
            className="h-3 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${run.percentDone}%` }} />
          </div>
          <RunStages />
          <dl className="grid grid-cols-2 gap-4 text-sm md:grid-cols-5" aria-live="polite">
            <Fact term="Done" value={`${run.percentDone}%`} />
            <Fact term="Requests sent" value={run.requestsSent.toLocaleString("en-US")} />
            <Fact term="Answered" value={run.responsesReceived.toLocaleString("en-US")} />
            <Fact term="Started" value={`${formatDateTime(run.startedAt)} (${timeAgo(run.startedAt, new Date())})`} />
            <Fact term="Time left" value={run.etaSeconds === null ? "Estimating…" : `About ${durationWords(run.etaSeconds * 1000)}`} />
          </dl>
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600">
          {/* "ok" and "late" already name the schedule in their detail. */}
          {status.state === "ok" || status.state === "late"
            ? ""
            : `The Web Connector runs every ${plural(status.runEveryNMinutes, "minute")}. `}
          {status.lastContactAt ? `Last call: ${formatDateTime(status.lastContactAt)}. ` : ""}
          When the next run starts, this page shows its progress as it happens.
        </p>
      )}
    </Card>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500">{term}</dt>
      <dd className="font-medium text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}
