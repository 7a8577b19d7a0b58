import { z } from "zod";
// The codec's character rule alone (pure, no XML library), so this file stays safe to import in the browser.
import { QbxmlFieldError } from "@/server/qbxml/errors";
import { toQuickBooksText } from "@/server/qbxml/fields";

// QuickBooks' own field limits (qbXML 13.0 maxLength facets), so whatever is saved here can later be sent.
export const QB_LIMITS = {
  contactName: 41,
  companyName: 41,
  firstName: 25,
  lastName: 25,
  email: 1023,
  phone: 21,
  addressLine: 41,
  city: 31,
  state: 21,
  postalCode: 13,
  country: 31,
  notes: 4095,
  itemName: 31,
  itemFullName: 159,
  itemDescription: 4095,
  accountName: 159,
  paymentMethodName: 31,
  termsName: 31,
  salesTaxCodeName: 3,
  salesTaxCodeDescription: 31,
  invoiceNumber: 11,
  purchaseOrderNumber: 11,
  memo: 4095,
  lineDescription: 4095,
  paymentRefNumber: 20,
  billRefNumber: 20,
  checkNumber: 11,
} as const;

/** A name as QuickBooks will store it: trimmed, within its limit, without the ":" that separates levels. */
export function qbName(label: string, max: number) {
  return qbFullName(label, max).refine(
    (value) => !value.includes(":"),
    `The ${label} cannot contain ":" — QuickBooks uses it to separate levels.`,
  );
}

// A name is one line: QuickBooks refuses or silently changes control characters (NUL, tab, line breaks) in one.
const NAME_CONTROL = /[\u0000-\u001f\u007f]/;
// Free text may run over several lines and hold tabs; the other control characters, NUL above all, it cannot store.
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A required reference by full name, where ":" separates levels ("Income:Lawn Care"). */
export function qbFullName(label: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} can be at most ${max} characters (QuickBooks' limit).`)
    .refine(
      (value) => !NAME_CONTROL.test(value),
      `The ${label} must be one line, without tabs or other control characters: QuickBooks cannot store them in a name.`,
    )
    .superRefine(storableIn(label));
}

/**
 * QuickBooks keeps Windows-1252 text: a character it cannot store (an emoji, a CJK character) is refused where it is
 * typed, by the qbXML codec's own rule, rather than when the record is sent. Letters it can fold ("ő" → "o") pass.
 */
function storableIn(label: string) {
  return (value: string | null, ctx: z.RefinementCtx) => {
    if (!value) return;
    try {
      toQuickBooksText(value);
    } catch (error) {
      if (!(error instanceof QbxmlFieldError)) throw error;
      ctx.addIssue({
        code: "custom",
        message: `The ${label} contains "${error.character ?? "?"}", which QuickBooks cannot store. Remove or replace it.`,
      });
    }
  };
}

/** An optional one-line field (a phone, an address line, an invoice number) within a QuickBooks limit; blank becomes null. */
export function qbLine(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `The ${label} can be at most ${max} characters (QuickBooks' limit).`)
    .refine(
      (value) => !NAME_CONTROL.test(value),
      `The ${label} must be one line, without tabs or other control characters: QuickBooks cannot store them there.`,
    )
    .superRefine(storableIn(label))
    .transform((value) => (value === "" ? null : value))
    .nullish()
    .transform((value) => value ?? null);
}

/** Optional free text (notes, memos, descriptions) within a QuickBooks limit; blank becomes null. */
export function qbText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `The ${label} can be at most ${max} characters (QuickBooks' limit).`)
    .refine(
      (value) => !TEXT_CONTROL.test(value),
      `The ${label} holds a control character QuickBooks cannot store; type it again without it.`,
    )
    .superRefine(storableIn(label))
    .transform((value) => (value === "" ? null : value))
    .nullish()
    .transform((value) => value ?? null);
}

/** The id of a record picked from a list; the message says what to pick. */
export function recordId(what: string) {
  const message = `Choose ${what}.`;
  return z.number({ error: message }).int(message).positive(message);
}

/** A field a form may leave blank ("" or nothing), which becomes null; anything else must pass the schema. */
export function blankable<Schema extends z.ZodType>(schema: Schema) {
  return z
    .preprocess((value: z.input<Schema> | "" | null) => (value === "" ? null : value), schema.nullable())
    .optional()
    .transform((value) => value ?? null);
}

/** The case-insensitive key under which QuickBooks compares names. */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase("en-US");
}
