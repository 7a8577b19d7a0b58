"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useTRPC } from "@/components/trpc/client";
import { CheckboxField } from "@/components/ui/field";

/** A company has a handful of payment methods: one page of the list holds them all. */
const LIST_LIMIT = 200;

/**
 * One tick box per payment method of Ledgerbridge's list: ticked methods sync, and the names of unticked ones are
 * the setting. A name excluded earlier but gone from the list still shows, so it can be ticked again.
 */
export function PaymentMethodChecklist(props: {
  excluded: string[];
  onChange: (excluded: string[]) => void;
  errors: Record<string, string>;
}) {
  const trpc = useTRPC();
  const methods = useQuery(trpc.paymentMethods.list.queryOptions({ pageSize: LIST_LIMIT, sort: "name" }));
  const hintId = useId();
  const listed = methods.data?.rows.map((row) => row.name) ?? [];
  const gone = props.excluded.filter((name) => !listed.some((listedName) => sameName(listedName, name)));
  const isExcluded = (name: string) => props.excluded.some((excluded) => sameName(excluded, name));
  const toggle = (name: string, syncs: boolean) =>
    props.onChange(syncs ? props.excluded.filter((excluded) => !sameName(excluded, name)) : [...props.excluded, name]);
  const error = Object.entries(props.errors).find(([key]) => key.startsWith("excludedPaymentMethods"))?.[1];
  return (
    <fieldset className="space-y-1" aria-describedby={hintId}>
      <legend className="text-sm font-medium text-slate-700">Payment methods that sync</legend>
      <p id={hintId} className="text-xs text-slate-500">
        Payments taken with an unticked method neither import nor export. Example: untick the card terminal&apos;s method when the terminal
        already posts its payments to QuickBooks.
      </p>
      {methods.isError ? (
        <p className="text-sm text-red-700" role="alert">
          Could not load the payment methods: {methods.error.message}
        </p>
      ) : !methods.data ? (
        <div role="status" aria-label="Loading the payment methods" className="h-5 w-64 animate-pulse rounded bg-slate-100" />
      ) : listed.length === 0 && gone.length === 0 ? (
        <p className="text-sm text-slate-600">No payment methods yet: they arrive with the first import, or add them on the Lists page.</p>
      ) : (
        <div className="flex flex-wrap gap-x-6 gap-y-1">
          {listed.map((name) => (
            <CheckboxField key={name} label={name} checked={!isExcluded(name)} onChange={(event) => toggle(name, event.target.checked)} />
          ))}
          {gone.map((name) => (
            <CheckboxField key={name} label={`${name} (no longer in the list)`} checked={false} onChange={() => toggle(name, true)} />
          ))}
        </div>
      )}
      {error ? (
        <p className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** QuickBooks names are not case-sensitive. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
