"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { TypeFilter } from "@/components/sync/filters";
import { PreviewDialog } from "@/components/sync/preview-dialog";
import { SyncNav } from "@/components/sync/sync-nav";
import { useConnectorStatus } from "@/components/sync/use-connector-status";
import { isEntityType } from "@/components/sync/words";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { awaitingRows, DataTable } from "@/components/ui/data-table";
import { startOfDate } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { TabList } from "@/components/ui/tabs";
import { useTableUrlState, useUrlFilters, type TableState } from "@/components/ui/use-table-url-state";
import { PendingHelp } from "./pending-help";
import { attemptColumns, pendingColumns, type PendingRow } from "./report-columns";

const TABS = ["pending", "successful", "failed"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = { pending: "Pending", successful: "Successful", failed: "Failed" };
const reportTabId = (tab: Tab) => `report-tab-${tab}`;
const reportPanelId = (tab: Tab) => `report-${tab}`;
// sort, dir and q belong to the table; listed so a tab change can reset them with the filters in one step.
const FILTER_KEYS = ["tab", "type", "from", "to", "run", "q", "sort", "dir"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

interface ReportFilter {
  entityType: ReturnType<typeof entityTypeOf>;
  search: string | undefined;
  from: Date | undefined;
  to: Date | undefined;
  /** One Web Connector run, from its summary's links. */
  run: number | undefined;
}

/** The Sync Report: Pending, Successful and Failed, filtered by date, type and text, and downloadable as CSV. */
export function SyncReport() {
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const tab: Tab = filters.tab === "successful" || filters.tab === "failed" ? filters.tab : "pending";
  const table = useTableUrlState({ sort: tab === "pending" ? "updatedAt" : "at", direction: "desc" });
  const status = useConnectorStatus();
  const filter: ReportFilter = {
    entityType: entityTypeOf(filters.type),
    search: table.state.search,
    from: startOfDate(filters.from),
    // The "to" date is included: the range ends at the midnight after it.
    to: startOfDate(filters.to, 1),
    run: filters.run && /^\d+$/.test(filters.run) ? Number(filters.run) : undefined,
  };
  const counts = useReportCounts(filter, tab, table.state);
  const csv = csvHref(tab, filter, table.state);

  return (
    <>
      <SyncNav />
      <PageHeader
        title="Sync Report"
        description="Everything approved, what reached the other side and what QuickBooks refused."
        actions={
          <Button variant="secondary" asChild>
            <a href={csv} download>
              <Download size={16} aria-hidden /> Download CSV
            </a>
          </Button>
        }
      />
      <ReportTabs
        tab={tab}
        counts={counts}
        onChange={(next) => setFilters({ tab: next === "pending" ? undefined : next, sort: undefined, dir: undefined })}
      />
      <div role="tabpanel" id={reportPanelId(tab)} aria-labelledby={reportTabId(tab)}>
        {tab === "pending" ? <PendingHelp status={status.data} /> : null}
        {filter.run && tab !== "pending" ? (
          <p role="status" className="mb-3 text-sm text-slate-700">
            Only the Web Connector run of its summary.{" "}
            <button type="button" className="font-medium text-brand-700 underline" onClick={() => setFilters({ run: undefined })}>
              Show every run
            </button>
          </p>
        ) : null}
        {tab === "failed" ? (
          <p className="mb-4 text-sm text-slate-700">
            Every failed attempt stays here for the record. Records whose latest attempt failed wait on{" "}
            <Link href="/sync/unsynced" className="font-medium text-brand-700 underline">
              Unsynced Entities
            </Link>
            , with Resync and Clear ID.
          </p>
        ) : null}
        <ReportTable tab={tab} filter={filter} table={table} toolbar={<ReportFilters filters={filters} setFilters={setFilters} />} />
      </div>
    </>
  );
}

function ReportTable(props: { tab: Tab; filter: ReportFilter; table: ReturnType<typeof useTableUrlState>; toolbar: ReactNode }) {
  const trpc = useTRPC();
  const { tab, filter, table } = props;
  const input = { ...table.state, ...filter };
  const [preview, setPreview] = useState<PendingRow | null>(null);
  const pending = useQuery({ ...trpc.sync.pending.queryOptions(input), placeholderData: keepPreviousData, enabled: tab === "pending" });
  const successful = useQuery({
    ...trpc.sync.successful.queryOptions(input),
    placeholderData: keepPreviousData,
    enabled: tab === "successful",
  });
  const failed = useQuery({ ...trpc.sync.failed.queryOptions(input), placeholderData: keepPreviousData, enabled: tab === "failed" });
  const filtered = Boolean(filter.entityType || filter.search || filter.from || filter.to || filter.run);
  const shared = {
    state: table.state,
    pageSizes: table.pageSizes,
    onStateChange: table.update,
    toolbar: props.toolbar,
    searchPlaceholder: tab === "failed" ? "Record or QuickBooks' message" : "Record",
  };
  if (tab === "pending") {
    return (
      <>
        <DataTable
          {...shared}
          label="Pending syncs"
          columns={pendingColumns(setPreview)}
          rows={pending.data?.rows}
          total={pending.data?.total ?? 0}
          isLoading={awaitingRows(pending)}
          error={pending.error?.message}
          empty={
            filtered ? (
              "Nothing pending matches these filters."
            ) : (
              <>
                Nothing is pending. Approve changes in the{" "}
                <Link href="/sync" className="text-brand-700 underline">
                  Sync Wizard
                </Link>{" "}
                and they wait here for the next run.
              </>
            )
          }
        />
        <PreviewDialog
          candidate={preview}
          description="Exactly what Ledgerbridge sends to QuickBooks for this change on the next Web Connector run, built from the record as it is now."
          onClose={() => setPreview(null)}
        />
      </>
    );
  }
  const query = tab === "successful" ? successful : failed;
  return (
    <DataTable
      {...shared}
      label={tab === "successful" ? "Successful syncs" : "Failed syncs"}
      columns={attemptColumns(tab)}
      rows={query.data?.rows}
      total={query.data?.total ?? 0}
      isLoading={awaitingRows(query)}
      error={query.error?.message}
      empty={
        filtered
          ? "No attempts match these filters."
          : tab === "successful"
            ? "Nothing has synced yet. Approved changes show here once the Web Connector has sent them."
            : "Nothing has failed. When QuickBooks refuses a record, it shows here with QuickBooks' reason."
      }
    />
  );
}

function ReportFilters({
  filters,
  setFilters,
}: {
  filters: Record<FilterKey, string | undefined>;
  setFilters: (change: Partial<Record<FilterKey, string | undefined>>) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <TypeFilter value={filters.type} onChange={(type) => setFilters({ type })} />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <span>From</span>
        <Input
          type="date"
          className="w-40"
          value={filters.from ?? ""}
          max={filters.to}
          onChange={(event) => setFilters({ from: event.target.value || undefined })}
        />
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <span>To</span>
        <Input
          type="date"
          className="w-40"
          value={filters.to ?? ""}
          min={filters.from}
          onChange={(event) => setFilters({ to: event.target.value || undefined })}
        />
      </label>
    </div>
  );
}

/**
 * How many rows each tab holds under the same filters, for the counts on the tabs. The open tab counts from the
 * very answer its table shows (the same query), so its count and its rows never disagree.
 */
function useReportCounts(filter: ReportFilter, open: Tab, tableState: TableState): Partial<Record<Tab, number>> {
  const trpc = useTRPC();
  const countOnly = { ...filter, pageSize: 1 };
  const shown = { ...tableState, ...filter };
  const options = { placeholderData: keepPreviousData };
  const pending = useQuery({ ...trpc.sync.pending.queryOptions(open === "pending" ? shown : countOnly), ...options });
  const successful = useQuery({ ...trpc.sync.successful.queryOptions(open === "successful" ? shown : countOnly), ...options });
  const failed = useQuery({ ...trpc.sync.failed.queryOptions(open === "failed" ? shown : countOnly), ...options });
  return { pending: pending.data?.total, successful: successful.data?.total, failed: failed.data?.total };
}

function ReportTabs(props: { tab: Tab; counts: Partial<Record<Tab, number>>; onChange: (tab: Tab) => void }) {
  return (
    <TabList
      label="Sync Report sections"
      tabs={TABS}
      selected={props.tab}
      onChange={props.onChange}
      tabId={reportTabId}
      panelId={reportPanelId}
      className="mb-4 inline-flex rounded-lg border border-slate-200 bg-white p-1 shadow-sm"
      tabClassName={(selected) =>
        cn(
          "flex items-center gap-2 rounded-md px-4 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900",
          selected && "bg-brand-50 text-brand-800",
        )
      }
    >
      {(tab) => {
        const count = props.counts[tab];
        return (
          <>
            {TAB_LABELS[tab]}
            <span
              className={cn(
                "rounded-full px-2 text-xs tabular-nums",
                tab === "failed" && count ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-700",
              )}
            >
              {count === undefined ? "…" : count.toLocaleString("en-US")}
            </span>
          </>
        );
      }}
    </TabList>
  );
}

/** The CSV route with exactly the filters and sort on screen; dates go as instants, so the file matches this time zone. */
function csvHref(tab: Tab, filter: ReportFilter, state: TableState): string {
  const query = new URLSearchParams({ section: tab });
  if (filter.entityType) query.set("type", filter.entityType);
  if (filter.search) query.set("q", filter.search);
  if (filter.from) query.set("from", filter.from.toISOString());
  if (filter.to) query.set("to", filter.to.toISOString());
  if (filter.run) query.set("run", String(filter.run));
  if (state.sort) query.set("sort", state.sort);
  query.set("dir", state.direction);
  return `/api/reports/sync.csv?${query.toString()}`;
}

function entityTypeOf(value: string | undefined) {
  return isEntityType(value) ? value : undefined;
}
