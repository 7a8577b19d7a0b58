import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, notInArray, or, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { billPayments, bills, contacts, invoices, paymentMethods, payments, purchaseOrders, syncItems, syncLinks } from "@/db/schema";
import type { QbxmlRecord, RefValue } from "@/server/qbxml";
import { nameKey } from "@/server/records/fields";
import { recordAudit, type Actor } from "@/server/audit";
import { writeSetting } from "@/server/settings";
import { groupBy } from "@/lib/collections";
import { ADAPTERS, adapterFor, type EntityAdapter, type EntityType, type ParentRef, type SyncFields } from "./entities";
import { contactAdapter } from "./entities/contacts";
import { mappedItemAdapter } from "./entities/items";
import { isMappedType, sameTypeMapping, typeFieldMapping, type FieldMapping } from "./field-mapping";
import { MAPPED_TYPES, type MappedType } from "@/lib/field-mapping";
import { fingerprint } from "./fingerprint";
import { linksByQbId, linksFor } from "./links";
import { describeSettingsChanges } from "./settings-changes";
import { OPTIONAL_SYNC_TYPES, SYNC_SETTINGS_KEY, syncSettings, type OptionalSyncType, type SyncSettings } from "./settings";

/**
 * The sync settings as the engine applies them to records (one side only, start date, payment methods,
 * record types, Send All). Export rules are SQL over the local tables; import rules look at QuickBooks' record.
 * A record a rule leaves out is not a candidate; a record whose parent is left out is raised *blocked*, with a
 * sentence naming that parent, so the Sync Wizard can say why it cannot go.
 */
export interface SyncPolicy {
  readonly settings: SyncSettings;
  /** Local ids of the excluded payment methods. */
  readonly excludedMethodIds: readonly number[];
}

export async function loadSyncPolicy(db: Queryable): Promise<SyncPolicy> {
  const settings = await syncSettings(db);
  const keys = settings.excludedPaymentMethods.map(nameKey);
  const excluded =
    keys.length === 0 ? [] : await db.select({ id: paymentMethods.id }).from(paymentMethods).where(inArray(paymentMethods.nameKey, keys));
  return { settings, excludedMethodIds: excluded.map((row) => row.id) };
}

const NOUNS: Record<OptionalSyncType, string> = {
  customer: "customers",
  vendor: "vendors",
  item: "items",
  invoice: "invoices",
  payment: "payments",
  purchaseOrder: "purchase orders",
  bill: "bills",
  billPayment: "bill payments",
};

/** Payment methods, terms, accounts and tax codes always sync; the other types can be switched off. */
export function typeSynced(policy: SyncPolicy, type: EntityType): boolean {
  return !isOptional(type) || policy.settings.syncTypes[type];
}

function isOptional(type: EntityType): type is OptionalSyncType {
  return (OPTIONAL_SYNC_TYPES as readonly string[]).includes(type);
}

/** One rule of the sync settings over local rows: the rows it lets through, and why it keeps the others here. */
export interface ExportRule {
  allows: SQL;
  keepsOthers: string;
}

/**
 * The sync settings' rules over the local rows of the adapter that may become export candidates, each a condition
 * over the discovery query (the local table left-joined with sync_links). Records already linked keep syncing their
 * changes whatever the start date; the date and "only in Ledgerbridge: ignore" decide about new ones.
 */
export function exportPolicyRules(policy: SyncPolicy, adapter: EntityAdapter): ExportRule[] {
  const { settings } = policy;
  const unlinked = isNull(syncLinks.id);
  const rules: ExportRule[] = [];
  if (settings.onlyInLedgerbridge === "ignore") {
    rules.push({
      allows: isNotNull(syncLinks.id),
      keepsOthers: "The sync settings leave records found only in Ledgerbridge where they are.",
    });
  }
  const dated = settings.startDate ? onOrAfter(adapter.type, settings.startDate) : undefined;
  if (dated) {
    const what = adapter.type === "customer" ? "It was created" : "It is dated";
    rules.push({ allows: or(isNotNull(syncLinks.id), dated)!, keepsOthers: `${what} before the sync start date (${settings.startDate}).` });
  }
  if (adapter.type === "payment" && policy.excludedMethodIds.length > 0) {
    rules.push({
      allows: or(isNull(payments.paymentMethodId), notInArray(payments.paymentMethodId, [...policy.excludedMethodIds]))!,
      keepsOthers: "Its payment method is not among those the sync settings send.",
    });
  }
  // Send All off: a transaction is sent only when a person asked for it since its last sync.
  if (!settings.sendAll && adapter.sendRequested && adapter.sendRequestedAt) {
    rules.push({
      allows: and(adapter.sendRequested, or(unlinked, gt(adapter.sendRequestedAt, syncLinks.syncedAt)))!,
      keepsOthers: `Send All is off: it goes once someone presses Send to QuickBooks on the ${adapter.noun}.`,
    });
  }
  return rules;
}

