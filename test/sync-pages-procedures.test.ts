import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { endSession, openSession, recordRefusedSession, updateSession } from "@/server/qbwc/sessions";
import { setRunEveryNMinutes } from "@/server/qbwc/settings";
import { connectorStatus } from "@/server/qbwc/status";
import { syncReportCsv } from "@/server/sync/lists";
import { csvLine, recordAttempt } from "@/server/sync/report";
import { findStatusCode, statusCodeGuide } from "@/server/sync/status-codes";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { SimulatedCompany } from "@/scripts/simulator";
import { runSync } from "./support/sync-driver";

// What the office manager's pages ask of the server beyond the engine itself: the header dot, the wizard's
// selection across pages, the report's date range and CSV, and the status code guide.
let db: Database;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2025, 2, 10, 9, 0) + minutes * MINUTE);
const IDLE_MINUTES = 30;

beforeEach(async () => {
  db = await createTestDatabase();
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
});

async function completedRun(startMinute: number, endMinute: number) {
  const opened = await openSession(db, "greenleaf-qb", at(startMinute), null);
  if (opened.kind !== "opened") throw new Error("expected a session");
  await endSession(db, opened.session, "completed", at(endMinute));
}

async function customerCandidates(names: string[]) {
  for (const name of names) await caller.customers.create({ name });
  await caller.sync.discoverLocal();
  const page = await caller.sync.candidates({ section: "export", pageSize: 200 });
  return new Map(page.rows.map((row) => [row.label, row.id]));
}

async function stateOf(id: number) {
  const [row] = await db.select({ state: syncItems.state }).from(syncItems).where(eq(syncItems.id, id));
  return row?.state;
}

describe("the Web Connector status dot", () => {
  it("is grey and says so before the Web Connector ever called", async () => {
    const status = await connectorStatus(db, at(0), IDLE_MINUTES);
    expect(status).toMatchObject({ state: "never", label: "Never connected", lastContactAt: null, active: null });
    expect(status.detail).toContain(".qwc");
  });

  it("is green with the time of the last run while runs keep to the schedule", async () => {
    await setRunEveryNMinutes(db, { runEveryNMinutes: 60 });
    await completedRun(0, 3);
    const status = await connectorStatus(db, at(15), IDLE_MINUTES);
    expect(status).toMatchObject({ state: "ok", label: "QuickBooks reached 12 minutes ago", runEveryNMinutes: 60 });
    expect(status.nextRunDueAt).toEqual(at(63));
    // One missed run is still within the schedule.
    expect((await connectorStatus(db, at(100), IDLE_MINUTES)).state).toBe("ok");
  });

  it("is amber while a session runs, with its progress and an estimate from its pace", async () => {
    await completedRun(0, 3);
    const opened = await openSession(db, "greenleaf-qb", at(60), null);
    if (opened.kind !== "opened") throw new Error("expected a session");
    await updateSession(db, opened.session, { lastCallAt: at(64), percentDone: 40, requestsSent: 9, responsesReceived: 8 });
    const status = await connectorStatus(db, at(64), IDLE_MINUTES);
    expect(status).toMatchObject({ state: "running", label: "Sync running" });
    // 40% took 4 minutes, so 60% more takes about 6.
    expect(status.active).toMatchObject({ percentDone: 40, requestsSent: 9, responsesReceived: 8, etaSeconds: 360 });
  });

  it("is red once two scheduled runs passed without a call, and says how long", async () => {
    await setRunEveryNMinutes(db, { runEveryNMinutes: 60 });
    await completedRun(0, 3);
    const status = await connectorStatus(db, at(3 + 3 * 60 + 10), IDLE_MINUTES);
    expect(status).toMatchObject({ state: "late", label: "No contact for 3 hours" });
    expect(status.detail).toMatch(/QuickBooks is open with the company file.*Auto-Run/);
  });

  it("is red with the reason when the last run failed, e.g. a wrong Web Connector password", async () => {
    await completedRun(0, 3);
    await recordRefusedSession(db, {
      username: "greenleaf-qb",
      status: "not_valid_user",
      now: at(60),
      lastError: "The password is wrong.",
    });
    const status = await connectorStatus(db, at(62), IDLE_MINUTES);
    expect(status).toMatchObject({ state: "failing", label: "Last run failed" });
    expect(status.detail).toContain("The password is wrong.");
  });

  it("is served to any signed-in person through webConnector.status", async () => {
    const staff = callerFor(db, await createTestUser(db, "staff"));
    expect((await staff.webConnector.status()).state).toBe("never");
    await expect(callerFor(db, null).webConnector.status()).rejects.toThrow(/Sign in/);
  });
});

