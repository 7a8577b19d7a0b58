import type { Database } from "@/db";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/lib/roles";
import { createUser } from "@/server/auth/users";
import { createTestDatabase } from "./database";

let counter = 0;

/** A user of the given role, created in the database, for calling procedures as that person. */
export async function createTestUser(db: Database, role: SessionUser["role"]): Promise<SessionUser> {
  counter += 1;
  return createUser(db, {
    email: `${role}${counter}@example.com`,
    name: `Test ${role} ${counter}`,
    password: "correct horse battery",
    role,
  });
}

/** Calls procedures the way the pages do, as the given person (or nobody). */
export function callerFor(db: Database, user: SessionUser | null) {
  return createCaller({ db, user });
}

/** A fresh database with an admin signed in: the set-up most service tests start from. */
export async function freshDatabaseWithAdmin() {
  const db = await createTestDatabase();
  const admin = await createTestUser(db, "admin");
  return { db, admin, caller: callerFor(db, admin) };
}
