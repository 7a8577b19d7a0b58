import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { syncAttempts, syncItems } from "@/db/schema";
import { AppError } from "@/server/errors";
import { buildQbxml } from "@/server/qbxml";
import { listInput, listPage, paged } from "@/server/records/list-query";
import { candidateFilter, candidateWhere } from "./approval";
import { exportRequest, refResolver } from "./drain";
import { adapterFor } from "./entities";
import type { FieldChange } from "./fingerprint";
import { linksFor } from "./links";
import { guidanceFor } from "./status-codes";

export const candidateListInput = listInput.extend(candidateFilter.shape);
export const reportListInput = listInput.extend({ entityType: candidateFilter.shape.entityType });

const PENDING_STATES = ["pending", "waiting", "in_flight", "in_doubt", "retry"] as const;
const itemSort = { label: syncItems.label, entityType: syncItems.entityType, action: syncItems.action, updatedAt: syncItems.updatedAt };

/** The Sync Wizard: candidates of one section, filtered, searched, sorted and paged in SQL, with their diffs. */
export async function listCandidates(db: Queryable, rawInput: z.input<typeof candidateListInput>) {
  const input = candidateListInput.parse(rawInput);
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
  return { ...page, rows: page.rows.map((row) => ({ ...row, diff: JSON.parse(row.diff) as FieldChange[] })) };
}

/** Pending syncs: approved and waiting for (or in the middle of) a Web Connector run, with why they wait. */
export function listPending(db: Queryable, rawInput: z.input<typeof reportListInput>) {
  const input = reportListInput.parse(rawInput);
  return listPage(
    db,
    {
      table: syncItems,
      where: and(inArray(syncItems.state, [...PENDING_STATES]), input.entityType ? eq(syncItems.entityType, input.entityType) : undefined),
      sortable: itemSort,
      defaultSort: "updatedAt",
      tiebreaker: syncItems.id,
      searchable: [syncItems.label],
      rows: (query) => paged(db.select().from(syncItems).$dynamic(), query),
    },
    input,
  );
}

/** The Sync Report's Successful or Failed section: every attempt, newest first by default. */
export function listAttempts(db: Queryable, result: "successful" | "failed", rawInput: z.input<typeof reportListInput>) {
  const input = reportListInput.parse({ sort: "at", direction: "desc", ...rawInput });
  return listPage(
    db,
    {
      table: syncAttempts,
      where: and(eq(syncAttempts.result, result), input.entityType ? eq(syncAttempts.entityType, input.entityType) : undefined),
      sortable: { at: syncAttempts.at, label: syncAttempts.label, entityType: syncAttempts.entityType, statusCode: syncAttempts.statusCode },
      defaultSort: "at",
      tiebreaker: syncAttempts.id,
      searchable: [syncAttempts.label, syncAttempts.statusMessage],
      rows: (query) => paged(db.select().from(syncAttempts).$dynamic(), query),
    },
    input,
  );
}

/** Unsynced entities: records whose latest attempt failed, with QuickBooks' code and message and what to do. */
export async function listUnsynced(db: Queryable, rawInput: z.input<typeof reportListInput>) {
  const input = reportListInput.parse(rawInput);
  const page = await listPage(
    db,
    {
      table: syncItems,
      where: and(eq(syncItems.state, "failed"), input.entityType ? eq(syncItems.entityType, input.entityType) : undefined),
      sortable: itemSort,
      defaultSort: "updatedAt",
      tiebreaker: syncItems.id,
      searchable: [syncItems.label, syncItems.statusMessage],
      rows: (query) => paged(db.select().from(syncItems).$dynamic(), query),
    },
    input,
  );
  return {
    ...page,
    rows: page.rows.map((row) => {
      const guidance = guidanceFor(row.statusCode, row.statusMessage);
      return { ...row, guidance: { title: guidance.title, resolution: guidance.resolution, action: guidance.action } };
    }),
  };
}

/** The qbXML an export candidate would send now (Add or Mod), for a person to inspect before approving. */
export async function previewExport(db: Queryable, itemId: number): Promise<string> {
  const [item] = await db.select().from(syncItems).where(eq(syncItems.id, itemId));
  if (!item || item.direction !== "export" || item.localId === null) {
    throw new AppError("NOT_FOUND", "That export candidate does not exist (it may have synced meanwhile).");
  }
  const adapter = adapterFor(item.entityType);
  const [local] = await adapter.loadLocal(db, [item.localId]);
  if (!local) throw new AppError("NOT_FOUND", "The record of this candidate was deleted.");
  const links = await linksFor(db, adapter.type, [local.id]);
  const refs = await refResolver(db, adapter, [local]);
  const request = exportRequest(adapter, local, links.get(local.id), refs, String(item.id));
  if ("error" in request) throw new AppError("BAD_INPUT", request.error);
  return buildQbxml(request.request);
}

export { badgeCount } from "./discovery";
