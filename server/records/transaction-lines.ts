import { inArray, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Queryable } from "@/db";
import { items } from "@/db/schema";
import { AppError } from "@/server/errors";
import { MAX_MONEY_CENTS, money, quantity } from "@/lib/money";
import { QB_LIMITS, qbText, recordId } from "./fields";

// What invoices, purchase orders and bills share: item lines priced here to the cent, and numbers that count up.

export const transactionLineInput = z.object({
  itemId: recordId("an item for the line"),
  description: qbText("line description", QB_LIMITS.lineDescription),
  quantity: quantity("quantity"),
  rate: money("rate"),
});
export type LineData = z.output<typeof transactionLineInput>;

/** The next number after the highest all-digit one, so "INV-7" or "1002a" do not disturb the sequence. */
export async function nextNumber(db: Queryable, table: SQLiteTable & { number: SQLiteColumn }, first: number): Promise<string> {
  const [row] = await db
    .select({ highest: sql<number | null>`max(cast(${table.number} as integer))` })
    .from(table)
    .where(sql`${table.number} <> '' and ${table.number} not glob '*[^0-9]*'`);
  const highest = row?.highest ?? null;
  return String(highest === null ? first : highest + 1);
}

/** quantity × rate in cents, rounded half away from zero, computed exactly (quantities have at most 5 decimals). */
export function lineAmountCents(quantityValue: number, rateCents: number): bigint {
  const scaled = BigInt(Math.round(quantityValue * 100_000)) * BigInt(rateCents);
  const half = scaled < 0n ? -50_000n : 50_000n;
  return (scaled + half) / 100_000n;
}

/**
 * Lines with their item checked and amount computed; a type's own line fields (an invoice line's tax code) ride along.
 * `field` names the lines in the form, for messages (a bill's item lines are "itemLines").
 */
export async function lineValues<Line extends LineData>(db: Queryable, lines: readonly Line[], field = "lines") {
  const itemIds = [...new Set(lines.map((line) => line.itemId))];
  const found = await db.select({ id: items.id }).from(items).where(inArray(items.id, itemIds));
  const known = new Set(found.map((item) => item.id));
  return lines.map((line, index) => {
    const { itemId, description, quantity: lineQuantity, rate, ...own } = line;
    if (!known.has(itemId)) {
      throw new AppError("BAD_INPUT", `Line ${index + 1}: that item does not exist (it may have been deleted). Choose another item.`, {
        field: `${field}.${index}.itemId`,
      });
    }
    const amount = lineAmountCents(lineQuantity, rate);
    if (beyondQuickBooks(amount)) {
      throw new AppError("BAD_INPUT", `Line ${index + 1}: the amount is larger than QuickBooks accepts.`, {
        field: `${field}.${index}.quantity`,
      });
    }
    return { ...own, position: index + 1, itemId, description, quantity: lineQuantity, rateCents: rate, amount };
  });
}

export function beyondQuickBooks(cents: bigint): boolean {
  return cents > BigInt(MAX_MONEY_CENTS) || -cents > BigInt(MAX_MONEY_CENTS);
}
