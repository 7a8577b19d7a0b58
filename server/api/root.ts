import { createCallerFactory, createTRPCRouter } from "./trpc";
import { contactRouter } from "./routers/contacts";
import { healthRouter } from "./routers/health";
import { setupRouter } from "./routers/setup";
import { usersRouter } from "./routers/users";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  setup: setupRouter,
  users: usersRouter,
  customers: contactRouter("customer"),
  vendors: contactRouter("vendor"),
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
