"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ENTITY_WORDS } from "@/components/sync/words";
import { useTRPC } from "@/components/trpc/client";
import { formatDateTime } from "@/components/ui/format";

/**
 * Summary counts before a sync: per record type, what Ledgerbridge holds under the current sync
 * settings and what QuickBooks showed the last time a run looked.
 */
export function SyncSummary() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.sync.summary.queryOptions());
  if (!summary.data) return null;
  const { types, countedAt, stale } = summary.data;
  const counted =
    countedAt === null
      ? "counted during the next run"
      : stale
        ? `counted at ${formatDateTime(countedAt)}; the settings changed since, so they are counted again during the next run`
        : `counted at ${formatDateTime(countedAt)}`;
  return (
    <details className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm">
      <summary className="cursor-pointer font-medium text-slate-900">What syncs under the current settings</summary>
      <table className="mt-3 w-full max-w-3xl text-left" aria-label="Records per type on each side">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1 pr-4 font-medium">Type</th>
            <th className="py-1 pr-4 text-right font-medium">In Ledgerbridge</th>
            <th className="py-1 pr-4 text-right font-medium">Not in QuickBooks yet</th>
            <th className="py-1 pr-4 text-right font-medium">Changed here</th>
            <th className="py-1 text-right font-medium">New or changed in QuickBooks</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {types.map((row) => (
            <tr key={row.type}>
              <th scope="row" className="py-1 pr-4 font-normal text-slate-900">
                {ENTITY_WORDS[row.type].plural}
              </th>
              {row.synced ? (
                <>
                  <td className="py-1 pr-4 text-right tabular-nums">{row.ledgerbridge.inScope.toLocaleString("en-US")}</td>
                  <td className="py-1 pr-4 text-right tabular-nums">{row.ledgerbridge.notInQuickBooks.toLocaleString("en-US")}</td>
                  <td className="py-1 pr-4 text-right tabular-nums">{row.ledgerbridge.changed.toLocaleString("en-US")}</td>
                  <td className="py-1 text-right tabular-nums">
                    {countedAt === null ? "—" : row.quickBooks.found.toLocaleString("en-US")}
                  </td>
                </>
              ) : (
                <td colSpan={4} className="py-1 text-slate-500">
                  Not synced (switched off in the sync settings)
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-slate-600">
        Ledgerbridge&apos;s figures count only the records the sync settings let through, as of now (changes made here count once a run or
        Find local changes has seen them); QuickBooks&apos; figures are {counted}. Change what syncs in{" "}
        <Link href="/settings#sync-settings-heading" className="font-medium text-brand-700 underline">
          Settings
        </Link>
        .
      </p>
    </details>
  );
}
