"use client";

import { skipToken, useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatCents, money } from "@/lib/money";
import type { BillPaymentInput } from "@/server/records/bill-payments";
import { LookupCombobox } from "@/components/lookups/lookup-combobox";
import { RecordSyncPanel } from "@/components/sync/record-sync-status";
import { SendPanel } from "@/components/send-to-quickbooks/send-panel";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import type { ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { centsAsInput, formatDate, todayDate } from "@/components/ui/format";
import { Input, Textarea } from "@/components/ui/input";
import { useSavedNotice } from "@/components/ui/use-saved-notice";

type BillPaymentDetail = RouterOutputs["billPayments"]["get"];

interface Draft {
  vendor: ComboboxOption | null;
  bankAccount: ComboboxOption | null;
  txnDate: string;
  refNumber: string;
  memo: string;
  /** Amount typed per bill id; a bill left blank is not paid. */
  amounts: Record<number, string>;
}

const amountField = money("amount");

function draftOf(payment?: BillPaymentDetail): Draft {
  return {
    vendor: payment ? { id: payment.vendorId, name: payment.vendorName } : null,
    bankAccount: payment ? { id: payment.bankAccountId, name: payment.bankAccountName } : null,
    txnDate: payment?.txnDate ?? todayDate(),
    refNumber: payment?.refNumber ?? "",
    memo: payment?.memo ?? "",
    amounts: Object.fromEntries(
      (payment?.applications ?? []).map((application) => [application.billId, centsAsInput(application.amountCents)]),
    ),
  };
}

export function EditBillPayment({ id }: { id: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.billPayments.get.queryOptions({ id }));
  return <BillPaymentForm payment={data} />;
}

export function BillPaymentForm({ payment }: { payment?: BillPaymentDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigation = useRouter();
  const [draft, setDraft] = useState(() => draftOf(payment));
  const [notice, setNotice] = useSavedNotice("Bill payment created.");
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.billPayments.pathKey() });
  const create = useMutation(trpc.billPayments.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.billPayments.update.mutationOptions({ onSuccess }));
  const mutation = payment ? update : create;
  const errors = formErrors(mutation.error);
  const openBills = useQuery(
    trpc.billPayments.openBills.queryOptions(draft.vendor ? { vendorId: draft.vendor.id, exceptPaymentId: payment?.id } : skipToken),
  );
  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const applied = Object.entries(draft.amounts).filter(([, amount]) => amount.trim() !== "");
  const total = applied.reduce((sum, [, amount]) => {
    const parsed = amountField.safeParse(amount);
    return sum + (parsed.success ? parsed.data : 0);
  }, 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data: BillPaymentInput = {
      vendorId: draft.vendor?.id ?? 0,
      bankAccountId: draft.bankAccount?.id ?? 0,
      txnDate: draft.txnDate,
      refNumber: draft.refNumber,
      memo: draft.memo,
      applications: applied.map(([billId, amount]) => ({ billId: Number(billId), amount })),
    };
    setNotice(null);
    try {
      if (payment) {
        setDraft(draftOf(await update.mutateAsync({ id: payment.id, data })));
        setNotice("Saved.");
      } else {
        const created = await create.mutateAsync(data);
        navigation.replace(`/bill-payments/${created.id}?created=1`);
      }
    } catch {
      // The form shows the errors.
    }
  }

  return (
    <>
      <PageHeader
        title={payment ? `Check${payment.refNumber ? ` ${payment.refNumber}` : ""} to ${payment.vendorName}` : "New bill payment"}
        description="A check paying a vendor's bills."
        actions={
          <Button variant="secondary" asChild>
            <Link href="/bill-payments">Back to bill payments</Link>
          </Button>
        }
      />
      {payment ? <RecordSyncPanel type="billPayment" id={payment.id} /> : null}
      {payment ? <SendPanel kind="billPayments" record={payment} /> : null}
      <Card className="p-6">
        <form onSubmit={submit} noValidate className="space-y-6">
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          <div className="grid gap-4 md:grid-cols-3">
            <Field label="Vendor" className="md:col-span-2" error={errors.fields.vendorId}>
              <LookupCombobox
                source="vendors"
                value={draft.vendor}
                onChange={(vendor) => change({ vendor, amounts: {} })}
                placeholder="Search vendors"
              />
            </Field>
            <Field label="Check number" hint="Leave blank to print the check in QuickBooks." error={errors.fields.refNumber}>
              <Input value={draft.refNumber} onChange={(event) => change({ refNumber: event.target.value })} />
            </Field>
            <Field label="Payment date" error={errors.fields.txnDate}>
              <Input type="date" value={draft.txnDate} onChange={(event) => change({ txnDate: event.target.value })} />
            </Field>
            <Field label="Bank account" className="md:col-span-2" error={errors.fields.bankAccountId}>
              <LookupCombobox
                source="bankAccounts"
                value={draft.bankAccount}
                onChange={(bankAccount) => change({ bankAccount })}
                placeholder="Search bank accounts"
              />
            </Field>
            <Field label="Memo" className="md:col-span-3" error={errors.fields.memo}>
              <Textarea rows={2} className="min-h-9" value={draft.memo} onChange={(event) => change({ memo: event.target.value })} />
            </Field>
          </div>
          <section aria-labelledby="bills-paid-heading" className="space-y-2">
            <h2 id="bills-paid-heading" className="text-base font-semibold text-slate-900">
              Bills it pays
            </h2>
            {!draft.vendor ? (
              <p className="text-sm text-slate-600">Choose the vendor to see their open bills.</p>
            ) : openBills.data?.length === 0 ? (
              <p className="text-sm text-slate-600">This vendor has no open bills here.</p>
            ) : (
              <table className="w-full text-left text-sm" aria-label="Bills it pays">
                <thead className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  <tr className="border-b border-slate-200">
                    <th scope="col" className="py-2 pr-3">
                      Bill
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Date
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      Open
                    </th>
                    <th scope="col" className="w-40 py-2">
                      Payment
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {(openBills.data ?? []).map((bill) => {
                    const name = bill.refNumber ?? `of ${bill.txnDate}`;
                    return (
                      <tr key={bill.id}>
                        <td className="py-2 pr-3">{name}</td>
                        <td className="py-2 pr-3">{formatDate(bill.txnDate)}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{formatCents(bill.openCents)}</td>
                        <td className="py-2">
                          <Field
                            label={`Payment on bill ${name}`}
                            hideLabel
                            error={errors.fields[`applications.${applied.findIndex(([billId]) => Number(billId) === bill.id)}.amount`]}
                          >
                            <Input
                              inputMode="decimal"
                              placeholder="0.00"
                              value={draft.amounts[bill.id] ?? ""}
                              onChange={(event) => change({ amounts: { ...draft.amounts, [bill.id]: event.target.value } })}
                            />
                          </Field>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {errors.fields.applications ? (
              <p role="alert" className="text-sm text-red-700">
                {errors.fields.applications}
              </p>
            ) : null}
          </section>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : payment ? "Save changes" : "Create bill payment"}
            </Button>
            <p className="text-base font-semibold tabular-nums" aria-live="polite">
              Check amount {formatCents(total)}
            </p>
          </div>
        </form>
      </Card>
    </>
  );
}
