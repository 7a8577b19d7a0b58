import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/roles";
import { companyFileStatus } from "@/server/qbwc/company-file";
import { syncEngine } from "@/server/sync/engine";
import { SimulatedCompany, SimulatedWebConnector } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { QBWC_PASSWORD, QBWC_USERNAME, useQbwcEndpoint } from "./support/qbwc-endpoint";

const qbwc = useQbwcEndpoint({ engine: syncEngine, sleep: async () => {} });
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

beforeAll(async () => {
  admin = await createTestUser(qbwc.db, "admin");
  caller = callerFor(qbwc.db, admin);
});

/** One Web Connector session; `onRequest` runs as each message reaches QuickBooks, before it is answered. */
function run(company: SimulatedCompany, onRequest?: () => unknown) {
  const validateRequest = async (xml: string) => {
    await onRequest?.();
    return xml ? [] : ["empty"];
  };
  return new SimulatedWebConnector({
    url: qbwc.url,
    username: QBWC_USERNAME,
    password: QBWC_PASSWORD,
    company,
    noOpDelayMs: 0,
    validateRequest,
  }).run();
}

describe("pausing syncing", () => {
  it("binds, reads and sends nothing while paused, says why in the Web Connector and the header, and picks up after resuming", async () => {
    const company = new SimulatedCompany({ starterLists: false });
    company.addCustomer({ Name: "Juniper Court HOA" });
    await caller.sync.discoverLocal();

    await caller.settings.qbwc.pause({ reason: "Year-end close in QuickBooks" });
    const status = await caller.webConnector.status();
    expect(status).toMatchObject({
      state: "paused",
      label: "Sync paused",
      pause: { reason: "Year-end close in QuickBooks", by: { name: admin.name } },
    });

    let requests = 0;
    const paused = await run(company, () => (requests += 1));
    expect(paused.outcome).toBe("nothing-to-do");
    expect(paused.authenticate?.[1]).toBe("none");
    expect(paused.closeMessage).toBe(
      `Syncing is paused in Ledgerbridge by ${admin.name}: Year-end close in QuickBooks. An admin resumes it under Settings → Web Connector.`,
    );
    expect(requests).toBe(0);
    expect((await companyFileStatus(qbwc.db)).bound).toBeNull();
    expect(await caller.sync.candidateCounts()).toEqual({ import: 0, export: 0 });
    await expect(caller.settings.qbwc.pause({ reason: "again" })).rejects.toThrow("Syncing is already paused");

    await caller.settings.qbwc.resume();
    expect((await caller.webConnector.status()).state).not.toBe("paused");
    const resumed = await run(company);
    expect(resumed.outcome).toBe("completed");
    expect((await companyFileStatus(qbwc.db)).bound).not.toBeNull();
    expect((await caller.sync.candidateCounts()).import).toBe(1);

    const audit = (await caller.sync.auditLog({ action: "settings", sort: "at", direction: "asc", pageSize: 50 })).rows.map(
      (row) => row.detail,
    );
    expect(audit).toContain("Paused syncing: Year-end close in QuickBooks");
    expect(audit.find((detail) => detail?.startsWith("Resumed syncing"))).toMatch(
      new RegExp(`^Resumed syncing \\(paused by ${admin.name} on \\d{4}-\\d{2}-\\d{2}: Year-end close in QuickBooks\\)$`),
    );
  });

  it("stops a run under way at its next request, keeping what it already sent", async () => {
    const company = new SimulatedCompany({ starterLists: false });
    await run(company);
    // What the first test left undecided is cleared, so exports are open.
    await caller.sync.approve({ checked: [], uncheckedRule: "clear" });
    for (const name of ["Laurel Ridge Dental", "Magnolia Vet"]) await caller.customers.create({ name });
    await caller.sync.discoverLocal();
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });

    // Paused while QuickBooks answers the first message: the answer is recorded, nothing more is sent.
    let messages = 0;
    const log = await run(company, async () => {
      messages += 1;
      if (messages === 1) await caller.settings.qbwc.pause({ reason: "Restoring a backup" });
    });
    expect(log.outcome).toBe("failed");
    expect(log.lastError).toContain("Syncing is paused in Ledgerbridge");
    expect(messages).toBe(1);
    expect(company.count("Customer")).toBe(2);
    expect((await caller.sync.pending({})).total).toBe(0);
    await caller.settings.qbwc.resume();
  });
});
