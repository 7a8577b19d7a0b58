import { z } from "zod";
import { salesTaxCodes } from "@/db/schema";
import { QB_LIMITS, qbName, qbText } from "./fields";
import { namedList } from "./named-list";

export const salesTaxCodeInput = z.object({
  name: qbName("sales tax code", QB_LIMITS.salesTaxCodeName),
  description: qbText("description", QB_LIMITS.salesTaxCodeDescription),
  taxable: z.boolean().default(true),
  active: z.boolean().default(true),
});
export type SalesTaxCodeInput = z.input<typeof salesTaxCodeInput>;

/** QuickBooks' own codes are "Tax" and "Non"; a code is at most 3 characters. */
export const salesTaxCodeList = namedList({
  table: salesTaxCodes,
  noun: "sales tax code",
  input: salesTaxCodeInput,
  sortable: { taxable: salesTaxCodes.taxable },
  searchable: [salesTaxCodes.description],
});
