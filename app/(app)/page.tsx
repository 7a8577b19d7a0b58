import type { Metadata } from "next";
import { HowSyncingWorks } from "@/components/home/how-syncing-works";
import { LastRun } from "@/components/home/last-run";
import { ListLimitWarnings } from "@/components/sync/list-limit-warnings";
import { RecordCounts, type RecordCount } from "@/components/home/record-counts";
import { serverCaller } from "@/components/trpc/server";
import { PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Home" };

/** Only the totals are wanted, so each list is asked for a single row. */
const ONE_ROW = { pageSize: 1 };

export default async function HomePage() {
  const caller = await serverCaller();
  const lists: [string, string, () => Promise<{ total: number }>][] = [
    ["Customers", "/customers", () => caller.customers.list(ONE_ROW)],
    ["Vendors", "/vendors", () => caller.vendors.list(ONE_ROW)],
    ["Items", "/items", () => caller.items.list(ONE_ROW)],
    ["Invoices", "/invoices", () => caller.invoices.list(ONE_ROW)],
    ["Payments", "/payments", () => caller.payments.list(ONE_ROW)],
    ["Bills", "/bills", () => caller.bills.list(ONE_ROW)],
    ["Bill payments", "/bill-payments", () => caller.billPayments.list(ONE_ROW)],
    ["Payment methods", "/lists", () => caller.paymentMethods.list(ONE_ROW)],
    ["Terms", "/lists", () => caller.terms.list(ONE_ROW)],
    ["Sales tax codes", "/lists", () => caller.salesTaxCodes.list(ONE_ROW)],
    ["Accounts", "/lists", () => caller.accounts.list(ONE_ROW)],
  ];
  const counts: RecordCount[] = await Promise.all(
    lists.map(async ([label, href, list]) => ({
      label,
      href,
      count: await list().then(
        (page) => page.total,
        () => null,
      ),
    })),
  );
  return (
    <>
      <PageHeader title="Home" description="Your records in Ledgerbridge, and how they reach QuickBooks." />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <RecordCounts counts={counts} />
        <div className="space-y-6">
          <ListLimitWarnings />
          <LastRun />
          <HowSyncingWorks />
        </div>
      </div>
    </>
  );
}
