// Money is formatted by formatCents in server/records/fields.ts (zod-only, safe in the browser); these are the rest.

const dateFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** A calendar date "YYYY-MM-DD" as a person reads it: "Mar 5, 2025". Blank stays blank. */
export function formatDate(date: string | null | undefined): string {
  return date ? dateFormat.format(new Date(`${date}T00:00:00Z`)) : "";
}

/** Cents as a money field's text, without symbol or separators, so it saves back unchanged: 125050 → "1250.50". */
export function centsAsInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** Today on this computer's calendar as "YYYY-MM-DD", the default date of a new invoice or payment. */
export function todayDate(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

/** A moment on this computer's clock: "Mar 5, 2025, 9:03 AM". */
export function formatDateTime(at: Date | null | undefined): string {
  return at ? dateTimeFormat.format(at) : "";
}

/** A calendar date "YYYY-MM-DD" as the local midnight that starts it; the day after, for the end of a range. */
export function startOfDate(date: string | undefined, daysLater = 0): Date | undefined {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + daysLater) : undefined;
}
