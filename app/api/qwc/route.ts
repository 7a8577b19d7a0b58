import { db } from "@/db";
import { currentUser } from "@/server/auth/options";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { buildQwcFile, QWC_FILE_NAME } from "@/server/qbwc/qwc";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Downloads ledgerbridge.qwc for the Web Connector; admins only. */
export async function GET() {
  const user = await currentUser();
  if (!user) return text("Sign in as an admin to download the Web Connector file.", 401);
  if (user.role !== "admin") return text("Only an admin can download the Web Connector file. Ask an admin of Ledgerbridge.", 403);
  try {
    const qwc = await buildQwcFile(db(), env().PUBLIC_URL);
    return new Response(qwc, {
      headers: {
        "Content-Type": "text/xml; charset=utf-8",
        "Content-Disposition": `attachment; filename="${QWC_FILE_NAME}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return text(error.message, 409);
    throw error;
  }
}

function text(message: string, status: number) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
