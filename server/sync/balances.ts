import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Queryable } from "@/db";
import { insertRows } from "@/db/bulk";
import { billPayments, bills, contacts, invoices, payments, quickbooksBalances, syncLinks } from "@/db/schema";
import { formatCents } from "@/lib/money";
import { customerQueryRq, vendorQueryRq, type IteratorOptions, type QbxmlRecord, type QbxmlRequest } from "@/server/qbxml";
import { AppError } from "@/server/errors";
import { readSetting, writeSetting } from "@/server/settings";
import type { EntityType } from "./entities";

export type BalanceKind = "customer" | "vendor";
export const BALANCE_KINDS: readonly BalanceKind[] = ["customer", "vendor"];

/**
 * One of the queries every run adds to discovery: the customers (or vendors) whose balance is above, or below, zero.
 * A balance moves in QuickBooks without the customer's TimeModified (an invoice or credit memo entered there), so the
 * modified-since queries never see it; asking only for non-zero balances, with nothing but the ID and the balances,
 * keeps the answer small however long the list. The schema's TotalBalanceFilter has no "not equal", hence two.
 */
export interface BalanceQuery {
  readonly key: string;
  readonly kind: BalanceKind;
  build(maxReturned: number, options: IteratorOptions): QbxmlRequest;
}

/**
 * A balance comes back as an ID and two amounts (about 200 bytes), so a page holds far more than discovery's 500 full
 * records: an office with up to this many open balances per list still reads them in the run's one exchange.
 */
export const BALANCE_PAGE_SIZE = 5_000;

const RETURNED: Record<BalanceKind, string[]> = {
  customer: ["ListID", "ParentRef", "Balance", "TotalBalance"],
  vendor: ["ListID", "Balance"],
};

export const BALANCE_QUERIES: readonly BalanceQuery[] = BALANCE_KINDS.flatMap((kind) =>
  (["GreaterThan", "LessThan"] as const).map((operator) => ({
    key: `${kind}Balance${operator}`,
    kind,
    build: (maxReturned: number, options: IteratorOptions) =>
      (kind === "customer" ? customerQueryRq : vendorQueryRq)(
        { maxReturned, activeStatus: "All", totalBalanceFilter: { operator, amount: 0 }, includeRetElements: RETURNED[kind] },
        options,
      ),
  })),
);

/** Keeps the balances of one page of a balance query, marked with the run that read them. */
export async function saveBalances(
  db: Queryable,
  kind: BalanceKind,
  records: readonly QbxmlRecord[],
  sessionId: number,
  now: Date,
): Promise<void> {
  const rows = records.flatMap((record) => {
    if ((record.kind !== "Customer" && record.kind !== "Vendor") || !record.listId) return [];
    const customer = record.kind === "Customer";
    const totalBalanceCents = customer ? (record.totalBalance ?? record.balance ?? 0) : null;
    const parentQbId = customer ? (record.parent?.listId ?? null) : null;
    return [
      { entityType: kind, qbId: record.listId, balanceCents: record.balance ?? 0, totalBalanceCents, parentQbId, sessionId, readAt: now },
    ];
  });
  const b = quickbooksBalances;
  await insertRows(db, b, rows, {
    target: [b.entityType, b.qbId],
    update: [b.balanceCents, b.totalBalanceCents, b.parentQbId, b.sessionId, b.readAt],
  });
}

/**
 * Both of a list's balance queries were read to the end in this run: a record read with a balance before and not
 * returned now is back to zero (paid off, or credited), and the whole list's balances are as of now.
 */
export async function balancesRead(db: Queryable, kind: BalanceKind, sessionId: number, now: Date): Promise<void> {
  if (kind === "customer") await offsetParents(db, sessionId, now);
  await db.delete(quickbooksBalances).where(and(eq(quickbooksBalances.entityType, kind), ne(quickbooksBalances.sessionId, sessionId)));
  await writeSetting(db, readAtKey(kind), now.toISOString());
}

/**
 * A customer whose own balance its jobs' cancel has a TotalBalance of zero, so the filter does not return it; its jobs
 * come back all the same. TotalBalance is the customer's own balance plus its jobs' TotalBalances, so its own is minus
 * the sum of those of its jobs that were returned (the others are zero).
 */
