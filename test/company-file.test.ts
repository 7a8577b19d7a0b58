import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { refusedCompanyFile } from "@/server/qbwc/company-file";
import { setQbwcCredentials } from "@/server/qbwc/credentials";
import { handleQbwcHttp } from "@/server/qbwc/http";
import { listRuns } from "@/server/qbwc/sessions";
import { syncEngine } from "@/server/sync/engine";
import { SimulatedWebConnector, type SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { serveFetchHandler, type FetchServer } from "./support/fetch-server";
import { testCompany } from "./support/simulator";

// The first Web Connector run binds Ledgerbridge to its QuickBooks company file; a run from another
// file is refused, with a sentence the Web Connector shows, until an admin rebinds on purpose.
const USERNAME = "office-pc";
const PASSWORD = "correct horse battery";
const FOLDER = "C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files";
const HARBOR = `${FOLDER}\\Harbor Light Wholesale.QBW`;
const SAMPLE = `${FOLDER}\\sample_product-based business.qbw`;

let db: Database;
let server: FetchServer;
let clock = new Date("2025-03-03T09:00:00Z");

beforeAll(async () => {
  server = await serveFetchHandler((request) =>
    handleQbwcHttp(db, request, { engine: syncEngine, now: () => new Date(clock), sleep: async () => {} }),
  );
});

afterAll(() => server.close());

beforeEach(async () => {
  db = await createTestDatabase();
  await setQbwcCredentials(db, { username: USERNAME, password: PASSWORD });
});

/** One Update Selected in the Web Connector, an hour after the last. */
async function run(company: SimulatedCompany) {
  clock = new Date(clock.getTime() + 3600_000);
  const connector = new SimulatedWebConnector({
    url: `${server.url}/qbwc`,
    username: USERNAME,
    password: PASSWORD,
    company,
    noOpDelayMs: 0,
  });
  return connector.run();
}

async function latestRun() {
  return (await listRuns(db, { pageSize: 1 })).rows[0]!;
}

const companyAt = (path: string, companyName: string) => testCompany({ customers: 3 }, { companyFile: path, companyName }).company;

describe("one company file", () => {
  it("binds to the company file of the first run and refuses a run from another, saying why and what to do", async () => {
    const admin = callerFor(db, await createTestUser(db, "admin"));
    expect(await admin.settings.companyFile.get()).toEqual({ bound: null, rebindRequested: null });

    const harbor = companyAt(HARBOR, "Harbor Light Wholesale");
    expect((await run(harbor)).outcome).toBe("completed");
    const bound = await admin.settings.companyFile.get();
    expect(bound.bound).toMatchObject({ path: HARBOR, companyName: "Harbor Light Wholesale", boundAt: clock, replaced: null });
    const importsFromHarbor = (await admin.sync.candidates({ section: "import", pageSize: 200 })).total;
    expect(importsFromHarbor).toBeGreaterThan(0);

    const sample = companyAt(SAMPLE, "Sample Product Company");
    const refused = await run(sample);
    expect(refused.outcome).toBe("failed");
    const sentence =
      `QuickBooks has the company file ${SAMPLE} open, but Ledgerbridge syncs only with ${HARBOR}, so this run was stopped before anything was read or sent. ` +
      `Open ${HARBOR} in QuickBooks and run the Web Connector again. If Ledgerbridge should sync with this company file from now on, ` +
      `an admin chooses "Rebind to the next company file that connects" in Ledgerbridge's Settings first.`;
    // sendRequestXML answered "", so QBWC asked getLastError and shows its sentence, then closed.
    expect(refused.calls.map((call) => call.method)).toEqual([
      "serverVersion",
      "clientVersion",
      "authenticate",
      "sendRequestXML",
      "getLastError",
      "closeConnection",
    ]);
    expect(refused.lastError).toBe(sentence);
    expect(refused.closeMessage).toBe(`Stopped: ${sentence}`);
    expect(refused.exchanges).toEqual([]);
    // The run log keeps the refused run, with the file it came from and why.
    expect(await latestRun()).toMatchObject({ status: "failed", companyFile: SAMPLE, lastError: sentence });
    // Nothing of the other company file reached the wizard.
    expect((await admin.sync.candidates({ section: "import", pageSize: 200 })).total).toBe(importsFromHarbor);

    // The bound file is recognised however Windows spells its path.
    expect((await run(companyAt(HARBOR.toUpperCase(), "Harbor Light Wholesale"))).outcome).toBe("completed");
    expect((await admin.settings.companyFile.get()).bound?.path).toBe(HARBOR);
  });

  it("rebinds only when an admin asks, to the next company file that connects", async () => {
    const admin = await createTestUser(db, "admin");
    const caller = callerFor(db, admin);
    await run(companyAt(HARBOR, "Harbor Light Wholesale"));

    const staff = callerFor(db, await createTestUser(db, "staff"));
    await expect(staff.settings.companyFile.rebind()).rejects.toThrow(/Only an admin/);
    await expect(staff.settings.companyFile.get()).rejects.toThrow(/Only an admin/);

    const released = await caller.settings.companyFile.rebind();
    expect(released).toEqual({ bound: null, rebindRequested: { at: expect.any(Date), by: admin.name, previousPath: HARBOR } });

    const sample = companyAt(SAMPLE, "Sample Product Company");
    expect((await run(sample)).outcome).toBe("completed");
    expect((await caller.settings.companyFile.get()).bound).toMatchObject({ path: SAMPLE, replaced: HARBOR });

    const backToHarbor = await run(companyAt(HARBOR, "Harbor Light Wholesale"));
    expect(backToHarbor.outcome).toBe("failed");
    expect(backToHarbor.lastError).toContain(`Ledgerbridge syncs only with ${SAMPLE}`);
  });

  it("lets two simultaneous first runs agree on one company file", async () => {
    const now = new Date();
    const answers = await Promise.all([
      refusedCompanyFile(db, { path: HARBOR, companyName: null, sessionId: 1, now }),
      refusedCompanyFile(db, { path: SAMPLE, companyName: null, sessionId: 2, now }),
    ]);
    expect(answers.filter((answer) => answer === null)).toHaveLength(1);
  });
});
