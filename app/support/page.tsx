import type { Metadata } from "next";

// The .qwc AppSupport URL: QBWC checks it answers 200 before adding the application (else QBWC1003),
// so it needs no login and no database.
export const metadata: Metadata = { title: "Support" };

export default function SupportPage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-12 text-slate-800">
      <h1 className="text-2xl font-semibold tracking-tight text-brand-800">Ledgerbridge support</h1>
      <p className="mt-4">
        Ledgerbridge keeps this business&apos;s customers, vendors, items, invoices and payments in step with QuickBooks Desktop. The
        QuickBooks Web Connector on the QuickBooks computer calls Ledgerbridge on a schedule; nothing is written to QuickBooks until someone
        approves it in Ledgerbridge.
      </p>
      <h2 className="mt-8 text-lg font-semibold">If the Web Connector shows an error</h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        <li>Make sure QuickBooks is running with the company file open, and no dialog is open in it.</li>
        <li>Check that the password typed into the Web Connector is the one an admin set in Ledgerbridge.</li>
        <li>Click Update Selected to run again; the message in the Status column says what went wrong.</li>
      </ul>
      <h2 className="mt-8 text-lg font-semibold">Getting help</h2>
      <p className="mt-2">
        Ask your Ledgerbridge administrator. They can see every Web Connector run, and why it stopped, in Ledgerbridge&apos;s settings.
      </p>
    </main>
  );
}
