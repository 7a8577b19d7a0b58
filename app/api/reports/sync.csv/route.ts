import { db } from "@/db";
import { currentUser } from "@/server/auth/options";
import { reportCsvInput, syncReportCsv } from "@/server/sync/lists";
import { csvResponse, textResponse } from "../csv-response";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The Sync Report as CSV: exactly the rows a section shows under the page's filters and sort, streamed a page at
 * a time, so a years-long history downloads without a cap and without being held in memory.
 * Query: section (pending | successful | failed), type, q, from, to (ISO instants), run (a session id), sort, dir.
 */
export async function GET(request: Request) {
  if (!(await currentUser())) return textResponse("Sign in to download the Sync Report.", 401);
  const query = new URL(request.url).searchParams;
  const given = (key: string) => query.get(key) || undefined;
  const parsed = reportCsvInput.safeParse({
    section: given("section"),
    entityType: given("type"),
    search: given("q"),
    from: given("from"),
    to: given("to"),
    run: given("run"),
    sort: given("sort"),
    direction: given("dir"),
  });
  if (!parsed.success)
    return textResponse("That report link is not valid. Open the Sync Report and use its Download CSV button again.", 400);

  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(syncReportCsv(db(), parsed.data), `sync-report-${parsed.data.section}-${day}.csv`);
}
