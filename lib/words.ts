// Plain words for counts and spans of time, for the server and the pages alike.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span as a person says it, rounded down: "less than a minute", "12 minutes", "3 hours", "2 days". */
export function durationWords(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return "less than a minute";
  if (span < HOUR) return plural(Math.floor(span / MINUTE), "minute");
  // Up to two days, hours read better than "1 day" for someone checking why nothing moved overnight.
  if (span < 2 * DAY) return plural(Math.floor(span / HOUR), "hour");
  return plural(Math.floor(span / DAY), "day");
}

/** "just now", "12 minutes ago". */
export function timeAgo(at: Date, now: Date): string {
  const span = now.getTime() - at.getTime();
  return span < MINUTE ? "just now" : `${durationWords(span)} ago`;
}

export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
