"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

const STAGES = [
  { key: "discovery", label: "Reading QuickBooks", unit: "list or page" },
  { key: "sending", label: "Sending to QuickBooks", unit: "record" },
  { key: "applying", label: "Applying imports here", unit: "record" },
] as const;

/** The run under way stage by stage, each bar filling as QuickBooks answers, and the failures met so far. */
export function RunStages() {
  const trpc = useTRPC();
  const progress = useQuery(trpc.sync.runProgress.queryOptions());
  const run = progress.data;
  if (!run?.stages) return null;
  return (
    <div className="space-y-3">
      <ul className="grid gap-3 md:grid-cols-3" aria-label="Run stages">
        {STAGES.map(({ key, label }) => {
          const { done, total } = run.stages![key];
          const percent = total === 0 ? 100 : Math.min(100, Math.round((done / total) * 100));
          return (
            <li key={key} className="text-sm">
              <div className="flex justify-between text-slate-700">
                <span>{label}</span>
                <span className="tabular-nums">
                  {total === 0 ? "nothing to do" : `${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`}
                </span>
              </div>
              <div
                role="progressbar"
                aria-label={label}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100"
              >
                <div className="h-full rounded-full bg-brand-500 transition-[width]" style={{ width: `${percent}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
      {run.errors.length > 0 ? (
        <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" aria-live="polite">
          <p className="font-medium">
            {run.errors.length === 1
              ? "1 record failed so far"
              : `${run.errors.length}${run.errors.length === 20 ? "+" : ""} records failed so far`}{" "}
            — they wait on the Unsynced Entities page:
          </p>
          <ul className="mt-1 list-disc pl-5">
            {run.errors.slice(0, 5).map((error, index) => (
              <li key={index}>
                {error.label}: {error.statusCode ? `${error.statusCode} ` : ""}
                {error.statusMessage ?? "no message"}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
