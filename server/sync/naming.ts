import { checkName, MAX_LENGTH, QbxmlFieldError } from "@/server/qbxml";
import type { EntityType } from "./entities";
import type { Block } from "./policies";

/** The longest Name QuickBooks keeps for each list that has one. */
const NAME_LIMITS: Partial<Record<EntityType, number>> = {
  customer: MAX_LENGTH.customerName,
  vendor: MAX_LENGTH.vendorName,
  item: MAX_LENGTH.itemName,
  paymentMethod: MAX_LENGTH.paymentMethodName,
  terms: MAX_LENGTH.termsName,
  salesTaxCode: MAX_LENGTH.salesTaxCodeName,
  salesTaxItem: MAX_LENGTH.itemName,
  salesTaxGroup: MAX_LENGTH.itemName,
};

/**
 * A QuickBooks naming exception, caught before sending: a name too long for its list, holding ":"
 * (QuickBooks' parent:child separator) or a character QuickBooks cannot store, with a suggested fix. The
 * candidate is held back with it instead of failing in QuickBooks later.
 */
export function namingProblem(type: EntityType, localId: number, name: string | null | undefined): Block | null {
  const limit = NAME_LIMITS[type];
  if (limit === undefined || name == null) return null;
  try {
    checkName("Name", name, limit);
    return null;
  } catch (error) {
    if (!(error instanceof QbxmlFieldError)) throw error;
    return { heldBy: `${type}:local:${localId}`, reason: `QuickBooks would refuse the name "${name}": ${suggestion(name, limit)}` };
  }
}

function suggestion(name: string, limit: number): string {
  const cleaned = name.replaceAll(":", " - ").replace(/\s+/g, " ").trim();
  if (cleaned !== name && cleaned.length <= limit)
    return `it contains ":", which QuickBooks reads as parent:child. Rename it, e.g. to "${cleaned}".`;
  if (cleaned.length > limit)
    return `it is ${cleaned.length} characters long and QuickBooks allows ${limit}. Rename it, e.g. to "${cleaned.slice(0, limit).trim()}".`;
  return "it holds a character QuickBooks cannot store. Rename it with letters, digits and common punctuation.";
}
