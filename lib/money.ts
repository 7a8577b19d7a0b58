import { z } from "zod";

// Money and quantities as people type them and read them, checked the same way in the browser and on the server.

/** The largest amount money() accepts, in cents: QuickBooks' amounts have at most 11 digits before the point. */
export const MAX_MONEY_CENTS = 99_999_999_999_99;

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Cents as a person reads them in a message: "$1,250.50". */
export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}

/** Money typed by a person ("1,250.5") or sent as a number, stored as integer cents. */
export function money(label: string) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const text = typeof value === "number" ? value.toFixed(2) : value.replace(/[,$\s]/g, "");
    if (!/^-?\d{1,11}(\.\d{1,2})?$/.test(text)) {
      ctx.addIssue({ code: "custom", message: `Enter the ${label} as an amount such as 125.50.` });
      return z.NEVER;
    }
    const [whole, fraction = ""] = text.replace("-", "").split(".");
    const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
    return text.startsWith("-") ? -cents : cents;
  });
}

/** Money that must be more than zero, such as a payment. */
export function positiveMoney(label: string) {
  return money(label).refine((cents) => cents > 0, `The ${label} must be more than 0.`);
}

/** A quantity as QuickBooks takes it: more than zero, at most 5 decimals. */
export function quantity(label: string) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const text = typeof value === "number" ? String(value) : value.replace(/[,\s]/g, "");
    if (!/^\d{1,9}(\.\d{1,5})?$/.test(text) || Number(text) === 0) {
      ctx.addIssue({ code: "custom", message: `Enter the ${label} as a number above 0 with at most 5 decimals, such as 2.5.` });
      return z.NEVER;
    }
    return Number(text);
  });
}
