/**
 * The one error type services throw. It carries a sentence a person can act on; the tRPC layer,
 * the SOAP service and the pages each map it once (server/api/trpc.ts, server/qbwc).
 */
export type AppErrorCode = "BAD_INPUT" | "NOT_FOUND" | "NAME_IN_USE" | "CONFLICT" | "FORBIDDEN" | "LOCKED_OUT" | "ALREADY_SET_UP";

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** The form field the message is about, when there is one. */
  readonly field?: string;

  constructor(code: AppErrorCode, message: string, options: { field?: string } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
  }
}
