import { and, asc, count, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { loginThrottle, users } from "@/db/schema";
import { AppError } from "@/server/errors";
import { decoyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password";
import { ROLES, type SessionUser } from "./roles";

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

export async function listUsers(db: Queryable) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.name));
}

export async function createUser(db: Queryable, input: NewUserInput, actorId?: number): Promise<SessionUser> {
  const data = newUserInput.parse(input);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, data.email));
  if (existing) throw new AppError("CONFLICT", `A user with the email ${data.email} already exists.`, { field: "email" });
  const [created] = await db
    .insert(users)
    .values({
      email: data.email,
      name: data.name,
      role: data.role,
      passwordHash: await hashPassword(data.password),
      updatedBy: actorId ?? null,
    })
    .returning();
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
    const [created] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, role: "admin", passwordHash })
      .returning();
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
    await tx
      .update(users)
      .set({ role: role ?? target.role, active: active ?? target.active, updatedAt: new Date(), updatedBy: actor.id })
      .where(eq(users.id, id));
  });
}

/** The user behind a session, re-read on every request so a disabled account or a new role applies at once. */
export async function findActiveUser(db: Queryable, id: number): Promise<SessionUser | null> {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), eq(users.active, true)));
  return row ? toSessionUser(row) : null;
}

/**
 * Checks a sign-in. Failures are counted per email in the database (so every instance sees them);
 * after LOCKOUT_AFTER_FAILURES the email is locked for LOCKOUT_MINUTES.
 */
export async function signInWithPassword(db: Database, emailInput: string, password: string): Promise<SessionUser> {
  const email = emailInput.trim().toLowerCase();
  const now = Date.now();
  const [throttle] = await db.select().from(loginThrottle).where(eq(loginThrottle.emailKey, email));
  if (throttle?.lockedUntil && throttle.lockedUntil.getTime() > now) {
    const minutes = Math.ceil((throttle.lockedUntil.getTime() - now) / 60_000);
    throw new AppError(
      "LOCKED_OUT",
      `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask an admin.`,
    );
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !matches) {
    await recordFailedSignIn(db, email, throttle?.lockedUntil ? 0 : (throttle?.failures ?? 0), now);
    throw new AppError("BAD_INPUT", "Wrong email or password.");
  }
  if (!user.active) throw new AppError("FORBIDDEN", "This account is disabled. Ask an admin to enable it.");
  if (throttle) await db.delete(loginThrottle).where(eq(loginThrottle.emailKey, email));
  return toSessionUser(user);
}

async function recordFailedSignIn(db: Database, emailKey: string, previousFailures: number, now: number) {
  const failures = previousFailures + 1;
  const lockedUntil = failures >= LOCKOUT_AFTER_FAILURES ? new Date(now + LOCKOUT_MINUTES * 60_000) : null;
  const row = { emailKey, failures: lockedUntil ? 0 : failures, lastFailureAt: new Date(now), lockedUntil };
  await db.insert(loginThrottle).values(row).onConflictDoUpdate({ target: loginThrottle.emailKey, set: row });
}

function toSessionUser(row: typeof users.$inferSelect): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
