"use client";

import { formatCents } from "@/lib/money";
import { taxDifferenceSentence } from "@/lib/sales-tax";
import { Alert } from "@/components/ui/card";

interface TaxFigures {
  taxCents: number;
  quickBooksTaxCents: number | null;
  quickBooksTaxPercent: number | null;
}

/** "QuickBooks computed $8.26 tax, Ledgerbridge $8.25", with the likely cause; nothing when the two agree. */
export function TaxDifference({ invoice, className }: { invoice: TaxFigures & { ratePercent: number }; className?: string }) {
  if (invoice.quickBooksTaxCents === null) return null;
  const { difference, likelyCause } = taxDifferenceSentence(
    { taxCents: invoice.taxCents, ratePercent: invoice.ratePercent },
    { taxCents: invoice.quickBooksTaxCents, ratePercent: invoice.quickBooksTaxPercent },
    formatCents,
  );
  return (
    <Alert className={className}>
      <strong>{difference}</strong> {likelyCause}
    </Alert>
  );
}

/** The invoice list's flag: a short word, the sentence on hover. */
export function TaxDifferenceFlag({ invoice }: { invoice: TaxFigures }) {
  if (invoice.quickBooksTaxCents === null) return null;
  const title = `QuickBooks computed ${formatCents(invoice.quickBooksTaxCents)} tax, Ledgerbridge ${formatCents(invoice.taxCents)}`;
  return (
    <span title={title} className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900">
      {title}
    </span>
  );
}
