"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatCents, positiveMoney } from "@/lib/money";
import type { PaymentInput } from "@/server/records/payments";
import { LookupCombobox } from "@/components/lookups/lookup-combobox";
import { LookupSelect } from "@/components/lookups/lookup-select";
import { RecordSyncPanel } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import type { ComboboxOption } from "@/components/ui/combobox";
import { CheckboxField, Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { centsAsInput, formatDate, todayDate } from "@/components/ui/format";
import { Input, Textarea } from "@/components/ui/input";
import { useSavedNotice } from "@/components/ui/use-saved-notice";
import { SendPanel } from "@/components/send-to-quickbooks/send-panel";
import { ApplyToInvoices, type AppliedAmounts } from "./apply-to-invoices";

type PaymentDetail = RouterOutputs["payments"]["get"];

interface PaymentDraft {
  customer: ComboboxOption | null;
  txnDate: string;
  amount: string;
  paymentMethodId: number | null;
  refNumber: string;
  memo: string;
  /** Not for QuickBooks (NC Only). */
  ncOnly: boolean;
  applied: AppliedAmounts;
}

const amountField = positiveMoney("amount");

function draftOf(payment?: PaymentDetail): PaymentDraft {
  return {
    customer: payment ? { id: payment.customerId, name: payment.customerName } : null,
    txnDate: payment?.txnDate ?? todayDate(),
    amount: payment ? centsAsInput(payment.amountCents) : "",
    paymentMethodId: payment?.paymentMethodId ?? null,
    refNumber: payment?.refNumber ?? "",
    memo: payment?.memo ?? "",
    ncOnly: payment?.ncOnly ?? false,
    applied: Object.fromEntries(
      payment?.applications.map((application) => [application.invoiceId, centsAsInput(application.amountCents)]) ?? [],
    ),
  };
}

export function EditPayment({ id }: { id: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.payments.get.queryOptions({ id }));
  return <PaymentForm payment={data} />;
}

export function PaymentForm({ payment }: { payment?: PaymentDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigation = useRouter();
  const [draft, setDraft] = useState(() => draftOf(payment));
  /** The invoices of the last submission in the order sent, so "applications.2.amount" finds its row. */
  const [sentInvoiceIds, setSentInvoiceIds] = useState<number[]>([]);
  const [notice, setNotice] = useSavedNotice("Payment recorded.");
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() });
    // Applied amounts change invoice balances.
    await queryClient.invalidateQueries({ queryKey: trpc.invoices.pathKey() });
  };
  const create = useMutation(trpc.payments.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.payments.update.mutationOptions({ onSuccess }));
  const mutation = payment ? update : create;
  const errors = formErrors(mutation.error);
  const applicationErrors = Object.fromEntries(
    sentInvoiceIds.flatMap((invoiceId, index) => {
      const message = errors.fields[`applications.${index}.amount`] ?? errors.fields[`applications.${index}.invoiceId`];
      return message ? [[invoiceId, message]] : [];
    }),
  );
  const parsedAmount = amountField.safeParse(draft.amount);

  const change = (patch: Partial<PaymentDraft>) => setDraft((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const applications = Object.entries(draft.applied)
      .filter(([, amount]) => amount.trim() !== "")
      .map(([invoiceId, amount]) => ({ invoiceId: Number(invoiceId), amount }));
    setSentInvoiceIds(applications.map((application) => application.invoiceId));
    const data: PaymentInput = {
      // 0 is no customer: the server answers "Choose a customer." under the field.
      customerId: draft.customer?.id ?? 0,
      txnDate: draft.txnDate,
      amount: draft.amount,
      paymentMethodId: draft.paymentMethodId,
      refNumber: draft.refNumber,
      memo: draft.memo,
      ncOnly: draft.ncOnly,
      applications,
    };
    setNotice(null);
    try {
      if (payment) {
        const saved = await update.mutateAsync({ id: payment.id, data });
        setDraft(draftOf(saved));
        setNotice("Saved.");
      } else {
        const created = await create.mutateAsync(data);
        navigation.replace(`/payments/${created.id}?created=1`);
      }
    } catch {
      // The form shows the errors.
    }
  }

  return (
    <>
      <PageHeader
        title={payment ? `Payment from ${payment.customerName}` : "New payment"}
        description={payment ? `${formatCents(payment.amountCents)} received ${formatDate(payment.txnDate)}` : undefined}
        actions={
          <Button variant="secondary" asChild>
            <Link href="/payments">Back to payments</Link>
          </Button>
        }
      />
      {payment ? <RecordSyncPanel type="payment" id={payment.id} /> : null}
      {payment ? <SendPanel kind="payments" record={payment} /> : null}
      <Card className="p-6">
        <form onSubmit={submit} noValidate className="space-y-6">
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          <div className="grid gap-4 md:grid-cols-3">
            <Field label="Customer" className="md:col-span-2" error={errors.fields.customerId}>
              <LookupCombobox
                source="customers"
                value={draft.customer}
                // Another customer has other invoices, so amounts typed for this one's no longer apply.
                onChange={(customer) => change({ customer, applied: customer?.id === draft.customer?.id ? draft.applied : {} })}
                placeholder="Search customers"
              />
            </Field>
            <Field label="Date received" error={errors.fields.txnDate}>
              <Input type="date" value={draft.txnDate} onChange={(event) => change({ txnDate: event.target.value })} />
            </Field>
            <Field label="Amount" error={errors.fields.amount}>
              <Input
                inputMode="decimal"
                placeholder="0.00"
                value={draft.amount}
                onChange={(event) => change({ amount: event.target.value })}
              />
            </Field>
            <Field label="Payment method" error={errors.fields.paymentMethodId}>
              <LookupSelect
                source="paymentMethods"
                noneLabel="Not recorded"
                value={draft.paymentMethodId}
                saved={
                  payment?.paymentMethodId && payment.paymentMethodName
                    ? { id: payment.paymentMethodId, name: payment.paymentMethodName }
                    : null
                }
                onChange={(paymentMethodId) => change({ paymentMethodId })}
              />
            </Field>
            <Field
              label="Reference number"
              hint="A check number or transaction id (at most 20 characters)."
              error={errors.fields.refNumber}
            >
              <Input value={draft.refNumber} onChange={(event) => change({ refNumber: event.target.value })} />
            </Field>
            <Field label="Memo" className="md:col-span-3" error={errors.fields.memo}>
              <Textarea rows={2} className="min-h-9" value={draft.memo} onChange={(event) => change({ memo: event.target.value })} />
            </Field>
            <CheckboxField
              label="Not for QuickBooks (NC Only)"
              hint="Kept in Ledgerbridge only: it never goes to QuickBooks, e.g. a payment a card terminal already posted there."
              checked={draft.ncOnly}
              onChange={(event) => change({ ncOnly: event.target.checked })}
              error={errors.fields.ncOnly}
              className="md:col-span-3"
            />
          </div>
          <ApplyToInvoices
            customer={draft.customer}
            paymentId={payment?.id}
            amountCents={parsedAmount.success ? parsedAmount.data : null}
            applied={draft.applied}
            onChange={(applied) => change({ applied })}
            errors={applicationErrors}
            error={errors.fields.applications}
          />
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? "Saving…" : payment ? "Save changes" : "Record payment"}
          </Button>
        </form>
      </Card>
    </>
  );
}
