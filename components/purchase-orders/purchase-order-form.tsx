"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatCents } from "@/lib/money";
import type { PurchaseOrderInput } from "@/server/records/purchase-orders";
import { LookupCombobox } from "@/components/lookups/lookup-combobox";
import { RecordSyncPanel } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import type { ComboboxOption } from "@/components/ui/combobox";
import { CheckboxField, Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { todayDate } from "@/components/ui/format";
import { Input, Textarea } from "@/components/ui/input";
import { useSavedNotice } from "@/components/ui/use-saved-notice";
import { SendPanel } from "@/components/send-to-quickbooks/send-panel";
import { blankLine, InvoiceLines, savedLine, type LineDraft } from "@/components/invoices/invoice-lines";
import { PurchaseOrderBills } from "./purchase-order-bills";
import { PurchaseOrderStateBadge } from "./state-badge";

type PurchaseOrderDetail = RouterOutputs["purchaseOrders"]["get"];

interface PurchaseOrderDraft {
  vendor: ComboboxOption | null;
  shipTo: ComboboxOption | null;
  number: string;
  txnDate: string;
  expectedDate: string;
  memo: string;
  closed: boolean;
}

function draftOf(order?: PurchaseOrderDetail): PurchaseOrderDraft {
  return {
    vendor: order ? { id: order.vendorId, name: order.vendorName } : null,
    shipTo: order?.shipToCustomerId ? { id: order.shipToCustomerId, name: order.shipToCustomerName ?? "" } : null,
    number: order?.number ?? "",
    txnDate: order?.txnDate ?? todayDate(),
    expectedDate: order?.expectedDate ?? "",
    memo: order?.memo ?? "",
    closed: order?.state === "closed",
  };
}

export function EditPurchaseOrder({ id }: { id: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.purchaseOrders.get.queryOptions({ id }));
  return <PurchaseOrderForm order={data} />;
}

export function PurchaseOrderForm({ order }: { order?: PurchaseOrderDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigation = useRouter();
  const [draft, setDraft] = useState(() => draftOf(order));
  const [lines, setLines] = useState<LineDraft[]>(() => (order ? order.lines.map(savedLine) : [blankLine()]));
  const [notice, setNotice] = useSavedNotice("Purchase order created.");
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.purchaseOrders.pathKey() });
  const create = useMutation(trpc.purchaseOrders.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.purchaseOrders.update.mutationOptions({ onSuccess }));
  const mutation = order ? update : create;
  const errors = formErrors(mutation.error);
  const receiving = order?.lines.some((line) => line.receivedQuantity > 0) ?? false;
  const change = (patch: Partial<PurchaseOrderDraft>) => setDraft((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data: PurchaseOrderInput = {
      number: draft.number,
      // 0 is no vendor: the server answers "Choose a vendor." under the field.
      vendorId: draft.vendor?.id ?? 0,
      shipToCustomerId: draft.shipTo?.id ?? null,
      txnDate: draft.txnDate,
      expectedDate: draft.expectedDate,
      memo: draft.memo,
      closed: draft.closed,
      lines: lines.map((line) => ({ itemId: line.item?.id ?? 0, description: line.description, quantity: line.quantity, rate: line.rate })),
    };
    setNotice(null);
    try {
      if (order) {
        const saved = await update.mutateAsync({ id: order.id, data });
        setDraft(draftOf(saved));
        setLines(saved.lines.map(savedLine));
        setNotice("Saved.");
      } else {
        const created = await create.mutateAsync(data);
        navigation.replace(`/purchase-orders/${created.id}?created=1`);
      }
    } catch {
      // The form shows the errors.
    }
  }

  return (
    <>
      <PageHeader
        title={order ? `Purchase order ${order.number}` : "New purchase order"}
        description={order ? `From ${order.vendorName}` : undefined}
        actions={
          <Button variant="secondary" asChild>
            <Link href="/purchase-orders">Back to purchase orders</Link>
          </Button>
        }
      />
      {order ? <RecordSyncPanel type="purchaseOrder" id={order.id} /> : null}
      {order ? <PurchaseOrderStanding order={order} /> : null}
      {order ? <PurchaseOrderBills order={order} /> : null}
      {order ? <SendPanel kind="purchaseOrders" record={order} /> : null}
      <Card className="p-6">
        <form onSubmit={submit} noValidate className="space-y-6">
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          <div className="grid gap-4 md:grid-cols-3">
            <Field label="Vendor" className="md:col-span-2" error={errors.fields.vendorId}>
              <LookupCombobox
                source="vendors"
                value={draft.vendor}
                onChange={(vendor) => change({ vendor })}
                placeholder="Search vendors"
              />
            </Field>
            <Field
              label="PO number"
              hint={order ? "Leave blank to keep the current number." : "Leave blank and Ledgerbridge assigns the next number."}
              error={errors.fields.number}
            >
              <Input value={draft.number} onChange={(event) => change({ number: event.target.value })} />
            </Field>
            <Field
              label="Ship to customer (job)"
              className="md:col-span-2"
              hint="Optional: the job the materials are for, delivered there. Leave it empty for the office."
              error={errors.fields.shipToCustomerId}
            >
              <LookupCombobox
                source="customers"
                value={draft.shipTo}
                onChange={(shipTo) => change({ shipTo })}
                placeholder="Search customers"
              />
            </Field>
            <div className="hidden md:block" />
            <Field label="Order date" error={errors.fields.txnDate}>
              <Input type="date" value={draft.txnDate} onChange={(event) => change({ txnDate: event.target.value })} />
            </Field>
            <Field label="Expected date" hint="Optional: when the vendor should deliver." error={errors.fields.expectedDate}>
              <Input type="date" value={draft.expectedDate} onChange={(event) => change({ expectedDate: event.target.value })} />
            </Field>
            <Field label="Memo" className="md:col-span-2" error={errors.fields.memo}>
              <Textarea rows={2} className="min-h-9" value={draft.memo} onChange={(event) => change({ memo: event.target.value })} />
            </Field>
            {order ? (
              <CheckboxField
                label="Closed"
                hint="Nothing more is expected from the vendor. QuickBooks closes it too."
                checked={draft.closed}
                onChange={(event) => change({ closed: event.target.checked })}
                error={errors.fields.closed}
              />
            ) : null}
          </div>
          <section aria-labelledby="purchase-order-lines-heading" className="space-y-2">
            <h2 id="purchase-order-lines-heading" className="text-base font-semibold text-slate-900">
              Lines
            </h2>
            {receiving ? (
              <p className="text-sm text-slate-600">
                Items on this order have been received in QuickBooks, so its lines are changed there.
              </p>
            ) : null}
            <InvoiceLines lines={lines} onChange={setLines} errors={errors.fields} />
          </section>
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? "Saving…" : order ? "Save changes" : "Create purchase order"}
          </Button>
        </form>
      </Card>
    </>
  );
}

/** Where the saved order stands: open, received in QuickBooks (line by line) or closed, and its total. */
function PurchaseOrderStanding({ order }: { order: PurchaseOrderDetail }) {
  return (
    <Card className="mb-4 space-y-3 px-6 py-4">
      <div className="flex flex-wrap items-center gap-x-10 gap-y-3">
        <div>
          <p className="text-xs font-medium text-slate-500 uppercase">State</p>
          <p className="mt-1">
            <PurchaseOrderStateBadge state={order.state} />
          </p>
        </div>
        <div>
          <p className="text-xs font-medium text-slate-500 uppercase">Total</p>
          <p className="mt-1 text-lg font-semibold tabular-nums">{formatCents(order.totalCents)}</p>
        </div>
        <p className="text-sm text-slate-500">Received quantities come from QuickBooks (Receive Items there).</p>
      </div>
      <ul className="text-sm text-slate-700">
        {order.lines.map((line) => (
          <li key={line.id}>
            {line.itemName}: {line.receivedQuantity} of {line.quantity} received
          </li>
        ))}
      </ul>
    </Card>
  );
}
