"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import type { MappedType } from "@/lib/field-mapping";

/**
 * The QuickBooks custom fields the sync settings map for this type, with the values last imported. They sync from
 * QuickBooks only, so they are shown, not edited.
 */
export function QuickBooksCustomFields({
  type,
  values,
  className,
}: {
  type: MappedType;
  values: Record<string, string> | null;
  className?: string;
}) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.sync.settings.queryOptions());
  const mapped = settings.data?.settings.fieldMapping.customFields.filter((field) => field.entityType === type) ?? [];
  if (mapped.length === 0) return null;
  return (
    <Card className={className ?? "mt-6 p-6"} aria-labelledby="quickbooks-custom-fields">
      <h2 id="quickbooks-custom-fields" className="text-sm font-semibold text-slate-900">
        From QuickBooks
      </h2>
      <p className="mt-1 text-xs text-slate-500">
        Custom fields read from QuickBooks at each sync. Change them in QuickBooks; the next run brings them here.
      </p>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm md:grid-cols-2">
        {mapped.map((field) => (
          <div key={field.localName}>
            <dt className="text-slate-500">
              {field.localName}
              {field.localName !== field.quickBooksName ? <span className="text-xs"> (QuickBooks: {field.quickBooksName})</span> : null}
            </dt>
            <dd className="text-slate-900">{values?.[field.localName] ?? "(empty)"}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