describe("the Sync Wizard's selection", () => {
  beforeEach(async () => {
    // The first import is done: a first run found nothing in QuickBooks to import, so exports may be approved.
    await runSync(db, (xml) => new SimulatedCompany({ starterLists: false }).handle(xml));
  });

  it("approves everything matching the filter except the rows unticked, and keeps those for the next run", async () => {
    const ids = await customerCandidates(["Alder Street Co-op", "Birch Lane Condos", "Cedar Row Dental"]);
    const listed = await caller.sync.candidates({ section: "export" });
    const birch = ids.get("Birch Lane Condos")!;

    const result = await caller.sync.approve({
      checked: { filter: { section: "export" }, except: [birch] },
      uncheckedRule: "keep",
      listedAt: listed.listedAt,
    });
    expect(result).toEqual({ approved: 2, dismissed: 0 });
    expect(await stateOf(birch)).toBe("candidate");
    expect(await stateOf(ids.get("Alder Street Co-op")!)).toBe("pending");
  });

  it("clears only the unticked rows the person was shown, not candidates hidden by the filter", async () => {
    const ids = await customerCandidates(["Alder Street Co-op", "Birch Lane Condos", "Maple Court HOA"]);
    const shown = { section: "export" as const, search: "Lane" };
    const listed = await caller.sync.candidates(shown);
    expect(listed.total).toBe(1);

    // Looking at "Lane" only, with nothing ticked and Clear Unchecked: Birch Lane goes, the others stay.
    const result = await caller.sync.approve({ checked: [], uncheckedRule: "clear", shown, listedAt: listed.listedAt });
    expect(result).toEqual({ approved: 0, dismissed: 1 });
    expect(await stateOf(ids.get("Birch Lane Condos")!)).toBe("dismissed");
    expect(await stateOf(ids.get("Maple Court HOA")!)).toBe("candidate");
  });

  it("approves nothing by filter that changed after the list was read, so nothing crosses unseen", async () => {
    const ids = await customerCandidates(["Alder Street Co-op"]);
    const listed = await caller.sync.candidates({ section: "export" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await caller.customers.create({ name: "Late Arrival LLC" });
    await caller.sync.discoverLocal();

    const result = await caller.sync.approve({
      checked: { filter: { section: "export" } },
      uncheckedRule: "clear",
      listedAt: listed.listedAt,
    });
    expect(result).toEqual({ approved: 1, dismissed: 0 });
    expect(await stateOf(ids.get("Alder Street Co-op")!)).toBe("pending");
    const late = await caller.sync.candidates({ section: "export" });
    expect(late.rows.map((row) => row.label)).toEqual(["Late Arrival LLC"]);
  });

  it("counts the candidates of each section for the tabs", async () => {
    await customerCandidates(["Alder Street Co-op", "Birch Lane Condos"]);
    expect(await caller.sync.candidateCounts()).toEqual({ import: 0, export: 2 });
  });
});

describe("the Sync Report", () => {
  it("filters Successful and Failed by a date range, and explains why pending items wait", async () => {
    const qb = new SimulatedCompany({ starterLists: false });
    // The first run reads QuickBooks (nothing there), which ends the first import.
    await runSync(db, (xml) => qb.handle(xml));
    await customerCandidates(["Alder Street Co-op", "Birch Lane Condos"]);
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "clear" });
    // Then a vendor of that name is added in QuickBooks, so the customer's Add is refused with 3100 (one name pool).
    qb.addVendor({ Name: "Birch Lane Condos" });
    const pending = await caller.sync.pending({});
    expect(pending.rows.map((row) => [row.stateLabel, row.reason])).toContainEqual([
      "Approved",
      "Approved; it goes on the next Web Connector run.",
    ]);

    await runSync(db, (xml) => qb.handle(xml));
    const today = new Date();
    const tomorrow = new Date(today.getTime() + 24 * 60 * MINUTE);
    expect((await caller.sync.successful({ from: new Date(today.getTime() - 60 * MINUTE), to: tomorrow })).total).toBe(1);
    expect((await caller.sync.failed({ from: new Date(today.getTime() - 60 * MINUTE) })).rows[0]).toMatchObject({ statusCode: "3100" });
    expect((await caller.sync.successful({ to: new Date(today.getTime() - 60 * MINUTE) })).total).toBe(0);
    const [unsynced] = (await caller.sync.unsynced({})).rows;
    expect(unsynced?.guidance.guideCode).toBe("3100");
  });

  it("says who approved each pending change and when, and shows the qbXML the next run sends for it", async () => {
    const qb = new SimulatedCompany({ starterLists: false });
    qb.addCustomer({ Name: "Cedar Point Marina", Phone: "919-555-0142" });
    // The first run reads QuickBooks' customer; the office approves its import and a new customer's export.
    await runSync(db, (xml) => qb.handle(xml));
    qb.endSession();
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await customerCandidates(["Dogwood Dental"]);
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });

    const pending = new Map((await caller.sync.pending({})).rows.map((row) => [row.label, row]));
    expect(pending.get("Dogwood Dental")).toMatchObject({ approverName: admin.name, direction: "export" });
    expect(pending.get("Dogwood Dental")!.approvedAt).toBeInstanceOf(Date);
    expect(pending.get("Cedar Point Marina")).toMatchObject({ approverName: admin.name, direction: "import" });

    // An export sends its Add; an approved import is read again by its ListID before it is applied.
    const exportXml = await caller.sync.preview({ id: pending.get("Dogwood Dental")!.id });
    expect(exportXml).toMatch(/<CustomerAddRq requestID="\d+"><CustomerAdd><Name>Dogwood Dental<\/Name>/);
    const importXml = await caller.sync.preview({ id: pending.get("Cedar Point Marina")!.id });
    expect(importXml).toMatch(/<CustomerQueryRq requestID="\d+"><ListID>[^<]+<\/ListID>/);

    // An export whose answer was lost is looked up first: that lookup is what the next run sends.
    await db
      .update(syncItems)
      .set({ state: "in_doubt", lookupFirst: true })
      .where(eq(syncItems.id, pending.get("Dogwood Dental")!.id));
    expect(await caller.sync.preview({ id: pending.get("Dogwood Dental")!.id })).toMatch(
      /<CustomerQueryRq requestID="\d+">[\s\S]*Dogwood Dental/,
    );

    // A change approved by an automatic rule has no person; the CSV says so.
    await db
      .update(syncItems)
      .set({ approvedBy: null })
      .where(eq(syncItems.id, pending.get("Cedar Point Marina")!.id));
    let csv = "";
    for await (const chunk of syncReportCsv(db, { section: "pending" })) csv += chunk;
    expect(csv).toContain(",An automatic rule\r\n");
    expect(csv).toContain(`,${admin.name}\r\n`);
  });

  it("sums up each run per type and side, and lists exactly that run's rows when asked", async () => {
    const qb = new SimulatedCompany({ starterLists: false });
    await runSync(db, (xml) => qb.handle(xml));
    await customerCandidates(["Elm Grove Bakery", "Fir Street Florist"]);
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "clear" });
    qb.addVendor({ Name: "Fir Street Florist" });
    const run = await runSync(db, (xml) => qb.handle(xml));
    // A later run's attempts are not this run's.
    await customerCandidates(["Gum Tree Cafe"]);
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "clear" });
    await runSync(db, (xml) => qb.handle(xml));

    const summaries = await caller.sync.runSummaries({ sessionIds: [run.sessionId] });
    expect(summaries[run.sessionId]!.byType).toEqual([
      { entityType: "customer", direction: "export", created: 1, updated: 0, matched: 0, deleted: 0, failed: 1 },
    ]);
    const successful = await caller.sync.successful({ run: run.sessionId, entityType: "customer" });
    expect(successful.rows.map((row) => row.label)).toEqual(["Elm Grove Bakery"]);
    expect((await caller.sync.failed({ run: run.sessionId })).rows.map((row) => row.label)).toEqual(["Fir Street Florist"]);
    expect((await caller.sync.successful({})).total).toBe(2);
  });

  it("writes CSV a spreadsheet reads back intact: quotes, commas, line breaks, and no formulas", async () => {
    expect(csvLine(['Smith, Jones & "Co"', "two\nlines", 3100, null, "=HYPERLINK(1)", "-12"])).toBe(
      '"Smith, Jones & ""Co""","two\nlines",3100,,\'=HYPERLINK(1),-12\r\n',
    );
  });

  it("streams the Failed section as CSV with the same filters as the page", async () => {
    const [item] = await db
      .insert(syncItems)
      .values({
        direction: "export",
        entityType: "customer",
        recordKey: "local:1",
        action: "add",
        state: "failed",
        label: 'Harbor "View", Dental',
        fingerprint: "x",
        createdAt: at(0),
        updatedAt: at(0),
      })
      .returning();
    await recordAttempt(db, item!, { sessionId: null, result: "failed", statusCode: "3100", statusMessage: "Name in use", now: at(0) });
    await recordAttempt(db, item!, { sessionId: null, result: "failed", statusCode: "3120", statusMessage: "Not found", now: at(60 * 24) });

    let text = "";
    for await (const chunk of syncReportCsv(db, { section: "failed", from: at(-60), to: at(60) })) text += chunk;
    expect(text.split("\r\n")).toEqual([
      "When,Result,Direction,Type,Record,Action,Status code,QuickBooks message",
      `${at(0).toISOString()},failed,export,Customer,"Harbor ""View"", Dental",add,3100,Name in use`,
      "",
    ]);
  });
});

describe("the Status Code Reference Guide", () => {
  it("lists every code of the table and finds one whatever its case", async () => {
    const guide = statusCodeGuide();
    expect(guide.length).toBeGreaterThan(90);
    expect(guide.map((entry) => entry.code)).toContain("3120");
    expect(findStatusCode("0x8004040a")?.code).toBe("0x8004040A");
    expect(await caller.sync.statusCode({ code: "qbwc1039" })).toMatchObject({ code: "QBWC1039" });
    expect(await caller.sync.statusCode({ code: "9999999" })).toBeNull();
  });
});
