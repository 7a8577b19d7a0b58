"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { PaymentMethodInput } from "@/server/records/payment-methods";
import type { SalesTaxCodeInput } from "@/server/records/sales-tax-codes";
import type { TermsInput } from "@/server/records/terms";
import type { RecordSyncStatus } from "@/server/sync/record-status";
import { SyncStatusBadge } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { ActiveBadge } from "@/components/ui/card";
import { InlineList, type InlineColumn, type InlineValues } from "./inline-list";

const PAGE_SIZE = 50;

type PaymentMethod = RouterOutputs["paymentMethods"]["list"]["rows"][number];
type Terms = RouterOutputs["terms"]["list"]["rows"][number];
type SalesTaxCode = RouterOutputs["salesTaxCodes"]["get"];

const activeColumn = {
  key: "active",
  label: "Status",
  type: "checkbox",
  className: "w-28",
  show: (row: { active: boolean }) => <ActiveBadge active={row.active} />,
} as const;

const syncStatusColumn = {
  key: "syncStatus",
  label: "QuickBooks",
  type: "shown",
  className: "w-52",
  show: (row: { syncStatus: RecordSyncStatus }) => <SyncStatusBadge status={row.syncStatus} />,
} as const;

const PAYMENT_METHOD_COLUMNS: InlineColumn<PaymentMethod>[] = [
  { key: "name", label: "Name", type: "text", show: (row) => row.name },
  activeColumn,
  syncStatusColumn,
];

const TERMS_COLUMNS: InlineColumn<Terms>[] = [
  { key: "name", label: "Name", type: "text", show: (row) => row.name },
  { key: "netDays", label: "Net days", type: "number", className: "w-28", show: (row) => row.netDays },
  activeColumn,
  syncStatusColumn,
];

const SALES_TAX_CODE_COLUMNS: InlineColumn<SalesTaxCode>[] = [
  { key: "name", label: "Code", type: "text", className: "w-28", show: (row) => row.name },
  { key: "description", label: "Description", type: "text", show: (row) => row.description },
  { key: "taxable", label: "Taxable", type: "checkbox", className: "w-24", show: (row) => (row.taxable ? "Yes" : "No") },
  activeColumn,
];

/** One page of a list by name, and a way to refresh everything that shows it (its list and the form pickers). */
function useListPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const input = { page, pageSize: PAGE_SIZE, sort: "name" } as const;
  const refresh = (pathKey: readonly unknown[]) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: pathKey }),
      queryClient.invalidateQueries({ queryKey: trpc.lookups.pathKey() }),
    ]);
  return { page, setPage, input, refresh };
}

const text = (values: InlineValues, key: string) => String(values[key] ?? "");

export function PaymentMethodsSection() {
  const trpc = useTRPC();
  const { page, setPage, input, refresh } = useListPage();
  const query = useQuery({ ...trpc.paymentMethods.list.queryOptions(input), placeholderData: keepPreviousData });
  const onSuccess = () => refresh(trpc.paymentMethods.pathKey());
  const create = useMutation(trpc.paymentMethods.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.paymentMethods.update.mutationOptions({ onSuccess }));
  return (
    <InlineList
      title="Payment methods"
      description="How customers pay you, such as Check or Visa. Chosen on payments."
      noun="payment method"
      columns={PAYMENT_METHOD_COLUMNS}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      valuesOf={(row) => ({ name: row.name, active: row.active })}
      blank={{ name: "", active: true }}
      save={(id, values) => {
        const data: PaymentMethodInput = { name: text(values, "name"), active: values.active === true };
        return id ? update.mutateAsync({ id, data }) : create.mutateAsync(data);
      }}
    />
  );
}

export function TermsSection() {
  const trpc = useTRPC();
  const { page, setPage, input, refresh } = useListPage();
  const query = useQuery({ ...trpc.terms.list.queryOptions(input), placeholderData: keepPreviousData });
  const onSuccess = () => refresh(trpc.terms.pathKey());
  const create = useMutation(trpc.terms.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.terms.update.mutationOptions({ onSuccess }));
  return (
    <InlineList
      title="Terms"
      description="When invoices are due: the invoice date plus the net days."
      noun="term"
      columns={TERMS_COLUMNS}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      valuesOf={(row) => ({ name: row.name, netDays: String(row.netDays), active: row.active })}
      blank={{ name: "", netDays: "30", active: true }}
      save={(id, values) => {
        // A blank or non-number box becomes NaN, which the server refuses with its own sentence.
        const netDays = text(values, "netDays").trim() === "" ? Number.NaN : Number(text(values, "netDays"));
        const data: TermsInput = { name: text(values, "name"), netDays, active: values.active === true };
        return id ? update.mutateAsync({ id, data }) : create.mutateAsync(data);
      }}
    />
  );
}

export function SalesTaxCodesSection() {
  const trpc = useTRPC();
  const { page, setPage, input, refresh } = useListPage();
  const query = useQuery({ ...trpc.salesTaxCodes.list.queryOptions(input), placeholderData: keepPreviousData });
  const onSuccess = () => refresh(trpc.salesTaxCodes.pathKey());
  const create = useMutation(trpc.salesTaxCodes.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.salesTaxCodes.update.mutationOptions({ onSuccess }));
  return (
    <InlineList
      title="Sales tax codes"
      description="Whether a sale is taxable. QuickBooks' own codes are Tax and Non; a code is at most 3 characters."
      noun="sales tax code"
      columns={SALES_TAX_CODE_COLUMNS}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      valuesOf={(row) => ({ name: row.name, description: row.description ?? "", taxable: row.taxable, active: row.active })}
      blank={{ name: "", description: "", taxable: true, active: true }}
      save={(id, values) => {
        const data: SalesTaxCodeInput = {
          name: text(values, "name"),
          description: text(values, "description"),
          taxable: values.taxable === true,
          active: values.active === true,
        };
        return id ? update.mutateAsync({ id, data }) : create.mutateAsync(data);
      }}
    />
  );
}
