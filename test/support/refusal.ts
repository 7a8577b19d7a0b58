import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError } from "@/server/errors";

export interface Refusal {
  code: TRPCError["code"];
  message: string;
  /** The message shown next to each form field, keyed like "lines.1.itemId". */
  fields: Record<string, string>;
}

/** How a call was refused, as a form would show it; fails the test if the call succeeds. */
export async function refusal(call: Promise<unknown>): Promise<Refusal> {
  const error = await call.then(
    () => {
      throw new Error("Expected the call to be refused, but it succeeded.");
    },
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw error;
  const fields: Record<string, string> = {};
  if (error.cause instanceof ZodError) {
    for (const issue of error.cause.issues) fields[issue.path.join(".")] ??= issue.message;
  }
  if (error.cause instanceof AppError && error.cause.field) fields[error.cause.field] = error.cause.message;
  return { code: error.code, message: error.message, fields };
}
