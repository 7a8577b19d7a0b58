import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "@/scripts/app-server";

// Two instances on one database must behave as one: nothing a later request needs lives in memory.
let first: AppServer;
let second: AppServer;

beforeAll(async () => {
  const databaseUrl = `file:${path.join(mkdtempSync(path.join(tmpdir(), "ledgerbridge-shared-")), "shared.db")}`;
  const admin = { ADMIN_EMAIL: "owner@example.com", ADMIN_PASSWORD: "a long enough password", DATABASE_URL: databaseUrl };
  first = await startAppServer(admin);
  second = await startAppServer(admin);
});
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

async function signIn(server: AppServer, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return [...cookies, ...response.headers.getSetCookie().map((cookie) => cookie.split(";")[0])].join("; ");
}

async function whoAmI(server: AppServer, cookie: string) {
  const response = await fetch(`${server.url}/api/trpc/users.me`, { headers: { cookie } });
  return { status: response.status, body: JSON.stringify(await response.json()) };
}

describe("two instances on one database", () => {
  it("accept a session signed in on the other one", async () => {
    const cookie = await signIn(first, "owner@example.com", "a long enough password");
    expect((await whoAmI(first, cookie)).body).toContain("owner@example.com");
    const onSecond = await whoAmI(second, cookie);
    expect(onSecond.status).toBe(200);
    expect(onSecond.body).toContain("owner@example.com");
  });

  it("count failed sign-ins together, so guessing on both does not double the tries", async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await signIn(attempt % 2 === 0 ? first : second, "owner@example.com", "wrong password");
    }
    const cookie = await signIn(second, "owner@example.com", "a long enough password");
    expect((await whoAmI(second, cookie)).status).toBe(401);
  });
});
