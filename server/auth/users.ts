import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { loginThrottle, users } from "@/db/schema";
import { changeOf, recordAudit, type Actor } from "@/server/audit";
import { AppError } from "@/server/errors";
import { decoyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password";
import { ROLES, type SessionUser } from "@/lib/roles";

export const newUserInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  name: z.string().trim().min(1, "Enter the person's name.").max(80, "Keep the name to 80 characters."),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for the password.`)
    .max(200, "Keep the password under 200 characters."),
  role: z.enum(ROLES),
});
export type NewUserInput = z.infer<typeof newUserInput>;

export const userChangeInput = z.object({
  id: z.number().int().positive(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
});

/** Failed sign-ins allowed before the account is locked, and for how long. */
export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function listUsers(db: Queryable, now = Date.now()) {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      createdAt: users.createdAt,
      lockedUntil: loginThrottle.lockedUntil,
    })
    .from(users)
    .leftJoin(loginThrottle, eq(loginThrottle.emailKey, users.email))
    .orderBy(asc(users.name));
  // A lock that has run out is no lock: only a running one is shown, with Unlock beside it.
  return rows.map((row) => ({ ...row, lockedUntil: row.lockedUntil && row.lockedUntil.getTime() > now ? row.lockedUntil : null }));
}

export const unlockInput = z.object({ id: z.number().int().positive() });

/** An admin lifts a sign-in lock (the person called and is who they say): the count starts again from nothing. */
export async function unlockSignIn(db: Queryable, input: z.input<typeof unlockInput>): Promise<{ unlocked: boolean }> {
  const { id } = unlockInput.parse(input);
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, id));
  if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
  const removed = await db
    .delete(loginThrottle)
    .where(eq(loginThrottle.emailKey, user.email))
    .returning({ emailKey: loginThrottle.emailKey });
  return { unlocked: removed.length > 0 };
}

/** Adds a user; one an admin adds (`actor`) joins the audit log. */
export async function createUser(db: Queryable, input: NewUserInput, actor?: Actor): Promise<SessionUser> {
  const data = newUserInput.parse(input);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, data.email));
  if (existing) throw new AppError("CONFLICT", `A user with the email ${data.email} already exists.`, { field: "email" });
  const passwordHash = await hashPassword(data.password);
  const [created] = await db
    .insert(users)
    .values({ email: data.email, name: data.name, role: data.role, passwordHash, updatedBy: actor?.id ?? null })
    .returning();
  if (actor) await recordAudit(db, actor, "user", `Added ${data.name} (${data.email}) as ${data.role}.`);
  return toSessionUser(created!);
}

/** Creates the first admin; refused once anyone exists, so /setup cannot be replayed later. */
export async function setUpFirstAdmin(db: Database, input: Omit<NewUserInput, "role">): Promise<SessionUser> {
  const passwordHash = await hashPassword(newUserInput.shape.password.parse(input.password));
  const data = newUserInput.parse({ ...input, role: "admin" });
  return db.transaction(async (tx) => {
    if ((await countUsers(tx)) > 0) {
      throw new AppError("ALREADY_SET_UP", "Ledgerbridge is already set up. Sign in instead.");
    }
    const [created] = await tx.insert(users).values({ email: data.email, name: data.name, role: "admin", passwordHash }).returning();
    return toSessionUser(created!);
  });
}

/** For automated deployments: ADMIN_EMAIL/ADMIN_PASSWORD become the first admin while no user exists. */
export async function ensureAdminFromEnv(db: Database, email?: string, password?: string): Promise<boolean> {
  if (!email || !password || (await countUsers(db)) > 0) return false;
  try {
    await setUpFirstAdmin(db, { email, password, name: "Administrator" });
    return true;
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (error instanceof AppError && error.code === "ALREADY_SET_UP") return false;
    throw error;
  }
}

export async function changeUser(db: Database, change: z.infer<typeof userChangeInput>, actor: SessionUser) {
  const { id, role, active } = userChangeInput.parse(change);
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(users).where(eq(users.id, id));
    if (!target) throw new AppError("NOT_FOUND", "That user no longer exists.");
    const losesAdmin = target.role === "admin" && target.active && (role === "staff" || active === false);
    if (losesAdmin) {
      const [others] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, id)));
      if (!others?.n) {
        throw new AppError("CONFLICT", "Ledgerbridge needs at least one active admin. Make someone else an admin first.");
      }
    }
    if (target.id === actor.id && active === false) {
      throw new AppError("CONFLICT", "You cannot disable your own account.");
    }
    const next = { role: role ?? target.role, active: active ?? target.active };
    await tx
      .update(users)
      .set({ ...next, updatedAt: new Date(), updatedBy: actor.id })
      .where(eq(users.id, id));
    const changes = [
      changeOf("role", target.role, next.role),
      target.active === next.active ? null : next.active ? "enabled again" : "disabled (can no longer sign in)",
    ].filter((change) => change !== null);
    if (changes.length > 0) await recordAudit(tx, actor, "user", `${target.name} (${target.email}): ${changes.join("; ")}.`);
  });
}

/** The user behind a session, re-read on every request so a disabled account or a new role applies at once. */
export async function findActiveUser(db: Queryable, id: number): Promise<SessionUser | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  return row ? toSessionUser(row) : null;
}

/**
 * Checks a sign-in. Failures are counted per email in the database (so every instance sees them);
 * after LOCKOUT_AFTER_FAILURES the email is locked for LOCKOUT_MINUTES.
 */
export async function signInWithPassword(db: Database, emailInput: string, password: string): Promise<SessionUser> {
  const email = emailInput.trim().toLowerCase();
  const now = Date.now();
  // The attempt is counted before the password is compared, in one statement, so simultaneous guesses cannot all
  // read the same count: the sixth of twenty at once is refused without its password ever being checked.
  const attempt = await countAttempt(db, email, now);
  if (attempt.lockedUntil !== null && attempt.lockedUntil > now) throw lockedOut(attempt.lockedUntil, now);
  if (attempt.attempts > LOCKOUT_AFTER_FAILURES) throw lockedOut(await lock(db, email, now), now);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !matches) {
    if (attempt.attempts >= LOCKOUT_AFTER_FAILURES) await lock(db, email, now);
    throw new AppError("BAD_INPUT", "Wrong email or password.");
  }
  if (!user.active) throw new AppError("FORBIDDEN", "This account is disabled. Ask an admin to enable it.");
  await db.delete(loginThrottle).where(eq(loginThrottle.emailKey, email));
  return toSessionUser(user);
}

/** Counts one more sign-in attempt for the email (a lock that has run out starts the count again); returns the count. */
async function countAttempt(db: Database, emailKey: string, now: number): Promise<{ attempts: number; lockedUntil: number | null }> {
  const rows = await db.all<{ failures: number; locked_until: number | null }>(sql`
    INSERT INTO ${loginThrottle} (email_key, failures, last_failure_at, locked_until) VALUES (${emailKey}, 1, ${now}, NULL)
    ON CONFLICT (email_key) DO UPDATE SET
      failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN 1 ELSE failures + 1 END,
      locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN NULL ELSE locked_until END,
      last_failure_at = ${now}
    RETURNING failures, locked_until`);
  const row = rows[0]!;
  return { attempts: Number(row.failures), lockedUntil: row.locked_until === null ? null : Number(row.locked_until) };
}

/** Locks the email for LOCKOUT_MINUTES from now (a lock already running keeps its end); returns when it ends. */
async function lock(db: Database, emailKey: string, now: number): Promise<number> {
  const until = now + LOCKOUT_MINUTES * 60_000;
  const rows = await db.all<{ locked_until: number }>(sql`
    UPDATE ${loginThrottle} SET locked_until = CASE WHEN locked_until > ${now} THEN locked_until ELSE ${until} END
    WHERE email_key = ${emailKey} RETURNING locked_until`);
  return Number(rows[0]?.locked_until ?? until);
}

function lockedOut(lockedUntil: number, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((lockedUntil - now) / 60_000));
  return new AppError(
    "LOCKED_OUT",
    `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask an admin.`,
  );
}

function toSessionUser(row: typeof users.$inferSelect): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
