"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { formatCents, money } from "@/lib/money";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import type { ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { centsAsInput, formatDate } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { NcOnlyBadge } from "@/components/send-to-quickbooks/nc-only-badge";

/** What is typed against each invoice, by invoice id; blank means not applied. */
export type AppliedAmounts = Record<number, string>;

const appliedField = money("applied amount");

/** The cents typed against one invoice, or 0 while it is blank or not yet an amount. */
export function appliedCents(text: string | undefined): number {
  const parsed = appliedField.safeParse(text ?? "");
  return parsed.success ? parsed.data : 0;
}

interface ApplyToInvoicesProps {
  customer: ComboboxOption | null;
  /** When editing a payment, its own applications still count as open. */
  paymentId?: number;
  /** The payment amount once it is a valid amount. */
  amountCents: number | null;
  applied: AppliedAmounts;
  onChange: (applied: AppliedAmounts) => void;
  /** Errors by invoice id, and one for the applications as a whole. */
  errors: Record<number, string>;
  error?: string;
}

/** The customer's open final invoices, oldest first, with an amount to apply to each. */
export function ApplyToInvoices({ customer, paymentId, amountCents, applied, onChange, errors, error }: ApplyToInvoicesProps) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.invoices.openForCustomer.queryOptions(customer ? { customerId: customer.id, exceptPaymentId: paymentId } : skipToken),
  );
  const invoices = query.data ?? [];
  const appliedTotal = invoices.reduce((sum, invoice) => sum + appliedCents(applied[invoice.id]), 0);
  const unapplied = amountCents === null ? null : amountCents - appliedTotal;
  // An invoice that is no longer open (changed since this page loaded) still needs its error seen.
  const otherErrors = Object.entries(errors)
    .filter(([invoiceId]) => !invoices.some((invoice) => invoice.id === Number(invoiceId)))
    .map(([, message]) => message);

  function applyOldestFirst() {
    if (amountCents === null) return;
    let remaining = amountCents;
    const next: AppliedAmounts = {};
    for (const invoice of invoices) {
      const amount = Math.min(invoice.balanceCents, remaining);
      if (amount > 0) next[invoice.id] = centsAsInput(amount);
      remaining -= amount;
    }
    onChange(next);
  }

  return (
    <section aria-labelledby="apply-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="apply-heading" className="text-base font-semibold text-slate-900">
            Apply to invoices
          </h2>
          <p className="text-sm text-slate-600">
            Type how much of the payment goes to each invoice. Whatever is left stays unapplied on the payment.
          </p>
        </div>
        <div className="flex gap-2">
          <Button type="button" variant="secondary" size="sm" disabled={Object.keys(applied).length === 0} onClick={() => onChange({})}>
            Clear amounts
          </Button>
          <Button
            type="button"
            variant="secondary"
            size="sm"
            disabled={amountCents === null || invoices.length === 0}
            title={amountCents === null ? "Enter the payment amount first" : undefined}
            onClick={applyOldestFirst}
          >
            Apply oldest first
          </Button>
        </div>
      </div>
      <div className="rounded-md border border-slate-200">
        <table className="w-full text-left text-sm" aria-label="Open invoices" aria-busy={query.isFetching}>
          <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-2">
                Invoice
              </th>
              <th scope="col" className="px-4 py-2">
                Date
              </th>
              <th scope="col" className="px-4 py-2">
                Due
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Total
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Open balance
              </th>
              <th scope="col" className="w-44 px-4 py-2 text-right">
                Apply
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            <InvoiceRows
              customer={customer}
              state={query.isError ? "error" : query.isPending && customer ? "loading" : "ready"}
              errorMessage={query.error?.message}
              count={invoices.length}
            />
            {invoices.map((invoice) => (
              <tr key={invoice.id} className="align-top">
                <th scope="row" className="px-4 py-2 pt-4 font-medium">
                  {invoice.number}
                  {invoice.ncOnly ? (
                    <span className="ml-2">
                      <NcOnlyBadge />
                    </span>
                  ) : null}
                </th>
                <td className="px-4 py-2 pt-4">{formatDate(invoice.txnDate)}</td>
                <td className="px-4 py-2 pt-4">{formatDate(invoice.dueDate)}</td>
                <td className="px-4 py-2 pt-4 text-right tabular-nums">{formatCents(invoice.totalCents)}</td>
                <td className="px-4 py-2 pt-4 text-right tabular-nums">{formatCents(invoice.balanceCents)}</td>
                <td className="px-4 py-2">
                  <Field label={`Apply to invoice ${invoice.number}`} hideLabel error={errors[invoice.id]}>
                    <Input
                      inputMode="decimal"
                      placeholder="0.00"
                      className="text-right tabular-nums"
                      value={applied[invoice.id] ?? ""}
                      onChange={(event) => onChange({ ...applied, [invoice.id]: event.target.value })}
                    />
                  </Field>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-slate-200 text-sm">
            <tr>
              <th scope="row" colSpan={5} className="px-4 pt-3 pb-1 text-right font-semibold text-slate-700">
                Applied
              </th>
              <td className="px-4 pt-3 pb-1 text-right font-semibold tabular-nums">{formatCents(appliedTotal)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={5} className="px-4 pt-1 pb-3 text-right font-normal text-slate-600">
                Unapplied
              </th>
              <td
                className={`px-4 pt-1 pb-3 text-right tabular-nums ${unapplied !== null && unapplied < 0 ? "font-semibold text-red-700" : "text-slate-600"}`}
                aria-live="polite"
              >
                {unapplied === null ? "—" : formatCents(unapplied)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {unapplied !== null && unapplied < 0 ? (
        <p className="text-sm text-red-700">
          The amounts applied are {formatCents(-unapplied)} more than the payment. Lower them, or raise the payment amount.
        </p>
      ) : null}
      {[error, ...otherErrors].filter(Boolean).map((message) => (
        <p key={message} role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ))}
    </section>
  );
}

/** The row that stands in for invoices while there are none to show, saying why and what to do. */
function InvoiceRows({
  customer,
  state,
  errorMessage,
  count,
}: {
  customer: ComboboxOption | null;
  state: "loading" | "error" | "ready";
  errorMessage?: string;
  count: number;
}) {
  const message = !customer ? (
    "Choose a customer to see their open invoices."
  ) : state === "error" ? (
    <span className="text-red-700">
      Could not load {customer.name}&apos;s invoices: {errorMessage}
    </span>
  ) : state === "loading" ? (
    <span role="status">
      <span className="sr-only">Loading open invoices…</span>
      <span aria-hidden className="inline-block h-4 w-48 animate-pulse rounded bg-slate-100" />
    </span>
  ) : count === 0 ? (
    `${customer.name} has no final invoices with money open, so the whole payment stays unapplied.`
  ) : null;
  if (!message) return null;
  return (
    <tr>
      <td colSpan={6} className="px-4 py-6 text-center text-slate-600">
        {message}
      </td>
    </tr>
  );
}
