import type { Books } from "./books";
import type { Aggregate } from "./fields";
import { toCents } from "./money";

export { invoiceSalesTax };

/**
 * QuickBooks' sales tax on an invoice: the rate of its tax item (a group's is the sum of its items' rates) times the
 * sum of the lines whose code is taxable, none when the customer's code on the invoice is not taxable, rounded once
 * to the cent, half away from zero.
 */
function invoiceSalesTax(books: Books, invoice: SimRecord): { percentage: string; tax: number } {
  const percentage = ratePercent(books, invoice.fields.ItemSalesTaxRef as Aggregate | undefined);
  if (!codeIsTaxable(books, invoice.fields.CustomerSalesTaxCodeRef as Aggregate | undefined)) return { percentage, tax: 0 };
  const lines = (invoice.fields.InvoiceLineRet ?? []) as Aggregate[];
  const taxable = lines
    .filter((line) => codeIsTaxable(books, line.SalesTaxCodeRef as Aggregate | undefined))
    .reduce((sum, line) => sum + toCents(line.Amount as string | undefined), 0);
  return { percentage, tax: percentOf(taxable, percentage) };
}

type SimRecord = NonNullable<ReturnType<Books["store"]["get"]>>;

function codeIsTaxable(books: Books, ref: Aggregate | undefined): boolean {
  const code = ref ? books.findRef(["SalesTaxCode"], ref) : undefined;
  return code?.fields.IsTaxable === "true";
}

/** The rate as PERCENTTYPE text; a group adds its items' rates digit for digit. */
function ratePercent(books: Books, ref: Aggregate | undefined): string {
  const record = ref ? books.findRef(["ItemSalesTax", "ItemSalesTaxGroup"], ref) : undefined;
  if (!record) return "0";
  if (record.kind === "ItemSalesTax") return (record.fields.TaxRate as string | undefined) ?? "0";
  const members = ((record.fields.ItemSalesTaxRef ?? []) as Aggregate[]).map((member) => books.findRef(["ItemSalesTax"], member));
  const sum = members.reduce((total, member) => total + hundredThousandths((member?.fields.TaxRate as string | undefined) ?? "0"), 0n);
  const digits = sum.toString().padStart(6, "0");
  return `${digits.slice(0, -5)}.${digits.slice(-5)}`.replace(/\.?0+$/, "");
}

function hundredThousandths(text: string): bigint {
  const [whole = "0", fraction = ""] = text.trim().split(".");
  return BigInt(whole || "0") * 100_000n + BigInt(fraction.padEnd(5, "0").slice(0, 5));
}

/** cents × percent / 100, to the cent, half away from zero. */
function percentOf(cents: number, percent: string): number {
  const product = BigInt(cents) * hundredThousandths(percent);
  const divisor = 10_000_000n;
  const magnitude = product < 0n ? -product : product;
  const rounded = (magnitude * 2n + divisor) / (2n * divisor);
  return Number(product < 0n ? -rounded : rounded);
}
