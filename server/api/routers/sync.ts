import { z } from "zod";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { approveCandidates, approveInput, clearIds, idsInput, resyncItems, unlinkDeleted } from "@/server/sync/approval";
import { resolveConflict, resolveInput } from "@/server/sync/conflicts/resolution";
import { discoverLocalChanges } from "@/server/sync/discovery";
import { dismissFailures, dismissFailuresInput, restoreFailures, restoreFailuresInput } from "@/server/sync/dismissal";
import {
  linkFailedInput,
  linkFailedToQuickBooks,
  renameAndResync,
  renameFailedInput,
  resolveMatch,
  resolveMatchInput,
} from "@/server/sync/match-resolution";
import { firstImportStatus, runFirstImportAgain } from "@/server/sync/first-import";
import { listLimits } from "@/server/sync/list-limits";
import {
  auditListInput,
  badgeCount,
  candidateCounts,
  candidateListInput,
  heldBackInput,
  listAttempts,
  listAudit,
  listCandidates,
  listHeldBack,
  listPending,
  listUnsynced,
  unsyncedListInput,
  previewRequest,
  reportListInput,
} from "@/server/sync/lists";
import { saveSyncSettings } from "@/server/sync/policies";
import { recordSyncState, SYNCED_RECORD_TYPES } from "@/server/sync/record-status";
import { readSyncSettings, syncSettingsInput } from "@/server/sync/settings";
import { runSummaries } from "@/server/sync/run-state";
import { currentRunProgress, latestRun, syncRequestsStatus, whileNoRun } from "@/server/api/runs";
import { syncSummary } from "@/server/sync/summary";
import {
  cancelRequestInput,
  cancelSyncRequest,
  requestSelectiveSync,
  requestSyncNow,
  selectiveSyncInput,
} from "@/server/sync/sync-requests";
import { findStatusCode, statusCodeGuide } from "@/server/sync/status-codes";
import { lastImportSummary, undoLastImport } from "@/server/sync/undo-import";

