import { z } from "zod";

// Calendar dates as "YYYY-MM-DD", the way a person picks them and QuickBooks keeps them.

/** A calendar date as "YYYY-MM-DD" that really exists. */
export function calendarDate(label: string) {
  return (
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date (YYYY-MM-DD).`)
      .refine((value) => {
        const date = new Date(`${value}T00:00:00Z`);
        return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
      }, `The ${label} is not a real date.`)
      // QuickBooks Desktop keeps dates from 1901 through 2099.
      .refine(
        (value) => value >= "1901-01-01" && value <= "2099-12-31",
        `The ${label} must be between 1901 and 2099, the years QuickBooks keeps.`,
      )
  );
}

/** The calendar date some days after (or before) another, both "YYYY-MM-DD". */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}
