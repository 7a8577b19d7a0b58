"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/card";

/** QuickBooks' capped name and item lists' warnings, none while they are far from full. */
export function useListLimitWarnings(): string[] {
  const trpc = useTRPC();
  const limits = useQuery(trpc.sync.listLimits.queryOptions());
  return (limits.data?.lists ?? []).flatMap((list) => (list.warning ? [list.warning] : []));
}

/** Shown on the home page and in the Sync Wizard while a QuickBooks list nears its cap. */
export function ListLimitWarnings({ className }: { className?: string }) {
  const warnings = useListLimitWarnings();
  if (warnings.length === 0) return null;
  return (
    <div className={className}>
      {warnings.map((warning) => (
        <Alert key={warning} className="mb-2 border-amber-200 bg-amber-50 text-amber-900">
          <p className="font-medium">A QuickBooks list is nearly full</p>
          <p className="mt-1">{warning}</p>
        </Alert>
      ))}
    </div>
  );
}
