import { Card } from "@/components/ui/card";

const STEPS = [
  ["Records change", "Someone edits a customer, item, invoice or payment here, or in QuickBooks."],
  ["The Web Connector runs", "On its schedule, QuickBooks Web Connector calls Ledgerbridge, which finds what changed on each side."],
  ["You approve", "The changes wait in the Sync Wizard until someone approves them. Nothing crosses on its own."],
  ["The next run sends them", "Approved changes go to QuickBooks (or come from it) on the following run."],
  ["The Sync Report", "Shows what went through and what QuickBooks refused, and why."],
] as const;

/** The sync cycle in five steps, said plainly; the Sync Wizard and Sync Report come with the sync engine. */
export function HowSyncingWorks() {
  return (
    <Card aria-labelledby="syncing-heading" className="p-6">
      <h2 id="syncing-heading" className="text-base font-semibold text-slate-900">
        How syncing works
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        The Sync Wizard and the Sync Report arrive with the sync engine. Until then, nothing is sent to QuickBooks.
      </p>
      <ol className="mt-4 space-y-3">
        {STEPS.map(([title, text], index) => (
          <li key={title} className="flex gap-3 text-sm">
            <span aria-hidden className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-800">
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
