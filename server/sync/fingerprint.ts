import { createHash } from "node:crypto";
import type { SyncFields } from "./entities/types";

export interface FieldChange {
  field: string;
  before: string | number | boolean | null;
  after: string | number | boolean | null;
}

/** A stable hash of the synced fields: key order and undefined-vs-null do not matter. */
export function fingerprint(fields: SyncFields): string {
  const canonical = Object.keys(fields)
    .sort()
    .map((key) => [key, normalise(fields[key])]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 32);
}

/** Field-level differences from `before` to `after`; `before` null means the record is new. */
export function diffFields(before: SyncFields | null, after: SyncFields | null): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .map((field) => ({ field, before: normalise(before?.[field]), after: normalise(after?.[field]) }))
    .filter((change) => change.before !== change.after);
}

function normalise(value: string | number | boolean | null | undefined): string | number | boolean | null {
  if (value === undefined || value === "") return null;
  return typeof value === "string" ? value.trim() : value;
}
