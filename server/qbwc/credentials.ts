import { createHash, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { qbwcAuthFailures } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import { decoyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "@/server/auth/password";
import { claimSetting, readSetting, writeSetting } from "@/server/settings";

export const qbwcCredentialsInput = z.object({
  username: z.string().trim().min(1, "Enter a user name for the Web Connector.").max(100, "Keep the user name to 100 characters."),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for the password.`)
    .max(200, "Keep the password under 200 characters."),
});
export type QbwcCredentialsInput = z.infer<typeof qbwcCredentialsInput>;

/** Failed attempts that cost nothing extra; each one after that doubles the wait, up to the cap. */
export const FREE_AUTH_FAILURES = 3;
export const MAX_AUTH_DELAY_MS = 16_000;
/** A quiet quarter hour forgets earlier failures. */
const FAILURE_MEMORY_MS = 15 * 60_000;

const CREDENTIALS_KEY = "qbwc.credentials";

interface StoredCredentials {
  username: string;
  passwordHash: string;
}

/** The Web Connector user name (it goes into the .qwc file), or null before an admin sets one. */
export async function qbwcUsername(db: Queryable): Promise<string | null> {
  return (await readSetting<StoredCredentials>(db, CREDENTIALS_KEY))?.username ?? null;
}

/** Stores the Web Connector user name and password; an admin's change (`actor`) joins the audit log, never the password. */
export async function setQbwcCredentials(db: Queryable, input: QbwcCredentialsInput, actor?: Actor): Promise<void> {
  const { username, password } = qbwcCredentialsInput.parse(input);
  const stored: StoredCredentials = { username, passwordHash: await hashPassword(password) };
  const before = await qbwcUsername(db);
  await writeSetting(db, CREDENTIALS_KEY, stored, actor?.id);
  if (!actor) return;
  const said =
    before === username
      ? `Web Connector password changed for ${username}`
      : `Web Connector user name and password: ${before ?? "none"} → ${username}`;
  await recordAudit(db, actor, "settings", `${said}. A session open under the old ones stops at its next call.`);
}

/**
 * Which credentials are set now, as a digest a session keeps from its authenticate: when they change (another user
 * name, a new password, none at all), a session opened under the old ones may not go on receiving qbXML.
 */
export async function currentCredentialsId(db: Queryable): Promise<string | null> {
  const stored = await readSetting<StoredCredentials>(db, CREDENTIALS_KEY);
  return stored
    ? createHash("sha256")
        .update(`${usernameKey(stored.username)}\u0000${stored.passwordHash}`)
        .digest("hex")
        .slice(0, 32)
    : null;
}

/**
 * For automated deployments: QBWC_USERNAME/QBWC_PASSWORD become the credentials while none are stored.
 * Returns whether they were stored (another instance starting at the same moment may win instead).
 */
export async function ensureQbwcCredentialsFromEnv(db: Database, username?: string, password?: string): Promise<boolean> {
  if (!username || !password || (await qbwcUsername(db)) !== null) return false;
  const candidate: StoredCredentials = { username, passwordHash: await hashPassword(password) };
  const winner = await claimSetting(db, CREDENTIALS_KEY, candidate);
  return winner.passwordHash === candidate.passwordHash;
}

/**
 * Checks what QBWC sent to authenticate. The password is always run through bcrypt (against a decoy hash
 * when the user name is wrong or nothing is stored) so a wrong name answers as slowly as a wrong password.
 */
export async function verifyQbwcCredentials(db: Queryable, username: string, password: string): Promise<boolean> {
  const stored = await readSetting<StoredCredentials>(db, CREDENTIALS_KEY);
  const nameMatches = stored ? sameText(username, stored.username) : false;
  const passwordMatches = await verifyPassword(password, stored?.passwordHash ?? (await decoyPasswordHash()));
  return nameMatches && passwordMatches && stored !== undefined;
}

/**
 * Failed authenticates are counted per user name *and* source address: a stranger's flood slows the stranger, while the
 * office's Web Connector, calling from its own address with the right password, is answered at once.
 */
export interface AuthSource {
  username: string;
  /** The address the nearest proxy saw (server/qbwc/http.ts), or "direct". */
  address: string;
}

/** How long to hold an authenticate from this source before checking it, given its recent failures. */
export async function authDelayMs(db: Queryable, source: AuthSource, now: Date): Promise<number> {
  const [row] = await db
    .select()
    .from(qbwcAuthFailures)
    .where(eq(qbwcAuthFailures.usernameKey, failureKey(source)));
  if (!row || now.getTime() - row.lastFailureAt.getTime() > FAILURE_MEMORY_MS) return 0;
  const extra = row.failures - FREE_AUTH_FAILURES;
  return extra < 0 ? 0 : Math.min(1000 * 2 ** extra, MAX_AUTH_DELAY_MS);
}

export async function recordAuthFailure(db: Queryable, source: AuthSource, now: Date): Promise<void> {
  const key = failureKey(source);
  const stale = new Date(now.getTime() - FAILURE_MEMORY_MS);
  await db
    .insert(qbwcAuthFailures)
    .values({ usernameKey: key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: qbwcAuthFailures.usernameKey,
      // Counted in SQL so two instances failing at once both count.
      set: {
        failures: sql`CASE WHEN ${qbwcAuthFailures.lastFailureAt} < ${stale.getTime()} THEN 1 ELSE ${qbwcAuthFailures.failures} + 1 END`,
        lastFailureAt: now,
      },
    });
}

/** A success forgets its own source's failures only: another source's stay counted against it. */
export async function clearAuthFailures(db: Queryable, source: AuthSource): Promise<void> {
  await db.delete(qbwcAuthFailures).where(eq(qbwcAuthFailures.usernameKey, failureKey(source)));
}

function failureKey(source: AuthSource): string {
  return `${usernameKey(source.username)}\u0000${source.address.slice(0, 64)}`;
}

function usernameKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 100);
}

function sameText(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
