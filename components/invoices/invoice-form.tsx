"use client";

import { skipToken, useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { addDays } from "@/lib/dates";
import { formatCents } from "@/lib/money";
import { formatRate } from "@/lib/sales-tax";
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
import { invoiceTax } from "@/lib/sales-tax";
import { blankLine, InvoiceLines, linesTotal, savedLine, taxedLines, type LineDraft } from "./invoice-lines";
import { TaxDifference } from "./tax-difference";
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
  /** The customer's tax code on this invoice and the tax item or group charged; a chosen customer fills them in. */
  customerSalesTaxCodeId: number | null;
  salesTaxItemId: number | null;
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
    customerSalesTaxCodeId: invoice?.customerSalesTaxCodeId ?? null,
    salesTaxItemId: invoice?.salesTaxItemId ?? null,
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

  // The live tax, computed as the server computes it (lib/sales-tax.ts): the rate of the chosen item or group, and
  // whether the customer's code on the invoice is taxable (none chosen counts as taxable, QuickBooks' default).
  const rate = useQuery(trpc.lookups.salesTaxRate.queryOptions(draft.salesTaxItemId ? { id: draft.salesTaxItemId } : skipToken));
  const customerCode = useQuery(
    trpc.salesTaxCodes.get.queryOptions(draft.customerSalesTaxCodeId ? { id: draft.customerSalesTaxCodeId } : skipToken),
  );
  const ratePercent = draft.salesTaxItemId ? (rate.data ?? 0) : 0;
  const tax = invoiceTax({ lines: taxedLines(lines), customerTaxable: customerCode.data?.taxable ?? true, ratePercent });

  /** A newly chosen customer brings its tax code and sales tax item, as QuickBooks does. */
  async function pickCustomer(customer: ComboboxOption | null) {
    change({ customer });
    if (!customer) return;
    const detail = await queryClient.fetchQuery(trpc.customers.get.queryOptions({ id: customer.id })).catch(() => null);
    if (!detail) return;
    setDraft((current) =>
      current.customer?.id === customer.id
        ? { ...current, customerSalesTaxCodeId: detail.salesTaxCodeId, salesTaxItemId: detail.salesTaxItemId }
        : current,
    );
  }

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
      customerSalesTaxCodeId: draft.customerSalesTaxCodeId,
      salesTaxItemId: draft.salesTaxItemId,
      memo: draft.memo,
      status: draft.status,
      // Unknown until the settings load: the server then decides with the same rule.
      ncOnly,
      lines: lines.map((line) => ({
        itemId: line.item?.id ?? 0,
        description: line.description,
        quantity: line.quantity,
        rate: line.rate,
        salesTaxCodeId: line.salesTaxCodeId,
      })),
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
                onChange={(customer) => void pickCustomer(customer)}
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
            <Field label="Sales tax" hint="The item or group charged on taxable lines." error={errors.fields.salesTaxItemId}>
              <LookupSelect
                source="salesTaxItems"
                noneLabel="No sales tax"
                value={draft.salesTaxItemId}
                saved={
                  invoice?.salesTaxItemId && invoice.salesTaxItemName
                    ? { id: invoice.salesTaxItemId, name: invoice.salesTaxItemName }
                    : null
                }
                onChange={(salesTaxItemId) => change({ salesTaxItemId })}
              />
            </Field>
            <Field
              label="Customer tax code"
              hint="A non-taxable code charges no tax on any line."
              error={errors.fields.customerSalesTaxCodeId}
            >
              <LookupSelect
                source="salesTaxCodes"
                noneLabel="Taxable (QuickBooks' default)"
                value={draft.customerSalesTaxCodeId}
                saved={
                  invoice?.customerSalesTaxCodeId && invoice.customerSalesTaxCodeName
                    ? { id: invoice.customerSalesTaxCodeId, name: invoice.customerSalesTaxCodeName }
                    : null
                }
                onChange={(customerSalesTaxCodeId) => change({ customerSalesTaxCodeId })}
              />
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
            <InvoiceLines
              lines={lines}
              onChange={setLines}
              errors={errors.fields}
              tax={{ amounts: tax, ratePercent, charged: draft.salesTaxItemId !== null }}
            />
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
    ["Subtotal", invoice.subtotalCents],
    [`Sales tax${invoice.salesTaxItemName ? ` (${invoice.salesTaxItemName}, ${formatRate(invoice.ratePercent)})` : ""}`, invoice.taxCents],
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
      <TaxDifference invoice={invoice} className="basis-full" />
    </Card>
  );
}
