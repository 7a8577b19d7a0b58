"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { ActiveBadge, Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";

/** A chart of accounts this long covers a small business; a longer one is found by searching. */
const SHOWN = 200;

/** QuickBooks' chart of accounts as the last run read it: shown, searched, never edited here. */
export function AccountsSection() {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const search = useDebouncedValue(text.trim(), 200);
  const query = useQuery({
    ...trpc.accounts.list.queryOptions({ pageSize: SHOWN, search: search || undefined, sort: "fullName" }),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.rows ?? [];
  const total = query.data?.total ?? 0;
  return (
    <Card className="space-y-3 p-6" aria-labelledby="accounts-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="accounts-heading" className="text-base font-semibold text-slate-900">
            Chart of accounts
          </h2>
          <p className="text-sm text-slate-500">
            Read from QuickBooks at every run and kept there: add or change an account in QuickBooks. Bills book their expense lines to
            these.
          </p>
        </div>
        <Input
          aria-label="Search accounts"
          placeholder="Search accounts"
          className="w-64"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {query.isSuccess && total === 0 ? (
        <p className="text-sm text-slate-600">
          {search ? "No account matches." : "No accounts yet: the next Web Connector run reads them from QuickBooks."}
        </p>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Accounts">
          <thead className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-2 pr-3">
                Account
              </th>
              <th scope="col" className="py-2 pr-3">
                Type
              </th>
              <th scope="col" className="py-2 pr-3">
                Number
              </th>
              <th scope="col" className="w-28 py-2">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((account) => (
              <tr key={account.id}>
                <td className="py-2 pr-3">{account.fullName}</td>
                <td className="py-2 pr-3">{accountTypeWords(account.accountType)}</td>
                <td className="py-2 pr-3 tabular-nums">{account.accountNumber ?? ""}</td>
                <td className="py-2">
                  <ActiveBadge active={account.active} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > rows.length ? (
        <p className="text-xs text-slate-500">{`Showing ${rows.length} of ${total}: search to find the rest.`}</p>
      ) : null}
    </Card>
  );
}

/** QuickBooks' AccountType as a person reads it: "CostOfGoodsSold" → "Cost of goods sold". */
function accountTypeWords(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