/** The rows every rule lets through; undefined when no rule applies. */
export function exportPolicyWhere(policy: SyncPolicy, adapter: EntityAdapter): SQL | undefined {
  return and(...exportPolicyRules(policy, adapter).map((rule) => rule.allows));
}

/** Customers created, transactions dated on or after the start date; undefined for the other types. */
function onOrAfter(type: EntityType, date: string): SQL | undefined {
  if (type === "customer") return gte(contacts.createdAt, new Date(`${date}T00:00:00`));
  if (type === "invoice") return gte(invoices.txnDate, date);
  if (type === "payment") return gte(payments.txnDate, date);
  if (type === "purchaseOrder") return gte(purchaseOrders.txnDate, date);
  if (type === "bill") return gte(bills.txnDate, date);
  if (type === "billPayment") return gte(billPayments.txnDate, date);
  return undefined;
}

/** For each record (by local id) whose parent the settings leave out: the block naming that parent. */
export async function exportBlocks(
  db: Queryable,
  policy: SyncPolicy,
  parentsByRecord: ReadonlyMap<number, ParentRef[]>,
): Promise<Map<number, Block>> {
  const blocks = new Map<number, Block>();
  const byType = groupBy([...parentsByRecord.values()].flat(), (parent) => parent.type);
  const reasons = new Map<string, string>();
  for (const [type, parents] of byType) {
    const ids = [...new Set(parents.map((parent) => parent.localId))];
    const links = await linksFor(db, type, ids);
    const unlinked = ids.filter((id) => !links.has(id));
    if (unlinked.length === 0) continue;
    const early =
      type === "customer" && policy.settings.startDate ? await createdBefore(db, unlinked, policy.settings.startDate) : new Set<number>();
    for (const id of unlinked) {
      const reason = parentLeftOut(policy, type, early.has(id));
      if (reason) reasons.set(`${type}:${id}`, reason);
    }
  }
  for (const [recordId, parents] of parentsByRecord) {
    for (const parent of parents) {
      const reason = reasons.get(`${parent.type}:${parent.localId}`);
      if (!reason) continue;
      const noun = adapterFor(parent.type).noun;
      blocks.set(recordId, { heldBy: `${parent.type}:local:${parent.localId}`, reason: `${capitalise(noun)} "${parent.name}" ${reason}` });
      break;
    }
  }
  return blocks;
}

export interface Block {
  /** The record that holds this one back: "<entityType>:<recordKey>", e.g. "customer:local:12". */
  heldBy: string;
  reason: string;
}

function parentLeftOut(policy: SyncPolicy, type: EntityType, createdBeforeStart: boolean): string | null {
  const { settings } = policy;
  if (isOptional(type) && !settings.syncTypes[type]) return `is not synced: ${NOUNS[type]} are switched off in the sync settings.`;
  if (settings.onlyInLedgerbridge === "ignore") {
    return "is only in Ledgerbridge, and the sync settings leave records found on one side only where they are.";
  }
  if (createdBeforeStart) return `was created before the sync start date (${settings.startDate}), so it is not synced.`;
  return null;
}

async function createdBefore(db: Queryable, ids: number[], date: string): Promise<Set<number>> {
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(inArray(contacts.id, ids), lt(contacts.createdAt, new Date(`${date}T00:00:00`))));
  return new Set(rows.map((row) => row.id));
}

/**
 * Whether a QuickBooks record QuickBooks reported may become an import candidate. `linked` and `matched` say
 * whether it is already linked here or has a same-named local record; a record found in QuickBooks only is
 * subject to "only in QuickBooks" and the start date.
 */
