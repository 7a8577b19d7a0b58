import { createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import { countUsers, newUserInput, setUpFirstAdmin } from "@/server/auth/users";

const firstAdminInput = newUserInput.omit({ role: true });

/** The only procedures besides health that work without a session: they exist for the very first visit. */
export const setupRouter = createTRPCRouter({
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: (await countUsers(ctx.db)) === 0 })),
  createFirstAdmin: publicProcedure.input(firstAdminInput).mutation(async ({ ctx, input }) => {
    const admin = await setUpFirstAdmin(ctx.db, input);
    return { email: admin.email };
  }),
});
