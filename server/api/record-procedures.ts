import { and, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import type { SessionUser } from "@/lib/roles";
import { idInput, listInput, type ListInput, type Page } from "@/db/list-query";
import { sendRequestInput } from "@/server/records/send-requests";
import { RECORD_SYNC_STATUSES, recordStatusQuery, type RecordSyncStatus, type SyncedRecordType } from "@/server/sync/record-status";
import { createTRPCRouter, protectedProcedure } from "./trpc";

/** What a record service offers the pages; its create and update take input already checked by `input`. */
export interface RecordService<Schema extends z.ZodType, Row, Detail> {
  input: Schema;
  /** One page of the list; `narrowedBy` is an extra filter over the record's table. */
  list(db: Queryable, input: ListInput, narrowedBy?: SQL): Promise<Page<Row>>;
  get(db: Queryable, id: number): Promise<Detail>;
  create(db: Database, data: z.output<Schema>, user: SessionUser): Promise<Detail>;
  update(db: Database, id: number, data: z.output<Schema>, user: SessionUser): Promise<Detail>;
}

/** list/get/create/update for any signed-in person; a domain router spreads these and adds its own. */
export function recordProcedures<Schema extends z.ZodType, Row, Detail>(service: RecordService<Schema, Row, Detail>) {
  // tRPC and zod cannot work out input types over a generic schema, so they are said here once.
  const updateInput = idInput.extend({ data: service.input }) as unknown as z.ZodType<
    { id: number; data: z.output<Schema> },
    { id: number; data: z.input<Schema> }
  >;
  return {
    list: protectedProcedure.input(listInput).query(({ ctx, input }) => service.list(ctx.db, input)),
    get: protectedProcedure.input(idInput).query(({ ctx, input }) => service.get(ctx.db, input.id)),
    create: protectedProcedure
      .input(service.input)
      .mutation(({ ctx, input }) => service.create(ctx.db, input as z.output<Schema>, ctx.user)),
    update: protectedProcedure.input(updateInput).mutation(({ ctx, input }) => service.update(ctx.db, input.id, input.data, ctx.user)),
  };
}

const syncStatusInput = z.object({ syncStatus: z.enum(RECORD_SYNC_STATUSES).optional() });
export const syncedListInput = listInput.extend(syncStatusInput.shape);
/** Send to QuickBooks from a list: "everything matching" means the search and the sync status filter. */
export const syncedSendInput = sendRequestInput.and(syncStatusInput);

/** The lists' filter by where records stand with QuickBooks, as SQL over the type's table; none when not chosen. */
export async function syncStatusFilter(
  db: Queryable,
  type: SyncedRecordType,
  status: RecordSyncStatus | undefined,
): Promise<SQL | undefined> {
  return status ? (await recordStatusQuery(db, type)).is(status) : undefined;
}

/**
 * The record procedures of a type that syncs with QuickBooks: each list row also says where the record stands
 * there, and the list filters by it.
 */
export function syncedRecordProcedures<Schema extends z.ZodType, Row extends { id: number }, Detail>(
  type: SyncedRecordType,
  service: RecordService<Schema, Row, Detail>,
) {
  return {
    ...recordProcedures(service),
    list: protectedProcedure.input(syncedListInput).query(({ ctx, input }) => listWithSyncStatus(ctx.db, type, service, input)),
  };
}

/** One page of a synced record's list, each row saying where it stands with QuickBooks; `narrowedBy` filters further. */
export async function listWithSyncStatus<Row extends { id: number }>(
  db: Queryable,
  type: SyncedRecordType,
  service: Pick<RecordService<z.ZodType, Row, unknown>, "list">,
  input: z.output<typeof syncedListInput>,
  narrowedBy?: SQL,
): Promise<Page<Row & { syncStatus: RecordSyncStatus }>> {
  const status = await recordStatusQuery(db, type);
  const page = await service.list(db, input, and(narrowedBy, input.syncStatus ? status.is(input.syncStatus) : undefined));
  const statuses = await status.of(page.rows.map((row) => row.id));
  // A record deleted between the two reads has no status; it is gone from the next refresh.
  return { ...page, rows: page.rows.map((row) => ({ ...row, syncStatus: statuses.get(row.id) ?? "not_yet" })) };
}

/** The router of a record that needs nothing beyond list/get/create/update. */
export function recordRouter<Schema extends z.ZodType, Row, Detail>(service: RecordService<Schema, Row, Detail>) {
  return createTRPCRouter(recordProcedures(service));
}

/** The router of a synced record that needs nothing beyond list (with its sync status)/get/create/update. */
export function syncedRecordRouter<Schema extends z.ZodType, Row extends { id: number }, Detail>(
  type: SyncedRecordType,
  service: RecordService<Schema, Row, Detail>,
) {
  return createTRPCRouter(syncedRecordProcedures(type, service));
}
