import { TRPCClientError } from "@trpc/client";

export interface FormErrors {
  /** A sentence for the top of the form, or null when the field messages say it all. */
  message: string | null;
  fields: Record<string, string>;
}

/** Turns a failed mutation into per-field messages and one summary sentence. */
export function formErrors(error: unknown): FormErrors {
  if (!error) return { message: null, fields: {} };
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string> | null; field?: string | null } | undefined;
    if (data?.fieldErrors) {
      // Updates send { id, data: {...} }; the form's fields are the keys inside data.
      const fields = Object.fromEntries(Object.entries(data.fieldErrors).map(([key, text]) => [key.replace(/^data\./, ""), text]));
      return { message: "Some fields need attention — see the messages below them.", fields };
    }
    if (data?.field) return { message: null, fields: { [data.field]: error.message } };
    return { message: error.message, fields: {} };
  }
  return { message: "Ledgerbridge could not reach the server. Check your connection and try again.", fields: {} };
}
