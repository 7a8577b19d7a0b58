// Sales tax as QuickBooks Desktop computes it, shared by the invoice form's live total and the server.

/** One invoice line as the tax sees it: its amount and whether its sales tax code is taxable. */
export interface TaxedLine {
  amountCents: number;
  taxable: boolean;
}

export interface InvoiceTaxInput {
  lines: readonly TaxedLine[];
  /** The customer's sales tax code on the invoice: a non-taxable one makes every line untaxed. */
  customerTaxable: boolean;
  /** The rate of the invoice's sales tax item, or of a group (the sum of its items' rates); 0 without one. */
  ratePercent: number;
}

export interface InvoiceTax {
  subtotalCents: number;
  taxableCents: number;
  taxCents: number;
  totalCents: number;
}

// Rates have at most 5 decimals (qbXML's PERCENTTYPE), so percent × 100,000 is a whole number and the sum is exact.
const RATE_SCALE = 100_000n;

/**
 * Tax = rate × the sum of the taxable lines' amounts, rounded once per invoice to the cent, half away from zero:
 * a line is taxed when its code is taxable and the customer's code is taxable.
 */
export function invoiceTax({ lines, customerTaxable, ratePercent }: InvoiceTaxInput): InvoiceTax {
  const subtotalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const taxableCents = customerTaxable ? lines.filter((line) => line.taxable).reduce((sum, line) => sum + line.amountCents, 0) : 0;
  const taxCents = Number(roundHalfAwayFromZero(BigInt(taxableCents) * scaledRate(ratePercent), RATE_SCALE * 100n));
  return { subtotalCents, taxableCents, taxCents, totalCents: subtotalCents + taxCents };
}

/** A group's rate: the sum of its items' rates, added exactly. */
export function groupRatePercent(ratesPercent: readonly number[]): number {
  const sum = ratesPercent.reduce((total, rate) => total + scaledRate(rate), 0n);
  return Number(sum) / Number(RATE_SCALE);
}

/** A rate as a person reads it: "8.25%". */
export function formatRate(ratePercent: number): string {
  return `${Number(ratePercent.toFixed(5))}%`;
}

function scaledRate(ratePercent: number): bigint {
  return BigInt(Math.round(ratePercent * Number(RATE_SCALE)));
}

function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}

/** What QuickBooks computed for an invoice when it differs from Ledgerbridge; null fields when they agree. */
export interface QuickBooksTaxDifference {
  quickBooksTaxCents: number | null;
  quickBooksTotalCents: number | null;
  quickBooksTaxPercent: number | null;
}

/** The difference worth keeping: QuickBooks' tax and total when either differs from ours. */
export function taxDifference(
  ours: { taxCents: number; totalCents: number },
  quickBooks: { taxCents: number; totalCents: number; ratePercent: number },
): QuickBooksTaxDifference {
  if (ours.taxCents === quickBooks.taxCents && ours.totalCents === quickBooks.totalCents) {
    return { quickBooksTaxCents: null, quickBooksTotalCents: null, quickBooksTaxPercent: null };
  }
  return {
    quickBooksTaxCents: quickBooks.taxCents,
    quickBooksTotalCents: quickBooks.totalCents,
    quickBooksTaxPercent: quickBooks.ratePercent,
  };
}

/**
 * "QuickBooks computed $8.26 tax, Ledgerbridge $8.25", and the likely cause: a rate that differs (changed in
 * QuickBooks) or, at the same rate, a tax code that differs on a line or the customer.
 */
export function taxDifferenceSentence(
  ours: { taxCents: number; ratePercent: number },
  quickBooks: { taxCents: number; ratePercent: number | null },
  format: (cents: number) => string,
): { difference: string; likelyCause: string } {
  const difference = `QuickBooks computed ${format(quickBooks.taxCents)} tax, Ledgerbridge ${format(ours.taxCents)}.`;
  const rateDiffers = quickBooks.ratePercent !== null && Math.abs(quickBooks.ratePercent - ours.ratePercent) > 1e-9;
  const likelyCause = rateDiffers
    ? `QuickBooks charged ${formatRate(quickBooks.ratePercent!)} and Ledgerbridge ${formatRate(ours.ratePercent)}: the rate was probably changed in QuickBooks. Import the sales tax item (Sync Wizard) or correct it on one side, then send the invoice again.`
    : "The rate is the same on both sides, so a tax code differs: check which lines are taxable and the customer's tax code, here and in QuickBooks.";
  return { difference, likelyCause };
}
