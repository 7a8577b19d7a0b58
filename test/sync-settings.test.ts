import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import type { Database } from "@/db";
import { writeSetting } from "@/server/settings";
import { DEFAULT_SYNC_SETTINGS, SYNC_SETTINGS_KEY, syncSettings } from "@/server/sync/settings";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";

// Stored sync settings are read field by field: a field that no longer parses takes its default and is reported,
// and every other field keeps what the admin chose.
let db: Database;
let caller: ReturnType<typeof callerFor>;
let serverLog: MockInstance<typeof console.warn>;

/** Settings an admin chose, none of them a default. */
const CHOSEN = {
  batchSize: 20,
  onlyInLedgerbridge: "ignore",
  onlyInQuickBooks: "ignore",
  startDate: "2025-01-01",
  excludedPaymentMethods: ["Card Terminal"],
  syncTypes: {
    customer: true,
    vendor: false,
    item: true,
    invoice: true,
    payment: true,
    purchaseOrder: false,
    bill: false,
    billPayment: false,
  },
  conflictPolicy: "quickbooks",
  ncOnlyZeroAmountInvoices: true,
  sendAll: false,
  autoApprove: [{ direction: "export", entityType: "payment", actions: ["add"], paymentMethod: null }],
  fieldMapping: { skipped: { customer: ["phone"], vendor: [], item: [] }, customFields: [] },
} as const;

beforeAll(async () => {
  db = await createTestDatabase();
  caller = callerFor(db, await createTestUser(db, "admin"));
});

beforeEach(() => {
  serverLog = vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  serverLog.mockRestore();
});

describe("stored sync settings with a field that cannot be read", () => {
  it("syncs purchase orders and bills under settings saved before they synced, keeping every type chosen then", async () => {
    const { purchaseOrder: _purchaseOrder, bill: _bill, billPayment: _billPayment, ...before } = CHOSEN.syncTypes;
    await writeSetting(db, SYNC_SETTINGS_KEY, { ...CHOSEN, syncTypes: before });
    const { settings, unreadable } = await caller.sync.settings();
    expect(settings.syncTypes).toEqual({ ...before, purchaseOrder: true, bill: true, billPayment: true });
    expect(unreadable).toEqual([]);
  });

  it("keeps Send All off and every other choice when the start date is broken, and names the start date", async () => {
    await writeSetting(db, SYNC_SETTINGS_KEY, { ...CHOSEN, startDate: 42 });
    const { settings, unreadable } = await caller.sync.settings();
    expect(settings).toEqual({ ...CHOSEN, startDate: null });
    expect(unreadable).toEqual(["startDate"]);
  });

  it("gives a broken Send All its default and keeps the rest", async () => {
    await writeSetting(db, SYNC_SETTINGS_KEY, { ...CHOSEN, sendAll: "maybe", batchSize: 0 });
    const { settings, unreadable } = await caller.sync.settings();
    expect(settings).toEqual({ ...CHOSEN, sendAll: true, batchSize: DEFAULT_SYNC_SETTINGS.batchSize });
    expect(unreadable).toEqual(["batchSize", "sendAll"]);
    // The engine reads the same, inside its transaction as outside.
    expect(await syncSettings(db)).toEqual(settings);
    expect(await db.transaction((tx) => syncSettings(tx))).toEqual(settings);
  });

  it("says so in the server log once, naming the fields, however often the settings are read", async () => {
    await writeSetting(db, SYNC_SETTINGS_KEY, { ...CHOSEN, conflictPolicy: "whoever shouts" });
    await caller.sync.settings();
    await syncSettings(db);
    expect(serverLog).toHaveBeenCalledTimes(1);
    expect(serverLog.mock.calls[0]![0]).toContain("conflictPolicy");
  });

  it("reports nothing once the settings are saved again", async () => {
    await writeSetting(db, SYNC_SETTINGS_KEY, { ...CHOSEN, fieldMapping: { skipped: "phone" } });
    const read = await caller.sync.settings();
    expect(read.unreadable).toEqual(["fieldMapping"]);
    await caller.sync.saveSettings(read.settings);
    expect(await caller.sync.settings()).toEqual({
      settings: { ...CHOSEN, fieldMapping: DEFAULT_SYNC_SETTINGS.fieldMapping },
      unreadable: [],
    });
  });

  it("reads a setting never stored (added in a later version) as its default without reporting it", async () => {
    const { sendAll, startDate } = CHOSEN;
    await writeSetting(db, SYNC_SETTINGS_KEY, { batchSize: 20, sendAll, startDate });
    expect(await caller.sync.settings()).toEqual({
      settings: { ...DEFAULT_SYNC_SETTINGS, batchSize: 20, sendAll, startDate },
      unreadable: [],
    });
    expect(serverLog).not.toHaveBeenCalled();
  });

  it("reads stored settings that are not an object at all as the defaults, naming every field", async () => {
    await writeSetting(db, SYNC_SETTINGS_KEY, "sendAll=false");
    const { settings, unreadable } = await caller.sync.settings();
    expect(settings).toEqual(DEFAULT_SYNC_SETTINGS);
    expect([...unreadable].sort()).toEqual(Object.keys(DEFAULT_SYNC_SETTINGS).sort());
  });
});
