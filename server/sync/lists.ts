import { and, count, eq, getTableColumns, gte, inArray, isNotNull, isNull, lt, lte, max, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { syncAttempts, syncAudit, syncItems, users, type SYNC_ENTITY_TYPES } from "@/db/schema";
import type { Role } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { buildQbxml } from "@/server/qbxml";
import { listInput, listPage, paged, type Page } from "@/db/list-query";
import { adviceFor } from "./advice";
import { candidateFilter, candidateWhere } from "./approval";
import { exportRequest, refResolver } from "./drain/requests";
import { adapterFor, type SyncFields } from "./entities";
import type { FieldChange } from "./fingerprint";
import { linksFor } from "./links";
import { matchLocals, seenRemote, withArticle } from "./matching";
import { mappedAdapterFor } from "./policies";
import { csvLine, PENDING_STATE_LABELS, PENDING_STATES, pendingReason } from "./report";
import type { SyncItem } from "./state";

export const candidateListInput = listInput.extend(candidateFilter.shape);
export const reportListInput = listInput.extend({
  entityType: candidateFilter.shape.entityType,
  /** A date range: from this moment (inclusive) to that one (exclusive); the page sends local midnights. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** One Web Connector run's attempts (its run summary links here); Successful and Failed only. */
  run: z.coerce.number().int().positive().optional(),
});
type ReportListInput = z.output<typeof reportListInput>;
const itemSort = { label: syncItems.label, entityType: syncItems.entityType, action: syncItems.action, updatedAt: syncItems.updatedAt };

/** The Sync Wizard: candidates of one section, filtered, searched, sorted and paged in SQL, with their diffs. */
export async function listCandidates(db: Queryable, rawInput: z.input<typeof candidateListInput>) {
  const input = candidateListInput.parse(rawInput);
  // Taken before reading: approval leaves alone whatever changed after it, so nothing is approved unseen.
  const listedAt = new Date();
  const page = await listPage(
    db,
    {
      table: syncItems,
      where: and(eq(syncItems.state, "candidate"), candidateWhere({ ...input, search: undefined })),
      sortable: itemSort,
      defaultSort: "label",
      tiebreaker: syncItems.id,
      searchable: [syncItems.label],
      rows: (query) => paged(db.select().from(syncItems).$dynamic(), query),
    },
    input,
  );
  // Rows a tick cannot approve: conflicts (resolved instead) and matches waiting for a pick among several records.
  const [decideFirst] = await db
    .select({ n: count() })
    .from(syncItems)
    .where(
      and(
        eq(syncItems.state, "candidate"),
        candidateWhere(input),
        or(eq(syncItems.action, "conflict"), and(eq(syncItems.action, "match"), isNull(syncItems.localId))),
      ),
    );
  return {
    ...page,
    listedAt,
    decideFirst: decideFirst?.n ?? 0,
    rows: page.rows.map((row) => ({ ...row, diff: JSON.parse(row.diff) as FieldChange[] })),
  };
}

/** How many candidates wait in each section of the Sync Wizard. */
export async function candidateCounts(db: Queryable): Promise<Record<"import" | "export", number>> {
  const rows = await db
    .select({ direction: syncItems.direction, n: count() })
    .from(syncItems)
    .where(eq(syncItems.state, "candidate"))
    .groupBy(syncItems.direction);
  const of = (direction: "import" | "export") => rows.find((row) => row.direction === direction)?.n ?? 0;
  return { import: of("import"), export: of("export") };
}

/** Who approved an item: a person's name, or null for an automatic approval rule (the audit log names the rule). */
function approverName() {
  return sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${syncItems.approvedBy})`;
}

/** Pending syncs: approved and waiting for (or in the middle of) a Web Connector run, with why they wait and who approved them. */
export async function listPending(db: Queryable, rawInput: z.input<typeof reportListInput>) {
  const input = reportListInput.parse(rawInput);
  const page = await listPage(
    db,
    {
      table: syncItems,
      where: and(inArray(syncItems.state, [...PENDING_STATES]), reportWhere(input, syncItems.entityType, syncItems.updatedAt)),
      sortable: itemSort,
      defaultSort: "updatedAt",
      tiebreaker: syncItems.id,
      searchable: [syncItems.label],
      rows: (query) =>
        paged(
          db
            .select({ ...getTableColumns(syncItems), approverName: approverName() })
            .from(syncItems)
            .$dynamic(),
          query,
        ),
    },
    input,
  );
  return {
    ...page,
    rows: page.rows.map((row) => ({
      ...row,
      stateLabel: PENDING_STATE_LABELS[row.state as keyof typeof PENDING_STATE_LABELS],
      reason: pendingReason(row),
    })),
  };
}

/** The Sync Report's Successful or Failed section: every attempt, newest first by default. */
export function listAttempts(db: Queryable, result: "successful" | "failed", rawInput: z.input<typeof reportListInput>) {
  const input = reportListInput.parse({ sort: "at", direction: "desc", ...rawInput });
  return listPage(
    db,
    {
      table: syncAttempts,
      where: and(
        eq(syncAttempts.result, result),
        reportWhere(input, syncAttempts.entityType, syncAttempts.at),
        input.run === undefined ? undefined : eq(syncAttempts.sessionId, input.run),
      ),
      sortable: {
        at: syncAttempts.at,
        label: syncAttempts.label,
        entityType: syncAttempts.entityType,
        statusCode: syncAttempts.statusCode,
      },
      defaultSort: "at",
      tiebreaker: syncAttempts.id,
      searchable: [syncAttempts.label, syncAttempts.statusMessage],
      rows: (query) => paged(db.select().from(syncAttempts).$dynamic(), query),
    },
    input,
  );
}

/** Unsynced entities: records whose latest attempt failed, with QuickBooks' code and message and what to do. */
export const unsyncedListInput = reportListInput.extend({
  /** The failures a person dismissed (with why), instead of the open ones. */
  dismissed: z.boolean().optional(),
});

export async function listUnsynced(db: Queryable, rawInput: z.input<typeof unsyncedListInput>, reader: Role) {
  const input = unsyncedListInput.parse(rawInput);
  const which = input.dismissed
    ? and(eq(syncItems.state, "dismissed"), isNotNull(syncItems.dismissedReason))
    : eq(syncItems.state, "failed");
  const page = await listPage(
    db,
    {
      table: syncItems,
      where: and(which, input.entityType ? eq(syncItems.entityType, input.entityType) : undefined),
      sortable: itemSort,
      defaultSort: "updatedAt",
      tiebreaker: syncItems.id,
      searchable: [syncItems.label, syncItems.statusMessage],
      rows: (query) => paged(db.select().from(syncItems).$dynamic(), query),
    },
    input,
  );
  const holds = await heldCounts(
    db,
    page.rows.map((row) => `${row.entityType}:${row.recordKey}`),
  );
  const holders = await nameHolders(db, page.rows);
  return {
    ...page,
    rows: page.rows.map((row) => {
      const held = holds.get(`${row.entityType}:${row.recordKey}`) ?? 0;
      const { linkTo = null, holder = null } = holders.get(row.id) ?? {};
      return {
        ...row,
        held,
        // No status code: QuickBooks never refused it; Ledgerbridge found the problem on its own side.
        foundIn: row.statusCode === null ? ("ledgerbridge" as const) : ("quickbooks" as const),
        linkTo,
        // A name in use can be fixed right there: renamed in place and sent again.
        canRename: row.statusCode === "3100" && row.direction === "export" && adapterFor(row.entityType).applyFields !== undefined,
        guidance: adviceFor(row, reader, { canLink: linkTo !== null, holder }),
      };
    }),
  };
}

/**
 * For each failed Add that met a name in use (3100), as far as the runs have read QuickBooks: its record of that name
 * when it can be linked (linked to nothing, the same type), with its fields so the person sees it first; otherwise
 * what holds the name there ("a vendor …", "an item … (inventory part)").
 */
async function nameHolders(db: Queryable, rows: readonly SyncItem[]) {
  const found = new Map<number, { linkTo?: { label: string; fields: SyncFields }; holder?: string }>();
  for (const row of rows) {
    if (row.state !== "failed" || row.statusCode !== "3100" || row.direction !== "export" || row.localId === null) continue;
    const adapter = await mappedAdapterFor(db, row.entityType);
    const [local] = await adapter.loadLocal(db, [row.localId]);
    if (!local) continue;
    const match = (await matchLocals(db, adapter, [local])).get(local.id);
    if (match?.kind === "same") found.set(row.id, { linkTo: { label: match.remote.label, fields: seenRemote(match.remote).fields } });
    else if (match) found.set(row.id, { holder: `${withArticle(adapterFor(match.remote.entityType).noun)} "${match.remote.label}"` });
  }
  return found;
}

/** How many candidates and waiting items each record holds back (the dependency view's counts). */
async function heldCounts(db: Queryable, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ heldBy: syncItems.heldBy, n: count() })
    .from(syncItems)
    .where(and(inArray(syncItems.heldBy, keys), inArray(syncItems.state, ["candidate", "waiting"])))
    .groupBy(syncItems.heldBy);
  return new Map(rows.map((row) => [row.heldBy!, row.n]));
}

export const heldBackInput = z.object({
  /** "<entityType>:<recordKey>" of the holding record, e.g. "customer:local:12". */
  heldBy: z.string().trim().min(3).max(200),
});

/**
 * The dependency view: what a failed or left-out record holds back — candidates blocked by a sync setting and
 * approved items waiting for it — with why, so the office manager sees what fixing it releases.
 */
export async function listHeldBack(db: Queryable, input: z.input<typeof heldBackInput>) {
  const { heldBy } = heldBackInput.parse(input);
  const rows = await db
    .select({
      id: syncItems.id,
      direction: syncItems.direction,
      entityType: syncItems.entityType,
      localId: syncItems.localId,
      label: syncItems.label,
      state: syncItems.state,
      reason: sql<string>`coalesce(${syncItems.blockedReason}, ${syncItems.waitingReason}, '')`,
    })
    .from(syncItems)
    .where(and(eq(syncItems.heldBy, heldBy), inArray(syncItems.state, ["candidate", "waiting"])))
    .orderBy(syncItems.label)
    .limit(500);
  return rows;
}

/** The qbXML an export candidate would send now (Add or Mod), for a person to inspect before approving. */
/**
 * The exact qbXML a change sends: for an export candidate, what approving it now would send; for an approved item, what
 * the next run sends for it (an export in doubt is looked up first; an approved import is read again by its ID).
 */
export async function previewRequest(db: Queryable, itemId: number): Promise<string> {
  const [item] = await db.select().from(syncItems).where(eq(syncItems.id, itemId));
  if (!item) throw new AppError("NOT_FOUND", "That change no longer waits (it may have synced meanwhile).");
  const adapter = adapterFor(item.entityType);
  if (item.direction === "import") {
    if (!item.qbId) throw new AppError("NOT_FOUND", "This change has no QuickBooks record to read.");
    return buildQbxml(adapter.queryById(item.qbId, String(item.id)));
  }
  const [local] = item.localId === null ? [] : await adapter.loadLocal(db, [item.localId]);
  if (!local) throw new AppError("NOT_FOUND", "The record of this change was deleted.");
  const links = await linksFor(db, adapter.type, [local.id]);
  const link = links.get(local.id);
  if (item.lookupFirst)
    return buildQbxml(link ? adapter.queryById(link.qbId, String(item.id)) : adapter.queryForLookup(local, String(item.id)));
  const refs = await refResolver(db, adapter, [local]);
  const request = exportRequest(adapter, local, link, refs, String(item.id));
  if ("error" in request) throw new AppError("BAD_INPUT", request.error);
  return buildQbxml(request.request);
}

export { badgeCount } from "./discovery";

/** The Sync Report's type filter and date range, on the columns of its section. */
function reportWhere(
  input: ReportListInput,
  entityType: typeof syncItems.entityType | typeof syncAttempts.entityType,
  at: typeof syncItems.updatedAt | typeof syncAttempts.at,
): SQL | undefined {
  return and(
    input.entityType ? eq(entityType, input.entityType) : undefined,
    input.from ? gte(at, input.from) : undefined,
    input.to ? lt(at, input.to) : undefined,
  );
}

export const REPORT_SECTIONS = ["pending", "successful", "failed"] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const reportCsvInput = reportListInput.omit({ page: true, pageSize: true }).extend({ section: z.enum(REPORT_SECTIONS) });

const CSV_PAGE_SIZE = 200;
const typeName = (type: (typeof SYNC_ENTITY_TYPES)[number]) => adapterFor(type).noun.replace(/^./, (c) => c.toUpperCase());

/**
 * The rows a Sync Report section shows under its filters and sort, as CSV text a page at a time, so a long
 * history streams without being held in memory. Attempts are only ever added, and those added while the file
 * is written are left out (to ≤ now), so no row shifts onto two pages.
 */
export async function* syncReportCsv(db: Queryable, rawInput: z.input<typeof reportCsvInput>, now = new Date()): AsyncGenerator<string> {
  const { section, ...filter } = reportCsvInput.parse(rawInput);
  if (section === "pending") {
    yield csvLine(["Since", "Status", "Direction", "Type", "Record", "Action", "Why it waits", "Approved at", "Approved by"]);
    yield* csvPages(
      (page) => listPending(db, { ...filter, page, pageSize: CSV_PAGE_SIZE }),
      (row) => [
        row.updatedAt.toISOString(),
        row.stateLabel,
        row.direction,
        typeName(row.entityType),
        row.label,
        row.action,
        row.reason,
        row.approvedAt?.toISOString() ?? null,
        row.approvedAt ? (row.approverName ?? "An automatic rule") : null,
      ],
    );
    return;
  }
  const to = filter.to && filter.to < now ? filter.to : now;
  yield csvLine(["When", "Result", "Direction", "Type", "Record", "Action", "Status code", "QuickBooks message"]);
  yield* csvPages(
    (page) => listAttempts(db, section, { ...filter, to, page, pageSize: CSV_PAGE_SIZE }),
    (row) => [
      row.at.toISOString(),
      row.result,
      row.direction,
      typeName(row.entityType),
      row.label,
      row.action,
      row.statusCode,
      row.statusMessage,
    ],
  );
}

async function* csvPages<Row>(
  read: (page: number) => Promise<Page<Row>>,
  line: (row: Row) => (string | number | null)[],
): AsyncGenerator<string> {
  for (let page = 1; ; page += 1) {
    const { rows, total } = await read(page);
    if (rows.length > 0) yield rows.map((row) => csvLine(line(row))).join("");
    if (rows.length < CSV_PAGE_SIZE || page * CSV_PAGE_SIZE >= total) return;
  }
}

export const AUDIT_ACTIONS = syncAudit.action.enumValues;
export const auditListInput = listInput.extend({ action: z.enum(AUDIT_ACTIONS).optional() });

/**
 * The audit log: who approved, cleared, resynced, cleared IDs, resolved or undid what, changed which setting or user,
 * and when; newest first. `throughId` leaves out lines written after a download began.
 */
export async function listAudit(db: Queryable, rawInput: z.input<typeof auditListInput>, throughId?: number) {
  const input = auditListInput.parse(rawInput);
  const labels = sql<string | null>`(select ${syncItems.label} from ${syncItems} where ${syncItems.id} = ${syncAudit.syncItemId})`;
  return listPage(
    db,
    {
      table: syncAudit,
      where: and(
        input.action ? eq(syncAudit.action, input.action) : undefined,
        throughId === undefined ? undefined : lte(syncAudit.id, throughId),
      ),
      sortable: { at: syncAudit.at, userName: syncAudit.userName, action: syncAudit.action },
      defaultSort: "at",
      tiebreaker: syncAudit.id,
      searchable: [syncAudit.userName, syncAudit.detail],
      rows: (query) =>
        paged(
          db
            .select({
              id: syncAudit.id,
              at: syncAudit.at,
              userName: syncAudit.userName,
              action: syncAudit.action,
              entityType: syncAudit.entityType,
              localId: syncAudit.localId,
              detail: syncAudit.detail,
              label: labels,
              // A dismissed failure still dismissed can be restored from its audit row.
              restorable:
                sql<boolean>`${syncAudit.action} = 'dismiss_failure' and exists (select 1 from ${syncItems} where ${syncItems.id} = ${syncAudit.syncItemId} and ${syncItems.state} = 'dismissed' and ${syncItems.dismissedReason} is not null)`.mapWith(
                  Boolean,
                ),
              syncItemId: syncAudit.syncItemId,
            })
            .from(syncAudit)
            .$dynamic(),
          query,
        ),
    },
    input,
  );
}

export const auditCsvInput = auditListInput.omit({ page: true, pageSize: true });

/** The audit log under the page's filters and sort, as CSV a page at a time; lines written meanwhile are left out. */
export async function* auditCsv(db: Queryable, rawInput: z.input<typeof auditCsvInput>): AsyncGenerator<string> {
  const filter = auditCsvInput.parse(rawInput);
  const [latest] = await db.select({ id: max(syncAudit.id) }).from(syncAudit);
  yield csvLine(["When", "Who", "Action", "Record", "Detail"]);
  if (latest?.id == null) return;
  yield* csvPages(
    (page) => listAudit(db, { ...filter, page, pageSize: CSV_PAGE_SIZE }, latest.id!),
    (row) => [
      row.at.toISOString(),
      row.userName,
      row.action,
      row.label ?? (row.entityType ? `${row.entityType} ${row.localId ?? ""}`.trim() : null),
      row.detail,
    ],
  );
}
