import { inArray, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { nameKey } from "@/server/records/fields";

/**
 * The keys matching compares (server/sync/matching.ts). Names compare as QuickBooks compares them: without regard
 * to case or surrounding spaces. Numbers and references likewise, so "inv-7 " here is INV-7 in QuickBooks.
 */
export function textKey(value: string | null | undefined): string {
  return nameKey(value ?? "");
}

/** A list record's key: its full name, or null when it has none. */
export function listKey(fullName: string | null | undefined): string | null {
  const key = textKey(fullName);
  return key === "" ? null : key;
}

/** The key of records that are the same when all these parts are: parts are joined by a character no name holds. */
export function joinedKey(...parts: (string | number | null | undefined)[]): string {
  return parts.map((part) => (typeof part === "number" ? String(part) : textKey(part))).join("\u001f");
}

/**
 * A text column equal to one of these values as a person may have typed it (trimmed, any of three common cases),
 * so an index still serves the lookup; the match itself is then decided on the exact keys.
 */
export function spellingsOf(column: SQLiteColumn, values: readonly (string | null | undefined)[]): SQL {
  const spellings = new Set<string>();
  for (const value of values) {
    const trimmed = value?.trim();
    if (!trimmed) continue;
    spellings.add(trimmed).add(trimmed.toUpperCase()).add(trimmed.toLowerCase());
  }
  return inArray(column, [...spellings]);
}
