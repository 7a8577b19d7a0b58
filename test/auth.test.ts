import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import type { SessionUser } from "@/lib/roles";
import { LOCKOUT_AFTER_FAILURES, setUpFirstAdmin, signInWithPassword } from "@/server/auth/users";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";

let db: Database;
let admin: SessionUser;

beforeAll(async () => {
  db = await createTestDatabase();
});

describe("first-run setup", () => {
  it("says setup is needed while no user exists", async () => {
    expect(await callerFor(db, null).setup.status()).toEqual({ needsSetup: true });
  });

  it("creates the first admin once and refuses a second setup", async () => {
    const caller = callerFor(db, null);
    await caller.setup.createFirstAdmin({ name: "Dana", email: "Dana@Example.com", password: "correct horse battery" });
    expect(await caller.setup.status()).toEqual({ needsSetup: false });
    await expect(
      caller.setup.createFirstAdmin({ name: "Mallory", email: "mallory@example.com", password: "another long password" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already set up") });
    admin = await signInWithPassword(db, "dana@example.com", "correct horse battery");
    expect(admin.role).toBe("admin");
  });

  it("refuses a first admin with a short password, saying how long it must be", async () => {
    const fresh = await createTestDatabase();
    await expect(setUpFirstAdmin(fresh, { name: "X", email: "x@example.com", password: "short" })).rejects.toThrow(
      "at least 10 characters",
    );
  });
});

describe("roles", () => {
  it("refuses admin procedures to staff with FORBIDDEN", async () => {
    const staff = await createTestUser(db, "staff");
    await expect(callerFor(db, staff).users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses every procedure but health and setup without a session", async () => {
    const anonymous = callerFor(db, null);
    await expect(anonymous.users.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.invoices.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await anonymous.health.check()).toEqual({ ok: true });
  });

  it("lets an admin add a user, change the role and disable them, and a disabled user cannot sign in", async () => {
    const caller = callerFor(db, admin);
    const created = await caller.users.create({ name: "Sam", email: "sam@example.com", password: "sam's long password", role: "staff" });
    await caller.users.change({ id: created.id, role: "admin" });
    await caller.users.change({ id: created.id, active: false });
    const listed = (await caller.users.list()).find((user) => user.email === "sam@example.com");
    expect(listed).toMatchObject({ role: "admin", active: false });
    await expect(signInWithPassword(db, "sam@example.com", "sam's long password")).rejects.toThrow("disabled");
  });

  it("keeps at least one active admin", async () => {
    await expect(callerFor(db, admin).users.change({ id: admin.id, role: "staff" })).rejects.toMatchObject({
      message: expect.stringContaining("at least one active admin"),
    });
  });
});

describe("sign-in", () => {
  it("says the password is wrong without telling whether the email exists", async () => {
    await expect(signInWithPassword(db, "nobody@example.com", "whatever password")).rejects.toThrow("Wrong email or password.");
    await expect(signInWithPassword(db, "dana@example.com", "wrong password")).rejects.toThrow("Wrong email or password.");
  });

  it(`locks an email for a while after ${LOCKOUT_AFTER_FAILURES} failed sign-ins, even with the right password`, async () => {
    const user = await createTestUser(db, "staff");
    for (let attempt = 0; attempt < LOCKOUT_AFTER_FAILURES; attempt += 1) {
      await expect(signInWithPassword(db, user.email, "wrong password")).rejects.toThrow();
    }
    await expect(signInWithPassword(db, user.email, "correct horse battery")).rejects.toThrow(/Try again in 15 minutes/);
  });

  it(`checks at most ${LOCKOUT_AFTER_FAILURES} of twenty simultaneous wrong passwords, and the right one then waits for the lock`, async () => {
    const user = await createTestUser(db, "staff");
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => signInWithPassword(db, user.email, "wrong password")));
    const messages = outcomes.map((outcome) => (outcome.status === "rejected" ? String((outcome.reason as Error).message) : "signed in"));
    // Only a password that was compared can be "wrong"; the others were refused before their hash was checked.
    expect(messages.filter((message) => message === "Wrong email or password.").length).toBeLessThanOrEqual(LOCKOUT_AFTER_FAILURES);
    expect(messages.filter((message) => message.startsWith("Too many failed sign-ins")).length).toBeGreaterThanOrEqual(
      20 - LOCKOUT_AFTER_FAILURES,
    );
    await expect(signInWithPassword(db, user.email, "correct horse battery")).rejects.toThrow(/Try again in 15 minutes/);
  });

  it("lets an admin see a locked sign-in and lift the lock, so the person can sign in at once", async () => {
    const user = await createTestUser(db, "staff");
    for (let attempt = 0; attempt < LOCKOUT_AFTER_FAILURES; attempt += 1) {
      await expect(signInWithPassword(db, user.email, "wrong password")).rejects.toThrow();
    }
    const caller = callerFor(db, admin);
    const listed = (await caller.users.list()).find((row) => row.id === user.id)!;
    expect(listed.lockedUntil).toBeInstanceOf(Date);
    await expect(callerFor(db, user).users.unlock({ id: user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await caller.users.unlock({ id: user.id })).toEqual({ unlocked: true });
    expect((await caller.users.list()).find((row) => row.id === user.id)!.lockedUntil).toBeNull();
    expect(await signInWithPassword(db, user.email, "correct horse battery")).toMatchObject({ email: user.email });
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const user = await createTestUser(db, "staff");
    for (let attempt = 0; attempt < LOCKOUT_AFTER_FAILURES - 1; attempt += 1) {
      await expect(signInWithPassword(db, user.email, "wrong password")).rejects.toThrow();
    }
    await signInWithPassword(db, user.email, "correct horse battery");
    await expect(signInWithPassword(db, user.email, "wrong password")).rejects.toThrow("Wrong email or password.");
    expect(await signInWithPassword(db, user.email, "correct horse battery")).toMatchObject({ email: user.email });
  });
});
