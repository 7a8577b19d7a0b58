"use client";

import type { RowData } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "./button";
import { PageHeader } from "./card";
import { awaitingRows, DataTable, type TableColumn } from "./data-table";
import type { TableState } from "./use-table-url-state";

interface RecordListPageProps<Row extends RowData> {
  /** Plural name shown as the title and used in messages, e.g. "Invoices". */
  title: string;
  description: string;
  newHref: string;
  newLabel: string;
  /** What the empty list invites the visitor to do, e.g. "Write the first one". */
  firstOneLabel: string;
  emptyHint?: ReactNode;
  columns: TableColumn<Row>[];
  query: { data?: { rows: Row[]; total: number }; isFetching: boolean; isPlaceholderData: boolean; error: { message: string } | null };
  table: { state: TableState; update: (change: Partial<TableState>) => void; pageSizes: number[] };
  searchPlaceholder: string;
  /** Beside the search box, e.g. an action on the selected rows. */
  toolbar?: ReactNode;
  /** A filter beside the search box narrows the list (an empty list then says so, not "none yet"). */
  filtered?: boolean;
}

/** The list page every record type shares: a title with a "New …" button over a server-driven table. */
export function RecordListPage<Row extends RowData>(props: RecordListPageProps<Row>) {
  const { query, table } = props;
  const noun = props.title.toLowerCase();
  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={
          <Button asChild>
            <Link href={props.newHref}>{props.newLabel}</Link>
          </Button>
        }
      />
      <DataTable
        label={props.title}
        columns={props.columns}
        rows={query.data?.rows}
        total={query.data?.total ?? 0}
        state={table.state}
        pageSizes={table.pageSizes}
        onStateChange={table.update}
        isLoading={awaitingRows(query)}
        error={query.error?.message}
        searchPlaceholder={props.searchPlaceholder}
        toolbar={props.toolbar}
        empty={
          table.state.search ? (
            <>
              No {noun} match “{table.state.search}”{props.filtered ? " with this filter" : ""}.
            </>
          ) : props.filtered ? (
            <>No {noun} match this filter.</>
          ) : (
            <>
              No {noun} yet.{" "}
              <Link className="text-brand-700 underline" href={props.newHref}>
                {props.firstOneLabel}
              </Link>
              {props.emptyHint ?? "."}
            </>
          )
        }
      />
    </>
  );
}
