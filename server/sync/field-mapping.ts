import type { CustomField } from "@/server/qbxml";
import { MAPPED_TYPES, SYNCED_FIELDS, type MappedType } from "@/lib/field-mapping";
import type { SyncFields } from "./entities/types";

/**
 * Field mapping: which synced fields of customers, vendors and items cross at all, and which
 * QuickBooks custom fields (DataExt) are read into local fields. Applied in one place, the adapter's synced fields:
 * a skipped field is left out of fields()/remoteFields() (so of fingerprints and diffs), of what an Add or Mod sends,
 * and of what an import writes here; a mapped custom field is one more synced field, "custom:<local name>".
 * This module knows no adapter and no database; policies.ts builds the mapped adapters the engine uses.
 */

/** A mapped custom field's key among the synced fields. */
export const CUSTOM_PREFIX = "custom:";

export interface CustomFieldMapping {
  entityType: MappedType;
  /** DataExtName in QuickBooks. */
  quickBooksName: string;
  /** The name it has here (a key of the record's custom_fields). */
  localName: string;
}

export interface FieldMapping {
  skipped: Record<MappedType, string[]>;
  customFields: CustomFieldMapping[];
}

/** One type's mapping, as an adapter applies it. */
export interface TypeFieldMapping {
  readonly skipped: ReadonlySet<string>;
  readonly customFields: readonly { readonly quickBooksName: string; readonly localName: string }[];
}

export const NO_FIELD_MAPPING: TypeFieldMapping = { skipped: new Set(), customFields: [] };

export function typeFieldMapping(mapping: FieldMapping, type: MappedType): TypeFieldMapping {
  const fixed = new Set(SYNCED_FIELDS[type].filter((field) => field.fixed).map((field) => field.key));
  return {
    skipped: new Set(mapping.skipped[type].filter((key) => !fixed.has(key))),
    customFields: mapping.customFields.filter((custom) => custom.entityType === type),
  };
}

export function isMappedType(type: string): type is MappedType {
  return (MAPPED_TYPES as readonly string[]).includes(type);
}

/** Same mapping for this type? (Changing it moves what the link fingerprints cover.) */
export function sameTypeMapping(a: TypeFieldMapping, b: TypeFieldMapping): boolean {
  const custom = (m: TypeFieldMapping) => JSON.stringify(m.customFields.map((c) => [c.quickBooksName, c.localName]));
  return [...a.skipped].sort().join() === [...b.skipped].sort().join() && custom(a) === custom(b);
}

/**
 * The synced fields under a mapping: skipped ones left out, each mapped custom field added as "custom:<local name>"
 * with its value (null when the record has none).
 */
export function mapSyncFields(
  standard: SyncFields,
  mapping: TypeFieldMapping,
  custom: Readonly<Record<string, string | null>>,
): SyncFields {
  const fields: SyncFields = {};
  for (const [key, value] of Object.entries(standard)) if (!mapping.skipped.has(key)) fields[key] = value;
  // Local names are an admin's words ("constructor" too): only the record's own values count.
  for (const { localName } of mapping.customFields)
    fields[`${CUSTOM_PREFIX}${localName}`] = Object.hasOwn(custom, localName) ? (custom[localName] ?? null) : null;
  return fields;
}

/** QuickBooks' public custom fields (OwnerID 0) as local name → value, for the mapped ones. */
export function remoteCustomValues(found: readonly CustomField[] | undefined, mapping: TypeFieldMapping): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const { quickBooksName, localName } of mapping.customFields) {
    // DataExtName is matched as QuickBooks matches names: ignoring case.
    const field = found?.find((each) => (each.ownerId ?? "0") === "0" && each.name.toLowerCase() === quickBooksName.toLowerCase());
    values[localName] = field && field.value.trim() !== "" ? field.value : null;
  }
  return values;
}

/** The custom:* entries of some synced fields, written into a record's custom_fields over what it holds. */
export function withCustomValues(current: Readonly<Record<string, string>> | null, fields: SyncFields): Record<string, string> | null {
  const entries = Object.entries(fields).filter(([key]) => key.startsWith(CUSTOM_PREFIX));
  if (entries.length === 0) return current ? { ...current } : null;
  const next: Record<string, string> = { ...(current ?? {}) };
  for (const [key, value] of entries) {
    const name = key.slice(CUSTOM_PREFIX.length);
    if (value === null || value === "") delete next[name];
    else next[name] = String(value);
  }
  return Object.keys(next).length === 0 ? null : next;
}

/** Only the fields an import may write here: the skipped ones stay as they are locally. */
export function withoutSkipped(fields: SyncFields, mapping: TypeFieldMapping): SyncFields {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !mapping.skipped.has(key)));
}

/** OwnerID "0" asks QuickBooks for the public custom fields (DataExtRet) of the records it returns. */
export const PUBLIC_CUSTOM_FIELDS = ["0"] as const;
