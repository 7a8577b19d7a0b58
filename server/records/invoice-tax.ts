import { eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import { contacts, items, salesTaxCodes } from "@/db/schema";
import { invoiceTax, type InvoiceTax } from "@/lib/sales-tax";
import { AppError } from "@/server/errors";
import { salesTaxRatePercent } from "./sales-tax-items";

/** An invoice as its tax sees it; an undefined code or tax item takes the customer's. */
export interface InvoiceTaxSource {
  customerId: number;
  customerSalesTaxCodeId?: number | null;
  salesTaxItemId?: number | null;
  lines: readonly { itemId: number; salesTaxCodeId: number | null; amountCents: number }[];
}

export interface InvoiceTaxValues {
  customerSalesTaxCodeId: number | null;
  salesTaxItemId: number | null;
  ratePercent: number;
  tax: InvoiceTax;
}

/**
 * The invoice's tax: a line is taxable by its own code, else by its item; the customer's code on the invoice, when
 * there is none, counts as taxable (QuickBooks' default "Tax"); without a sales tax item nothing is charged.
 */
export async function taxOfInvoice(db: Queryable, source: InvoiceTaxSource): Promise<InvoiceTaxValues> {
  const [customer] = await db
    .select({ salesTaxCodeId: contacts.salesTaxCodeId, salesTaxItemId: contacts.salesTaxItemId })
    .from(contacts)
    .where(eq(contacts.id, source.customerId));
  const customerSalesTaxCodeId =
    source.customerSalesTaxCodeId === undefined ? (customer?.salesTaxCodeId ?? null) : source.customerSalesTaxCodeId;
  const salesTaxItemId = source.salesTaxItemId === undefined ? (customer?.salesTaxItemId ?? null) : source.salesTaxItemId;
  const codes = await codesTaxable(db, [customerSalesTaxCodeId, ...source.lines.map((line) => line.salesTaxCodeId)]);
  const itemIds = [...new Set(source.lines.map((line) => line.itemId))];
  const itemRows =
    itemIds.length === 0 ? [] : await db.select({ id: items.id, taxable: items.taxable }).from(items).where(inArray(items.id, itemIds));
  const itemTaxable = new Map(itemRows.map((item) => [item.id, item.taxable]));
  const ratePercent = await salesTaxRatePercent(db, salesTaxItemId);
  const tax = invoiceTax({
    customerTaxable: customerSalesTaxCodeId === null ? true : codes.get(customerSalesTaxCodeId)!,
    ratePercent,
    lines: source.lines.map((line) => ({
      amountCents: line.amountCents,
      taxable: line.salesTaxCodeId === null ? (itemTaxable.get(line.itemId) ?? false) : codes.get(line.salesTaxCodeId)!,
    })),
  });
  return { customerSalesTaxCodeId, salesTaxItemId, ratePercent, tax };
}

async function codesTaxable(db: Queryable, ids: readonly (number | null)[]): Promise<Map<number, boolean>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: salesTaxCodes.id, taxable: salesTaxCodes.taxable })
    .from(salesTaxCodes)
    .where(inArray(salesTaxCodes.id, wanted));
  if (rows.length !== wanted.length) {
    throw new AppError("BAD_INPUT", "A sales tax code on this invoice does not exist (it may have been deleted). Choose another code.", {
      field: "lines",
    });
  }
  return new Map(rows.map((row) => [row.id, row.taxable]));
}
