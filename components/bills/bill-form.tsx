"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatCents } from "@/lib/money";
import type { BillInput } from "@/server/records/bills";
import { LookupCombobox } from "@/components/lookups/lookup-combobox";
import { LookupSelect } from "@/components/lookups/lookup-select";
import { RecordSyncPanel } from "@/components/sync/record-sync-status";
import { SendPanel } from "@/components/send-to-quickbooks/send-panel";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import type { ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { todayDate } from "@/components/ui/format";
import { Input, Textarea } from "@/components/ui/input";
import { useSavedNotice } from "@/components/ui/use-saved-notice";
import {
  billTotal,
  blankExpenseLine,
  ExpenseLines,
  ItemLines,
  savedExpenseLine,
  savedItemLine,
  type ExpenseLineDraft,
  type ItemLineDraft,
} from "./bill-lines";

type BillDetail = RouterOutputs["bills"]["get"];

interface BillDraft {
  vendor: ComboboxOption | null;
  txnDate: string;
  termsId: number | null;
  /** Blank: the bill date plus the terms' net days, worked out when saved. */
  dueDate: string;
  refNumber: string;
  memo: string;
}

function draftOf(bill?: BillDetail): BillDraft {
  return {
    vendor: bill ? { id: bill.vendorId, name: bill.vendorName } : null,
    txnDate: bill?.txnDate ?? todayDate(),
    termsId: bill?.termsId ?? null,
    dueDate: bill?.dueDate ?? "",
    refNumber: bill?.refNumber ?? "",
    memo: bill?.memo ?? "",
  };
}

export function EditBill({ id }: { id: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.bills.get.queryOptions({ id }));
  return <BillForm bill={data} />;
}

export function BillForm({ bill }: { bill?: BillDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigation = useRouter();
  const [draft, setDraft] = useState(() => draftOf(bill));
  const [expenses, setExpenses] = useState<ExpenseLineDraft[]>(() =>
    bill ? bill.expenseLines.map(savedExpenseLine) : [blankExpenseLine()],
  );
  const [items, setItems] = useState<ItemLineDraft[]>(() => (bill ? bill.itemLines.map(savedItemLine) : []));
  const [notice, setNotice] = useSavedNotice("Bill created.");
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.bills.pathKey() });
  const create = useMutation(trpc.bills.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.bills.update.mutationOptions({ onSuccess }));
  const mutation = bill ? update : create;
  const errors = formErrors(mutation.error);
  const change = (patch: Partial<BillDraft>) => setDraft((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data: BillInput = {
      // 0 is no vendor: the server answers "Choose a vendor." under the field.
      vendorId: draft.vendor?.id ?? 0,
      txnDate: draft.txnDate,
      dueDate: draft.dueDate,
      termsId: draft.termsId,
      refNumber: draft.refNumber,
      memo: draft.memo,
      expenseLines: expenses.map((line) => ({ accountId: line.account?.id ?? 0, amount: line.amount, memo: line.memo })),
      itemLines: items.map((line) => ({
        itemId: line.item?.id ?? 0,
        description: line.description,
        quantity: line.quantity,
        cost: line.cost,
        purchaseOrderLineId: line.purchaseOrderLineId,
      })),
    };
    setNotice(null);
    try {
      if (bill) {
        const saved = await update.mutateAsync({ id: bill.id, data });
        setDraft(draftOf(saved));
        setExpenses(saved.expenseLines.map(savedExpenseLine));
        setItems(saved.itemLines.map(savedItemLine));
        setNotice("Saved.");
      } else {
        const created = await create.mutateAsync(data);
        navigation.replace(`/bills/${created.id}?created=1`);
      }
    } catch {
      // The form shows the errors.
    }
  }

  return (
    <>
      <PageHeader
        title={bill ? `Bill${bill.refNumber ? ` ${bill.refNumber}` : ""}` : "New bill"}
        description={bill ? `From ${bill.vendorName}` : "A vendor's bill for materials or services bought for jobs."}
        actions={
          <Button variant="secondary" asChild>
            <Link href="/bills">Back to bills</Link>
          </Button>
        }
      />
      {bill ? <RecordSyncPanel type="bill" id={bill.id} /> : null}
      {bill ? <BillAmounts bill={bill} /> : null}
      {bill ? <BillPurchaseOrder bill={bill} /> : null}
      {bill ? <SendPanel kind="bills" record={bill} /> : null}
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
            <Field label="Reference number" hint="The vendor's invoice number." error={errors.fields.refNumber}>
              <Input value={draft.refNumber} onChange={(event) => change({ refNumber: event.target.value })} />
            </Field>
            <Field label="Bill date" error={errors.fields.txnDate}>
              <Input type="date" value={draft.txnDate} onChange={(event) => change({ txnDate: event.target.value })} />
            </Field>
            <Field label="Terms" error={errors.fields.termsId}>
              <LookupSelect
                source="terms"
                noneLabel="No terms"
                value={draft.termsId}
                saved={bill?.termsId && bill.termsName ? { id: bill.termsId, name: bill.termsName } : null}
                onChange={(termsId) => change({ termsId })}
              />
            </Field>
            <Field label="Due date" hint="Leave blank to take it from the terms." error={errors.fields.dueDate}>
              <Input type="date" value={draft.dueDate} onChange={(event) => change({ dueDate: event.target.value })} />
            </Field>
            <Field label="Memo" className="md:col-span-3" error={errors.fields.memo}>
              <Textarea rows={2} className="min-h-9" value={draft.memo} onChange={(event) => change({ memo: event.target.value })} />
            </Field>
          </div>
          <section aria-labelledby="expense-lines-heading" className="space-y-2">
            <h2 id="expense-lines-heading" className="text-base font-semibold text-slate-900">
              Expenses
            </h2>
            <ExpenseLines lines={expenses} onChange={setExpenses} errors={errors.fields} />
          </section>
          <section aria-labelledby="item-lines-heading" className="space-y-2">
            <h2 id="item-lines-heading" className="text-base font-semibold text-slate-900">
              Items
            </h2>
            <ItemLines lines={items} onChange={setItems} errors={errors.fields} />
          </section>
          {errors.fields.expenseLines ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.fields.expenseLines}
            </p>
          ) : null}
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : bill ? "Save changes" : "Create bill"}
            </Button>
            <p className="text-base font-semibold tabular-nums" aria-live="polite">
              Total {formatCents(billTotal(expenses, items))}
            </p>
          </div>
        </form>
      </Card>
    </>
  );
}

