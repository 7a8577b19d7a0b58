import { db } from "@/db";
import { currentUser } from "@/server/auth/options";
import { auditCsv, auditCsvInput } from "@/server/sync/lists";
import { csvResponse, textResponse } from "../csv-response";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The audit log as CSV: the lines the page shows under its filters and sort, without a cap.
 * Query: action, q, sort, dir.
 */
export async function GET(request: Request) {
  if (!(await currentUser())) return textResponse("Sign in to download the audit log.", 401);
  const query = new URL(request.url).searchParams;
  const given = (key: string) => query.get(key) || undefined;
  const parsed = auditCsvInput.safeParse({ action: given("action"), search: given("q"), sort: given("sort"), direction: given("dir") });
  if (!parsed.success)
    return textResponse("That audit log link is not valid. Open the audit log and use its Download CSV button again.", 400);
  return csvResponse(auditCsv(db(), parsed.data), `audit-log-${new Date().toISOString().slice(0, 10)}.csv`);
}
