import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { syncAudit } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { auditCsv } from "@/server/sync/lists";
import { DEFAULT_SYNC_SETTINGS } from "@/server/sync/settings";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";

let db: Database;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  db = await createTestDatabase();
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
});

/** The audit log's lines, oldest first. */
async function auditLines(action?: "settings" | "user") {
  const page = await caller.sync.auditLog({ action, pageSize: 100, sort: "at", direction: "asc" });
  return page.rows.map((row) => ({ who: row.userName, action: row.action, detail: row.detail }));
}

async function csvOf(input: Parameters<typeof auditCsv>[1]) {
  let text = "";
  for await (const chunk of auditCsv(db, input)) text += chunk;
  return text.trim().split("\r\n");
}

describe("the audit log", () => {
  it("records a sync settings save setting by setting: values before and after, and what a list gained or lost", async () => {
    await caller.sync.saveSettings({
      ...DEFAULT_SYNC_SETTINGS,
      batchSize: 100,
      startDate: "2025-01-01",
      excludedPaymentMethods: ["Cash", "Visa"],
      syncTypes: { ...DEFAULT_SYNC_SETTINGS.syncTypes, vendor: false },
      autoApprove: [{ direction: "import", entityType: "payment", actions: ["add"], paymentMethod: "Visa" }],
    });
    await caller.sync.saveSettings({
      ...DEFAULT_SYNC_SETTINGS,
      batchSize: 100,
      startDate: "2025-01-01",
      excludedPaymentMethods: ["Visa", "Check"],
      syncTypes: { ...DEFAULT_SYNC_SETTINGS.syncTypes, vendor: false },
      conflictPolicy: "quickbooks",
    });
    const [first, second] = await auditLines("settings");
    expect(first).toEqual({
      who: admin.name,
      action: "settings",
      detail:
        "Sync settings. Batch size: 50 → 100. Start date: none → 2025-01-01. Payment methods that do not sync: added Cash, Visa. " +
        "Sync vendors: on → off. Automatic approval rules: added new payments paid by Visa from QuickBooks.",
    });
    expect(second!.detail).toBe(
      "Sync settings. Payment methods that do not sync: added Check; removed Cash. Changed on both sides: ask → QuickBooks wins. " +
        "Automatic approval rules: removed new payments paid by Visa from QuickBooks.",
    );
  });

  it("writes nothing when a save changes nothing", async () => {
    await caller.sync.saveSettings(DEFAULT_SYNC_SETTINGS);
    expect(await auditLines()).toEqual([]);
  });

  it("records the Web Connector's user name, public URL and schedule, never the password", async () => {
    await caller.settings.qbwc.setCredentials({ username: "office-pc", password: "correct horse battery" });
    await caller.settings.qbwc.setCredentials({ username: "office-pc", password: "another long password" });
    await caller.settings.qbwc.setPublicUrl({ publicUrl: "https://books.example.test" });
    await caller.settings.qbwc.setSchedule({ runEveryNMinutes: 30 });
    await caller.settings.qbwc.setSchedule({ runEveryNMinutes: 30 });
    const details = (await auditLines("settings")).map((line) => line.detail);
    expect(details).toEqual([
      "Web Connector user name and password: none → office-pc. A session open under the old ones stops at its next call.",
      "Web Connector password changed for office-pc. A session open under the old ones stops at its next call.",
      "Public URL: from the environment or the request → https://books.example.test.",
      "Web Connector runs every: 60 minutes → 30 minutes (in the .qwc file: download it again and add it to the Web Connector).",
    ]);
    expect(details.join(" ")).not.toMatch(/horse|another long/);
  });

  it("records users added, their role changed, and disabled and enabled again", async () => {
    const dana = await caller.users.create({
      email: "dana@example.com",
      name: "Dana Reyes",
      password: "a long enough password",
      role: "staff",
    });
    await caller.users.change({ id: dana.id, role: "admin" });
    await caller.users.change({ id: dana.id, active: false });
    await caller.users.change({ id: dana.id, active: true, role: "staff" });
    const details = (await auditLines("user")).map((line) => line.detail);
    expect(details).toEqual([
      "Added Dana Reyes (dana@example.com) as staff.",
      "Dana Reyes (dana@example.com): role: staff → admin.",
      "Dana Reyes (dana@example.com): disabled (can no longer sign in).",
      "Dana Reyes (dana@example.com): role: admin → staff; enabled again.",
    ]);
  });

  it("exports to CSV under the page's filters, leaving out lines written while it downloads", async () => {
    await caller.users.create({
      email: "sam@example.com",
      name: 'Sam, "the" Bookkeeper',
      password: "a long enough password",
      role: "staff",
    });
    await caller.settings.qbwc.setSchedule({ runEveryNMinutes: 15 });
    const users = await csvOf({ action: "user" });
    expect(users[0]).toBe("When,Who,Action,Record,Detail");
    expect(users).toHaveLength(2);
    expect(users[1]).toContain(`,${admin.name},user,,"Added Sam, ""the"" Bookkeeper (sam@example.com) as staff."`);
    expect(await csvOf({ search: "15 minutes" })).toHaveLength(2);

    // A line written after the download began is not in the file (no row shifts onto two pages).
    const lines = auditCsv(db, {});
    expect((await lines.next()).value).toBe("When,Who,Action,Record,Detail\r\n");
    await db
      .insert(syncAudit)
      .values({ at: new Date(), userId: admin.id, userName: admin.name, action: "settings", detail: "written meanwhile" });
    let rest = "";
    for await (const chunk of lines) rest += chunk;
    expect(rest).not.toContain("written meanwhile");
    expect(rest.trim().split("\r\n")).toHaveLength(2);
  });
});
