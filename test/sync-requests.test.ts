import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { syncCheckpoints, syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import type { EngineSession } from "@/server/qbwc/engine";
import { syncEngine } from "@/server/sync/engine";
import type { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testCompany } from "./support/simulator";
import { syncWith } from "./support/sync-driver";

// Sync now and selective sync are requests the Web Connector's next run honours: a server cannot start it.
let db: Database;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
});

const sync = (company: SimulatedCompany) => syncWith(db, company);

/** A company whose first import is done: its records read and approved, the run after that applied them. */
async function afterFirstImport() {
  const { company, clock } = testCompany({ customers: 3, items: 2, invoices: 2 });
  await sync(company);
  await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
  await sync(company);
  expect((await caller.sync.firstImport.status()).status).toBe("done");
  return { company, clock };
}

async function checkpoints() {
  const rows = await db.select().from(syncCheckpoints);
  return Object.fromEntries(rows.map((row) => [row.queryKey, row.timeModified]));
}

/** The root element of each request document a run sent ("CustomerQueryRq"). */
/** The queries of every message the run sent, in order (one message may carry several). */
function requestNames(sent: string[]): string[] {
  return sent.flatMap((xml) => [...xml.matchAll(/<(\w+Query\w*Rq)\b/g)].map((match) => match[1]!));
}

describe("Sync now", () => {
  it("records who asked and when, keeps the first request on a second click, and is cleared by the next completed run", async () => {
    const { company } = testCompany();
    expect(await caller.sync.requests.get()).toMatchObject({ syncNow: null, selective: null, runEveryNMinutes: 60 });

    const staff = callerFor(db, await createTestUser(db, "staff"));
    const asked = await staff.sync.requests.syncNow();
    expect(asked.syncNow).toMatchObject({
      requestedBy: expect.stringMatching(/^Test staff/),
      requestedAt: expect.any(Date),
      underWay: false,
    });
    const again = await caller.sync.requests.syncNow();
    expect(again.syncNow).toEqual(asked.syncNow);

    await sync(company);
    expect((await caller.sync.requests.get()).syncNow).toBeNull();
  });

  it("waits for the next run when asked while a run is under way", async () => {
    const { company } = testCompany();
    const session: EngineSession = { db, id: 7001, now: new Date(), quickBooks: null, requestsSent: 0, responsesReceived: 0 };
    await syncEngine.beginSession(session);
    await caller.sync.requests.syncNow();
    for (let request = await syncEngine.nextRequest(session); request !== null; request = await syncEngine.nextRequest(session)) {
      await syncEngine.handleResponse(session, { xml: company.handle(request), hresult: "", message: "" });
    }
    await syncEngine.sessionEnded(session, { kind: "completed" });
    company.endSession();
    expect((await caller.sync.requests.get()).syncNow).not.toBeNull();

    await sync(company);
    expect((await caller.sync.requests.get()).syncNow).toBeNull();
  });
});

describe("selective sync", () => {
  it("reads only the chosen list, from the chosen date, and leaves the other lists' checkpoints as they were", async () => {
    const { company } = await afterFirstImport();
    // As after reading a customer QuickBooks has since deleted: the checkpoint is newer than any customer left.
    await db.update(syncCheckpoints).set({ timeModified: "2023-06-01T09:00:00-05:00" }).where(eq(syncCheckpoints.queryKey, "Customer"));
    const before = await checkpoints();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["Customer", "Invoice", "ItemService"]));

    const staff = callerFor(db, await createTestUser(db, "staff"));
    await expect(staff.sync.requests.selective({ lists: ["customer"], from: "2022-01-15" })).rejects.toThrow(/Only an admin/);
    const asked = await caller.sync.requests.selective({ lists: ["customer"], from: "2022-01-15" });
    expect(asked.selective).toMatchObject({ lists: ["customer"], from: "2022-01-15", requestedBy: admin.name, underWay: false });

    const run = await sync(company);
    expect(requestNames(run.sent)).toEqual(["CustomerQueryRq"]);
    expect(run.sent[0]).toContain("<FromModifiedDate>2022-01-15T00:00:00</FromModifiedDate>");
    // A date older than the checkpoint never moves it back; the lists not read keep theirs.
    expect(await checkpoints()).toEqual(before);
    expect((await caller.sync.requests.get()).selective).toBeNull();

    // Done: the next run reads every list again, each from its own checkpoint.
    const next = await sync(company);
    expect(requestNames(next.sent)).toEqual(
      expect.arrayContaining(["CustomerQueryRq", "InvoiceQueryRq", "ListDeletedQueryRq", "TxnDeletedQueryRq"]),
    );
    expect(next.sent.find((xml) => xml.includes("<CustomerQueryRq"))).not.toContain("2022-01-15");
  });

  it("leaves a checkpoint where it was when the date is later than it, so the next run still finds what came between", async () => {
    const { company, clock } = await afterFirstImport();
    const customerCheckpoint = (await checkpoints()).Customer;
    clock.advance(2 * 86_400_000); // March 6
    company.updateCustomer(company.list("Customer")[0]!.id, { Phone: "207-555-0106" });
    clock.advance(5 * 86_400_000); // March 11
    company.updateCustomer(company.list("Customer")[1]!.id, { Phone: "207-555-0111" });

    await caller.sync.requests.selective({ lists: ["customer"], from: "2024-03-10" });
    await sync(company);
    const raised = async () => (await db.select().from(syncItems)).filter((item) => item.state === "candidate").map((item) => item.label);
    expect(await raised()).toEqual([company.list("Customer")[1]!.Name]);
    expect((await checkpoints()).Customer).toBe(customerCheckpoint);

    await sync(company);
    expect((await raised()).sort()).toEqual([company.list("Customer")[0]!.Name, company.list("Customer")[1]!.Name].sort());
  });

  it("is refused during the first import, and an admin can withdraw a request", async () => {
    await expect(caller.sync.requests.selective({ lists: ["invoice", "payment"], from: null })).rejects.toThrow(
      /^Selective sync is for after the first import/,
    );

    const { company } = testCompany({}, { starterLists: false });
    await sync(company);
    await caller.sync.requests.selective({ lists: ["invoice", "payment"], from: null });
    await caller.sync.requests.syncNow();
    const staff = callerFor(db, await createTestUser(db, "staff"));
    await expect(staff.sync.requests.cancel({ request: "selective" })).rejects.toThrow(/Only an admin/);
    expect(await caller.sync.requests.cancel({ request: "selective" })).toMatchObject({ selective: null, syncNow: expect.any(Object) });

    const run = await sync(company);
    expect(requestNames(run.sent)).toContain("CustomerQueryRq");
  });
});
