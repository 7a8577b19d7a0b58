import type { Database, Queryable } from "@/db";
import { recordAudit } from "@/server/audit";
import type { SessionUser } from "@/lib/roles";
import { claimSetting, deleteSetting, readSetting, writeSetting } from "@/server/settings";

/** What Settings shows about the one company file Ledgerbridge syncs with, the one the first run bound it to. */
export interface CompanyFileStatus {
  bound: { path: string; companyName: string | null; boundAt: Date; replaced: string | null } | null;
  /** An admin released the binding: the next company file that connects is bound. */
  rebindRequested: { at: Date; by: string; previousPath: string | null } | null;
}

/** The company file a Web Connector run opened, from the first sendRequestXML of its session. */
export interface OpenedCompanyFile {
  /** strCompanyFileName: the full path of the .QBW open in QuickBooks. */
  path: string;
  companyName: string | null;
  sessionId: number;
  now: Date;
}

/**
 * The first run binds Ledgerbridge to its company file; a run from any other file gets the sentence the Web Connector
 * shows (via getLastError) saying why it was refused and what to do. claimSetting makes two first runs on two
 * instances agree on one file. Returns null when the run may go on.
 */
export async function refusedCompanyFile(db: Queryable, opened: OpenedCompanyFile): Promise<string | null> {
  // QBWC always passes the path; a client that does not cannot be told apart, so it is not refused.
  if (!opened.path.trim()) return null;
  const rebind = await readSetting<StoredRebind>(db, REBIND_KEY);
  const candidate: StoredBinding = {
    path: opened.path.trim(),
    companyName: opened.companyName,
    boundAt: opened.now.toISOString(),
    sessionId: opened.sessionId,
    replaced: rebind?.previous?.path ?? null,
  };
  const bound = await claimSetting(db, BINDING_KEY, candidate);
  if (samePath(bound.path, opened.path)) return null;
  return (
    `QuickBooks has the company file ${opened.path.trim()} open, but Ledgerbridge syncs only with ${bound.path}, so this run was stopped before anything was read or sent. ` +
    `Open ${bound.path} in QuickBooks and run the Web Connector again. If Ledgerbridge should sync with this company file from now on, ` +
    `an admin chooses "Rebind to the next company file that connects" in Ledgerbridge's Settings first.`
  );
}

export async function companyFileStatus(db: Queryable): Promise<CompanyFileStatus> {
  const [bound, rebind] = await Promise.all([readSetting<StoredBinding>(db, BINDING_KEY), readSetting<StoredRebind>(db, REBIND_KEY)]);
  return {
    bound: bound
      ? { path: bound.path, companyName: bound.companyName, boundAt: new Date(bound.boundAt), replaced: bound.replaced ?? null }
      : null,
    rebindRequested:
      !bound && rebind
        ? { at: new Date(rebind.requestedAt), by: rebind.requestedBy.name, previousPath: rebind.previous?.path ?? null }
        : null,
  };
}

/** "Rebind to the next company file that connects" (admins): releases the binding on purpose, in the audit log. */
export async function rebindCompanyFile(db: Database, user: SessionUser, now: Date): Promise<CompanyFileStatus> {
  await db.transaction(async (tx) => {
    const previous = (await readSetting<StoredBinding>(tx, BINDING_KEY)) ?? null;
    const note: StoredRebind = { requestedAt: now.toISOString(), requestedBy: { id: user.id, name: user.name }, previous };
    await writeSetting(tx, REBIND_KEY, note, user.id);
    await deleteSetting(tx, BINDING_KEY);
    const detail = previous
      ? `Released the QuickBooks company file ${previous.path}: the next company file that connects is bound.`
      : "Asked to bind the next company file that connects.";
    await recordAudit(tx, user, "settings", detail, now);
  });
  return companyFileStatus(db);
}

const BINDING_KEY = "qbwc.companyFile";
const REBIND_KEY = "qbwc.companyFile.rebind";

interface StoredBinding {
  path: string;
  companyName: string | null;
  boundAt: string;
  /** The run-log row of the run that bound it. */
  sessionId: number;
  /** The file bound before an admin asked to rebind. */
  replaced?: string | null;
}

interface StoredRebind {
  requestedAt: string;
  requestedBy: { id: number; name: string };
  previous: StoredBinding | null;
}

/** Windows paths: the same file whatever the case or slash direction. */
function samePath(a: string, b: string): boolean {
  const normal = (path: string) => path.trim().replace(/\//g, "\\").toLowerCase();
  return normal(a) === normal(b);
}
