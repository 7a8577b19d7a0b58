"use client";

import {
  FlexRender,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, Search } from "lucide-react";
import { useEffect, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { Input, Select } from "./input";
import type { TableState } from "./use-table-url-state";

interface ColumnLayout {
  /** Amounts line up on the right, header and cells alike. */
  align?: "right";
}

// Sorting is the only table feature used, and the server does it (manualSorting); rows arrive one page at a time.
const features = tableFeatures({ rowSortingFeature, columnMeta: metaHelper<ColumnLayout>() });
const NO_ROWS: never[] = [];

/** A column of a DataTable; a sortable column's id is the sort key the server is asked for. */
export type TableColumn<Row extends RowData> = ColumnDef<typeof features, Row, unknown>;

interface DataTableProps<Row extends RowData> {
  label: string;
  columns: TableColumn<Row>[];
  rows: Row[] | undefined;
  total: number;
  state: TableState;
  pageSizes: number[];
  onStateChange: (change: Partial<TableState>) => void;
  isLoading: boolean;
  error?: string | null;
  searchPlaceholder?: string;
  empty: ReactNode;
  toolbar?: ReactNode;
  /** A stable key per row (the record's id), so React keys and focus follow the row across refetches. */
  getRowId?: (row: Row) => string;
  /** Selection tables: arrow keys move the row focus, Space toggles the focused row, other keys go to onKey. */
  keyboard?: RowKeyboard<Row>;
  rowClassName?: (row: Row) => string | undefined;
  /** Id of the text that says how to use the table from the keyboard. */
  describedBy?: string;
}

export interface RowKeyboard<Row> {
  onToggle: (row: Row) => void;
  onKey?: (event: KeyboardEvent<HTMLTableRowElement>, row: Row) => void;
}

/**
 * Whether a table's rows are still to come for what the person asked (a new page, sort or search, or the first
 * load). A refresh of the same rows, as live updates make every few seconds during a run, does not dim the table.
 */
export function awaitingRows(query: { isFetching: boolean; isPlaceholderData: boolean; data?: unknown }): boolean {
  return query.isFetching && (query.isPlaceholderData || query.data === undefined);
}

/** A table whose paging, sorting and searching happen on the server; the page only shows one page. */
export function DataTable<Row extends RowData>(props: DataTableProps<Row>) {
  const { label, columns, rows, total, state, pageSizes, onStateChange, isLoading, error, keyboard } = props;
  const [focusedRow, setFocusedRow] = useState(0);
  const sorting: SortingState = state.sort ? [{ id: state.sort, desc: state.direction === "desc" }] : [];
  const table = useTable({
    features,
    data: rows ?? NO_ROWS,
    columns,
    state: { sorting },
    manualSorting: true,
    getRowId: props.getRowId,
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      onStateChange({ sort: first?.id, direction: first?.desc ? "desc" : "asc", page: 1 });
    },
  });
  const pageCount = Math.max(1, Math.ceil(total / state.pageSize));
  const firstRow = total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const lastRow = Math.min(total, state.page * state.pageSize);

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 p-3">
        <SearchBox
          value={state.search ?? ""}
          placeholder={props.searchPlaceholder ?? "Search"}
          label={`Search ${label}`}
          onSearch={(search) => onStateChange({ search, page: 1 })}
        />
        {props.toolbar}
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label={label} aria-busy={isLoading} aria-describedby={props.describedBy}>
          <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={cn("px-4 py-2.5", header.column.columnDef.meta?.align === "right" && "text-right")}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 whitespace-nowrap uppercase hover:text-slate-900"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          <FlexRender header={header} />
                          {sorted === "asc" ? (
                            <ArrowUp size={14} aria-hidden />
                          ) : sorted === "desc" ? (
                            <ArrowDown size={14} aria-hidden />
                          ) : (
                            <ArrowUpDown size={14} aria-hidden className="opacity-40" />
                          )}
                        </button>
                      ) : (
                        <FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {error ? (
              <tr>
                <td colSpan={columns.length} className="px-4 py-10 text-center text-red-700" role="alert">
                  {error}
                </td>
              </tr>
            ) : isLoading && !rows ? (
              Array.from({ length: 5 }, (_, index) => (
                <tr key={index}>
                  <td colSpan={columns.length} className="px-4 py-3">
                    <div className="h-4 animate-pulse rounded bg-slate-100" />
                  </td>
                </tr>
              ))
            ) : table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-4 py-10 text-center text-slate-600">
                  {props.empty}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row, index, all) => (
                <tr
                  key={row.id}
                  data-row
                  // One row is in the tab order (roving tabindex); arrow keys move among the others.
                  tabIndex={keyboard ? (index === Math.min(focusedRow, all.length - 1) ? 0 : -1) : undefined}
                  onFocus={keyboard ? () => setFocusedRow(index) : undefined}
                  onKeyDown={keyboard ? (event) => onRowKeyDown(event, keyboard, row.original) : undefined}
                  className={cn(
                    "hover:bg-slate-50",
                    keyboard && "focus-visible:bg-brand-50 focus-visible:-outline-offset-2",
                    props.rowClassName?.(row.original),
                    isLoading && "opacity-60",
                  )}
                >
                  {row.getAllCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={cn("px-4 py-2.5 align-top", cell.column.columnDef.meta?.align === "right" && "text-right tabular-nums")}
                    >
                      <FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-2.5 text-sm text-slate-600">
        <p aria-live="polite">
          {total === 0
            ? "No rows"
            : `${firstRow.toLocaleString("en-US")}–${lastRow.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`}
        </p>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-2">
            <span>Rows per page</span>
            <Select
              className="w-20"
              value={state.pageSize}
              onChange={(event) => onStateChange({ pageSize: Number(event.target.value), page: 1 })}
            >
              {pageSizes.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </Select>
          </label>
          <Button variant="secondary" size="sm" disabled={state.page <= 1} onClick={() => onStateChange({ page: state.page - 1 })}>
            Previous
          </Button>
          <span>
            Page {state.page} of {pageCount}
          </span>
          <Button variant="secondary" size="sm" disabled={state.page >= pageCount} onClick={() => onStateChange({ page: state.page + 1 })}>
            Next
          </Button>
        </div>
      </div>
    </div>
  );
}

const ROW_STEPS: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (index, count) => Math.min(count - 1, index + 1),
  ArrowUp: (index) => Math.max(0, index - 1),
  Home: () => 0,
  End: (_, count) => count - 1,
};

function onRowKeyDown<Row>(event: KeyboardEvent<HTMLTableRowElement>, keyboard: RowKeyboard<Row>, row: Row) {
  const target = event.target as HTMLElement;
  const onRow = target === event.currentTarget;
  // Keys typed into a text box or a select inside the row are theirs.
  if (!onRow && target.matches("input:not([type=checkbox]), select, textarea")) return;
  const step = ROW_STEPS[event.key];
  if (step) {
    event.preventDefault();
    const rows = Array.from(event.currentTarget.parentElement?.querySelectorAll<HTMLTableRowElement>("tr[data-row]") ?? []);
    rows[step(rows.indexOf(event.currentTarget), rows.length)]?.focus();
  } else if (event.key === " " && onRow) {
    event.preventDefault();
    keyboard.onToggle(row);
  } else {
    keyboard.onKey?.(event, row);
  }
}

/** Searches after the typing pauses, so each keystroke does not hit the server. */
function SearchBox({
  value,
  placeholder,
  label,
  onSearch,
}: {
  value: string;
  placeholder: string;
  label: string;
  onSearch: (value: string) => void;
}) {
  const [text, setText] = useState(value);
  // A search changed from outside (the back button, a link) replaces what was typed: adjusted while rendering.
  const [outside, setOutside] = useState(value);
  if (value !== outside) {
    setOutside(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onSearch(text), 300);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <div className="relative w-full max-w-sm">
      <Search size={16} aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 text-slate-400" />
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="pl-8"
      />
    </div>
  );
}
