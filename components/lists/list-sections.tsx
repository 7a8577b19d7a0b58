"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { PaymentMethodInput } from "@/server/records/payment-methods";
import type { SalesTaxCodeInput } from "@/server/records/sales-tax-codes";
import type { SalesTaxGroupInput, SalesTaxItemInput } from "@/server/records/sales-tax-items";
import { formatRate } from "@/lib/sales-tax";
import type { TermsInput } from "@/server/records/terms";
import type { RecordSyncStatus } from "@/server/sync/record-status";
import { SyncStatusBadge } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { ActiveBadge } from "@/components/ui/card";
import { InlineList, type InlineColumn, type InlineValues } from "./inline-list";

const PAGE_SIZE = 50;

type PaymentMethod = RouterOutputs["paymentMethods"]["list"]["rows"][number];
type Terms = RouterOutputs["terms"]["list"]["rows"][number];
type SalesTaxCode = RouterOutputs["salesTaxCodes"]["list"]["rows"][number];
type SalesTaxItemRow = RouterOutputs["salesTaxItems"]["list"]["rows"][number];

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
  syncStatusColumn,
];

const SALES_TAX_ITEM_COLUMNS: InlineColumn<SalesTaxItemRow>[] = [
  { key: "name", label: "Name", type: "text", show: (row) => row.name },
  { key: "description", label: "Description", type: "text", show: (row) => row.description },
  { key: "ratePercent", label: "Rate (%)", type: "text", className: "w-28", show: (row) => formatRate(row.ratePercent ?? 0) },
  { key: "agencyId", label: "Tax agency (vendor)", type: "text", className: "w-56", show: (row) => row.agencyName },
  activeColumn,
  syncStatusColumn,
];

const SALES_TAX_GROUP_COLUMNS: InlineColumn<SalesTaxItemRow>[] = [
  { key: "name", label: "Name", type: "text", show: (row) => row.name },
  { key: "description", label: "Description", type: "text", show: (row) => row.description },
  { key: "itemIds", label: "Sales tax items (comma between)", type: "text", className: "w-64", show: (row) => row.itemNames },
  { key: "rate", label: "Rate", type: "shown", className: "w-24", show: (row) => formatRate(row.ratePercent ?? 0) },
  activeColumn,
  syncStatusColumn,
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

/**
 * The ids of the entries a person named ("State, City"), among the options of a lookup; a name not found stays 0,
 * which the server refuses with its own sentence.
 */
async function idsNamed(names: string, options: (search: string) => Promise<{ id: number; name: string }[]>): Promise<number[]> {
  const wanted = names
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  return Promise.all(
    wanted.map(async (name) => {
      const found = await options(name);
      return found.find((option) => option.name.toLowerCase() === name.toLowerCase())?.id ?? 0;
    }),
  );
}

export function SalesTaxItemsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { page, setPage, input, refresh } = useListPage();
  const query = useQuery({ ...trpc.salesTaxItems.list.queryOptions(input), placeholderData: keepPreviousData });
  const onSuccess = () => refresh(trpc.salesTaxItems.pathKey());
  const create = useMutation(trpc.salesTaxItems.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.salesTaxItems.update.mutationOptions({ onSuccess }));
  const vendors = (search: string) => queryClient.fetchQuery(trpc.lookups.vendors.queryOptions({ search }));
  return (
    <InlineList
      title="Sales tax items"
      description="A rate charged on taxable sales and the tax agency (a vendor) it is paid to."
      noun="sales tax item"
      columns={SALES_TAX_ITEM_COLUMNS}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      valuesOf={(row) => ({
        name: row.name,
        description: row.description ?? "",
        ratePercent: String(row.ratePercent ?? 0),
        agencyId: row.agencyName ?? "",
        active: row.active,
      })}
      blank={{ name: "", description: "", ratePercent: "", agencyId: "", active: true }}
      save={async (id, values) => {
        const agency = text(values, "agencyId").trim();
        const data: SalesTaxItemInput = {
          name: text(values, "name"),
          description: text(values, "description"),
          ratePercent: text(values, "ratePercent"),
          agencyId: agency === "" ? null : ((await idsNamed(agency, vendors))[0] ?? 0),
          active: values.active === true,
        };
        return id ? update.mutateAsync({ id, data }) : create.mutateAsync(data);
      }}
    />
  );
}

export function SalesTaxGroupsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { page, setPage, input, refresh } = useListPage();
  const query = useQuery({ ...trpc.salesTaxGroups.list.queryOptions(input), placeholderData: keepPreviousData });
  const onSuccess = () => refresh(trpc.salesTaxGroups.pathKey());
  const create = useMutation(trpc.salesTaxGroups.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.salesTaxGroups.update.mutationOptions({ onSuccess }));
  const taxItems = (search: string) => queryClient.fetchQuery(trpc.lookups.salesTaxItems.queryOptions({ search }));
  return (
    <InlineList
      title="Sales tax groups"
      description="Several sales tax items charged together, such as a state and a city rate: the group's rate is their sum."
      noun="sales tax group"
      columns={SALES_TAX_GROUP_COLUMNS}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      valuesOf={(row) => ({ name: row.name, description: row.description ?? "", itemIds: row.itemNames, active: row.active })}
      blank={{ name: "", description: "", itemIds: "", active: true }}
      save={async (id, values) => {
        const data: SalesTaxGroupInput = {
          name: text(values, "name"),
          description: text(values, "description"),
          itemIds: await idsNamed(text(values, "itemIds"), taxItems),
          active: values.active === true,
        };
        return id ? update.mutateAsync({ id, data }) : create.mutateAsync(data);
      }}
    />
  );
}