async function offsetParents(db: Queryable, sessionId: number, now: Date): Promise<void> {
  const b = quickbooksBalances;
  await db.run(sql`insert into ${b} (entity_type, qb_id, balance_cents, total_balance_cents, parent_qb_id, session_id, read_at)
    select 'customer', "job"."parent_qb_id", -sum("job"."total_balance_cents"), 0, null, ${sessionId}, ${now.getTime()}
    from ${b} as "job"
    where "job"."entity_type" = 'customer' and "job"."session_id" = ${sessionId} and "job"."parent_qb_id" is not null
      and not exists (select 1 from ${b} as "parent" where "parent"."entity_type" = 'customer' and "parent"."qb_id" = "job"."parent_qb_id"
        and "parent"."session_id" = ${sessionId})
    group by "job"."parent_qb_id"
    having sum("job"."total_balance_cents") <> 0
    on conflict (entity_type, qb_id) do update set balance_cents = excluded.balance_cents, total_balance_cents = 0, parent_qb_id = null,
      session_id = excluded.session_id, read_at = excluded.read_at`);
}

/** When QuickBooks' balances of the list were last read in full; null before a run has. */
export async function balancesReadAt(db: Queryable, kind: BalanceKind): Promise<Date | null> {
  const stored = await readSetting<string>(db, readAtKey(kind));
  return stored ? new Date(stored) : null;
}

function readAtKey(kind: BalanceKind): string {
  return `sync.balancesReadAt.${kind}`;
}

/**
 * What Ledgerbridge's synced records add to (sign 1) or take from (sign -1) a contact's balance: only rows linked to
 * QuickBooks count, so both sides speak of the same transactions. A contact that others are sent to QuickBooks as
 * (a proxy) carries their transactions too, as QuickBooks does.
 */
interface BalanceSource {
  readonly type: EntityType;
  readonly table: SQLiteTable;
  readonly id: SQLiteColumn;
  readonly contactId: SQLiteColumn;
  readonly amountCents: SQLiteColumn;
  readonly sign: 1 | -1;
}

const SYNCED_BALANCE_SOURCES: Record<BalanceKind, readonly BalanceSource[]> = {
  customer: [
    { type: "invoice", table: invoices, id: invoices.id, contactId: invoices.customerId, amountCents: invoices.totalCents, sign: 1 },
    { type: "payment", table: payments, id: payments.id, contactId: payments.customerId, amountCents: payments.amountCents, sign: -1 },
  ],
  vendor: [
    { type: "bill", table: bills, id: bills.id, contactId: bills.vendorId, amountCents: bills.totalCents, sign: 1 },
    {
      type: "billPayment",
      table: billPayments,
      id: billPayments.id,
      contactId: billPayments.vendorId,
      amountCents: billPayments.amountCents,
      sign: -1,
    },
  ],
};

/** The balance Ledgerbridge's synced transactions give the contact row `contacts.id`, as SQL (cents). */
function syncedBalanceSql(kind: BalanceKind): SQL<number> {
  const terms = SYNCED_BALANCE_SOURCES[kind].map(
    (source) => sql`${source.sign} * (select coalesce(sum(${source.amountCents}), 0) from ${source.table}
      where ${source.contactId} in (select ${contacts.id} union all select "proxied"."id" from ${contacts} as "proxied" where "proxied"."proxy_id" = ${contacts.id})
      and exists (select 1 from ${syncLinks} where ${syncLinks.entityType} = ${source.type} and ${syncLinks.localId} = ${source.id}))`,
  );
  return sql.join(terms, sql` + `).mapWith(Number) as SQL<number>;
}

/** QuickBooks' balance of the contact row `contacts.id` as last read (zero when not among the non-zero ones); null when not linked. */
function quickBooksBalanceSql(kind: BalanceKind): SQL<number | null> {
  return sql<number | null>`(select coalesce((select ${quickbooksBalances.balanceCents} from ${quickbooksBalances}
      where ${quickbooksBalances.entityType} = ${kind} and ${quickbooksBalances.qbId} = ${syncLinks.qbId}), 0)
    from ${syncLinks} where ${syncLinks.entityType} = ${kind} and ${syncLinks.localId} = ${contacts.id})`;
}

/**
 * A list's filter "balance differs": linked contacts whose QuickBooks balance is not what the synced transactions here
 * add up to. Nothing differs before QuickBooks' balances were read.
 */
export async function balanceDiffers(db: Queryable, kind: BalanceKind): Promise<SQL> {
  if ((await balancesReadAt(db, kind)) === null) return sql`0`;
  return sql`(${quickBooksBalanceSql(kind)}) is not null and (${quickBooksBalanceSql(kind)}) <> (${syncedBalanceSql(kind)})`;
}

