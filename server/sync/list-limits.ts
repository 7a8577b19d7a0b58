import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { qbwcSessions, quickbooksRecords, syncItems, syncLinks } from "@/db/schema";
import { plural } from "@/lib/words";
import type { EntityType } from "./entities";

/**
 * QuickBooks Pro and Premier hold about 14,500 names (customers with their jobs, vendors, employees and other names
 * together) and about 14,500 items; a list at its cap takes no more Adds. Enterprise holds far more: it is warned about
 * only from 100,000, where lists that long are worth a look.
 */
const CAPS = { pro_premier: 14_500, enterprise: 100_000 } as const;
/** Pro and Premier warn from here on; Enterprise only at its (generous) cap. */
const NEARLY_FULL = 0.9;

const LISTS = [
  { list: "names", noun: "name", types: ["customer", "vendor"] },
  { list: "items", noun: "item", types: ["item"] },
] as const satisfies readonly { list: string; noun: string; types: readonly EntityType[] }[];

export type LimitedList = (typeof LISTS)[number]["list"];

export interface ListLimit {
  list: LimitedList;
  cap: number;
  /** Records QuickBooks holds as far as Ledgerbridge knows: those linked here and those the runs have read. */
  inQuickBooks: number;
  /** Adds approved and not sent yet. */
  approved: number;
  /** Adds waiting for approval in the Sync Wizard, per type. */
  candidates: Partial<Record<EntityType, number>>;
  /** Null while the list is far from its cap. */
  warning: string | null;
}

export interface ListLimits {
  /** QuickBooks' product name as the last run's handshake gave it; null before one did. */
  productName: string | null;
  edition: keyof typeof CAPS;
  lists: ListLimit[];
}

/** How full QuickBooks' capped lists are, and would be once what waits is added: counts only, in SQL. */
export async function listLimits(db: Queryable): Promise<ListLimits> {
  const productName = await lastProductName(db);
  const edition = productName && /enterprise/i.test(productName) ? "enterprise" : "pro_premier";
  const cap = CAPS[edition];
  const adds = await waitingAdds(db);
  const lists: ListLimit[] = [];
  for (const { list, noun, types } of LISTS) {
    const inQuickBooks = await heldInQuickBooks(db, types);
    const approved = types.reduce((sum, type) => sum + (adds.get(`${type}:approved`) ?? 0), 0);
    const candidates = Object.fromEntries(
      types.flatMap((type) => (adds.has(`${type}:candidate`) ? [[type, adds.get(`${type}:candidate`)!]] : [])),
    );
    const limit = { list, cap, inQuickBooks, approved, candidates };
    lists.push({ ...limit, warning: warningOf(limit, noun, edition, productName) });
  }
  return { productName, edition, lists };
}

/** The edition is in HostRet's ProductName ("QuickBooks Enterprise Solutions 24.0", "QuickBooks Pro 2024"). */
async function lastProductName(db: Queryable): Promise<string | null> {
  const [row] = await db
    .select({ productName: qbwcSessions.productName })
    .from(qbwcSessions)
    .where(isNotNull(qbwcSessions.productName))
    .orderBy(desc(qbwcSessions.id))
    .limit(1);
  return row?.productName ?? null;
}

/** Distinct QuickBooks IDs among the links and the records the runs have read (a record is often both). */
async function heldInQuickBooks(db: Queryable, types: readonly EntityType[]): Promise<number> {
  const read = db
    .select({ qbId: quickbooksRecords.qbId })
    .from(quickbooksRecords)
    .where(inArray(quickbooksRecords.entityType, [...types]));
  const linked = db
    .select({ qbId: syncLinks.qbId })
    .from(syncLinks)
    .where(inArray(syncLinks.entityType, [...types]));
  const [row] = await db.select({ n: count() }).from(read.union(linked).as("held"));
  return row?.n ?? 0;
}

/** Export Adds of the capped types, by "<type>:candidate" (waiting for approval) and "<type>:approved" (not sent yet). */
async function waitingAdds(db: Queryable): Promise<Map<string, number>> {
  const stage = sql<string>`case when ${syncItems.state} = 'candidate' then 'candidate' else 'approved' end`;
  const rows = await db
    .select({ type: syncItems.entityType, stage, n: count() })
    .from(syncItems)
    .where(
      and(
        eq(syncItems.direction, "export"),
        eq(syncItems.action, "add"),
        inArray(syncItems.entityType, ["customer", "vendor", "item"]),
        inArray(syncItems.state, ["candidate", "pending", "waiting", "in_flight", "in_doubt", "retry"]),
        // A held-back candidate is not approved by Approve Checked, so it adds nothing.
        sql`not (${syncItems.state} = 'candidate' and ${isNotNull(syncItems.blockedReason)})`,
        isNull(syncItems.dismissedReason),
      ),
    )
    .groupBy(syncItems.entityType, stage);
  return new Map(rows.map((row) => [`${row.type}:${row.stage}`, row.n]));
}

function warningOf(limit: Omit<ListLimit, "warning">, noun: string, edition: keyof typeof CAPS, productName: string | null): string | null {
  const waiting = Object.values(limit.candidates).reduce((sum, n) => sum + n, 0);
  const after = limit.inQuickBooks + limit.approved + waiting;
  const warnFrom = edition === "enterprise" ? limit.cap : Math.floor(limit.cap * NEARLY_FULL);
  if (after < warnFrom) return null;
  const holds = `QuickBooks holds ${limit.inQuickBooks.toLocaleString("en-US")} of its ${plural(limit.cap, noun)}`;
  const approved = limit.approved > 0 ? `, with ${limit.approved.toLocaleString("en-US")} more approved to be added` : "";
  const these = Object.entries(limit.candidates)
    .map(([type, n]) => plural(n, type))
    .join(" and ");
  const outcome =
    waiting === 0
      ? after > limit.cap
        ? "; that passes the limit, and QuickBooks will refuse the Adds beyond it."
        : "; the list is nearly full."
      : after > limit.cap
        ? `; approving these ${these} would pass the limit.`
        : `; approving these ${these} would take it to ${after.toLocaleString("en-US")}, near the limit.`;
  const advice =
    limit.list === "names"
      ? ' Send one-off customers to QuickBooks as a proxy (one "Web Customer" standing for many) so they take no name of their own; employees and other names count too, and Ledgerbridge does not read them.'
      : " Send one-off items to QuickBooks as a proxy item, so they take no place of their own.";
  const assumed = productName ? "" : " No run has said which QuickBooks edition this is, so Pro or Premier's limit is assumed.";
  return `${holds}${approved}${outcome}${advice}${assumed}`;
}
