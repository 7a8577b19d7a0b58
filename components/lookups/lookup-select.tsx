"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import type { ComboboxOption } from "@/components/ui/combobox";
import { Select } from "@/components/ui/input";

/** Short lists (terms, payment methods, sales tax codes and items) fit in a plain select: companies have a handful of each. */
const SHORT_LIST_LOOKUP = { limit: 50 } as const;

interface LookupSelectProps {
  source: "terms" | "paymentMethods" | "salesTaxCodes" | "salesTaxItems";
  value: number | null;
  onChange: (id: number | null) => void;
  /** The saved choice, shown even when it has been made inactive since. */
  saved?: ComboboxOption | null;
  /** The first entry, meaning none: "No terms". */
  noneLabel: string;
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/** Picks one active entry of a short list, or none. */
export function LookupSelect({ source, value, onChange, saved, noneLabel, ...props }: LookupSelectProps) {
  const trpc = useTRPC();
  const procedure = trpc.lookups[source];
  const query = useQuery(procedure.queryOptions(SHORT_LIST_LOOKUP));
  const options = query.data ?? [];
  const savedMissing = saved && !options.some((option) => option.id === saved.id);
  return (
    <Select {...props} value={value ?? ""} onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}>
      <option value="">{query.isPending ? "Loading…" : query.isError ? "Could not load the list — reload the page" : noneLabel}</option>
      {savedMissing ? (
        <option value={saved.id}>
          {saved.name}
          {query.isSuccess ? " (inactive)" : ""}
        </option>
      ) : null}
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </Select>
  );
}
