import { money, quantity } from "@/lib/money";

// The same parsers the server saves with, so what the form shows is what will be saved.
const quantityField = quantity("quantity");
const rateField = money("rate");

/**
 * A line's amount while it is being typed, or null until quantity and rate are valid. Rounded like
 * lineAmountCents in server/records/invoices.ts (half away from zero, exact); the server's amount is the one saved.
 */
export function lineAmountPreview(quantityText: string, rateText: string): number | null {
  const parsedQuantity = quantityField.safeParse(quantityText);
  const parsedRate = rateField.safeParse(rateText);
  if (!parsedQuantity.success || !parsedRate.success) return null;
  const scaled = BigInt(Math.round(parsedQuantity.data * 100_000)) * BigInt(parsedRate.data);
  const half = scaled < 0n ? -50_000n : 50_000n;
  return Number((scaled + half) / 100_000n);
}