export function importAllowed(policy: SyncPolicy, adapter: EntityAdapter, record: QbxmlRecord, known: boolean): boolean {
  const { settings } = policy;
  if (!typeSynced(policy, adapter.type)) return false;
  if (record.kind === "ReceivePayment" && record.paymentMethod?.fullName) {
    const excluded = new Set(settings.excludedPaymentMethods.map(nameKey));
    if (excluded.has(nameKey(record.paymentMethod.fullName))) return false;
  }
  if (known) return true;
  if (settings.onlyInQuickBooks === "ignore") return false;
  if (settings.startDate && startDateApplies(adapter.type)) {
    const date = recordDate(record);
    if (date !== undefined && date < settings.startDate) return false;
  }
  return true;
}

function startDateApplies(type: EntityType): boolean {
  return (
    type === "customer" || type === "invoice" || type === "payment" || type === "purchaseOrder" || type === "bill" || type === "billPayment"
  );
}

/** The date a QuickBooks record counts from: a transaction's date, a customer's creation. */
function recordDate(record: QbxmlRecord): string | undefined {
  const { kind } = record;
  const dated =
    kind === "Invoice" || kind === "ReceivePayment" || kind === "PurchaseOrder" || kind === "Bill" || kind === "BillPaymentCheck";
  if (dated && record.txnDate) {
    return record.txnDate.slice(0, 10);
  }
  if ("timeCreated" in record && typeof record.timeCreated === "string") return record.timeCreated.slice(0, 10);
  return undefined;
}

/**
 * Why QuickBooks transactions cannot be imported: their customer (a purchase order's or bill's vendor) is not linked here and no
 * import of it is under way, because the settings leave it out. Read for a page of records at once; the answer for
 * each record is its block, or null when nothing blocks it.
 */
