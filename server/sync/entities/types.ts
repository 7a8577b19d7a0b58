import { and, not, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Queryable } from "@/db";
import type { SYNC_ENTITY_TYPES } from "@/db/schema";
import type { IteratorOptions, QbxmlRecord, QbxmlRequest, RefInput } from "@/server/qbxml";

export type EntityType = (typeof SYNC_ENTITY_TYPES)[number];

/** The synced fields of a record, the same keys on both sides, so the two can be compared and hashed. */
export type SyncFields = Record<string, string | number | boolean | null>;

export interface LocalRecord {
  readonly id: number;
}

/** A record another one points at (an invoice's customer): it must be in QuickBooks first. */
export interface ParentRef {
  readonly type: EntityType;
  readonly localId: number;
  readonly name: string;
}

/** QuickBooks IDs of already linked records, for the references of a request. */
export interface RefResolver {
  ref(type: EntityType, localId: number, name: string): RefInput;
  /** The TxnID of a linked transaction, or undefined. */
  qbId(type: EntityType, localId: number): string | undefined;
}

/** One modified-since query of discovery; iterating ones page with MaxReturned. */
export interface DiscoveryQuery {
  /** Checkpoint key, e.g. "ItemService". */
  readonly key: string;
  readonly iterates: boolean;
  build(fromModified: string | undefined, maxReturned: number, options: IteratorOptions): QbxmlRequest;
}

export interface KeptHere {
  rows: SQL;
  reason: string;
}

/** A type's rows (`base`) without those it keeps here. */
export function scopeWithout(base: SQL | undefined, keptHere: readonly KeptHere[]): SQL | undefined {
  return and(base, ...keptHere.map((kept) => not(kept.rows)));
}

/**
 * Everything the engine knows about one record type: the local table, the synced fields on each side,
 * and the qbXML that reads and writes it. The engine itself is generic over these.
 */
export interface EntityAdapter<Local extends LocalRecord = LocalRecord, Remote extends QbxmlRecord = QbxmlRecord> {
  readonly type: EntityType;
  readonly noun: string;
  /**
   * Drain order: lower levels go first (payment methods, terms, tax codes and accounts, items, vendors, sales tax items
   * and groups, customers, invoices and purchase orders, payments and bills (after the orders they are entered from),
   * bill payments).
   */
  readonly level: number;
  readonly idKind: "list" | "txn";
  readonly table: SQLiteTable & { id: SQLiteColumn; updatedAt: SQLiteColumn };
  /** Which local rows belong to this type and may go to QuickBooks (contacts of one kind, final invoices). */
  readonly scope?: SQL;
  /** Rows of this type that stay here whatever the settings, and why in a sentence; `scope` leaves them out. */
  readonly keptHere?: readonly KeptHere[];
  /**
   * Transactions only: "a person asked to send it" (Send to QuickBooks was chosen at some time). With Send All off,
   * discovery raises only rows in scope that match this and were asked for after their last sync (sendRequestedAt).
   */
  readonly sendRequested?: SQL;
  /** When Send to QuickBooks was last chosen, to compare with the link's syncedAt. */
  readonly sendRequestedAt?: SQLiteColumn;
  /**
   * A list kept in QuickBooks alone and only read here (the chart of accounts): each run writes what it reads straight
   * into the local copy, with no candidate, approval or Sync Report line, since there is nothing for a person to decide.
   */
  readonly mirrored?: boolean;
  /** QuickBooks 13.0 has no Mod for some lists (terms, payment methods): local changes cannot be sent. */
  readonly canModify: boolean;
  readonly discovery: readonly DiscoveryQuery[];
  /** Does a *Ret record belong to this type? */
  owns(record: QbxmlRecord): record is Remote;

  loadLocal(db: Queryable, ids: readonly number[]): Promise<Local[]>;
  label(local: Local): string;
  fields(local: Local): SyncFields;
  parents(local: Local): ParentRef[];
  /**
   * Matching (server/sync/matching.ts): a local and a QuickBooks record that are linked to nothing and share this key
   * are the same record. Lists by name as QuickBooks compares names, invoices by number and customer, payments by
   * customer, date, amount and reference number. Null when the record cannot be matched (no name, no number).
   */
  matchKey(local: Local): string | null;
  remoteMatchKey(remote: Remote): string | null;
  /**
   * What one side holds only once (a name in its name pool, an invoice's number): two records with the same taken key
   * and different match keys cannot both be on one side. Null when nothing is taken.
   */
  takenKey(local: Local): string | null;
  remoteTakenKey(remote: Remote): string | null;
  /** Ids of the local records that may share a match or taken key with these QuickBooks records (a superset). */
  localsSharingKeys(db: Queryable, remotes: readonly Remote[]): Promise<number[]>;
  /** Fields shown beside a match to help tell records apart (company, email, phone), never used to link. */
  readonly matchHints?: readonly string[];

  remoteId(remote: Remote): string | undefined;
  remoteLabel(remote: Remote): string;
  remoteFields(remote: Remote): SyncFields;

  queryById(qbId: string, requestId: string): QbxmlRequest;
  /** Finds the record in QuickBooks without its ID: by name for lists, by RefNumber for transactions. */
  queryForLookup(local: Local, requestId: string): QbxmlRequest;
  matchLookup(local: Local, found: readonly Remote[]): Remote | undefined;

  /**
   * Why an Add must wait though every parent is in QuickBooks (a bill whose order's TxnLineIDs are not known yet), in
   * a sentence that says what to do, and the parent it waits on; null when it can go.
   */
  waitingBeforeAdd?(local: Local): { reason: string; parent: ParentRef } | null;
  addRq(local: Local, refs: RefResolver, requestId: string): QbxmlRequest;
  modRq(local: Local, link: { qbId: string; editSequence: string }, refs: RefResolver, requestId: string): QbxmlRequest;
  /**
   * Writes QuickBooks' record into the local one (created when localId is null); returns the local id, or the id
   * with a warning about something left out. Throws ImportWaiting when a record it refers to is not here yet.
   */
  applyImport(db: Queryable, remote: Remote, localId: number | null): Promise<number | { localId: number; warning: string | null }>;
  /**
   * Keeps QuickBooks' own figures that are shown here but never synced (a bill's open amount) each time a run reads
   * the record or QuickBooks answers a write, without making the local record look changed.
   */
  noteRemote?(db: Queryable, localId: number, remote: Remote): Promise<void>;
  /**
   * Writes some synced fields (keys of fields()) into the local record, the rest as they are: a conflict resolved
   * field by field (server/sync/conflicts/resolution.ts). Types without it are resolved as a whole side only.
   */
  applyFields?(db: Queryable, localId: number, fields: SyncFields): Promise<void>;
  /** Notes what QuickBooks made of a record just sent (an invoice's tax as it computed it). */
  noteSent?(db: Queryable, localId: number, remote: Remote): Promise<void>;
  /** Removes the local record after QuickBooks deleted it; lists are made inactive when this is absent. */
  applyDeletion?(db: Queryable, localId: number): Promise<void>;
}

/** An import that cannot be applied yet because a record it points at is not imported or linked here. */
export class ImportWaiting extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "ImportWaiting";
  }
}

/** A local record as the engine handles it without knowing its type. */
export type LocalRecordOf = LocalRecord;
