import { create } from "xmlbuilder2";
import type { Queryable } from "@/db";
import { AppError } from "@/server/errors";
import { qbwcUsername } from "./credentials";
import { webConnectorUrlProblem } from "./public-url";
import { configuredPublicUrl, qwcIds, runEveryNMinutes } from "./settings";

export const QWC_FILE_NAME = "ledgerbridge.qwc";
export const APP_NAME = "Ledgerbridge";
/** QBWC shows this next to the application; it should stay under about 80 characters. */
const APP_DESCRIPTION = "Syncs customers, vendors, items, invoices and payments with Ledgerbridge";

/** The SOAP endpoint and the support page, both under the public URL (QBWC wants them on one domain). */
export function webConnectorUrls(publicUrl: string): { appUrl: string; supportUrl: string } {
  return { appUrl: `${publicUrl}/qbwc`, supportUrl: `${publicUrl}/support` };
}

/** Why no .qwc file can be made yet, as a sentence saying what to do, or null when it can. */
export async function qwcProblem(db: Queryable, envPublicUrl: string | undefined): Promise<string | null> {
  const publicUrl = await configuredPublicUrl(db, envPublicUrl);
  if (!publicUrl) {
    return "Set the public URL first: the https:// address where the Web Connector reaches Ledgerbridge (Settings → Web Connector, or PUBLIC_URL).";
  }
  const urlProblem = webConnectorUrlProblem(new URL(publicUrl.url));
  if (urlProblem) return urlProblem;
  if (!(await qbwcUsername(db))) {
    return "Set the Web Connector user name and password first (Settings → Web Connector).";
  }
  return null;
}

/** The .qwc file the QuickBooks computer adds to the Web Connector; refused with an AppError while QBWC would reject it. */
export async function buildQwcFile(db: Queryable, envPublicUrl: string | undefined): Promise<string> {
  const problem = await qwcProblem(db, envPublicUrl);
  if (problem) throw new AppError("CONFLICT", problem);
  const { url } = (await configuredPublicUrl(db, envPublicUrl))!;
  const { appUrl, supportUrl } = webConnectorUrls(url);
  const { ownerId, fileId } = await qwcIds(db);

  const root = create({ version: "1.0", encoding: "utf-8" }).ele("QBWCXML");
  root.ele("AppName").txt(APP_NAME);
  root.ele("AppID");
  root.ele("AppURL").txt(appUrl);
  root.ele("AppDescription").txt(APP_DESCRIPTION);
  root.ele("AppSupport").txt(supportUrl);
  root.ele("UserName").txt((await qbwcUsername(db))!);
  root.ele("OwnerID").txt(ownerId);
  root.ele("FileID").txt(fileId);
  root.ele("QBType").txt("QBFS");
  root
    .ele("Scheduler")
    .ele("RunEveryNMinutes")
    .txt(String(await runEveryNMinutes(db)));
  root.ele("IsReadOnly").txt("false");
  // <AppID></AppID> as Intuit's samples write it, rather than the equivalent <AppID/>.
  return root.end({ prettyPrint: true, allowEmptyTags: true });
}
