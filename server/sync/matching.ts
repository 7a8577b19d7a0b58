import { and, eq, inArray, isNotNull, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { insertRows } from "@/db/bulk";
import { quickbooksRecords, syncItems, syncLinks } from "@/db/schema";
import type { QbxmlRecord } from "@/server/qbxml";
import type { ConflictField } from "./conflicts/fields";
import type { MatchChoice, RaisedCandidate } from "./candidates";
import { adapterFor, type EntityAdapter, type EntityType, type LocalRecordOf, type SyncFields } from "./entities";
import { joinedKey, listKey } from "./entities/match-keys";
import { fingerprint } from "./fingerprint";
import { linksByQbId, linksFor, type LinkValues, type SyncLink } from "./links";

/**
 * Matching: the same record already on both sides, found before any candidate is raised, so that nothing is created
 * twice. A local and a QuickBooks record that are linked to nothing and share a match key (server/sync/entities,
 * matchKey) are one record: identical, they are linked at once; differing, they are one Match candidate showing both
 * versions. Two records that share a taken key (a name, an invoice number) without matching cannot both be on one
 * side: the one that would be created is held back with a sentence.
 *
 * What matching knows of QuickBooks is what the runs read (quickbooks_records), so the export side and the guard
 * before every Add need no round trip.
 */

/** A QuickBooks record as the runs last read it. */
export type QuickBooksRecordSeen = typeof quickbooksRecords.$inferSelect;

/** What matching found for a QuickBooks record nothing is linked to. */
export type RemoteMatch =
  { kind: "same"; local: LocalRecordOf } | { kind: "several"; locals: LocalRecordOf[] } | { kind: "taken"; heldBy: string; reason: string };

/** What matching found for a local record nothing is linked to. */
export type LocalMatch =
  { kind: "same"; remote: QuickBooksRecordSeen } | { kind: "taken"; heldBy: string; reason: string; remote: QuickBooksRecordSeen };

/** Customers and vendors share one name pool in QuickBooks, as they share one here (contacts.name_key). */
const NAME_POOLS: Partial<Record<EntityType, readonly EntityType[]>> = {
  customer: ["customer", "vendor"],
  vendor: ["customer", "vendor"],
};

const OPEN_MATCH_STATES = ["candidate", "pending", "in_flight", "waiting"] as const;

/** A remembered QuickBooks record as matching hands it on: its ID, label, fields and EditSequence. */
export function seenRemote(record: QuickBooksRecordSeen) {
  return { qbId: record.qbId, label: record.label, fields: JSON.parse(record.fields) as SyncFields, editSequence: record.editSequence };
}

/** The link of a local record to the QuickBooks record found identical to it. */
export function linkToSeen(
  adapter: EntityAdapter,
  localId: number,
  print: string,
  remote: ReturnType<typeof seenRemote>,
  now: Date,
): LinkValues {
  return {
    entityType: adapter.type,
    localId,
    qbId: remote.qbId,
    editSequence: remote.editSequence ?? undefined,
    localFingerprint: print,
    remoteFingerprint: print,
    remoteFields: remote.fields,
    now,
  };
}

/**
 * Imports held back because a local record held their name or number (heldBy that record) are let go once it no
 * longer does: renamed or renumbered, the QuickBooks record can be imported as a record of its own.
 */
export async function releaseImportsHeldBy(db: Queryable, adapter: EntityAdapter, locals: readonly LocalRecordOf[]): Promise<void> {
  if (locals.length === 0) return;
  const byKey = new Map(locals.map((local) => [`${adapter.type}:local:${local.id}`, local]));
  const held = await db
    .select({ id: syncItems.id, heldBy: syncItems.heldBy, takenKey: quickbooksRecords.takenKey })
    .from(syncItems)
    .innerJoin(
      quickbooksRecords,
      and(eq(quickbooksRecords.entityType, syncItems.entityType), sql`'qb:' || ${quickbooksRecords.qbId} = ${syncItems.recordKey}`),
    )
    .where(
      and(
        eq(syncItems.direction, "import"),
        eq(syncItems.state, "candidate"),
        eq(syncItems.action, "add"),
        inArray(syncItems.heldBy, [...byKey.keys()]),
      ),
    );
  const released = held.filter((row) => adapter.takenKey(byKey.get(row.heldBy!)!) !== row.takenKey).map((row) => row.id);
  if (released.length === 0) return;
  await db.update(syncItems).set({ blockedReason: null, heldBy: null }).where(inArray(syncItems.id, released));
}

/** A remembered record as a page read again is compared with it. */
type StoredSeen = Pick<QuickBooksRecordSeen, "qbId" | "matchKey" | "takenKey" | "label" | "editSequence" | "fields">;

const SEEN_COLUMNS = {
  qbId: quickbooksRecords.qbId,
  matchKey: quickbooksRecords.matchKey,
  takenKey: quickbooksRecords.takenKey,
  label: quickbooksRecords.label,
  editSequence: quickbooksRecords.editSequence,
  fields: quickbooksRecords.fields,
};

/**
 * What is stored for the QuickBooks records one message returned (their remembered rows and links), read for all its
 * lists in one statement per table: a run reads the last hour's changes of every list again, so a quiet message holds
 * a few records in each of many lists. A record's key ("type:qbId") is dropped once its page is handled, which may
 * write it; a record two lists of the message return is left out, to be read when its page comes.
 */
export interface StoredForMessage {
  readonly keys: Set<string>;
  readonly records: Map<string, StoredSeen>;
  readonly links: Map<string, SyncLink>;
}

export function storedKey(type: EntityType, qbId: string): string {
  return `${type}:${qbId}`;
}

export async function readStoredForMessage(
  db: Queryable,
  pages: readonly { type: EntityType; qbIds: readonly string[] }[],
): Promise<StoredForMessage> {
  const seen = new Map<string, [EntityType, string] | null>();
  for (const { type, qbIds } of pages) {
    for (const qbId of qbIds) {
      const key = storedKey(type, qbId);
      seen.set(key, seen.has(key) ? null : [type, qbId]);
    }
  }
  const pairs = [...seen.values()].filter((pair) => pair !== null);
  const stored: StoredForMessage = {
    keys: new Set(pairs.map(([type, qbId]) => storedKey(type, qbId))),
    records: new Map(),
    links: new Map(),
  };
  if (pairs.length === 0) return stored;
  const wanted = (type: SQL, qbId: SQL) =>
    sql`(${type}, ${qbId}) in (select value ->> 0, value ->> 1 from json_each(${JSON.stringify(pairs)}))`;
  const [records, links] = await Promise.all([
    db
      .select({ entityType: quickbooksRecords.entityType, ...SEEN_COLUMNS })
      .from(quickbooksRecords)
      .where(wanted(sql`${quickbooksRecords.entityType}`, sql`${quickbooksRecords.qbId}`)),
    db
      .select()
      .from(syncLinks)
      .where(wanted(sql`${syncLinks.entityType}`, sql`${syncLinks.qbId}`)),
  ]);
  for (const { entityType, ...record } of records) stored.records.set(storedKey(entityType as EntityType, record.qbId), record);
  for (const link of links) stored.links.set(storedKey(link.entityType, link.qbId), link);
  return stored;
}

/** The links of these QuickBooks records: from what the message read when it has them, else read now. */
export async function linksOfRecords(
  db: Queryable,
  type: EntityType,
  qbIds: readonly string[],
  stored?: StoredForMessage,
): Promise<Map<string, SyncLink>> {
  if (!stored) return linksByQbId(db, type, qbIds);
  const links = await linksByQbId(
    db,
    type,
    qbIds.filter((qbId) => !stored.keys.has(storedKey(type, qbId))),
  );
  for (const qbId of qbIds) {
    const key = storedKey(type, qbId);
    const link = stored.keys.has(key) ? stored.links.get(key) : undefined;
    if (link) links.set(qbId, link);
  }
  return links;
}

/** Keeps what a page of QuickBooks records holds: its keys, label and fields, for matching in later runs. */
export async function rememberQuickBooksRecords(
  db: Queryable,
  adapter: EntityAdapter,
  records: readonly QbxmlRecord[],
  now: Date,
  stored?: StoredForMessage,
): Promise<void> {
  const rows = records.flatMap((record) => {
    const qbId = adapter.remoteId(record);
    if (!qbId) return [];
    return [
      {
        entityType: adapter.type,
        qbId,
        matchKey: adapter.remoteMatchKey(record) ?? "",
        takenKey: adapter.remoteTakenKey(record),
        label: adapter.remoteLabel(record),
        editSequence: "editSequence" in record ? (record.editSequence ?? null) : null,
        fields: JSON.stringify(adapter.remoteFields(record)),
        seenAt: now,
      },
    ];
  });
  await saveSeen(db, rows, stored);
}

type SeenRow = typeof quickbooksRecords.$inferInsert;

/**
 * Writes remembered records: a record read again takes its new keys, label and fields. One read of the page's stored
 * rows first, and a record stored exactly as read is not written again, so the hour of overlap a run reads again
 * (server/sync/checkpoints.ts) costs no writes; its seen_at stays when it was last read changed.
 */
async function saveSeen(db: Queryable, rows: readonly SeenRow[], known?: StoredForMessage): Promise<void> {
  if (rows.length === 0) return;
  const changed: SeenRow[] = [];
  for (const type of new Set(rows.map((row) => row.entityType))) {
    const ofType = rows.filter((row) => row.entityType === type);
    const isKnown = (row: SeenRow) => known?.keys.has(storedKey(type, row.qbId)) ?? false;
    const stored = await readSeen(
      db,
      type,
      ofType.filter((row) => !isKnown(row)),
    );
    for (const row of ofType.filter(isKnown)) {
      const was = known!.records.get(storedKey(type, row.qbId));
      if (was) stored.push(was);
    }
    const byQbId = new Map(stored.map((row) => [row.qbId, row]));
    for (const row of ofType) {
      const was = byQbId.get(row.qbId);
      const same =
        was !== undefined &&
        was.matchKey === row.matchKey &&
        was.takenKey === (row.takenKey ?? null) &&
        was.label === row.label &&
        was.editSequence === (row.editSequence ?? null) &&
        was.fields === row.fields;
      if (!same) changed.push(row);
    }
  }
  // One statement (the rows as JSON, db/bulk.ts) for the whole page; a record read twice, the later wins.
  await insertRows(db, quickbooksRecords, changed, {
    target: [quickbooksRecords.entityType, quickbooksRecords.qbId],
    update: [
      quickbooksRecords.matchKey,
      quickbooksRecords.takenKey,
      quickbooksRecords.label,
      quickbooksRecords.editSequence,
      quickbooksRecords.fields,
      quickbooksRecords.seenAt,
    ],
  });
}

async function readSeen(db: Queryable, type: EntityType, rows: readonly SeenRow[]): Promise<StoredSeen[]> {
  if (rows.length === 0) return [];
  return db
    .select(SEEN_COLUMNS)
    .from(quickbooksRecords)
    .where(
      and(
        eq(quickbooksRecords.entityType, type),
        sql`${quickbooksRecords.qbId} in (select value from json_each(${JSON.stringify(rows.map((row) => row.qbId))}))`,
      ),
    );
}

/** Item kinds Ledgerbridge does not sync, in the words QuickBooks uses for them. */
const OTHER_ITEM_KINDS: Record<string, string> = {
  ItemInventoryRet: "inventory part",
  ItemInventoryAssemblyRet: "inventory assembly",
  ItemOtherChargeRet: "other charge",
  ItemGroupRet: "group",
  ItemDiscountRet: "discount",
  ItemSubtotalRet: "subtotal",
  ItemPaymentRet: "payment item",
  ItemSalesTaxRet: "sales tax item",
  ItemSalesTaxGroupRet: "sales tax group",
  ItemFixedAssetRet: "fixed asset",
};

/**
 * Items of a kind Ledgerbridge does not sync still take their names in QuickBooks' one item list: remembered as names
 * taken (never matched), so an Add that would meet one is held back instead of refused.
 */
export async function rememberOtherItems(db: Queryable, records: readonly QbxmlRecord[], now: Date): Promise<void> {
  const rows = records.flatMap((record) => {
    if (record.kind !== "Other" || !record.listId || !Object.hasOwn(OTHER_ITEM_KINDS, record.element)) return [];
    const name = record.fullName ?? record.name;
    const taken = listKey(name);
    if (!taken) return [];
    return [
      {
        entityType: "item" as const,
        qbId: record.listId,
        matchKey: "",
        takenKey: taken,
        label: `${name!} (${OTHER_ITEM_KINDS[record.element]})`,
        editSequence: record.editSequence ?? null,
        fields: "{}",
        seenAt: now,
      },
    ];
  });
  await saveSeen(db, rows);
}

/** A record deleted in QuickBooks no longer holds its name or number there. */
export async function forgetQuickBooksRecord(db: Queryable, type: EntityType, qbId: string): Promise<void> {
  await db.delete(quickbooksRecords).where(and(eq(quickbooksRecords.entityType, type), eq(quickbooksRecords.qbId, qbId)));
}

/** Import side: what each QuickBooks record (none of them linked) is here, if anything. */
export async function matchRemotes(
  db: Queryable,
  adapter: EntityAdapter,
  remotes: readonly QbxmlRecord[],
): Promise<Map<string, RemoteMatch>> {
  const found = new Map<string, RemoteMatch>();
  if (remotes.length === 0) return found;
  const pool = NAME_POOLS[adapter.type] ?? [adapter.type];
  const holders: { adapter: EntityAdapter; local: LocalRecordOf; linked: boolean }[] = [];
  for (const type of pool) {
    const poolAdapter = type === adapter.type ? adapter : adapterFor(type);
    const ids = await poolAdapter.localsSharingKeys(db, remotes);
    const [locals, links] = await Promise.all([poolAdapter.loadLocal(db, ids), linksFor(db, type, ids)]);
    for (const local of locals) holders.push({ adapter: poolAdapter, local, linked: links.has(local.id) });
  }
  const qbIds = remotes.flatMap((remote) => adapter.remoteId(remote) ?? []);
  const ownIds = holders.filter((holder) => holder.adapter === adapter).map((holder) => holder.local.id);
  const [claimed, apart] = await Promise.all([claimedLocals(db, adapter.type, ownIds, qbIds), keptApart(db, adapter.type, qbIds)]);
  for (const remote of remotes) {
    const qbId = adapter.remoteId(remote);
    if (!qbId) continue;
    const key = adapter.remoteMatchKey(remote);
    const same = holders.filter(
      (holder) =>
        holder.adapter === adapter &&
        !holder.linked &&
        key !== null &&
        adapter.matchKey(holder.local) === key &&
        !keptApartFrom(apart.get(qbId), holder.local.id) &&
        (claimed.get(holder.local.id) ?? qbId) === qbId,
    );
    if (same.length === 1) {
      found.set(qbId, { kind: "same", local: same[0]!.local });
      claimed.set(same[0]!.local.id, qbId);
      continue;
    }
    if (same.length > 1) {
      found.set(qbId, { kind: "several", locals: same.map((holder) => holder.local) });
      for (const holder of same) claimed.set(holder.local.id, qbId);
      continue;
    }
    const taken = adapter.remoteTakenKey(remote);
    const holder = taken === null ? undefined : holders.find((each) => each.adapter.takenKey(each.local) === taken);
    if (holder) {
      found.set(qbId, {
        kind: "taken",
        heldBy: `${holder.adapter.type}:local:${holder.local.id}`,
        reason: takenHereReason(adapter, remote, holder.adapter, holder.local, holder.linked),
      });
    }
  }
  return found;
}

/** Export side: what each local record (none of them linked) is in QuickBooks, as far as the runs have read it. */
export async function matchLocals(
  db: Queryable,
  adapter: EntityAdapter,
  locals: readonly LocalRecordOf[],
): Promise<Map<number, LocalMatch>> {
  const found = new Map<number, LocalMatch>();
  const keys = [...new Set(locals.flatMap((local) => adapter.matchKey(local) ?? []))];
  const takenKeys = [...new Set(locals.flatMap((local) => adapter.takenKey(local) ?? []))];
  if (keys.length === 0 && takenKeys.length === 0) return found;
  const unlinked = and(
    eq(quickbooksRecords.entityType, adapter.type),
    inArray(quickbooksRecords.matchKey, keys),
    isNull(syncLinks.id),
    // A QuickBooks record whose own import or match is already decided elsewhere is not offered twice.
    sql`not exists (select 1 from ${syncItems} where ${syncItems.direction} = 'import' and ${syncItems.entityType} = ${adapter.type}
      and ${syncItems.recordKey} = 'qb:' || ${quickbooksRecords.qbId} and ${syncItems.state} in ('pending', 'in_flight', 'waiting'))`,
  );
  const candidates = await db
    .select({ record: quickbooksRecords })
    .from(quickbooksRecords)
    .leftJoin(syncLinks, and(eq(syncLinks.entityType, quickbooksRecords.entityType), eq(syncLinks.qbId, quickbooksRecords.qbId)))
    .where(unlinked)
    .orderBy(quickbooksRecords.id);
  const pool = NAME_POOLS[adapter.type] ?? [adapter.type];
  const takers =
    takenKeys.length === 0
      ? []
      : await db
          .select({ record: quickbooksRecords, linkedTo: syncLinks.localId })
          .from(quickbooksRecords)
          .leftJoin(syncLinks, and(eq(syncLinks.entityType, quickbooksRecords.entityType), eq(syncLinks.qbId, quickbooksRecords.qbId)))
          .where(and(inArray(quickbooksRecords.entityType, [...pool]), inArray(quickbooksRecords.takenKey, takenKeys)))
          .orderBy(quickbooksRecords.id);
  const used = new Set<string>();
  for (const local of locals) {
    const key = adapter.matchKey(local);
    const same = candidates.find(
      ({ record }) => key !== null && record.matchKey === key && !keptApartFrom(record.keptApartFrom, local.id) && !used.has(record.qbId),
    );
    if (same) {
      used.add(same.record.qbId);
      found.set(local.id, { kind: "same", remote: same.record });
      continue;
    }
    const taken = adapter.takenKey(local);
    const taker = takers.find(
      ({ record, linkedTo }) =>
        taken !== null && record.takenKey === taken && !(record.entityType === adapter.type && linkedTo === local.id),
    );
    if (taker) {
      found.set(local.id, {
        kind: "taken",
        heldBy: `${taker.record.entityType}:qb:${taker.record.qbId}`,
        reason: await takenInQuickBooksReason(db, adapter, local, taker.record),
        remote: taker.record,
      });
    }
  }
  return found;
}

/**
 * Which of these local records an open match (another QuickBooks record's) already claims: local id → that record's ID.
 * Read for these records only (and the few matches offering a choice), so it stays cheap with thousands of matches open.
 */
async function claimedLocals(
  db: Queryable,
  type: EntityType,
  localIds: readonly number[],
  exceptQbIds: readonly string[],
): Promise<Map<number, string>> {
  const claimed = new Map<number, string>();
  if (localIds.length === 0) return claimed;
  const rows = await db
    .select({ localId: syncItems.localId, qbId: syncItems.qbId, choices: syncItems.matchChoices })
    .from(syncItems)
    .where(
      and(
        eq(syncItems.direction, "import"),
        eq(syncItems.entityType, type),
        eq(syncItems.action, "match"),
        inArray(syncItems.state, [...OPEN_MATCH_STATES]),
        or(inArray(syncItems.localId, [...localIds]), isNull(syncItems.localId)),
        notInArray(
          syncItems.recordKey,
          exceptQbIds.map((qbId) => `qb:${qbId}`),
        ),
      ),
    );
  const wanted = new Set(localIds);
  for (const row of rows) {
    for (const localId of matchedLocalIds(row)) if (wanted.has(localId)) claimed.set(localId, row.qbId ?? "");
  }
  return claimed;
}

/** The local records an open Match row speaks of: its one record, or each of its choices. */
export function matchedLocalIds(row: { localId: number | null; choices: string | null }): number[] {
  if (row.localId !== null) return [row.localId];
  return row.choices ? (JSON.parse(row.choices) as MatchChoice[]).map((choice) => choice.localId) : [];
}

/** Which of these local records an open match holds: export discovery raises no Add for them. */
export async function localsInOpenMatches(db: Queryable, type: EntityType, localIds: readonly number[]): Promise<Set<number>> {
  return new Set((await claimedLocals(db, type, localIds, [])).keys());
}

/** Whether a person kept this QuickBooks record apart from the local one (0: from every local record). */
function keptApartFrom(apartFrom: number | null | undefined, localId: number): boolean {
  return apartFrom === 0 || apartFrom === localId;
}

async function keptApart(db: Queryable, type: EntityType, qbIds: readonly string[]): Promise<Map<string, number>> {
  if (qbIds.length === 0) return new Map();
  const rows = await db
    .select({ qbId: quickbooksRecords.qbId, localId: quickbooksRecords.keptApartFrom })
    .from(quickbooksRecords)
    .where(
      and(eq(quickbooksRecords.entityType, type), inArray(quickbooksRecords.qbId, [...qbIds]), isNotNull(quickbooksRecords.keptApartFrom)),
    );
  return new Map(rows.map((row) => [row.qbId, row.localId!]));
}

/**
 * The one decision for a record on both sides that differ: an import row ("match") carrying both versions field by
 * field. Approving it links the two and takes QuickBooks' values; resolving it may send Ledgerbridge's instead, or
 * keep the two apart. With several possible local records it names them all and waits for a pick.
 */
export function matchCandidate(
  adapter: EntityAdapter,
  remote: { qbId: string; label: string; fields: SyncFields; editSequence: string | null },
  locals: readonly LocalRecordOf[],
): RaisedCandidate {
  const one = locals.length === 1 ? locals[0]! : null;
  const localFields = one ? adapter.fields(one) : {};
  const choices = one ? null : locals.map((local) => choiceOf(adapter, local));
  return {
    direction: "import",
    adapter,
    recordKey: `qb:${remote.qbId}`,
    action: "match",
    localId: one?.id ?? null,
    qbId: remote.qbId,
    label: remote.label,
    diff: matchFields(localFields, remote.fields),
    fingerprint: fingerprint({
      ledgerbridge: one ? fingerprint(localFields) : JSON.stringify(choices),
      quickbooks: fingerprint(remote.fields),
    }),
    remoteEditSequence: remote.editSequence,
    matchChoices: choices,
  };
}

/** Both versions, every field: the ones that agree help the person see it is the same record. */
export function matchFields(local: SyncFields, remote: SyncFields): ConflictField[] {
  const fields = [...new Set([...Object.keys(remote), ...Object.keys(local)])];
  return fields.map((field) => ({ field, base: null, ledgerbridge: local[field] ?? null, quickbooks: remote[field] ?? null }));
}

function choiceOf(adapter: EntityAdapter, local: LocalRecordOf): MatchChoice {
  const fields = adapter.fields(local);
  const detail = (adapter.matchHints ?? [])
    .map((hint) => fields[hint])
    .filter((value) => value !== null && value !== undefined && value !== "")
    .join(" · ");
  return { localId: local.id, label: adapter.label(local), detail };
}

/** Why a QuickBooks record is not imported: a different record here holds its name or number. */
function takenHereReason(
  adapter: EntityAdapter,
  remote: QbxmlRecord,
  holderAdapter: EntityAdapter,
  holder: LocalRecordOf,
  linked: boolean,
): string {
  const remoteLabel = adapter.remoteLabel(remote);
  const what = adapter.idKind === "txn" ? "number" : "name";
  const here = `${holderAdapter.noun} ${quote(holderAdapter.label(holder))}`;
  const numbered = NUMBERED_TRANSACTIONS[adapter.type];
  if (numbered) {
    const { noun, party } = numbered;
    const number = stripPrefix(remoteLabel);
    const theirs = String(adapter.remoteFields(remote)[party] ?? "?");
    const why = linked
      ? `is already linked to another QuickBooks ${noun} with that number`
      : `is for ${quote(String(holderAdapter.fields(holder)[party] ?? "?"))}`;
    return `${capitalise(noun)} ${number} in QuickBooks (for ${quote(theirs)}) is not imported: ${noun} ${number} here ${why}. Ledgerbridge keeps one ${noun} per number: renumber the one here, and this one is imported at the next run.`;
  }
  if (adapter.type === "payment") {
    return `This QuickBooks payment is not imported: ${here} has the same reference number for that customer but a different date or amount. Correct the reference number on one side, and it is matched or imported at the next run.`;
  }
  return `${capitalise(adapter.noun)} ${quote(remoteLabel)} in QuickBooks is not imported: ${here} has the same ${what} here${linked ? " and is linked to another QuickBooks record" : ""}. Rename the one here, and this one is imported at the next run.`;
}

/** Why a local record is not sent: QuickBooks holds its name or number for a different record. */
async function takenInQuickBooksReason(
  db: Queryable,
  adapter: EntityAdapter,
  local: LocalRecordOf,
  taker: QuickBooksRecordSeen,
): Promise<string> {
  const label = adapter.label(local);
  const numbered = NUMBERED_TRANSACTIONS[adapter.type];
  if (numbered) {
    const { noun, party } = numbered;
    const number = stripPrefix(label);
    const suggestion = await freeNumber(db, adapter, number);
    return `QuickBooks already has ${noun} ${number} for another ${party} (${quote(partyOf(taker, party))}); it would only warn and take a second one. Renumber this ${noun} (for example to ${suggestion}) before it is sent.`;
  }
  if (adapter.type === "payment") {
    const fields = adapter.fields(local);
    const suggestion = await freePaymentReference(db, String(fields.customer ?? ""), String(fields.refNumber ?? ""));
    return `QuickBooks already has a payment from this customer with the same reference number (${taker.label}) but a different date or amount. Correct the reference number (for example to ${suggestion}) before it is sent.`;
  }
  const takerNoun = adapterFor(taker.entityType).noun;
  const kept = taker.entityType === adapter.type && keptApartFrom(taker.keptApartFrom, local.id) ? " (kept apart from this one)" : "";
  const pool = taker.entityType === adapter.type ? "" : ` Customers and vendors share one list of names in QuickBooks.`;
  const suggestion = await freeName(db, adapter, label);
  return `QuickBooks already has ${withArticle(takerNoun)} named ${quote(taker.label)}${kept}.${pool} Give this ${adapter.noun} another name (for example ${quote(suggestion)}) before it is sent.`;
}

/**
 * Transactions Ledgerbridge keeps one of per number, though QuickBooks only warns about a second: what they are
 * called and whom they are for.
 */
const NUMBERED_TRANSACTIONS: Partial<Record<EntityType, { noun: string; party: "customer" | "vendor" }>> = {
  invoice: { noun: "invoice", party: "customer" },
  purchaseOrder: { noun: "purchase order", party: "vendor" },
};

/** "1042-2", "1042-3"…: the first number neither side holds. */
async function freeNumber(db: Queryable, adapter: EntityAdapter, number: string): Promise<string> {
  for (let n = 2; ; n++) {
    const candidate = `${number}-${n}`;
    if (!(await keyTaken(db, adapter, candidate.trim().toLocaleLowerCase("en-US")))) return candidate;
  }
}

/** "1042-2", "1042-3"…: the first reference QuickBooks does not hold for this customer's payments. */
async function freePaymentReference(db: Queryable, customerName: string, reference: string): Promise<string> {
  for (let n = 2; ; n++) {
    const candidate = `${reference}-${n}`;
    const [taken] = await db
      .select({ id: quickbooksRecords.id })
      .from(quickbooksRecords)
      .where(and(eq(quickbooksRecords.entityType, "payment"), eq(quickbooksRecords.takenKey, joinedKey(customerName, candidate))))
      .limit(1);
    if (!taken) return candidate;
  }
}

/** "Acme 2", "Acme 3"…: the first name neither side holds in the name pool. */
async function freeName(db: Queryable, adapter: EntityAdapter, name: string): Promise<string> {
  for (let n = 2; ; n++) {
    const candidate = `${name} ${n}`;
    if (!(await keyTaken(db, adapter, candidate.trim().toLocaleLowerCase("en-US")))) return candidate;
  }
}

async function keyTaken(db: Queryable, adapter: EntityAdapter, key: string): Promise<boolean> {
  const pool = NAME_POOLS[adapter.type] ?? [adapter.type];
  const [inQuickBooks] = await db
    .select({ id: quickbooksRecords.id })
    .from(quickbooksRecords)
    .where(and(inArray(quickbooksRecords.entityType, [...pool]), eq(quickbooksRecords.takenKey, key)))
    .limit(1);
  if (inQuickBooks) return true;
  const holder = sql`(select 1 from ${adapter.table} where ${NUMBERED_TRANSACTIONS[adapter.type] ? sql`lower(trim(number))` : sql`name_key`} = ${key})`;
  const [here] = await db.all<{ taken: number }>(sql`select exists${holder} as taken`);
  return Boolean(here?.taken);
}

function partyOf(record: QuickBooksRecordSeen, party: "customer" | "vendor"): string {
  const fields = JSON.parse(record.fields) as SyncFields;
  return String(fields[party] ?? "?");
}

function stripPrefix(label: string): string {
  return label.replace(/^(Invoice|Purchase order) /, "");
}

export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

function quote(text: string): string {
  return `"${text}"`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
