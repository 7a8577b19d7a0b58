import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { env } from "@/server/env";
import { listRuns, runsInput } from "@/server/qbwc/sessions";
import { connectorStatus } from "@/server/qbwc/status";

export const webConnectorRouter = createTRPCRouter({
  /** Web Connector sessions, newest first: how each ended, which company and QuickBooks, how far it got. */
  runs: protectedProcedure.input(runsInput).query(({ ctx, input }) => listRuns(ctx.db, input)),
  /** The header dot: running, reached lately, late by two scheduled runs, failing, or never connected. */
  status: protectedProcedure.query(({ ctx }) => connectorStatus(ctx.db, new Date(), env().QBWC_SESSION_IDLE_MINUTES)),
});
