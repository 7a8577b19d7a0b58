"use client";

import Link from "next/link";
import { ENTITY_WORDS } from "@/components/sync/words";
import type { RouterOutputs } from "@/components/trpc/client";

type RunSummary = RouterOutputs["sync"]["runSummaries"][number];
type TypeLine = RunSummary["byType"][number];

const SIDE_WORDS = { export: "in QuickBooks", import: "in Ledgerbridge" } as const;

/**
 * "Sync complete": what a run created, updated, matched, deleted and failed on each side, per type, each line
 * linking to exactly those rows of the Sync Report.
 */
export function RunSummaryLines({ sessionId, summary }: { sessionId: number; summary: RunSummary }) {
  if (summary.byType.length === 0) return <p className="text-sm text-slate-600">Nothing was sent or applied in this run.</p>;
  return (
    <ul className="space-y-1 text-sm text-slate-700">
      {summary.byType.map((line) => (
        <li key={`${line.entityType}:${line.direction}`}>
          <span className="font-medium text-slate-900">
            {ENTITY_WORDS[line.entityType].plural} {SIDE_WORDS[line.direction]}:
          </span>{" "}
          <TypeLineParts sessionId={sessionId} line={line} />
        </li>
      ))}
    </ul>
  );
}

function TypeLineParts({ sessionId, line }: { sessionId: number; line: TypeLine }) {
  const done = (
    [
      ["created", line.created],
      ["updated", line.updated],
      ["matched", line.matched],
      ["deleted", line.deleted],
    ] as const
  ).filter(([, count]) => count > 0);
  const report = (tab: "successful" | "failed") => `/reports/sync?tab=${tab}&run=${sessionId}&type=${line.entityType}`;
  return (
    <>
      {done.length > 0 ? (
        <Link href={report("successful")} className="text-brand-700 hover:underline">
          {done.map(([word, count]) => `${count.toLocaleString("en-US")} ${word}`).join(", ")}
        </Link>
      ) : null}
      {done.length > 0 && line.failed > 0 ? ", " : null}
      {line.failed > 0 ? (
        <Link href={report("failed")} className="font-medium text-red-700 hover:underline">
          {line.failed.toLocaleString("en-US")} failed
        </Link>
      ) : null}
    </>
  );
}
