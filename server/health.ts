import type { Database } from "@/db";

export type HealthReport = { ok: true } | { ok: false; reason: string };

/** The app is healthy when the database answers a query. */
export async function checkDatabase(db: Database): Promise<HealthReport> {
  try {
    await db.$client.execute("SELECT 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `The database did not answer: ${describeCause(error)}` };
  }
}

export function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message !== error.message ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
