import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { listRuns, runsInput } from "@/server/qbwc/sessions";

export const webConnectorRouter = createTRPCRouter({
  /** Web Connector sessions, newest first: how each ended, which company and QuickBooks, how far it got. */
  runs: protectedProcedure.input(runsInput).query(({ ctx, input }) => listRuns(ctx.db, input)),
});