/** The saved total and what QuickBooks says is still owed on it. */
function BillAmounts({ bill }: { bill: BillDetail }) {
  const open =
    bill.openAmountCents === null
      ? "Not in QuickBooks yet"
      : bill.isPaid
        ? "Paid in QuickBooks"
        : `${formatCents(bill.openAmountCents)} open in QuickBooks`;
  return (
    <Card className="mb-4 flex flex-wrap items-center gap-x-10 gap-y-3 px-6 py-4">
      <dl className="flex flex-wrap gap-x-10 gap-y-3">
        <div>
          <dt className="text-xs font-medium text-slate-500 uppercase">Total</dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums">{formatCents(bill.totalCents)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500 uppercase">Open amount</dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums">{open}</dd>
        </div>
      </dl>
      <p className="text-sm text-slate-500">The open amount is QuickBooks&apos;, as the last run read it: bills are paid there.</p>
    </Card>
  );
}

/** The purchase order the bill was entered from, and a word when its lines bill more than was ordered. */
function BillPurchaseOrder({ bill }: { bill: BillDetail }) {
  if (bill.purchaseOrderId === null) return null;
  return (
    <Card className="mb-4 space-y-1 px-6 py-4 text-sm text-slate-700">
      <p>
        From purchase order{" "}
        <Link className="text-brand-700 underline" href={`/purchase-orders/${bill.purchaseOrderId}`}>
          {bill.purchaseOrderNumber}
        </Link>
      </p>
      {bill.overBilled ? (
        <p className="text-amber-800">Some lines are billed for more than was ordered (QuickBooks allows it). Check the quantities.</p>
      ) : null}
    </Card>
  );
}
