"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { useSendAll } from "./use-send-all";

export type SendKind = "invoices" | "payments" | "purchaseOrders" | "bills" | "billPayments";

const NOUN: Record<SendKind, string> = {
  invoices: "invoice",
  payments: "payment",
  purchaseOrders: "purchase order",
  bills: "bill",
  billPayments: "bill payment",
};

interface SendPanelProps {
  kind: SendKind;
  /** Purchase orders and bills have no NC Only; bills have no drafts. */
  record: { id: number; ncOnly?: boolean; sendRequestedAt: Date | null; status?: "draft" | "final" };
}

/** A saved transaction's way to QuickBooks: why it is or is not sent, and "Send to QuickBooks" when Send All is off. */
export function SendPanel({ kind, record }: SendPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sendAll = useSendAll();
  const [notice, setNotice] = useState<string | null>(null);
  const send = useMutation(
    trpc[kind].sendToQuickBooks.mutationOptions({
      onSuccess: async () => {
        setNotice("Marked to send. It is offered for approval in the Sync Wizard after the next Web Connector run.");
        await queryClient.invalidateQueries({ queryKey: trpc[kind].pathKey() });
      },
    }),
  );
  const noun = NOUN[kind];
  const available = !record.ncOnly && record.status !== "draft";
  const status = record.ncOnly
    ? `Not for QuickBooks (NC Only): this ${noun} is never sent.`
    : record.status === "draft"
      ? "A draft is not sent to QuickBooks. Make it final to send it."
      : sendAll
        ? `Send All is on: this ${noun} is offered for approval in the Sync Wizard whenever it is new or changed.`
        : record.sendRequestedAt
          ? `Marked to send ${formatDateTime(record.sendRequestedAt)}: offered for approval in the Sync Wizard after the next run. After a later change, send it again.`
          : `Not sent yet. Send All is off, so only the ${noun}s a person sends go to QuickBooks.`;
  return (
    <Card className="mb-4 flex flex-wrap items-center justify-between gap-3 px-6 py-3">
      <div className="space-y-2">
        <p className="text-sm text-slate-700">{status}</p>
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {send.error ? <Alert>{send.error.message}</Alert> : null}
      </div>
      {available && sendAll === false ? (
        <Button variant="secondary" disabled={send.isPending} onClick={() => send.mutate({ ids: [record.id] })}>
          <Send size={16} aria-hidden /> {send.isPending ? "Sending…" : "Send to QuickBooks"}
        </Button>
      ) : null}
    </Card>
  );
}
