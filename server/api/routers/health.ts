import { createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import { checkDatabase } from "@/server/health";

export const healthRouter = createTRPCRouter({
  check: publicProcedure.query(({ ctx }) => checkDatabase(ctx.db)),
});
