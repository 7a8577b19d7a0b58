"use client";

import { useQuery } from "@tanstack/react-query";
import { formatCents } from "@/lib/money";
import type { ContactKind } from "@/server/records/contacts";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Alert, Badge, Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";

type ContactBalance = RouterOutputs["customers"]["balance"];

/**
 * A customer's or vendor's open balance as QuickBooks reports it (read on every Web Connector run) beside the one
 * Ledgerbridge's synced invoices and payments (a vendor's bills and bill payments) give, with the difference flagged and
 * what usually causes it.
 */
export function BalancePanel({ kind, id }: { kind: ContactKind; id: number }) {
  const trpc = useTRPC();
  const router = kind === "customer" ? trpc.customers : trpc.vendors;
  const balance = useQuery(router.balance.queryOptions({ id }));
  const data = balance.data;
  return (
    <Card aria-labelledby="balance-heading" className="mb-6 p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="balance-heading" className="text-base font-semibold text-slate-900">
          Balance
        </h2>
        {data?.difference ? <Badge className="bg-amber-100 text-amber-900">Differs from QuickBooks</Badge> : null}
      </div>
      {balance.error ? <Alert className="mt-3">Could not read the balance: {balance.error.message}</Alert> : null}
      {data ? <BalanceLines kind={kind} balance={data} /> : null}
    </Card>
  );
}

function BalanceLines({ kind, balance }: { kind: ContactKind; balance: ContactBalance }) {
  const { quickBooks, ledgerbridgeCents, difference } = balance;
  const withJobs = quickBooks?.totalBalanceCents ?? null;
  return (
    <div className="mt-3 space-y-2 text-sm text-slate-700">
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
        <dt className="text-slate-500">QuickBooks says</dt>
        <dd data-testid="quickbooks-balance">
          {quickBooks ? (
            <>
              <span className="font-medium tabular-nums text-slate-900">{formatCents(quickBooks.balanceCents)}</span>
              {withJobs !== null && withJobs !== quickBooks.balanceCents ? (
                <span className="text-slate-500"> ({formatCents(withJobs)} with its jobs)</span>
              ) : null}
              <span className="text-slate-500">, read {formatDateTime(quickBooks.readAt)}</span>
            </>
          ) : (
            <span className="text-slate-500">{noQuickBooksBalance(balance)}</span>
          )}
        </dd>
        <dt className="text-slate-500">Synced here</dt>
        <dd data-testid="ledgerbridge-balance">
          <span className="font-medium tabular-nums text-slate-900">{formatCents(ledgerbridgeCents)}</span>
          <span className="text-slate-500">
            {kind === "customer" ? " (invoices less payments" : " (bills less bill payments"}, of those linked to QuickBooks)
          </span>
        </dd>
      </dl>
      {difference ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
          <p className="font-medium">{difference.sentence}</p>
          <p className="mt-1">{difference.hint}</p>
        </div>
      ) : null}
      {kind === "customer" && withJobs !== null && withJobs !== quickBooks?.balanceCents ? (
        <p className="text-xs text-slate-500">
          Each job is its own record here, with its own invoices, so the customer&apos;s own balance is compared and each job&apos;s on its
          page.
        </p>
      ) : null}
    </div>
  );
}

function noQuickBooksBalance(balance: ContactBalance): string {
  return balance.linked
    ? "Not read yet: the next Web Connector run reads it."
    : "Not in QuickBooks yet, so QuickBooks keeps no balance for it.";
}
