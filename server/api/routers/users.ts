import { adminProcedure, createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { changeUser, createUser, listUsers, newUserInput, unlockInput, unlockSignIn, userChangeInput } from "@/server/auth/users";

export const usersRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => ctx.user),
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure.input(newUserInput).mutation(({ ctx, input }) => createUser(ctx.db, input, ctx.user)),
  change: adminProcedure.input(userChangeInput).mutation(({ ctx, input }) => changeUser(ctx.db, input, ctx.user)),
  /** Lifts a sign-in lock after too many failed passwords. */
  unlock: adminProcedure.input(unlockInput).mutation(({ ctx, input }) => unlockSignIn(ctx.db, input)),
});
