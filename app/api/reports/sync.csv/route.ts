import { db } from "@/db";
import { currentUser } from "@/server/auth/options";
import { reportCsvInput, syncReportCsv } from "@/server/sync/lists";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The Sync Report as CSV: exactly the rows a section shows under the page's filters and sort, streamed a page at
 * a time, so a years-long history downloads without a cap and without being held in memory.
 * Query: section (pending | successful | failed), type, q, from, to (ISO instants), sort, dir.
 */
export async function GET(request: Request) {
  if (!(await currentUser())) return text("Sign in to download the Sync Report.", 401);
  const query = new URL(request.url).searchParams;
  const given = (key: string) => query.get(key) || undefined;
  const parsed = reportCsvInput.safeParse({
    section: given("section"),
    entityType: given("type"),
    search: given("q"),
    from: given("from"),
    to: given("to"),
    sort: given("sort"),
    direction: given("dir"),
  });
  if (!parsed.success) return text("That report link is not valid. Open the Sync Report and use its Download CSV button again.", 400);

  const lines = syncReportCsv(db(), parsed.data);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    // The byte order mark makes Excel read the file as UTF-8, so names with accents stay intact.
    start: (controller) => controller.enqueue(encoder.encode("\uFEFF")),
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="sync-report-${parsed.data.section}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

function text(message: string, status: number) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
