import { QbxmlFieldError, QbxmlParseError } from "./errors";

export type { Cents, PriceCents };
export { formatAmount, formatPrice, formatQuantity, formatPercent, parseAmount, parsePrice, parseQuantity };

/** Money as a whole number of cents: 1050 is $10.50. */
type Cents = number;

/**
 * A unit price in cents. Whole cents in practice, but PRICETYPE (Price, Rate, SalesPrice) allows
 * five decimals of currency, so up to three decimals of a cent are kept: 712.5 is $7.125.
 */
type PriceCents = number;

// AMTTYPE: optional sign, at most 13 digits before the point, then none or exactly 2 decimals.
const MAX_AMOUNT_CENTS = 999_999_999_999_999;

function formatAmount(cents: Cents, field = "amount"): string {
  if (!Number.isSafeInteger(cents) || Math.abs(cents) > MAX_AMOUNT_CENTS) {
    throw new QbxmlFieldError(
      field,
      `is ${cents}; amounts are whole cents (1050 for $10.50) with at most 13 digits before the decimal point.`,
    );
  }
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

// PRICETYPE: at most 10 digits before the point and 5 after.
function formatPrice(price: PriceCents, field = "price"): string {
  const parts = decimalParts(price);
  const centsDigits = parts?.whole.padStart(3, "0") ?? "";
  const whole = centsDigits.slice(0, -2).replace(/^0+(?=\d)/, "");
  if (!parts || parts.fraction.length > 3 || whole.length > 10) {
    throw new QbxmlFieldError(
      field,
      `is ${price}; prices are in cents (750 for $7.50) with at most 3 decimals of a cent and 10 digits of dollars.`,
    );
  }
  const decimals = trimTrailingZeros(centsDigits.slice(-2) + parts.fraction, 2);
  return `${parts.sign}${whole}.${decimals}`;
}

// QUANTYPE and PERCENTTYPE share PRICETYPE's pattern.
function formatQuantity(quantity: number, field = "quantity"): string {
  return formatFiveDecimals(quantity, field, "quantities");
}

function formatPercent(percent: number, field = "percent"): string {
  return formatFiveDecimals(percent, field, "percentages");
}

function parseAmount(text: string, field: string): Cents {
  const match = /^([+-]?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new QbxmlParseError(`${field} is "${text}", which is not an amount.`);
  const [, sign, whole = "0", fraction = ""] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign === "-" && cents !== 0 ? -cents : cents;
}

function parsePrice(text: string, field: string): PriceCents {
  const match = /^([+-]?)(\d{1,10})(?:\.(\d{1,5}))?$/.exec(text.trim());
  if (!match) throw new QbxmlParseError(`${field} is "${text}", which is not a price.`);
  const [, sign, whole = "0", fraction = ""] = match;
  const padded = fraction.padEnd(2, "0");
  const subCent = padded.slice(2);
  const price = Number(`${whole}${padded.slice(0, 2)}${subCent ? `.${subCent}` : ""}`);
  return sign === "-" && price !== 0 ? -price : price;
}

function parseQuantity(text: string, field: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed)) throw new QbxmlParseError(`${field} is "${text}", which is not a number.`);
  return Number(trimmed);
}

function formatFiveDecimals(value: number, field: string, what: string): string {
  const parts = decimalParts(value);
  if (!parts || parts.fraction.length > 5 || parts.whole.length > 10) {
    throw new QbxmlFieldError(field, `is ${value}; QuickBooks takes ${what} with at most 5 decimals and 10 digits before the point.`);
  }
  return `${parts.sign}${parts.whole}${parts.fraction ? `.${parts.fraction}` : ""}`;
}

/** Splits a number by its shortest round-trip decimal form, so 0.1 stays "0.1" with no float noise. */
function decimalParts(value: number): { sign: string; whole: string; fraction: string } | undefined {
  if (!Number.isFinite(value)) return undefined;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!match) return undefined; // exponent notation: far too small or too large
  const [, sign = "", whole = "0", fraction = ""] = match;
  return { sign, whole, fraction };
}

function trimTrailingZeros(digits: string, keep: number): string {
  let trimmed = digits;
  while (trimmed.length > keep && trimmed.endsWith("0")) trimmed = trimmed.slice(0, -1);
  return trimmed;
}
