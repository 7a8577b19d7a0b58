"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";

/** How many matches a picker shows; the rest are found by typing. */
const PICKER_LIMIT = 20;

const NOUNS = {
  customers: "customers",
  vendors: "vendors",
  accounts: "accounts",
  bankAccounts: "bank accounts",
  items: "items",
  customerProxies: "customers",
  vendorProxies: "vendors",
  itemProxies: "items",
  itemCategories: "items",
} as const;

interface LookupComboboxProps {
  source: keyof typeof NOUNS;
  value: ComboboxOption | null;
  onChange: (option: ComboboxOption | null) => void;
  placeholder?: string;
  /** Leaves this record out of the options (a record cannot be its own proxy). */
  exceptId?: number;
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/**
 * Picks an active customer or item (or, for "Send to QuickBooks as", a record that is sent as itself), searching the
 * server as the person types (lists can hold thousands).
 */
export function LookupCombobox({ source, exceptId, ...props }: LookupComboboxProps) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const search = useDebouncedValue(text.trim(), 200);
  const procedure = trpc.lookups[source];
  const query = useQuery({
    ...procedure.queryOptions({ search: search || undefined, limit: PICKER_LIMIT, exceptId }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const options = query.data;
  return (
    <Combobox
      {...props}
      options={options}
      onSearchChange={setText}
      onOpenChange={setOpen}
      isLoading={query.isFetching || text.trim() !== search}
      error={query.error ? `Could not load the ${NOUNS[source]}: ${query.error.message}` : null}
      emptyText={search ? `No active ${NOUNS[source]} match “${search}”.` : `No active ${NOUNS[source]} yet.`}
      footer={options?.length === PICKER_LIMIT ? `Showing the first ${PICKER_LIMIT}. Type to narrow the list.` : null}
    />
  );
}
