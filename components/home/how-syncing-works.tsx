import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

const link = "font-medium text-brand-700 underline";

const STEPS: [string, ReactNode][] = [
  ["Records change", "Someone edits a customer, item, invoice or payment here, or in QuickBooks."],
  ["The Web Connector runs", "On its schedule, QuickBooks Web Connector calls Ledgerbridge, which finds what changed on each side."],
  [
    "You approve",
    <>
      The changes wait in the{" "}
      <Link href="/sync" className={link}>
        Sync Wizard
      </Link>{" "}
      until someone approves them. Nothing crosses on its own.
    </>,
  ],
  ["The next run sends them", "Approved changes go to QuickBooks (or come from it) on the following run."],
  [
    "You check the result",
    <>
      The{" "}
      <Link href="/reports/sync" className={link}>
        Sync Report
      </Link>{" "}
      shows what went through; what QuickBooks refused waits on{" "}
      <Link href="/sync/unsynced" className={link}>
        Unsynced Entities
      </Link>{" "}
      with the reason and the fix.
    </>,
  ],
];

/** The sync cycle in five steps, said plainly, each leading to the page where it happens. */
export function HowSyncingWorks() {
  return (
    <Card aria-labelledby="syncing-heading" className="p-6">
      <h2 id="syncing-heading" className="text-base font-semibold text-slate-900">
        How syncing works
      </h2>
      <p className="mt-1 text-sm text-slate-600">Nothing is sent to QuickBooks, or taken from it, until someone approves it.</p>
      <ol className="mt-4 space-y-3">
        {STEPS.map(([title, text], index) => (
          <li key={title} className="flex gap-3 text-sm">
            <span
              aria-hidden
              className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-800"
            >
              {index + 1}
            </span>
            <span>
              <span className="font-medium text-slate-900">{title}.</span> <span className="text-slate-600">{text}</span>
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
