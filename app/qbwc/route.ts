import { db } from "@/db";
import { handleQbwcHttp } from "@/server/qbwc/http";
import { syncEngine } from "@/server/sync/engine";

// The QuickBooks Web Connector's SOAP endpoint (the .qwc AppURL). No session login: QBWC authenticates
// through the SOAP authenticate call. Here the Web Connector service meets the sync engine it drives.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request) {
  return handleQbwcHttp(db(), request, { engine: syncEngine });
}

export function POST(request: Request) {
  return handleQbwcHttp(db(), request, { engine: syncEngine });
}
