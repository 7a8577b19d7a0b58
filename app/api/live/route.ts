import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { db } from "@/db";
import { authSecret } from "@/server/auth/secret";
import { readLiveVersion, sharedLiveVersion } from "@/server/live/version";

export const dynamic = "force-dynamic";

// Pages poll about once a second; a quarter second of sharing keeps the answer fresh enough for a 2-second promise.
const currentVersion = sharedLiveVersion(() => readLiveVersion(db()), 250);

/** The live version for a signed-in page: when it differs from the last one seen, the page refreshes what it shows. */
export async function GET(request: NextRequest) {
  const token = await getToken({ req: request, secret: await authSecret(db()) });
  if (!token) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  return Response.json({ version: await currentVersion() }, { headers: { "Cache-Control": "no-store" } });
}
