"use client";

import { skipToken, useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { addDays } from "@/lib/dates";
import { formatCents } from "@/lib/money";
import type { Invoice, InvoiceInput } from "@/server/records/invoices";
import { LookupCombobox } from "@/components/lookups/lookup-combobox";
import { LookupSelect } from "@/components/lookups/lookup-select";
import { RecordSyncPanel } from "@/components/sync/record-sync-status";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import type { ComboboxOption } from "@/components/ui/combobox";
import { CheckboxField, Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { todayDate } from "@/components/ui/format";
import { Input, Select, Textarea } from "@/components/ui/input";
import { useSavedNotice } from "@/components/ui/use-saved-notice";
import { SendPanel } from "@/components/send-to-quickbooks/send-panel";
import { blankLine, InvoiceLines, linesTotal, savedLine, type LineDraft } from "./invoice-lines";
import { INVOICE_STATUS_LABELS, InvoiceStatusBadge } from "./status-badge";

type InvoiceDetail = RouterOutputs["invoices"]["get"];

interface InvoiceDraft {
  customer: ComboboxOption | null;
  number: string;
  txnDate: string;
  termsId: number | null;
  /** null follows the terms: the server sets the invoice date plus the terms' net days. */
  dueDate: string | null;
  /** Typed by hand in this visit, so changing the date or terms leaves it alone. */
  dueTyped: boolean;
  memo: string;
  status: Invoice["status"];
  /** Not for QuickBooks; null on a new invoice until the box is touched: it then follows the zero-amount setting. */
  ncOnly: boolean | null;
}

function draftOf(invoice?: InvoiceDetail): InvoiceDraft {
  return {
    customer: invoice ? { id: invoice.customerId, name: invoice.customerName } : null,
    number: invoice?.number ?? "",
    txnDate: invoice?.txnDate ?? todayDate(),
    termsId: invoice?.termsId ?? null,
    dueDate: invoice?.dueDate ?? null,
    dueTyped: false,
    memo: invoice?.memo ?? "",
    status: invoice?.status ?? "draft",
    ncOnly: invoice?.ncOnly ?? null,
  };
}

export function EditInvoice({ id }: { id: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.invoices.get.queryOptions({ id }));
  return <InvoiceForm invoice={data} />;
}

export function InvoiceForm({ invoice }: { invoice?: InvoiceDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigation = useRouter();
  const [draft, setDraft] = useState(() => draftOf(invoice));
  const [lines, setLines] = useState<LineDraft[]>(() => (invoice ? invoice.lines.map(savedLine) : [blankLine()]));
  const [notice, setNotice] = useSavedNotice("Invoice created.");
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.invoices.pathKey() });
  const create = useMutation(trpc.invoices.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.invoices.update.mutationOptions({ onSuccess }));
  const mutation = invoice ? update : create;
  const errors = formErrors(mutation.error);

  const terms = useQuery(trpc.terms.get.queryOptions(draft.termsId ? { id: draft.termsId } : skipToken));
  const netDays = draft.termsId ? terms.data?.netDays : undefined;
  // A new zero-amount invoice starts as NC Only when the setting says so, the same rule the server applies.
  const settings = useQuery(trpc.sync.settings.queryOptions());
  const zeroIsNcOnly = settings.data?.settings.ncOnlyZeroAmountInvoices;
  const ncOnlyByDefault = zeroIsNcOnly === undefined ? undefined : zeroIsNcOnly && linesTotal(lines) === 0;
  const ncOnly = draft.ncOnly ?? ncOnlyByDefault;

  const termsDueDate = netDays !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(draft.txnDate) ? addDays(draft.txnDate, netDays) : null;

  const change = (patch: Partial<InvoiceDraft>) => setDraft((current) => ({ ...current, ...patch }));
  /** A new date or terms moves a due date that was not typed in this visit, as QuickBooks does. */
  const changeDateOrTerms = (patch: Pick<Partial<InvoiceDraft>, "txnDate" | "termsId">) =>
    setDraft((current) => {
      const next = { ...current, ...patch };
      return { ...next, dueDate: !next.dueTyped && next.termsId !== null ? null : next.dueDate };
    });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data: InvoiceInput = {
      number: draft.number,
      // 0 is no customer: the server answers "Choose a customer." under the field.
      customerId: draft.customer?.id ?? 0,
      txnDate: draft.txnDate,
      dueDate: draft.dueDate ?? "",
      termsId: draft.termsId,
      memo: draft.memo,
      status: draft.status,
      // Unknown until the settings load: the server then decides with the same rule.
      ncOnly,
      lines: lines.map((line) => ({ itemId: line.item?.id ?? 0, description: line.description, quantity: line.quantity, rate: line.rate })),
    };
    setNotice(null);
    try {
      if (invoice) {
        const saved = await update.mutateAsync({ id: invoice.id, data });
        setDraft(draftOf(saved));
        setLines(saved.lines.map(savedLine));
        setNotice("Saved.");
      } else {
        const created = await create.mutateAsync(data);
        navigation.replace(`/invoices/${created.id}?created=1`);
      }
    } catch {
      // The form shows the errors.
    }
  }

  return (
    <>
      <PageHeader
        title={invoice ? `Invoice ${invoice.number}` : "New invoice"}
        description={invoice ? `For ${invoice.customerName}` : undefined}
        actions={
          <Button variant="secondary" asChild>
            <Link href="/invoices">Back to invoices</Link>
          </Button>
        }
      />
      {invoice ? <RecordSyncPanel type="invoice" id={invoice.id} /> : null}
      {invoice ? <InvoiceBalance invoice={invoice} /> : null}
      {invoice ? <SendPanel kind="invoices" record={invoice} /> : null}
      <Card className="p-6">
        <form onSubmit={submit} noValidate className="space-y-6">
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          <div className="grid gap-4 md:grid-cols-3">
            <Field label="Customer" className="md:col-span-2" error={errors.fields.customerId}>
              <LookupCombobox
                source="customers"
                value={draft.customer}
                onChange={(customer) => change({ customer })}
                placeholder="Search customers"
              />
            </Field>
            <Field
              label="Invoice number"
              hint={invoice ? "Leave blank to keep the current number." : "Leave blank and Ledgerbridge assigns the next number."}
              error={errors.fields.number}
            >
              <Input value={draft.number} onChange={(event) => change({ number: event.target.value })} />
            </Field>
            <Field label="Invoice date" error={errors.fields.txnDate}>
              <Input type="date" value={draft.txnDate} onChange={(event) => changeDateOrTerms({ txnDate: event.target.value })} />
            </Field>
            <Field label="Terms" error={errors.fields.termsId}>
              <LookupSelect
                source="terms"
                noneLabel="No terms"
                value={draft.termsId}
                saved={invoice?.termsId && invoice.termsName ? { id: invoice.termsId, name: invoice.termsName } : null}
                onChange={(termsId) => changeDateOrTerms({ termsId })}
              />
            </Field>
            <Field label="Due date" hint={dueDateHint(draft, termsDueDate, netDays)} error={errors.fields.dueDate}>
              <Input
                type="date"
                value={draft.dueDate ?? termsDueDate ?? ""}
                onChange={(event) => change({ dueDate: event.target.value || null, dueTyped: event.target.value !== "" })}
              />
            </Field>
            <Field label="Status" hint="Payments can only be applied to final invoices." error={errors.fields.status}>
              <Select value={draft.status} onChange={(event) => change({ status: event.target.value as Invoice["status"] })}>
                {Object.entries(INVOICE_STATUS_LABELS).map(([status, label]) => (
                  <option key={status} value={status}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Memo" className="md:col-span-2" error={errors.fields.memo}>
              <Textarea rows={2} className="min-h-9" value={draft.memo} onChange={(event) => change({ memo: event.target.value })} />
            </Field>
            <CheckboxField
              label="Not for QuickBooks (NC Only)"
              hint={ncOnlyHint(draft.ncOnly === null && ncOnly === true)}
              checked={ncOnly ?? false}
              onChange={(event) => change({ ncOnly: event.target.checked })}
              error={errors.fields.ncOnly}
            />
          </div>
          <section aria-labelledby="invoice-lines-heading" className="space-y-2">
            <h2 id="invoice-lines-heading" className="text-base font-semibold text-slate-900">
              Lines
            </h2>
            <InvoiceLines lines={lines} onChange={setLines} errors={errors.fields} />
          </section>
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? "Saving…" : invoice ? "Save changes" : "Create invoice"}
          </Button>
        </form>
      </Card>
    </>
  );
}

function ncOnlyHint(checkedForZero: boolean): string {
  const kept = "Kept in Ledgerbridge only: it never goes to QuickBooks.";
  return checkedForZero ? `${kept} Checked because the total is zero (a sync setting); uncheck it to send the invoice.` : kept;
}

function dueDateHint(draft: InvoiceDraft, termsDueDate: string | null, netDays: number | undefined): string {
  if (draft.termsId === null) return "Optional. Choosing terms fills it in.";
  if (netDays === undefined) return "Filled in from the terms.";
  const fromTerms = `${netDays} day${netDays === 1 ? "" : "s"} after the invoice date, from the terms.`;
  if (draft.dueDate === null || draft.dueDate === termsDueDate) return `${fromTerms} Type a date to change it.`;
  return "Typed in. Clear it to use the terms again.";
}

/** What has been paid on the saved invoice and what is still open. */
function InvoiceBalance({ invoice }: { invoice: InvoiceDetail }) {
  const figures = [
    ["Total", invoice.totalCents],
    ["Paid", invoice.paidCents],
    ["Balance", invoice.balanceCents],
  ] as const;
  return (
    <Card className="mb-4 flex flex-wrap items-center gap-x-10 gap-y-3 px-6 py-4">
      <div>
        <p className="text-xs font-medium text-slate-500 uppercase">Status</p>
        <p className="mt-1">
          <InvoiceStatusBadge status={invoice.status} />
        </p>
      </div>
      <dl className="flex flex-wrap gap-x-10 gap-y-3">
        {figures.map(([label, cents]) => (
          <div key={label}>
            <dt className="text-xs font-medium text-slate-500 uppercase">{label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{formatCents(cents)}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-500">As last saved. Payments are applied on the payment&apos;s page.</p>
    </Card>
  );
}
