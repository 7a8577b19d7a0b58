import { db } from "@/db";
import { handleQbwcHttp } from "@/server/qbwc/http";

// The QuickBooks Web Connector's SOAP endpoint (the .qwc AppURL). No session login: QBWC authenticates
// through the SOAP authenticate call.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request) {
  return handleQbwcHttp(db(), request);
}

export function POST(request: Request) {
  return handleQbwcHttp(db(), request);
}
