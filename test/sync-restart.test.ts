import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db";
import { contacts, qbwcSessions } from "@/db/schema";
import { TAKEOVER_AFTER_MS } from "@/server/qbwc/sessions";
import { parseSessionFault, SimulatedCompany, SimulatedWebConnector, type SessionFault } from "@/scripts/simulator";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { callerFor, createTestUser } from "./support/callers";
import { testClock } from "./support/simulator";

const USERNAME = "office-pc";
const PASSWORD = "correct horse battery";
const CUSTOMERS = 150;

let servers: AppServer[] = [];

afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  servers = [];
});

async function startServer(databaseUrl: string): Promise<AppServer> {
  const server = await startAppServer({
    DATABASE_URL: databaseUrl,
    QBWC_USERNAME: USERNAME,
    QBWC_PASSWORD: PASSWORD,
    ADMIN_EMAIL: "owner@example.com",
    ADMIN_PASSWORD: "a long enough password",
  });
  servers.push(server);
  return server;
}

function connector(server: AppServer, company: SimulatedCompany, faults: SessionFault[] = []) {
  return new SimulatedWebConnector({ url: `${server.url}/qbwc`, username: USERNAME, password: PASSWORD, company, faults, noOpDelayMs: 0 });
}

/** Customers made and approved in Ledgerbridge, through the services, on the server's database file. */
async function approvedCustomers(db: Database, count: number) {
  const caller = callerFor(db, await createTestUser(db, "admin"));
  const rows = Array.from({ length: count }, (_, index) => ({
    kind: "customer" as const,
    name: `Customer ${index}`,
    nameKey: `customer ${index}`,
  }));
  await db.insert(contacts).values(rows);
  await caller.sync.discoverLocal();
  await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });
  return caller;
}

/**
 * QBWC runs again on its schedule, more than a minute later. The killed server left its session active, and a
 * session silent for a minute is taken over; moving its last call back stands in for waiting that minute.
 */
async function aMinuteLater(db: Database) {
  await db
    .update(qbwcSessions)
    .set({ lastCallAt: new Date(Date.now() - TAKEOVER_AFTER_MS - 1000) })
    .where(eq(qbwcSessions.status, "active"));
}

describe("a server killed mid-drain and started again", () => {
  for (const fault of ["lost-response", "abandon:2"]) {
    it(`resumes the run after "${fault}": every approved customer reaches QuickBooks exactly once`, async () => {
      const databaseUrl = `file:${path.join(mkdtempSync(path.join(tmpdir(), "ledgerbridge-restart-")), "app.db")}`;
      const first = await startServer(databaseUrl);
      const db = openDatabase(databaseUrl);
      const company = new SimulatedCompany({ now: testClock().now, starterLists: false });
      // The first run finds nothing in QuickBooks to import, so the first import is done and exports may be approved.
      expect((await connector(first, company).run()).outcome).toBe("completed");
      const caller = await approvedCustomers(db, CUSTOMERS);

      const broken = await connector(first, company, [parseSessionFault(fault)]).run();
      expect(broken.outcome).toBe(fault === "lost-response" ? "lost-response" : "abandoned");
      expect(company.count("Customer")).toBeLessThan(CUSTOMERS);
      await first.stop();
      company.endSession();

      const second = await startServer(databaseUrl);
      await aMinuteLater(db);
      const resumed = await connector(second, company).run();
      expect(resumed.outcome, resumed.error).toBe("completed");

      const names = company.list("Customer").map((customer) => customer.Name);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toHaveLength(CUSTOMERS);
      expect((await caller.sync.successful({ pageSize: 1 })).total).toBe(CUSTOMERS);
      expect((await caller.sync.unsynced({})).total).toBe(0);
      db.$client.close();
    }, 180_000);
  }
});
