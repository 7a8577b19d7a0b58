import "server-only";

import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { db, type Database } from "@/db";
import { currentUser } from "@/server/auth/options";
import type { SessionUser } from "@/lib/roles";
import { AppError, type AppErrorCode } from "@/server/errors";
import { databaseFault } from "@/server/health";

export interface Context {
  db: Database;
  user: SessionUser | null;
}

export async function createContext(): Promise<Context> {
  return { db: db(), user: await currentUser() };
}

const TRPC_CODES: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_INPUT: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  NAME_IN_USE: "CONFLICT",
  CONFLICT: "CONFLICT",
  FORBIDDEN: "FORBIDDEN",
  LOCKED_OUT: "TOO_MANY_REQUESTS",
  ALREADY_SET_UP: "CONFLICT",
};

const INTERNAL_MESSAGE = "Something went wrong on the server. Try again; if it keeps happening, check the server log.";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const internal = error.code === "INTERNAL_SERVER_ERROR" && !(cause instanceof AppError);
    const issues = validationIssuesOf(cause);
    return {
      ...shape,
      message: internal ? (databaseFault(cause) ?? INTERNAL_MESSAGE) : issues ? "Some fields need attention." : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        field: cause instanceof AppError ? (cause.field ?? null) : null,
        fieldErrors: issues ? fieldErrorsOf(issues) : null,
      },
    };
  },
});

/** Domain errors become tRPC errors here and nowhere else. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });
  }
  // A database that cannot take a write is said as such, not as "something went wrong".
  const fault = result.ok ? null : databaseFault(result.error.cause ?? result.error);
  if (!result.ok && fault) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: fault, cause: result.error.cause });
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapAppErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only an admin can do this. Ask an admin of Ledgerbridge." });
  }
  return next({ ctx });
});

interface ValidationIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
}

/**
 * Input validation failures: a ZodError thrown by a service, or the Standard Schema error tRPC raises
 * when a procedure's zod input rejects the request.
 */
function validationIssuesOf(cause: unknown): ValidationIssue[] | null {
  if (cause instanceof ZodError) return cause.issues;
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as ValidationIssue[]) : null;
}

function fieldErrorsOf(issues: ValidationIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = (issue.path ?? []).map((part) => String(typeof part === "object" ? part.key : part)).join(".");
    errors[key] ??= issue.message;
  }
  return errors;
}
