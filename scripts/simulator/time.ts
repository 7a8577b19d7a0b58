export { formatDateTime, formatDate, parseDateTime, addDays, DATETIME_PATTERN, DATE_PATTERN };

// DATETIMETYPE in qbxmltypes130.xsd: every part after the year-month-day is optional.
const DATETIME_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})([+-]\d{1,2}:\d{1,2})?)?)?)?$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/**
 * QuickBooks' TimeCreated/TimeModified: local time of the QuickBooks PC with a fixed offset. It has been
 * reported to ignore daylight saving (reference README), so the company keeps one offset all year.
 */
function formatDateTime(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${formatOffset(offsetMinutes)}`
  );
}

function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const minutes = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The local calendar date of an instant, as DATETYPE. */
function formatDate(ms: number, offsetMinutes: number): string {
  return formatDateTime(ms, offsetMinutes).slice(0, 10);
}

/**
 * An instant from a DATETIMETYPE value. Without an offset the value is local time on the QuickBooks PC.
 * With `end`, a value given to the day, hour or minute means the last second of that period, so a
 * ToModifiedDate of "2024-03-31" includes the whole day. Null when the text is not a DATETIMETYPE.
 */
function parseDateTime(text: string, offsetMinutes: number, end = false): number | null {
  const match = DATETIME_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, offset] = match;
  const given = [hour, minute, second].filter((part) => part !== undefined).length;
  let ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0));
  if (Number.isNaN(ms)) return null;
  const zone = offset ? parseOffset(offset) : offsetMinutes;
  ms -= zone * 60_000;
  if (end && given < 3) ms += [86_400_000, 3_600_000, 60_000][given]! - 1000;
  return ms;
}

function parseOffset(offset: string): number {
  const [hours, minutes] = offset.slice(1).split(":").map(Number);
  const total = (hours ?? 0) * 60 + (minutes ?? 0);
  return offset.startsWith("-") ? -total : total;
}

/** DATETYPE plus whole days. */
function addDays(date: string, days: number): string {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
