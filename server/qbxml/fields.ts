import { QbxmlFieldError } from "./errors";
import { MAX_LENGTH } from "./limits";

export {
  toQuickBooksText,
  checkText,
  checkName,
  checkId,
  checkEditSequence,
  checkDate,
  checkDateTime,
  checkGuid,
  checkInteger,
  checkNonEmptyList,
};

/*
 * The character rule. QuickBooks Desktop stores Windows-1252 text; anything else makes it reject
 * the request (HRESULT 0x80040400) or comes back as "?". So text is NFC-normalised, a character
 * outside Windows-1252 is folded when its compatibility/diacritic decomposition fits (NFKD, then
 * combining marks dropped: "ő" -> "o", "ﬁ" -> "fi"), and anything that still does not fit (emoji,
 * CJK, control characters other than tab, LF and CR) is refused. Nothing is replaced silently.
 */
function toQuickBooksText(value: string, field = "text"): string {
  let text = "";
  for (const char of value.normalize("NFC")) {
    if (fitsWindows1252(char)) {
      text += char;
      continue;
    }
    const folded = char.normalize("NFKD").replace(/\p{M}/gu, "");
    if (![...folded].every(fitsWindows1252)) {
      throw new QbxmlFieldError(
        field,
        `contains ${describeCharacter(char)}, which QuickBooks cannot store (it keeps Windows-1252 text). Remove or replace it.`,
        { character: char },
      );
    }
    text += folded;
  }
  return text;
}

/** Applies the character rule, then the schema's maxLength (counted after folding). */
function checkText(field: string, value: string, limit?: number): string {
  const text = toQuickBooksText(value, field);
  if (limit !== undefined && text.length > limit) {
    throw new QbxmlFieldError(field, `is ${text.length} characters long; QuickBooks allows at most ${limit}.`, {
      limit,
      actual: text.length,
    });
  }
  return text;
}

/** A list element's own Name: required, and free of ":" (the FullName hierarchy separator). */
function checkName(field: string, value: string, limit: number): string {
  const text = checkText(field, value, limit);
  if (text.trim() === "") throw new QbxmlFieldError(field, "must not be empty.");
  if (text.includes(":")) {
    throw new QbxmlFieldError(
      field,
      `"${text}" contains ":", which QuickBooks reads as the separator between a parent and a sub-item in full names. Remove it (use a parent reference for sub-items).`,
    );
  }
  return text;
}

function checkId(field: string, value: string): string {
  const text = checkText(field, value, MAX_LENGTH.id);
  if (text === "") throw new QbxmlFieldError(field, "must not be empty.");
  return text;
}

function checkEditSequence(field: string, value: string): string {
  const text = checkText(field, value, MAX_LENGTH.editSequence);
  if (text === "") throw new QbxmlFieldError(field, "must not be empty; send the EditSequence QuickBooks last returned.");
  return text;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(field: string, value: string): string {
  // Date rolls 2024-02-30 over to March, so a real date is one that survives the round trip.
  const isRealDate = DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!isRealDate) {
    throw new QbxmlFieldError(field, `is "${value}"; QuickBooks needs a calendar date written YYYY-MM-DD.`);
  }
  return value;
}

// DATETIMETYPE: the schema accepts no "Z" and no fractional seconds, so Date#toISOString() is refused.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?)?$/;

function checkDateTime(field: string, value: string): string {
  if (!DATE_TIME.test(value)) {
    throw new QbxmlFieldError(
      field,
      `is "${value}"; QuickBooks needs YYYY-MM-DDThh:mm:ss with an optional ±hh:mm offset (no "Z", no milliseconds).`,
    );
  }
  return value;
}

// GUIDTYPE: "0" (public data extensions) or a braced GUID.
const GUID = /^(0|\{[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\})$/;

function checkGuid(field: string, value: string): string {
  if (!GUID.test(value)) {
    throw new QbxmlFieldError(
      field,
      `is "${value}"; QuickBooks needs "0" or a GUID in braces, like {3F2504E0-4F89-41D3-9A0C-0305E82C3301}.`,
    );
  }
  return value;
}

function checkInteger(field: string, value: number, min?: number): string {
  if (!Number.isSafeInteger(value) || (min !== undefined && value < min)) {
    const floor = min === undefined ? "" : ` of at least ${min}`;
    throw new QbxmlFieldError(field, `is ${value}; QuickBooks needs a whole number${floor}.`);
  }
  return String(value);
}

/** An empty ID or name list would drop the filter and make QuickBooks return the whole list. */
function checkNonEmptyList<T>(field: string, values: readonly T[]): readonly T[] {
  if (values.length === 0) {
    throw new QbxmlFieldError(field, "is an empty list; pass at least one value or leave it out to use the filters.");
  }
  return values;
}

// Windows-1252 beyond Latin-1: the 27 characters it places at 0x80-0x9F.
const WINDOWS_1252_EXTRAS = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

function fitsWindows1252(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WINDOWS_1252_EXTRAS.has(code)
  );
}

function describeCharacter(char: string): string {
  const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  return /\p{Cc}|\p{Cf}/u.test(char) ? `the invisible character ${code}` : `"${char}" (${code})`;
}
