export { toCents, formatCents, multiplyToCents, divideToPrice };

/** AMTTYPE, PRICETYPE or QUANTYPE text to whole cents, rounding half away from zero. */
function toCents(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 0;
  return Number(bigRound(scaled(value) * 100n, SCALE));
}

/** AMTTYPE: a sign when negative and exactly two decimals. */
function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** Quantity × Rate, as QuickBooks fills a line's Amount, computed exactly on the decimal text. */
function multiplyToCents(quantity: string, rate: string): number {
  return Number(bigRound(scaled(quantity) * scaled(rate) * 100n, SCALE * SCALE));
}

/** Amount ÷ Quantity as PRICETYPE (at most five decimals), for a line given an amount and a quantity. */
function divideToPrice(cents: number, quantity: string): string {
  const divisor = scaled(quantity);
  if (divisor === 0n) return "0";
  const rate = bigRound(BigInt(cents) * SCALE * SCALE, divisor * 100n);
  const sign = rate < 0n ? "-" : "";
  const digits = (rate < 0n ? -rate : rate).toString().padStart(6, "0");
  const decimals = digits.slice(-5).replace(/0+$/, "");
  return `${sign}${digits.slice(0, -5)}${decimals ? `.${decimals}` : ""}`;
}

const SCALE = 100_000n;

/** The decimal text as an integer of hundred-thousandths (the most decimals PRICETYPE allows). */
function scaled(value: string): bigint {
  const match = /^([+-]?)(\d*)(?:\.(\d{0,5}))?$/.exec(value.trim());
  if (!match) throw new Error(`"${value}" is not a decimal number.`);
  const [, sign, whole, fraction = ""] = match;
  const magnitude = BigInt(whole || "0") * SCALE + BigInt(fraction.padEnd(5, "0") || "0");
  return sign === "-" ? -magnitude : magnitude;
}

function bigRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (n * 2n + d) / (2n * d);
  return negative ? -rounded : rounded;
}