/** Both balances of a contact: what QuickBooks reports and what Ledgerbridge's synced transactions say. */
export interface ContactBalance {
  /** Linked to a QuickBooks record: QuickBooks keeps a balance for it. */
  linked: boolean;
  /** Null when the contact is not linked to QuickBooks, or no run has read balances yet. */
  quickBooks: { balanceCents: number; totalBalanceCents: number | null; readAt: Date } | null;
  /** A customer's synced invoices less payments; a vendor's synced bills less bill payments. */
  ledgerbridgeCents: number;
  /** When the two differ: the sentence the page shows, and what usually causes it. */
  difference: { cents: number; sentence: string; hint: string } | null;
}

/** The balances of some contacts of one kind, by id (a list page's rows, or one record's page). */
export async function contactBalances(db: Queryable, kind: BalanceKind, ids: readonly number[]): Promise<Map<number, ContactBalance>> {
  if (ids.length === 0) return new Map();
  const readAt = await balancesReadAt(db, kind);
  const rows = await db
    .select({
      id: contacts.id,
      quickBooks: quickbooksBalances.balanceCents,
      total: quickbooksBalances.totalBalanceCents,
      linked: syncLinks.qbId,
      synced: syncedBalanceSql(kind),
    })
    .from(contacts)
    .leftJoin(syncLinks, and(eq(syncLinks.entityType, kind), eq(syncLinks.localId, contacts.id)))
    .leftJoin(quickbooksBalances, and(eq(quickbooksBalances.entityType, kind), eq(quickbooksBalances.qbId, syncLinks.qbId)))
    .where(and(eq(contacts.kind, kind), inArray(contacts.id, [...ids])));
  return new Map(
    rows.map((row) => {
      const quickBooks =
        row.linked !== null && readAt !== null
          ? { balanceCents: row.quickBooks ?? 0, totalBalanceCents: kind === "customer" ? (row.total ?? 0) : null, readAt }
          : null;
      const difference = differenceOf(kind, quickBooks?.balanceCents ?? null, row.synced);
      return [row.id, { linked: row.linked !== null, quickBooks, ledgerbridgeCents: row.synced, difference }];
    }),
  );
}

export async function contactBalance(db: Queryable, kind: BalanceKind, id: number): Promise<ContactBalance> {
  const balance = (await contactBalances(db, kind, [id])).get(id);
  if (!balance) throw new AppError("NOT_FOUND", `That ${kind} does not exist (it may have been deleted).`);
  return balance;
}

/** What the synced records of each kind are called, and what usually makes QuickBooks' balance higher or lower. */
const DIFFERENCE_WORDS: Record<BalanceKind, { synced: string; more: string; less: string }> = {
  customer: {
    synced: "invoices and payments",
    more: "QuickBooks has more owing. Usually an invoice or charge entered only in QuickBooks, or an invoice or payment changed on one side that has not synced yet (see the Sync Wizard).",
    less: "QuickBooks has less owing. Usually a credit memo, refund or payment entered only in QuickBooks (credit memos do not sync), or an invoice or payment changed on one side that has not synced yet (see the Sync Wizard).",
  },
  vendor: {
    synced: "bills and bill payments",
    more: "QuickBooks has more owing to the vendor. Usually an item receipt or a bill entered only in QuickBooks, or a bill or bill payment changed on one side that has not synced yet (see the Sync Wizard).",
    less: "QuickBooks has less owing to the vendor. Usually a vendor credit, or a bill paid by credit card in QuickBooks (neither syncs), or a bill or bill payment changed on one side that has not synced yet (see the Sync Wizard).",
  },
};

function differenceOf(kind: BalanceKind, quickBooksCents: number | null, ledgerbridgeCents: number): ContactBalance["difference"] {
  if (quickBooksCents === null || quickBooksCents === ledgerbridgeCents) return null;
  const cents = quickBooksCents - ledgerbridgeCents;
  const words = DIFFERENCE_WORDS[kind];
  return {
    cents,
    sentence: `QuickBooks says ${formatCents(quickBooksCents)}, Ledgerbridge's synced ${words.synced} say ${formatCents(ledgerbridgeCents)}: ${formatCents(Math.abs(cents))} apart.`,
    hint: cents > 0 ? words.more : words.less,
  };
}
