import type { EntityAdapter, LocalRecordOf, SyncFields } from "../entities";
import { diffFields, fingerprint, type FieldChange } from "../fingerprint";
import type { SyncLink } from "../links";
import type { SyncItem } from "../state";

// A conflict as both sides hold it: what detection raises, the wizard shows and resolution reads back.

export type Side = "ledgerbridge" | "quickbooks";

type FieldValue = FieldChange["before"];

/** One field of a conflict: as synced last time, and as each side holds it now. */
export interface ConflictField {
  field: string;
  base: FieldValue;
  ledgerbridge: FieldValue;
  quickbooks: FieldValue;
}

/** A linked record as both sides hold it now. */
export interface BothSides {
  adapter: EntityAdapter;
  link: SyncLink;
  local: LocalRecordOf;
  localFields: SyncFields;
  remoteFields: SyncFields;
  remoteEditSequence: string | null;
  remoteLabel: string;
}

/** A conflict's fields, for a stored diff: every field where the last sync and the two sides are not all alike. */
export function conflictFields(base: SyncFields, local: SyncFields, remote: SyncFields): ConflictField[] {
  const changed = new Set([...diffFields(local, remote), ...diffFields(base, remote)].map((change) => change.field));
  return Object.keys(local)
    .filter((field) => changed.has(field))
    .map((field) => ({ field, base: base[field] ?? null, ledgerbridge: local[field] ?? null, quickbooks: remote[field] ?? null }));
}

/** A conflict's fingerprint: either side changing again makes it a new conflict. */
export function conflictPrint(local: SyncFields, remote: SyncFields): string {
  return fingerprint({ ledgerbridge: fingerprint(local), quickbooks: fingerprint(remote) });
}

/**
 * QuickBooks' version as an import or conflict row describes it, over the link's fields (the last sync). Null when
 * that cannot be told exactly: the result must hash to the fingerprint the row was raised with.
 */
export function quickBooksVersion(row: SyncItem, link: SyncLink): SyncFields | null {
  const base = JSON.parse(link.fields) as SyncFields;
  if (row.action === "conflict") {
    const fields = JSON.parse(row.diff) as ConflictField[];
    const local = { ...base, ...Object.fromEntries(fields.map((change) => [change.field, change.ledgerbridge])) };
    const remote = { ...base, ...Object.fromEntries(fields.map((change) => [change.field, change.quickbooks])) };
    return conflictPrint(local, remote) === row.fingerprint ? remote : null;
  }
  // An import raised while the local record was as last synced: its diff holds every field QuickBooks changed.
  const changes = JSON.parse(row.diff) as FieldChange[];
  const remote = { ...base, ...Object.fromEntries(changes.map((change) => [change.field, change.after])) };
  return fingerprint(remote) === row.fingerprint ? remote : null;
}

/** The link of the pair at QuickBooks' current version; the caller says where the local side stands. */
export function linkValues(pair: BothSides) {
  return {
    entityType: pair.adapter.type,
    localId: pair.local.id,
    qbId: pair.link.qbId,
    editSequence: pair.remoteEditSequence ?? pair.link.editSequence ?? undefined,
    remoteFingerprint: fingerprint(pair.remoteFields),
    remoteFields: pair.remoteFields,
  };
}
