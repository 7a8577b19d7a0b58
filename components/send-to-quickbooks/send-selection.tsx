"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useState, type ReactNode } from "react";
import type { RecordSyncStatus } from "@/server/sync/record-status";
import { useSelection } from "@/components/sync-wizard/use-selection";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import type { TableColumn } from "@/components/ui/data-table";
import type { SendKind } from "./send-panel";
import { useSendAll } from "./use-send-all";

const NOUNS: Record<SendKind, string> = {
  invoices: "invoices",
  payments: "payments",
  purchaseOrders: "purchase orders",
  bills: "bills",
  billPayments: "bill payments",
};

interface SendSelection<Row extends { id: number }> {
  /** The tick column, first in the table; empty while Send All is on (nothing to choose). */
  columns: TableColumn<Row>[];
  /** "3 selected · Send to QuickBooks", for the table's toolbar. */
  toolbar: ReactNode;
}

/**
 * Send to QuickBooks for a list's selection, which survives paging: ticked rows, or every row matching the search
 * but the unticked ones ("all 1,204 selected"). Shown only while Send All is off.
 */
export function useSendSelection<Row extends { id: number }>(
  kind: SendKind,
  search: string | undefined,
  total: number,
  /** How a row is named to a screen reader: "Invoice 1001". */
  labelOf: (row: Row) => string,
  /** The list's filter by where records stand with QuickBooks, part of "every row matching". */
  syncStatus?: RecordSyncStatus,
): SendSelection<Row> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sendAll = useSendAll();
  const selection = useSelection(`${kind}:${search ?? ""}:${syncStatus ?? ""}`, "none");
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const checked = selection.count(total);
  const send = useMutation(
    trpc[kind].sendToQuickBooks.mutationOptions({
      onSuccess: async (result) => {
        const marked = `Marked ${result.requested.toLocaleString("en-US")} to send; they are offered for approval in the Sync Wizard after the next run.`;
        setNotice({ text: [marked, ...result.skipped].join(" "), error: false });
        selection.setAll(false);
        await queryClient.invalidateQueries({ queryKey: trpc[kind].pathKey() });
      },
      onError: (error) => setNotice({ text: error.message, error: true }),
    }),
  );
  if (sendAll !== false) return { columns: [], toolbar: null };

  const chosen = selection.selection;
  const columns: TableColumn<Row>[] = [
    {
      id: "select",
      header: () => (
        <Checkbox
          aria-label={
            checked === total
              ? `Unselect all ${total.toLocaleString("en-US")} ${NOUNS[kind]}`
              : `Select all ${total.toLocaleString("en-US")} matching ${NOUNS[kind]}`
          }
          checked={total > 0 && checked === total}
          indeterminate={checked > 0 && checked < total}
          disabled={total === 0}
          onChange={() => selection.setAll(checked !== total)}
        />
      ),
      cell: ({ row }) => (
        <Checkbox
          aria-label={`Select ${labelOf(row.original)}`}
          checked={selection.isChecked(row.original.id)}
          onChange={() => selection.toggle(row.original.id)}
        />
      ),
    },
  ];
  const toolbar = (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
      {notice ? (
        <span role={notice.error ? "alert" : "status"} className={notice.error ? "text-red-700" : "text-emerald-700"}>
          {notice.text}
        </span>
      ) : null}
      <span aria-live="polite">
        {checked === 0 ? "Select rows to send them to QuickBooks." : `${checked.toLocaleString("en-US")} selected`}
      </span>
      <Button
        size="sm"
        variant="secondary"
        disabled={checked === 0 || send.isPending}
        onClick={() =>
          send.mutate(chosen.mode === "all" ? { matching: { search }, except: [...chosen.except], syncStatus } : { ids: [...chosen.ids] })
        }
      >
        <Send size={16} aria-hidden /> {send.isPending ? "Sending…" : "Send to QuickBooks"}
      </Button>
    </div>
  );
  return { columns, toolbar };
}