export const syncRouter = createTRPCRouter({
  badgeCount: protectedProcedure.query(({ ctx }) => badgeCount(ctx.db)),
  candidates: protectedProcedure.input(candidateListInput).query(({ ctx, input }) => listCandidates(ctx.db, input)),
  /** Candidates per Sync Wizard section, for the counts on its tabs. */
  candidateCounts: protectedProcedure.query(({ ctx }) => candidateCounts(ctx.db)),
  /** How full QuickBooks' capped name and item lists are, and would be once the waiting Adds are approved. */
  listLimits: protectedProcedure.query(({ ctx }) => listLimits(ctx.db)),
  /** Raises export candidates for local changes now, without waiting for the Web Connector. */
  discoverLocal: protectedProcedure.mutation(async ({ ctx }) => ({ raised: await discoverLocalChanges(ctx.db, new Date()) })),
  approve: protectedProcedure.input(approveInput).mutation(({ ctx, input }) => approveCandidates(ctx.db, input, ctx.user)),
  /** A record changed on both sides since the last sync, merged field by field (or one whole side) and approved. */
  resolveConflict: protectedProcedure.input(resolveInput).mutation(({ ctx, input }) => resolveConflict(ctx.db, input, ctx.user)),
  resolveMatch: protectedProcedure.input(resolveMatchInput).mutation(({ ctx, input }) => resolveMatch(ctx.db, input, ctx.user)),
  /** Office staff may link a 3100 to the record QuickBooks holds: linking creates nothing there. */
  linkFailed: protectedProcedure.input(linkFailedInput).mutation(({ ctx, input }) => linkFailedToQuickBooks(ctx.db, input, ctx.user)),
  renameAndResync: protectedProcedure.input(renameFailedInput).mutation(({ ctx, input }) => renameAndResync(ctx.db, input, ctx.user)),
  pending: protectedProcedure.input(reportListInput).query(({ ctx, input }) => listPending(ctx.db, input)),
  successful: protectedProcedure.input(reportListInput).query(({ ctx, input }) => listAttempts(ctx.db, "successful", input)),
  failed: protectedProcedure.input(reportListInput).query(({ ctx, input }) => listAttempts(ctx.db, "failed", input)),
  unsynced: protectedProcedure.input(unsyncedListInput).query(({ ctx, input }) => listUnsynced(ctx.db, input, ctx.user.role)),
  dismissFailures: protectedProcedure.input(dismissFailuresInput).mutation(({ ctx, input }) => dismissFailures(ctx.db, input, ctx.user)),
  restoreFailures: protectedProcedure.input(restoreFailuresInput).mutation(({ ctx, input }) => restoreFailures(ctx.db, input, ctx.user)),
  /** Who approved, cleared, resynced, cleared IDs, resolved or undid what, and when. */
  auditLog: protectedProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
  /** The run under way, per stage (discovery, sending, applying), with the failures it has met so far. */
  /** What each of these finished runs did (sent, applied, failed, matched), for the Web Connector runs page. */
  /** The latest run that ended and what it did, for the home page. */
  latestRun: protectedProcedure.query(({ ctx }) => latestRun(ctx.db)),
  runSummaries: protectedProcedure
    .input(z.object({ sessionIds: z.array(z.number().int().positive()).max(200) }))
    .query(({ ctx, input }) => runSummaries(ctx.db, input.sessionIds)),
  runProgress: protectedProcedure.query(({ ctx }) => currentRunProgress(ctx.db)),
  /** Summary counts per type on each side under the current sync settings (QuickBooks' as the last run saw them). */
  summary: protectedProcedure.query(({ ctx }) => syncSummary(ctx.db)),
  /** The dependency view: what a failed or left-out record holds back. */
  heldBack: protectedProcedure.input(heldBackInput).query(({ ctx, input }) => listHeldBack(ctx.db, input)),
  resync: protectedProcedure.input(idsInput).mutation(({ ctx, input }) => resyncItems(ctx.db, input.ids, ctx.user)),
  clearId: adminProcedure.input(idsInput).mutation(({ ctx, input }) => clearIds(ctx.db, input.ids, ctx.user)),
  /** A "deleted in QuickBooks" candidate answered by keeping the record here and dropping its link. */
  unlink: protectedProcedure.input(idsInput).mutation(({ ctx, input }) => unlinkDeleted(ctx.db, input.ids, ctx.user)),
  /** Where one customer, vendor, item, invoice or payment stands with QuickBooks, for its page. */
  recordStatus: protectedProcedure
    .input(z.object({ type: z.enum(SYNCED_RECORD_TYPES), id: z.number().int().positive() }))
    .query(({ ctx, input }) => recordSyncState(ctx.db, input.type, input.id, ctx.user.role)),
  preview: protectedProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .query(({ ctx, input }) => previewRequest(ctx.db, input.id)),
  /** The sync settings, and which stored ones could not be read and use their defaults. */
  settings: protectedProcedure.query(({ ctx }) => readSyncSettings(ctx.db)),
  /** The Status Code Reference Guide: every code with its meaning, common cause and resolution. */
  statusCodes: protectedProcedure.query(() => statusCodeGuide()),
  /** One guide entry, or null when the guide does not list the code. */
  statusCode: protectedProcedure
    .input(z.object({ code: z.string().trim().min(1).max(20) }))
    .query(({ input }) => findStatusCode(input.code) ?? null),
  saveSettings: adminProcedure.input(syncSettingsInput).mutation(({ ctx, input }) => saveSyncSettings(ctx.db, input, ctx.user)),
  /** Exports wait until the first import from QuickBooks is done; an admin may run that import again. */
  firstImport: createTRPCRouter({
    status: protectedProcedure.query(({ ctx }) => firstImportStatus(ctx.db)),
    runAgain: adminProcedure.mutation(({ ctx }) => {
      const now = new Date();
      return runFirstImportAgain(ctx.db, ctx.user, now, whileNoRun(now));
    }),
  }),
  /** Sync now and selective sync are requests the Web Connector's next run honours: a server cannot start it. */
  requests: createTRPCRouter({
    get: protectedProcedure.query(({ ctx }) => syncRequestsStatus(ctx.db)),
    syncNow: protectedProcedure.mutation(async ({ ctx }) => {
      await requestSyncNow(ctx.db, ctx.user, new Date());
      return syncRequestsStatus(ctx.db);
    }),
    selective: adminProcedure.input(selectiveSyncInput).mutation(async ({ ctx, input }) => {
      await requestSelectiveSync(ctx.db, input, ctx.user, new Date());
      return syncRequestsStatus(ctx.db);
    }),
    cancel: adminProcedure.input(cancelRequestInput).mutation(async ({ ctx, input }) => {
      await cancelSyncRequest(ctx.db, input.request, ctx.user, new Date());
      return syncRequestsStatus(ctx.db);
    }),
  }),
  /** What the latest run's imports changed here, and undoing it: local records only, QuickBooks is left as it is. */
  undoImport: createTRPCRouter({
    last: protectedProcedure.query(({ ctx }) => lastImportSummary(ctx.db)),
    run: adminProcedure.mutation(({ ctx }) => {
      const now = new Date();
      return undoLastImport(ctx.db, ctx.user, now, whileNoRun(now));
    }),
  }),
});