export async function importBlocks(
  db: Queryable,
  policy: SyncPolicy,
  records: readonly QbxmlRecord[],
): Promise<(record: QbxmlRecord) => Block | null> {
  const partyOf = (record: QbxmlRecord): { type: "customer" | "vendor"; ref: RefValue | undefined } | undefined => {
    if (record.kind === "Invoice" || record.kind === "ReceivePayment") return { type: "customer", ref: record.customer };
    if (record.kind === "PurchaseOrder" || record.kind === "Bill") return { type: "vendor", ref: record.vendor };
    if (record.kind === "BillPaymentCheck") return { type: "vendor", ref: record.payee };
    return undefined;
  };
  const parties = records.flatMap((record) => partyOf(record) ?? []);
  const states = new Map<string, { linked: boolean; state: string | undefined }>();
  for (const type of ["customer", "vendor"] as const) {
    const ids = [...new Set(parties.flatMap((party) => (party.type === type ? (party.ref?.listId ?? []) : [])))];
    if (ids.length === 0) continue;
    const linked = await linksByQbId(db, type, ids);
    const importing = await db
      .select({ recordKey: syncItems.recordKey, state: syncItems.state })
      .from(syncItems)
      .where(
        and(
          eq(syncItems.direction, "import"),
          eq(syncItems.entityType, type),
          inArray(
            syncItems.recordKey,
            ids.map((id) => `qb:${id}`),
          ),
        ),
      );
    const stateOf = new Map(importing.map((row) => [row.recordKey.slice("qb:".length), row.state]));
    for (const id of ids) states.set(`${type}:${id}`, { linked: linked.has(id), state: stateOf.get(id) });
  }
  if (states.size === 0) return () => null;
  return (record) => {
    const party = partyOf(record);
    const partyId = party?.ref?.listId;
    if (!party || !partyId) return null;
    const { linked, state } = states.get(`${party.type}:${partyId}`) ?? { linked: true, state: undefined };
    if (linked) return null;
    if (state !== undefined && state !== "dismissed") return null;
    const why = !policy.settings.syncTypes[party.type]
      ? `${NOUNS[party.type]} are switched off in the sync settings`
      : state === "dismissed"
        ? "its import was cleared in the Sync Wizard"
        : "the sync settings leave it out (only in QuickBooks, or created before the start date)";
    const name = party.ref?.fullName ?? partyId;
    return {
      heldBy: `${party.type}:qb:${partyId}`,
      reason: `${capitalise(party.type)} "${name}" is not in Ledgerbridge and is not being imported: ${why}.`,
    };
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Field mapping: the adapter the engine uses for a type, with the settings' skipped fields and mapped
 * custom fields applied (server/sync/field-mapping.ts). Types without a mapping get their adapter as it is.
 */
export function mappedAdapter(settings: Pick<SyncSettings, "fieldMapping">, adapter: EntityAdapter): EntityAdapter {
  if (!isMappedType(adapter.type)) return adapter;
  const mapping = typeFieldMapping(settings.fieldMapping, adapter.type);
  if (mapping.skipped.size === 0 && mapping.customFields.length === 0) return adapter;
  return (adapter.type === "item" ? mappedItemAdapter(mapping) : contactAdapter(adapter.type, mapping)) as unknown as EntityAdapter;
}

/** Every adapter, in drain order, with the field mapping applied. */
export function mappedAdapters(settings: Pick<SyncSettings, "fieldMapping">): EntityAdapter[] {
  return ADAPTERS.map((adapter) => mappedAdapter(settings, adapter));
}

export async function mappedAdapterFor(db: Queryable, type: EntityType): Promise<EntityAdapter> {
  const adapter = adapterFor(type);
  return isMappedType(type) ? mappedAdapter(await syncSettings(db), adapter) : adapter;
}

/** The adapter of each type under these settings, each built once: for a run's exchange, which reads settings once. */
export function mappedAdapterSource(settings: Pick<SyncSettings, "fieldMapping">): (type: EntityType) => EntityAdapter {
  const built = new Map<EntityType, EntityAdapter>();
  return (type) => {
    let adapter = built.get(type);
    if (!adapter) built.set(type, (adapter = mappedAdapter(settings, adapterFor(type))));
    return adapter;
  };
}

const LINK_CHUNK = 500;

/**
 * The field mapping of a type changed: its links are brought under the new mapping, so that the change itself is
 * no change of the records (no candidate for every linked record). QuickBooks' side as last synced is the link's
 * fields, with a field that syncs again (or a new custom field) as null until QuickBooks sends it; the local side is
 * the record as it is now when it was unchanged since the last sync, else its changes are still to be sent.
 */
export async function applyFieldMappingChange(db: Queryable, before: FieldMapping, after: FieldMapping): Promise<void> {
  for (const type of MAPPED_TYPES) {
    if (sameTypeMapping(typeFieldMapping(before, type), typeFieldMapping(after, type))) continue;
    await rebaseLinks(
      db,
      type,
      mappedAdapter({ fieldMapping: before }, adapterFor(type)),
      mappedAdapter({ fieldMapping: after }, adapterFor(type)),
    );
  }
}

async function rebaseLinks(db: Queryable, type: MappedType, old: EntityAdapter, next: EntityAdapter): Promise<void> {
  let afterId = 0;
  for (;;) {
    const links = await db
      .select()
      .from(syncLinks)
      .where(and(eq(syncLinks.entityType, type), gt(syncLinks.id, afterId)))
      .orderBy(asc(syncLinks.id))
      .limit(LINK_CHUNK);
    if (links.length === 0) return;
    afterId = links[links.length - 1]!.id;
    const locals = new Map(
      (
        await next.loadLocal(
          db,
          links.map((link) => link.localId),
        )
      ).map((local) => [local.id, local]),
    );
    for (const link of links) {
      const local = locals.get(link.localId);
      if (!local) continue;
      const lastSynced = JSON.parse(link.fields) as SyncFields;
      const localFields = next.fields(local);
      const remoteFields = Object.fromEntries(Object.keys(localFields).map((key) => [key, lastSynced[key] ?? null]));
      const remoteFingerprint = fingerprint(remoteFields);
      const unchanged = fingerprint(old.fields(local)) === link.localFingerprint;
      const localFingerprint = unchanged
        ? fingerprint(localFields)
        : link.localFingerprint === link.remoteFingerprint
          ? remoteFingerprint
          : link.localFingerprint;
      await db
        .update(syncLinks)
        .set({ fields: JSON.stringify(remoteFields), remoteFingerprint, localFingerprint })
        .where(eq(syncLinks.id, link.id));
    }
  }
}

/**
 * Saves the sync settings; a changed field mapping brings the links of its types under it in the same transaction,
 * and what changed, setting by setting, joins the audit log.
 */
export async function saveSyncSettings(db: Queryable, settings: SyncSettings, actor: Actor): Promise<SyncSettings> {
  await db.transaction(async (tx) => {
    const before = await syncSettings(tx);
    await writeSetting(tx, SYNC_SETTINGS_KEY, settings, actor.id);
    await applyFieldMappingChange(tx, before.fieldMapping, settings.fieldMapping);
    const changes = describeSettingsChanges(before, settings);
    if (changes.length > 0) await recordAudit(tx, actor, "settings", `Sync settings. ${changes.join(". ")}.`);
  });
  return settings;
}
